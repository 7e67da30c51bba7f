#include "perry/linker/build.h"

#include "perry/platform/process.h"

#include <cstdlib>

namespace perry::linker {
namespace {

std::string seconds(std::chrono::steady_clock::duration elapsed) {
    const auto tenths =
        std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count() / 100;
    return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " s";
}

// The build's output line cut to what fits beside the package name on an 80-column terminal.
std::string shortened(const std::string& line, std::size_t room) {
    std::string clean;
    for (char c : line) {
        if (c == '\t')
            c = ' ';
        if (static_cast<unsigned char>(c) >= 0x20)
            clean += c;
    }
    if (clean.size() <= room)
        return clean;
    return clean.substr(0, room > 3 ? room - 3 : 0) + "...";
}

} // namespace

BuildProgressPrinter::BuildProgressPrinter(std::FILE* stream)
    : stream_(stream), terminal_(platform::is_terminal(stream)) {
    if (const char* term = std::getenv("TERM"); term && std::string(term) == "dumb") {
        terminal_ = false;
    }
}

void BuildProgressPrinter::operator()(const BuildEvent& event) {
    using Kind = BuildEvent::Kind;
    const std::string& name = event.package;
    if (event.kind == Kind::Finished) {
        std::string line = name + ": " + build_status_name(event.status);
        if (event.status != BuildStatus::Cached)
            line += " (" + seconds(event.elapsed) + ")";
        std::fprintf(stream_, "%s%s\n", terminal_ ? "\r\033[K" : "", line.c_str());
        std::fflush(stream_);
        return;
    }
    if (!terminal_) {
        if (event.kind == Kind::Started)
            std::fprintf(stream_, "%s: building\n", name.c_str());
        if (event.kind == Kind::Waiting) {
            std::fprintf(stream_, "%s: waiting for another perry building it\n", name.c_str());
        }
        std::fflush(stream_);
        return;
    }
    // Redrawn at most ten times a second: a build prints far faster than anyone reads.
    const auto now = std::chrono::steady_clock::now();
    if (event.kind == Kind::Output && now - last_draw_ < std::chrono::milliseconds(100))
        return;
    last_draw_ = now;
    std::string line = name + " " + seconds(event.elapsed) + " ";
    if (event.kind == Kind::Started)
        line += "building";
    if (event.kind == Kind::Waiting)
        line += "waiting for another perry building it";
    if (event.kind == Kind::Output) {
        line += shortened(event.line, line.size() < 78 ? 78 - line.size() : 0);
    }
    std::fprintf(stream_, "\r\033[K%s", line.c_str());
    std::fflush(stream_);
}

} // namespace perry::linker
