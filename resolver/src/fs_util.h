// Internal: the few file-system questions resolution asks, as plain POSIX calls on strings (no
// exceptions, no std::filesystem::path allocations on the hot path of a node_modules walk).
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace perry::resolver::detail {

class DeferredClose;

bool is_regular_file(const std::string& path); // follows symlinks
bool is_directory(const std::string& path);    // follows symlinks
// The canonical path (symlinks resolved, like node's realpath), or nullopt when it does not exist.
std::optional<std::string> real_path(const std::string& path);
// Every reader below opens without blocking (a FIFO with no writer would block the open) and
// reads only a regular file (symlinks followed) of at most kMaxFileSize bytes: a FIFO, a device
// or a symlink to /dev/zero fails at once with errno kNotRegularFile, a larger file with EFBIG.
inline constexpr int kNotRegularFile = 0x7FFE; // not a system errno value
inline constexpr std::size_t kMaxFileSize = std::size_t{64} << 20;
// What a failed read's errno means, for a message: "not a regular file", "larger than 64 MiB",
// "a symlink loop (too many levels of symbolic links)", strerror's text otherwise.
std::string describe_read_error(int err);

bool read_file(const std::string& path, std::string& out);
// The same with `path` relative to the directory open as `dir_fd` (AT_FDCWD: the current one):
// the kernel then walks two components instead of the whole absolute path.
bool read_file_at(int dir_fd, const char* path, std::string& out);
// The same for files that are usually a few kilobytes (package.json in node_modules): no fstat
// for the size; reads of 16 KiB go to a stack buffer, and one that returns less than that is the
// end of the file, as it is for a regular file. Three system calls (open, read, close) instead of
// read_file_at's four; with `closer`, the close is left to it (batched).
bool read_small_file_at(int dir_fd, const char* path, std::string& out,
                        DeferredClose* closer = nullptr);
// read_small_file_at for a file whose real path is wanted too, when the file is not itself a
// symlink (it is opened with O_NOFOLLOW): `real` is then set from the open descriptor, see
// real_path_of_fd, and may stay nullopt. Returns false with errno ELOOP when the file is a
// symlink, and false when it cannot be read.
bool read_small_file_and_real_path_at(int dir_fd, const char* path, std::string& out,
                                      std::optional<std::string>& real,
                                      DeferredClose* closer = nullptr);
// The path the kernel knows an open descriptor by (readlink of /proc/self/fd/<fd>): the real
// path of the file, every symlink on the way resolved, in one system call however deep the path
// (musl's realpath works this way). nullopt when /proc is not mounted, the file was deleted
// meanwhile, or its path is not reachable from the process's root: callers then resolve the path
// component by component.
std::optional<std::string> real_path_of_fd(int fd);

// realpath() with memory: every path component's real form is kept, so resolving a thousand
// paths that share ancestors costs one lstat per new component instead of a readlink per
// component per call (what glibc's realpath does). Symlinks are followed as the kernel does,
// relative targets against the link's real directory, `..` after a real prefix, up to 40 links
// deep (ELOOP). Valid as long as the tree does not change underneath.
class RealPathCache {
  public:
    struct Entry {
        // The real path, owned by the cache (every real path it met is one of its keys);
        // nullptr when the path does not exist.
        const std::string* real = nullptr;
        bool is_dir = false;
    };
    // `path` must be absolute.
    const Entry& resolve(const std::string& path);

    // Answers, when it can without a system call, that `<real_dir>/<name>` is a directory and no
    // symlink (the node_modules walk knows it from its directory listings); may be empty.
    std::function<bool(const std::string& real_dir, std::string_view name)> known_directory;

  private:
    const Entry& resolve(const std::string& path, int links_left);
    // `<real_dir>/<name>` where `real_dir` is real: one lstat (and a readlink for a link), once.
    const Entry& child(const std::string& real_dir, std::string_view name, int links_left);
    std::unordered_map<std::string, Entry> cache_;
    std::string key_; // room to build a key in
};
// `a/b` with exactly one slash between them; `/` + `x` is `/x`.
std::string join(std::string_view dir, std::string_view name);
// `/a/b` -> `/a`, `/a` -> `/`: a view into `dir` (or of "/").
std::string_view parent_dir(std::string_view dir);

// Calls `visit(segment)` for every '/'-separated segment of `path`, empty ones included, in order;
// stops and returns false as soon as `visit` does.
template <typename Visit> bool for_each_segment(std::string_view path, Visit&& visit) {
    for (;;) {
        const size_t slash = path.find('/');
        if (!visit(path.substr(0, slash))) {
            return false;
        }
        if (slash == std::string_view::npos) {
            return true;
        }
        path.remove_prefix(slash + 1);
    }
} // of a canonical path; `/` is its own parent
std::string_view base_name(std::string_view path);

} // namespace perry::resolver::detail
