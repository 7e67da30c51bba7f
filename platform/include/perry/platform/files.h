// The tools' questions to the file system that std::filesystem answers too slowly or not at all:
// kinds of files without allocating a path, symlink targets, real paths, and reading a regular
// file without ever blocking on a FIFO or a device. Paths are UTF-8 strings on every system.
// Failures leave an errno value in `errno` (on Windows too: the layer maps its errors).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace perry::platform {

enum class FileKind : unsigned char {
    Missing, // does not exist, or cannot be examined (errno says which)
    Regular,
    Directory,
    Symlink, // only from link_status()
    Fifo,
    CharacterDevice,
    BlockDevice,
    Socket,
    Other,
};

struct FileStatus {
    FileKind kind = FileKind::Missing;
    std::uint64_t size = 0;
    // Modification time in nanoseconds since the Unix epoch (for cache keys: a change of the
    // file changes it; its exact resolution depends on the file system).
    std::int64_t modified_ns = 0;
};

// stat(2): symlinks followed.
FileStatus status(const char* path);
// lstat(2): a symlink itself is FileKind::Symlink.
FileStatus link_status(const char* path);
inline FileKind file_kind(const std::string& path) {
    return status(path.c_str()).kind;
}
// What kind of file `kind` is, as a phrase for a message: "a directory", "a FIFO", ...
const char* describe_kind(FileKind kind);

// The target of the symlink `path`, as written in it; nullopt when `path` is no symlink or cannot
// be read.
std::optional<std::string> read_link(const char* path);
// The canonical absolute path (every symlink, `.` and `..` resolved), or nullopt when it does not
// exist.
std::optional<std::string> real_path(const char* path);
// A regular file (symlinks followed) that this process may execute.
bool is_executable_file(const char* path);

// Set in errno when a file that must be a regular file is something else; not a system value.
inline constexpr int kNotRegularFile = 0x7FFE;

// Reads the whole of the regular file `path` into `out`. Opens without blocking (a FIFO with no
// writer would block the open) and refuses, with errno kNotRegularFile, anything that is not a
// regular file after symlinks (a FIFO, a device, a symlink to /dev/zero), and with EFBIG a file
// larger than `max_size` (also one that grows past it while it is read). False with errno set.
bool read_regular_file(const char* path, std::string& out, std::size_t max_size);

// Writes `bytes` to `path` so that a reader sees the old file or the new one, never a part of
// either: into a temporary file beside it (unique to this process and call), flushed to disk,
// then renamed over `path`. An existing file's permission bits are kept; a new file gets 0644
// less the umask. False with `error` saying what failed (naming `path`); the temporary is gone.
bool replace_file(const std::string& path, std::string_view bytes, std::string& error);

} // namespace perry::platform
