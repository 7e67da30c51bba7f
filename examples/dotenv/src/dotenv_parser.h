// The .env grammar, free of any runtime type so it can be read (and reasoned about) on its own.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dotenv {

// One KEY=value assignment, in file order (a key may repeat: the last one wins).
struct Entry {
    std::string key;
    std::string value;
};

// A line the grammar rejects. `line` is 1-based; what() says what was wrong there.
class ParseError : public std::runtime_error {
  public:
    ParseError(std::size_t line, const std::string& what)
        : std::runtime_error("line " + std::to_string(line) + ": " + what), line_(line) {}
    std::size_t line() const noexcept { return line_; }

  private:
    std::size_t line_;
};

// Parses the text of a .env file:
//   - `KEY=value` per line, blank lines and `# comment` lines ignored, CRLF accepted;
//   - an optional `export ` before the key; whitespace around the key, the `=` and the value;
//   - unquoted values end at `#` (a comment) and are trimmed; `KEY=` is the empty string;
//   - 'single quotes' keep their text literally; "double quotes" expand \n \t \r \" and \\;
//     both may span lines, and only whitespace or a comment may follow the closing quote.
// Keys are [A-Za-z_][A-Za-z0-9_.-]*. Throws ParseError on a line with no `=`, a bad key, an
// unterminated quote, or text after a closing quote.
std::vector<Entry> parse(std::string_view text);

} // namespace dotenv
