// write_if_changed: a generated file replaced whole, or not at all when its text is the same.
#include "perry/linker/header.h"

#include "perry/platform/files.h"

#include <fstream>
#include <iterator>
#include <system_error>

namespace perry::linker {
namespace {

namespace fs = std::filesystem;

bool holds_exactly(const fs::path& file, std::string_view text) {
    std::error_code ec;
    if (!fs::is_regular_file(file, ec) || fs::file_size(file, ec) != text.size() || ec)
        return false;
    std::ifstream in(file, std::ios::binary);
    const std::string current((std::istreambuf_iterator<char>(in)),
                              std::istreambuf_iterator<char>());
    return current == text; // a read that failed midway differs, and the file is rewritten
}

} // namespace

WriteResult write_if_changed(const fs::path& file, std::string_view text) {
    WriteResult result;
    if (holds_exactly(file, text)) {
        result.ok = true;
        return result;
    }
    if (!platform::replace_file(file.string(), text, result.error))
        return result;
    result.ok = true;
    result.changed = true;
    return result;
}

} // namespace perry::linker
