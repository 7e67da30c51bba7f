// Internal: closes file descriptors in batches. The node_modules walk opens, reads and closes a
// package.json per package; on these machines a system call costs over a microsecond, and the
// close is a quarter of the walk's calls. close_range(2) closes a run of consecutive descriptors
// in one call, and descriptors opened one after another usually are consecutive (the kernel
// hands out the lowest free number), so closing 32 at a time costs a few calls instead of 32.
// Only runs made entirely of descriptors handed to add() are closed that way, so a descriptor
// another thread opened meanwhile is never touched.
#pragma once

#include <array>
#include <cstddef>

namespace perry::resolver::detail {

class DeferredClose {
  public:
    DeferredClose() = default;
    DeferredClose(const DeferredClose&) = delete;
    DeferredClose& operator=(const DeferredClose&) = delete;
    ~DeferredClose() { flush(); }

    // Takes `fd` (open, owned by the caller until now) to close later.
    void add(int fd) {
        fds_[count_++] = fd;
        if (count_ == fds_.size()) {
            flush();
        }
    }
    // Closes every descriptor added so far.
    void flush();

  private:
    // At most this many descriptors stay open meanwhile.
    std::array<int, 32> fds_{};
    std::size_t count_ = 0;
};

} // namespace perry::resolver::detail
