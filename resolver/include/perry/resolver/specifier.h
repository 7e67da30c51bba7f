// Bare import specifiers: `pkg`, `pkg/sub/path`, `@scope/pkg`, `@scope/pkg/sub`.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace perry::resolver {

struct Specifier {
    std::string package; // `pkg` or `@scope/pkg`
    std::string subpath; // "." for the package itself, else "./sub/path" (the `exports` key form)
};

// Splits a bare specifier into its package name and subpath. Relative (`./x`), absolute (`/x`),
// URL-like (`node:fs`) and malformed specifiers return nullopt with `error` saying why.
std::optional<Specifier> parse_specifier(std::string_view text, std::string& error);

} // namespace perry::resolver
