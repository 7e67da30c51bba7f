#include "perry/linker/triples.h"

#include "perry/linker/link_plan.h"

namespace perry::linker {

using resolver::TargetKey;

const std::vector<TripleInfo>& known_triples() {
    // The first row of a (key, arch) is the one prebuild writes by default: msvc before gnu on
    // Windows, as both rustup's default and napi-rs choose.
    static const std::vector<TripleInfo> table = {
        {"x86_64-unknown-linux-gnu", TargetKey::Linux, "x86_64"},
        {"aarch64-unknown-linux-gnu", TargetKey::Linux, "aarch64"},
        {"x86_64-apple-darwin", TargetKey::Macos, "x86_64"},
        {"aarch64-apple-darwin", TargetKey::Macos, "aarch64"},
        {"x86_64-pc-windows-msvc", TargetKey::Windows, "x86_64"},
        {"aarch64-pc-windows-msvc", TargetKey::Windows, "aarch64"},
        {"x86_64-pc-windows-gnu", TargetKey::Windows, "x86_64"},
        {"aarch64-apple-ios", TargetKey::Ios, "aarch64"},
        {"aarch64-linux-android", TargetKey::Android, "aarch64"},
        {"wasm32-unknown-unknown", TargetKey::Web, "wasm32"},
    };
    return table;
}

std::optional<TripleInfo> find_triple(std::string_view triple) {
    for (const TripleInfo& row : known_triples()) {
        if (row.triple == triple)
            return row;
    }
    return std::nullopt;
}

std::optional<TripleInfo> triple_for(TargetKey key, std::string_view arch) {
    for (const TripleInfo& row : known_triples()) {
        if (row.key == key && row.arch == arch)
            return row;
    }
    return std::nullopt;
}

std::optional<TripleInfo> host_triple() {
    return triple_for(host_target(), resolver::host_arch());
}

} // namespace perry::linker
