// The generic POSIX layer's own parts (macOS, the BSDs, other Unix systems; on Linux, a build
// that runs these paths so that they are tested): the executable's path from each system's own
// interface, and pipes made close-on-exec with fcntl.
#include "perry/platform/process.h"

#include "posix_internal.h"

#include <cstdint>
#include <fcntl.h>
#include <unistd.h>

#if defined(__APPLE__)
#include <mach-o/dyld.h>
#elif defined(__FreeBSD__) || defined(__DragonFly__) || defined(__NetBSD__)
#include <sys/types.h>
// sysctl.h needs the types above first on the BSDs.
#include <sys/sysctl.h>
#endif

namespace perry::platform {

std::string executable_path() {
#if defined(__APPLE__)
    std::uint32_t size = 0;
    _NSGetExecutablePath(nullptr, &size); // asks for the size
    std::string path(size, '\0');
    if (_NSGetExecutablePath(path.data(), &size) != 0)
        return {};
    path.resize(path.find('\0') == std::string::npos ? path.size() : path.find('\0'));
    // It may name a symlink or hold `..`: the real form, else as it is.
    return real_path(path.c_str()).value_or(path);
#elif defined(__FreeBSD__) || defined(__DragonFly__) || defined(__NetBSD__)
#if defined(__NetBSD__)
    int name[4] = {CTL_KERN, KERN_PROC_ARGS, -1, KERN_PROC_PATHNAME};
#else
    int name[4] = {CTL_KERN, KERN_PROC, KERN_PROC_PATHNAME, -1};
#endif
    std::size_t size = 0;
    if (::sysctl(name, 4, nullptr, &size, nullptr, 0) != 0 || size == 0)
        return {};
    std::string path(size, '\0');
    if (::sysctl(name, 4, path.data(), &size, nullptr, 0) != 0)
        return {};
    path.resize(path.find('\0') == std::string::npos ? size : path.find('\0'));
    return path;
#else
    // No system interface is known for this system: the /proc links of the systems that have
    // one (Linux, Solaris and illumos, NetBSD's and older FreeBSD's procfs), tried in order.
    for (const char* link :
         {"/proc/self/exe", "/proc/self/path/a.out", "/proc/curproc/exe", "/proc/curproc/file"}) {
        if (std::optional<std::string> target = read_link(link))
            return *target;
    }
    return {};
#endif
}

bool detail::open_cloexec_pipe(int fds[2]) {
    // Two steps (macOS has no pipe2): a program another thread starts in between inherits the
    // ends, and this pipe then stays open until that program ends.
    if (::pipe(fds) != 0)
        return false;
    for (int i = 0; i < 2; ++i)
        ::fcntl(fds[i], F_SETFD, ::fcntl(fds[i], F_GETFD) | FD_CLOEXEC);
    return true;
}

} // namespace perry::platform
