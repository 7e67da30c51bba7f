// An input file, open and mapped read-only, for the symbol reader (internal).
#pragma once

#include "perry/platform/input_file.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace perry::linker::detail {

// The largest file the reader opens (docs/cli/symbols.md). Far above any real static library;
// it keeps a corrupt or hostile file from mapping the address space.
constexpr std::uint64_t kMaxInputBytes = std::uint64_t{4} << 30;

// "" when `path`, after symlinks, is a regular file of at most kMaxInputBytes; else what is
// wrong with it ("not a regular file (a FIFO)", "cannot open: ..."). Reading a FIFO or a device
// would block or never end, so every file is checked before anything reads it.
std::string input_file_problem(const std::string& path);

// The open file: closed at destruction. Throws SymbolReadError naming `path` when it cannot be
// opened (missing, unreadable) or is no regular file of at most kMaxInputBytes.
class OpenFile {
  public:
    explicit OpenFile(const std::string& path);
    OpenFile(const OpenFile&) = delete;
    OpenFile& operator=(const OpenFile&) = delete;

    const platform::InputFile& input() const { return file_; }
    std::size_t size() const { return static_cast<std::size_t>(file_.size()); }

  private:
    platform::InputFile file_;
};

// Its read-only map, unmapped at destruction; it outlives the file descriptor. Throws
// SymbolReadError naming `path` when the file cannot be mapped.
class MappedFile {
  public:
    MappedFile(const OpenFile& file, const std::string& path);
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;

    std::string_view bytes() const { return map_.bytes(); }

  private:
    platform::MappedFile map_;
};

} // namespace perry::linker::detail
