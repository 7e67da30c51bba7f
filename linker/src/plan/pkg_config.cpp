#include "plan/pkg_config.h"

#include "perry/linker/process.h"

namespace perry::linker::detail {
namespace {

bool is_blank(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// pkg-config's messages span lines; a diagnostic is one line, so runs of blanks become one space.
std::string one_line(std::string_view text) {
    std::string line;
    for (char c : text) {
        if (is_blank(c)) {
            if (!line.empty() && line.back() != ' ')
                line += ' ';
        } else {
            line += c;
        }
    }
    while (!line.empty() && line.back() == ' ')
        line.pop_back();
    return line;
}

} // namespace

std::optional<std::vector<std::string>> split_shell_words(std::string_view text) {
    std::vector<std::string> words;
    std::string word;
    bool in_word = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (is_blank(c)) {
            if (in_word)
                words.push_back(std::move(word));
            word.clear();
            in_word = false;
            continue;
        }
        in_word = true;
        if (c == '\\') {
            if (++i == text.size())
                return std::nullopt;
            if (text[i] != '\n')
                word += text[i]; // backslash-newline continues the line
        } else if (c == '\'') {
            const std::size_t close = text.find('\'', i + 1);
            if (close == std::string_view::npos)
                return std::nullopt;
            word.append(text.substr(i + 1, close - i - 1));
            i = close;
        } else if (c == '"') {
            for (++i;; ++i) {
                if (i == text.size())
                    return std::nullopt;
                if (text[i] == '"')
                    break;
                if (text[i] == '\\' && i + 1 < text.size() &&
                    std::string_view("\"\\$`").find(text[i + 1]) != std::string_view::npos) {
                    ++i;
                }
                word += text[i];
            }
        } else {
            word += c;
        }
    }
    if (in_word)
        words.push_back(std::move(word));
    return words;
}

PkgConfigLibs pkg_config_libs(const std::string& program, const std::vector<std::string>& names,
                              const Environment& environment) {
    std::vector<std::string> argv = {program, "--libs"};
    argv.insert(argv.end(), names.begin(), names.end());
    ProcessOptions options;
    options.inherit_environment = false;
    options.env.assign(environment.begin(), environment.end());
    const ProcessResult result = run_process(argv, options);
    std::string command = "`" + program + " --libs";
    for (const std::string& name : names)
        command += " " + name;
    command += "`";

    PkgConfigLibs libs;
    if (!result.started) {
        libs.error = command + " could not run: " + result.error;
        return libs;
    }
    if (result.exit_code != 0) {
        const std::string said = one_line(result.err.empty() ? result.out : result.err);
        libs.error = command + " failed (exit " + std::to_string(result.exit_code) + ")" +
                     (said.empty() ? "" : ": pkg-config said \"" + said + "\"");
        return libs;
    }
    std::optional<std::vector<std::string>> args = split_shell_words(result.out);
    if (!args) {
        libs.error = command + " printed an unterminated quote: \"" + one_line(result.out) + "\"";
        return libs;
    }
    libs.args = std::move(*args);
    return libs;
}

} // namespace perry::linker::detail
