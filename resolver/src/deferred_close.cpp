#include "deferred_close.h"

#include <algorithm>
#include <cerrno>
#include <unistd.h>

namespace perry::resolver::detail {

void DeferredClose::flush() {
    std::sort(fds_.begin(), fds_.begin() + count_);
    for (std::size_t first = 0; first < count_;) {
        std::size_t last = first;
        while (last + 1 < count_ && fds_[last + 1] == fds_[last] + 1) {
            ++last;
        }
        const unsigned low = static_cast<unsigned>(fds_[first]);
        const unsigned high = static_cast<unsigned>(fds_[last]);
        // close_range needs Linux 5.9: on an older kernel (ENOSYS) the run is closed one by one.
        if (low == high || ::close_range(low, high, 0) != 0) {
            for (std::size_t i = first; i <= last; ++i) {
                ::close(fds_[i]);
            }
        }
        first = last + 1;
    }
    count_ = 0;
}

} // namespace perry::resolver::detail
