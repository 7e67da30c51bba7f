// Placeholder substitution for the scaffold templates: `{{NAME}}`, where NAME is uppercase
// letters, digits and `_`. Anything else between braces (GitHub's `${{ matrix.os }}`) is text.
// A line holding nothing but blanks and one placeholder whose value is empty is dropped, so an
// optional line (Cargo's upstream dependency, package.json's repository) leaves no gap.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace perry::linker::detail {

using Placeholders = std::map<std::string, std::string, std::less<>>;

struct RenderFailure {
    int line = 0;     // 1-based line of the template
    std::string name; // the unknown placeholder
};

// The rendered text, or nullopt with `failure` naming the first unknown placeholder.
std::optional<std::string> render_template(std::string_view text, const Placeholders& values,
                                           RenderFailure& failure);

// The output path of a template file: every component starting with `dot-` starts with `.`
// instead (`dot-github/workflows/release.yml` -> `.github/workflows/release.yml`). Templates
// keep dot files under visible names so the repository's own git and npm leave them alone.
std::string output_path_for(std::string_view template_path);

} // namespace perry::linker::detail
