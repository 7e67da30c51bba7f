// A regular file opened for reading by offset and mapping (the symbol reader's input).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "perry/platform/files.h"

namespace perry::platform {

// Opened without blocking and only when it is a regular file. Closed at destruction.
class InputFile {
  public:
    explicit InputFile(const char* path);
    ~InputFile();
    InputFile(const InputFile&) = delete;
    InputFile& operator=(const InputFile&) = delete;

    // False when it could not be opened (error() is the errno value) or is not a regular file
    // (kind() says what it is; error() is kNotRegularFile).
    bool ok() const { return error_ == 0; }
    int error() const { return error_; }
    FileKind kind() const { return kind_; }
    std::uint64_t size() const { return size_; }

    // Copies bytes [offset, offset + count) to `out`, wherever earlier reads were (pread on
    // POSIX, an offset read on Windows). False on an I/O error or when the file is shorter.
    bool read_at(std::uint64_t offset, char* out, std::size_t count) const;

  private:
    friend class MappedFile;
    std::intptr_t handle_ = -1; // a descriptor on POSIX, a HANDLE on Windows
    int error_ = 0;
    FileKind kind_ = FileKind::Missing;
    std::uint64_t size_ = 0;
};

// A read-only private map of a whole InputFile; it outlives the InputFile. An empty file maps to
// no bytes. ok() false (error() the errno value) when the system refused the map.
class MappedFile {
  public:
    explicit MappedFile(const InputFile& file);
    ~MappedFile();
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;

    bool ok() const { return error_ == 0; }
    int error() const { return error_; }
    std::string_view bytes() const { return {data_ == nullptr ? "" : data_, size_}; }

  private:
    const char* data_ = nullptr;
    std::size_t size_ = 0;
    int error_ = 0;
};

// A file opened for appending (a log), created when missing, not inherited by child processes.
class AppendFile {
  public:
    explicit AppendFile(const char* path);
    ~AppendFile();
    AppendFile(const AppendFile&) = delete;
    AppendFile& operator=(const AppendFile&) = delete;

    bool ok() const { return handle_ != -1; }
    // Everything, or false (errno set) at the first failed write.
    bool write(const char* data, std::size_t size);

  private:
    std::intptr_t handle_ = -1;
};

} // namespace perry::platform
