// libFuzzer target: the semver range and version parsers on arbitrary text. Checks that the
// printed (desugared) form of a range parses again to the same form and admits the same
// versions, and that version precedence is a consistent order.
#include "perry/resolver/semver.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace perry::resolver;
    const std::string_view text(reinterpret_cast<const char*>(data), size);

    // The input as a range, and the part before the first `;` as a version to test against it.
    const std::size_t split = text.find(';');
    const std::string_view range_text = text.substr(0, split);
    std::string error;
    std::optional<Range> range = Range::parse(range_text, &error);
    if (!range && error.empty())
        __builtin_trap(); // every rejection says why
    if (range) {
        const std::string printed = range->to_string();
        // Desugaring lengthens a range (`1` prints as `>=1.0.0 <2.0.0-0`), so a printed form may
        // pass the 1024-character input limit; only those within it must parse again.
        std::optional<Range> again = Range::parse(printed);
        if (printed.size() <= 1024 && (!again || again->to_string() != printed))
            __builtin_trap();
        if (again && split != std::string_view::npos) {
            if (std::optional<Version> v = parse_version(text.substr(split + 1))) {
                if (range->satisfies(*v) != again->satisfies(*v))
                    __builtin_trap();
            }
        }
    }

    if (std::optional<Version> v = parse_version(text)) {
        std::optional<Version> again = parse_version(v->to_string());
        if (!again || compare(*v, *again) != 0)
            __builtin_trap();
        Version bigger = *v;
        bigger.prerelease.clear();
        ++bigger.patch;
        if (!(*v < bigger) || !(bigger > *v) || compare(*v, *v) != 0)
            __builtin_trap();
    }
    return 0;
}
