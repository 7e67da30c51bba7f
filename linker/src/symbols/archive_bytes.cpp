#include "archive_bytes.h"

#include <cstring>

namespace perry::linker::detail {

bool ArchiveBytes::read(std::uint64_t offset, char* out, std::size_t count) const {
    if (offset > size_ || count > size_ - offset)
        return false;
    if (file_ == nullptr) {
        std::memcpy(out, memory_.data() + offset, count);
        return true;
    }
    return file_->read_at(offset, out, count);
}

} // namespace perry::linker::detail
