// The Rust-style target triples perry builds prebuilts for, and what each means as (target key,
// architecture) of the manifest (docs/manifest.md, per-architecture prebuilts). One row per
// triple, in one table (triples.cpp).
#pragma once

#include "perry/resolver/manifest.h"

#include <optional>
#include <string_view>
#include <vector>

namespace perry::linker {

struct TripleInfo {
    std::string_view triple; // "aarch64-unknown-linux-gnu"
    resolver::TargetKey key; // linux
    std::string_view arch;   // "aarch64", as resolver::arch_names() spells it
};

// Every accepted triple, in the table's order (the first of a (key, arch) is its default).
const std::vector<TripleInfo>& known_triples();

std::optional<TripleInfo> find_triple(std::string_view triple);

// The default triple of (key, arch): the first row with both; nullopt when none.
std::optional<TripleInfo> triple_for(resolver::TargetKey key, std::string_view arch);

// This machine's triple (its target key and architecture); nullopt on a machine the table lacks.
std::optional<TripleInfo> host_triple();

} // namespace perry::linker
