// Reading parts of an input file by offset, without going through its memory map (internal to
// the symbol reader).
//
// Why: on the VMs this project is measured on, the first access to each 4 KiB page of a mapping
// costs 2-5 us, even after MAP_POPULATE, while pread() copies through the kernel's own mapping
// for a fraction of that: the headers of the 322 members of a 22 MB Rust staticlib read in
// 0.65 ms with pread and 2.7 ms through the map. validate reads only a few of those members, so
// it walks the member headers this way (gnu_members.h). Whole members are still read through the
// map: copying them out costs fresh anonymous pages, which are slower still to touch here (about
// 20 us each), and a member that is read touches its header's page anyway.
#pragma once

#include "perry/platform/input_file.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace perry::linker::detail {

class ArchiveBytes {
  public:
    // A file: `file` stays owned by the caller and must stay open while this is used.
    static ArchiveBytes file(const platform::InputFile& file, std::uint64_t size) {
        return ArchiveBytes(&file, {}, size);
    }
    // Bytes already in memory (read_symbols_from_memory): copies, so both inputs take one path
    // (and the fuzz target reaches the walk).
    static ArchiveBytes memory(std::string_view bytes) {
        return ArchiveBytes(nullptr, bytes, bytes.size());
    }

    std::uint64_t size() const { return size_; }
    // Copies bytes [offset, offset + count) to `out`. False when they are not all in the input
    // or the file cannot be read.
    bool read(std::uint64_t offset, char* out, std::size_t count) const;

  private:
    ArchiveBytes(const platform::InputFile* file, std::string_view memory, std::uint64_t size)
        : file_(file), memory_(memory), size_(size) {}

    const platform::InputFile* file_;
    std::string_view memory_;
    std::uint64_t size_;
};

} // namespace perry::linker::detail
