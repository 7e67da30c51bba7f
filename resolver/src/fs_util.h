// Internal: the few file-system questions resolution asks, on strings through the tools' platform
// layer (no exceptions, no std::filesystem::path allocations on the hot path of a node_modules
// walk).
#pragma once

#include "perry/platform/files.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace perry::resolver::detail {

bool is_directory(const std::string& path); // follows symlinks
// The canonical path (symlinks resolved, like node's realpath), or nullopt when it does not exist.
std::optional<std::string> real_path(const std::string& path);
// Every reader below opens without blocking (a FIFO with no writer would block the open) and
// reads only a regular file (symlinks followed) of at most kMaxFileSize bytes: a FIFO, a device
// or a symlink to /dev/zero fails at once with errno kNotRegularFile, a larger file
// with EFBIG.
inline constexpr int kNotRegularFile = platform::kNotRegularFile;
inline constexpr std::size_t kMaxFileSize = std::size_t{64} << 20;
// What a failed read's errno means, for a message: "not a regular file", "larger than 64 MiB",
// "a symlink loop (too many levels of symbolic links)", strerror's text otherwise.
std::string describe_read_error(int err);

bool read_file(const std::string& path, std::string& out);

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
