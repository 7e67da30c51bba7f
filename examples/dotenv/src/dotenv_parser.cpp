#include "dotenv_parser.h"

namespace dotenv {
namespace {

bool is_blank(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

bool is_key_start(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}
bool is_key_char(char c) {
    return is_key_start(c) || (c >= '0' && c <= '9') || c == '.' || c == '-';
}

// A cursor over the whole text, so that a quoted value may continue on the next lines.
class Reader {
  public:
    explicit Reader(std::string_view text) : text_(text) {}

    bool done() const { return pos_ >= text_.size(); }
    std::size_t line() const { return line_; }

    void skip_blanks() {
        while (!done() && is_blank(text_[pos_]))
            ++pos_;
    }
    // Skips to the start of the next line (past the '\n').
    void skip_line() {
        while (!done() && text_[pos_] != '\n')
            ++pos_;
        next_line();
    }
    void next_line() {
        if (!done()) {
            ++pos_;
            ++line_;
        }
    }
    bool at(char c) const { return !done() && text_[pos_] == c; }
    bool at_end_of_line() const { return done() || text_[pos_] == '\n'; }
    // Consumes `word` when it is followed by a blank (so `exported=1` is a key, not `export`).
    bool consume_word(std::string_view word) {
        if (text_.substr(pos_, word.size()) != word || pos_ + word.size() >= text_.size() ||
            !is_blank(text_[pos_ + word.size()])) {
            return false;
        }
        pos_ += word.size();
        return true;
    }
    char take() {
        const char c = text_[pos_++];
        if (c == '\n')
            ++line_;
        return c;
    }
    std::string_view rest_of_line() const {
        const std::size_t end = text_.find('\n', pos_);
        return text_.substr(pos_, end == std::string_view::npos ? end : end - pos_);
    }

    std::string read_key() {
        std::string key;
        while (!done() && is_key_char(text_[pos_]))
            key += text_[pos_++];
        return key;
    }

  private:
    std::string_view text_;
    std::size_t pos_ = 0;
    std::size_t line_ = 1;
};

std::string shown(std::string_view text) {
    std::string out(text.substr(0, 40));
    while (!out.empty() && (out.back() == '\r' || is_blank(out.back())))
        out.pop_back();
    return "'" + out + (text.size() > 40 ? "...'" : "'");
}

// After a closing quote: only blanks and an optional comment may remain on the line.
void expect_line_end(Reader& in, std::size_t line) {
    in.skip_blanks();
    if (in.at('#')) {
        in.skip_line();
        return;
    }
    if (!in.at_end_of_line()) {
        throw ParseError(line,
                         "unexpected text after the closing quote: " + shown(in.rest_of_line()));
    }
    in.next_line();
}

std::string read_quoted(Reader& in, char quote, std::size_t line) {
    std::string value;
    in.take(); // the opening quote
    for (;;) {
        if (in.done()) {
            throw ParseError(line, std::string("unterminated ") +
                                       (quote == '"' ? "double" : "single") + "-quoted value");
        }
        char c = in.take();
        if (c == quote)
            break;
        if (c == '\\' && quote == '"' && !in.done()) {
            const char escaped = in.take();
            switch (escaped) {
            case 'n':
                c = '\n';
                break;
            case 't':
                c = '\t';
                break;
            case 'r':
                c = '\r';
                break;
            case '"':
                c = '"';
                break;
            case '\\':
                c = '\\';
                break;
            default:
                value += '\\';
                c = escaped;
                break; // unknown escapes stay as written
            }
        } else if (c == '\r' && in.at('\n')) {
            continue; // CRLF inside a multi-line value becomes LF
        }
        value += c;
    }
    expect_line_end(in, line);
    return value;
}

std::string read_unquoted(Reader& in) {
    std::string value;
    while (!in.at_end_of_line() && !in.at('#'))
        value += in.take();
    while (!value.empty() && is_blank(value.back()))
        value.pop_back();
    in.skip_line();
    return value;
}

} // namespace

std::vector<Entry> parse(std::string_view text) {
    std::vector<Entry> entries;
    Reader in(text);
    while (!in.done()) {
        in.skip_blanks();
        if (in.at_end_of_line() || in.at('#')) {
            in.skip_line();
            continue;
        }
        const std::size_t line = in.line();
        if (in.consume_word("export"))
            in.skip_blanks();
        const std::string_view start = in.rest_of_line();
        std::string key = in.read_key();
        if (key.empty() || !is_key_start(key.front())) {
            throw ParseError(line, "expected a variable name ([A-Za-z_][A-Za-z0-9_.-]*), found " +
                                       shown(start));
        }
        in.skip_blanks();
        if (!in.at('=')) {
            throw ParseError(line, "expected '=' after " + key + ", found " + shown(start));
        }
        in.take();
        in.skip_blanks();
        std::string value;
        if (in.at('"') || in.at('\'')) {
            const char quote = in.at('"') ? '"' : '\'';
            value = read_quoted(in, quote, line);
        } else {
            value = read_unquoted(in);
        }
        entries.push_back({std::move(key), std::move(value)});
    }
    return entries;
}

} // namespace dotenv
