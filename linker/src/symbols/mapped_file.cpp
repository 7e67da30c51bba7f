#include "mapped_file.h"

#include "perry/linker/symbols.h"

#include <cerrno>
#include <cstring>

namespace perry::linker::detail {
namespace {

const char* const kOpenFix = "check the path and that the file is readable";
const char* const kRegularFix = "pass the archive or object file itself";

[[noreturn]] void fail(const std::string& path, std::string what, const char* fix) {
    throw SymbolReadError(ReadProblem{path, "", std::move(what), fix});
}

std::string open_error(int error) {
    return std::string("cannot open: ") + std::strerror(error);
}

// "" when a file of this kind and size is one the reader accepts; the problem otherwise.
std::string file_problem(platform::FileKind kind, std::uint64_t size) {
    if (kind != platform::FileKind::Regular)
        return std::string("not a regular file (") + platform::describe_kind(kind) + ")";
    if (size > kMaxInputBytes) {
        return "too large: " + std::to_string(size) +
               " bytes; the symbol reader opens files of at most 4 GiB";
    }
    return {};
}

} // namespace

std::string input_file_problem(const std::string& path) {
    errno = 0;
    const platform::FileStatus status = platform::status(path.c_str());
    if (status.kind == platform::FileKind::Missing)
        return open_error(errno);
    return file_problem(status.kind, status.size);
}

OpenFile::OpenFile(const std::string& path) : file_(path.c_str()) {
    if (!file_.ok() && file_.error() != platform::kNotRegularFile)
        fail(path, open_error(file_.error()), kOpenFix);
    if (std::string problem = file_problem(file_.kind(), file_.size()); !problem.empty())
        fail(path, std::move(problem), kRegularFix);
}

MappedFile::MappedFile(const OpenFile& file, const std::string& path) : map_(file.input()) {
    if (!map_.ok())
        fail(path, std::string("cannot map: ") + std::strerror(map_.error()), kOpenFix);
}

} // namespace perry::linker::detail
