// A file mapped read-only for the symbol reader (internal).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace perry::linker::detail {

class MappedFile {
public:
    // Throws SymbolReadError naming `path` when the file cannot be opened or mapped.
    // `populate`: map every page up front (MAP_POPULATE).
    MappedFile(const std::string& path, bool populate);
    ~MappedFile();
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;

    std::string_view bytes() const { return {data_ == nullptr ? "" : data_, size_}; }

private:
    const char* data_ = nullptr;
    std::size_t size_ = 0;
};

} // namespace perry::linker::detail
