// Internal: the entries of one directory, read once, for the node_modules walk. A node_modules
// directory may hold thousands of packages; their names go into one block with a small
// open-addressing table over it, instead of a node and a string allocation per name. The
// directory is read with getdents64 on a plain descriptor (opendir would allocate a 32 KiB
// buffer per directory, and fstat it) and may be kept open so that files below it are opened
// by a short relative path.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace perry::resolver::detail {

class DirectoryListing {
  public:
    DirectoryListing() = default;
    DirectoryListing(const DirectoryListing&) = delete;
    DirectoryListing& operator=(const DirectoryListing&) = delete;
    ~DirectoryListing();

    // Lists `path` (relative to the directory open as `at`, or AT_FDCWD); false when it cannot be
    // opened as a directory or read. With `keep_open` the directory stays open as fd() for the
    // listing's lifetime; otherwise fd() is -1.
    bool read(int at, const char* path, bool keep_open);
    // The last component of the path read was a symlink (to a directory).
    bool through_link() const { return through_link_; }

    // The d_type of the entry `name` (DT_DIR, DT_LNK, ..., DT_UNKNOWN on file systems that do
    // not report it), or -1 when the directory has no such entry.
    int type_of(std::string_view name) const;
    int fd() const { return fd_; }
    std::size_t size() const { return entries_.size(); }

  private:
    struct Entry {
        std::uint32_t offset; // in names_
        std::uint16_t size;   // NAME_MAX is 255
        unsigned char type;
    };
    std::string_view name(const Entry& entry) const {
        return std::string_view(names_).substr(entry.offset, entry.size);
    }
    void index();

    std::string names_;
    std::vector<Entry> entries_;
    std::vector<std::uint32_t> slots_; // 1 + index into entries_, 0 when free; a power of two
    int fd_ = -1;
    bool through_link_ = false;
};

} // namespace perry::resolver::detail
