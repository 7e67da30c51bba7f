// The package.json reader (resolver/src/json_document.h, simdjson) against nlohmann::json, the
// reference: shared by json_document_test.cpp and the manifest fuzzer.
#pragma once

#include <string>
#include <string_view>

namespace perry::testing {

// Empty when both readers reject `text`, or both accept it and read the same tree: the same
// kinds, strings byte for byte, numbers of equal value, arrays element by element, objects with
// the same member names (the last of duplicates winning, as both keep it). Otherwise a
// description of the first difference. A NUL byte after the document is a known difference
// (nlohmann stops reading there): callers leave such texts out.
std::string reader_disagreement(std::string_view text);

} // namespace perry::testing
