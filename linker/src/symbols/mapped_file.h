// An input file, open and mapped read-only, for the symbol reader (internal).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace perry::linker::detail {

// The open file: closed at destruction. Throws SymbolReadError naming `path` when it cannot be
// opened (missing, unreadable, a directory).
class OpenFile {
public:
    explicit OpenFile(const std::string& path);
    ~OpenFile();
    OpenFile(const OpenFile&) = delete;
    OpenFile& operator=(const OpenFile&) = delete;

    int fd() const { return fd_; }
    std::size_t size() const { return size_; }

private:
    int fd_ = -1;
    std::size_t size_ = 0;
};

// Its read-only map, unmapped at destruction; it outlives the file descriptor. Throws
// SymbolReadError naming `path` when the file cannot be mapped.
class MappedFile {
public:
    MappedFile(const OpenFile& file, const std::string& path);
    ~MappedFile();
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;

    std::string_view bytes() const { return {data_ == nullptr ? "" : data_, size_}; }

private:
    const char* data_ = nullptr;
    std::size_t size_ = 0;
};

} // namespace perry::linker::detail
