// Internal: the one-pass reader of clean manifests, parse_manifest_text's fast path.
//
// Most package.json files a build reads are clean: valid JSON whose `perry.nativeLibrary` (if
// any) draws no diagnostic of its own. This reader checks and reads such a document in one pass
// over the text, straight into the model, without building a JSON tree. It gives up at the first
// thing that would need a diagnostic or that it does not read itself (see json_cursor.h), and
// then the full reader (read_manifest_fully) reads the document again from the start; only
// abiVersion's findings, which come last, are made by the same code on both paths. So a
// manifest with a problem is reported exactly as before, and a clean one is read the same way
// by both: the manifest fuzzer and the corpus tests compare the two on every input.
#pragma once

#include "perry/resolver/manifest.h"

#include <string_view>

namespace perry::resolver::detail {

// Reads `json` into `result` (whose file and package_dir are set) and returns true, or returns
// false and leaves `result` as it was given.
bool read_clean_manifest(std::string_view json, ManifestResult& result,
                         const ParseOptions& options);

} // namespace perry::resolver::detail
