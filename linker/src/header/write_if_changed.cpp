// write_if_changed: a generated file replaced whole, or not at all when its text is the same.
#include "perry/linker/header.h"

#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <system_error>

namespace perry::linker {
namespace {

namespace fs = std::filesystem;

bool holds_exactly(const fs::path& file, std::string_view text) {
    std::error_code ec;
    if (!fs::is_regular_file(file, ec) || fs::file_size(file, ec) != text.size() || ec)
        return false;
    std::ifstream in(file, std::ios::binary);
    const std::string current((std::istreambuf_iterator<char>(in)),
                              std::istreambuf_iterator<char>());
    return current == text; // a read that failed midway differs, and the file is rewritten
}

} // namespace

WriteResult write_if_changed(const fs::path& file, std::string_view text) {
    WriteResult result;
    if (holds_exactly(file, text)) {
        result.ok = true;
        return result;
    }
    // Beside the final name, so that the rename stays on one file system; the process id and a
    // counter keep two writers (a parallel build) from sharing a temporary file.
    static std::atomic<unsigned> counter{0};
    const fs::path temporary = file.string() + "." + std::to_string(::getpid()) + "." +
                               std::to_string(counter.fetch_add(1)) + ".tmp";
    {
        errno = 0;
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
        out.close();
        if (!out) {
            const int error_number = errno;
            std::error_code ignored;
            fs::remove(temporary, ignored);
            // The final name, not the temporary one: that is the file the user asked for.
            result.error = "cannot write " + file.string() + ": " +
                           (error_number != 0 ? std::strerror(error_number) : "write failed");
            return result;
        }
    }
    std::error_code ec;
    fs::rename(temporary, file, ec);
    if (ec) {
        std::error_code ignored;
        fs::remove(temporary, ignored);
        result.error =
            "cannot rename " + temporary.string() + " to " + file.string() + ": " + ec.message();
        return result;
    }
    result.ok = true;
    result.changed = true;
    return result;
}

} // namespace perry::linker
