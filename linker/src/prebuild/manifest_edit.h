// Setting prebuilt paths in a package.json by editing its text: only the bytes of the values
// set (and of members added) change, so the author's key order, indentation, line breaks and
// inline arrays stay as written. nlohmann and simdjson report no byte offsets of values, so a
// structural scanner finds them; the text must already have been accepted by the manifest
// reader (parse_manifest_text), which is what judges it as JSON.
#pragma once

#include "perry/resolver/manifest.h"

#include <optional>
#include <string>
#include <string_view>

namespace perry::linker::detail {

// `text` with `perry.nativeLibrary.targets.<key>.prebuiltPerArch.<arch>` set to `path`, and
// `...targets.<key>.prebuilt` too when `set_default`. Members that exist get the new value in
// place; missing ones are added after the last member of their object, indented like its
// members (two spaces deeper than the object's line when it has none). nullopt with `error`
// when the entry for `key` is missing or not an object.
std::optional<std::string> set_prebuilt_paths(std::string_view text, resolver::TargetKey key,
                                              std::string_view arch, std::string_view path,
                                              bool set_default, std::string& error);

} // namespace perry::linker::detail
