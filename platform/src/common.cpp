// The parts of the layer every system shares.
#include "perry/platform/files.h"

namespace perry::platform {

const char* describe_kind(FileKind kind) {
    switch (kind) {
    case FileKind::Missing:
        return "missing";
    case FileKind::Regular:
        return "a regular file";
    case FileKind::Directory:
        return "a directory";
    case FileKind::Symlink:
        return "a symlink";
    case FileKind::Fifo:
        return "a FIFO";
    case FileKind::CharacterDevice:
        return "a character device";
    case FileKind::BlockDevice:
        return "a block device";
    case FileKind::Socket:
        return "a socket";
    case FileKind::Other:
        break;
    }
    return "neither a file nor a directory";
}

} // namespace perry::platform
