#include "template_render.h"

#include <cctype>

namespace perry::linker::detail {
namespace {

bool is_name_char(char c) {
    return std::isupper(static_cast<unsigned char>(c)) ||
           std::isdigit(static_cast<unsigned char>(c)) || c == '_';
}

// The length of a placeholder `{{NAME}}` starting at `pos`, or 0 when there is none.
std::size_t placeholder_length(std::string_view text, std::size_t pos) {
    if (text.compare(pos, 2, "{{") != 0)
        return 0;
    std::size_t end = pos + 2;
    while (end < text.size() && is_name_char(text[end]))
        ++end;
    if (end == pos + 2 || text.compare(end, 2, "}}") != 0)
        return 0;
    return end + 2 - pos;
}

bool is_blank(std::string_view text) {
    for (char c : text) {
        if (c != ' ' && c != '\t')
            return false;
    }
    return true;
}

} // namespace

std::optional<std::string> render_template(std::string_view text, const Placeholders& values,
                                           RenderFailure& failure) {
    std::string out;
    out.reserve(text.size() + text.size() / 4);
    int line_number = 0;
    std::size_t line_start = 0;
    while (line_start < text.size()) {
        ++line_number;
        std::size_t line_end = text.find('\n', line_start);
        const bool has_newline = line_end != std::string_view::npos;
        if (!has_newline)
            line_end = text.size();
        const std::string_view line = text.substr(line_start, line_end - line_start);

        std::string rendered;
        bool only_empty_placeholder = false;
        std::size_t placeholders = 0;
        for (std::size_t i = 0; i < line.size();) {
            const std::size_t length = placeholder_length(line, i);
            if (length == 0) {
                rendered += line[i++];
                continue;
            }
            const std::string_view name = line.substr(i + 2, length - 4);
            const auto value = values.find(name);
            if (value == values.end()) {
                failure = {line_number, std::string(name)};
                return std::nullopt;
            }
            ++placeholders;
            only_empty_placeholder = value->second.empty() && is_blank(line.substr(0, i)) &&
                                     is_blank(line.substr(i + length));
            rendered += value->second;
            i += length;
        }
        if (!(placeholders == 1 && only_empty_placeholder)) {
            out += rendered;
            if (has_newline)
                out += '\n';
        }
        line_start = line_end + 1;
    }
    return out;
}

std::string output_path_for(std::string_view template_path) {
    std::string out;
    std::size_t start = 0;
    while (start <= template_path.size()) {
        std::size_t end = template_path.find('/', start);
        if (end == std::string_view::npos)
            end = template_path.size();
        std::string_view part = template_path.substr(start, end - start);
        if (!out.empty())
            out += '/';
        if (part.size() > 4 && part.substr(0, 4) == "dot-") {
            out += '.';
            part.remove_prefix(4);
        }
        out += part;
        start = end + 1;
    }
    return out;
}

} // namespace perry::linker::detail
