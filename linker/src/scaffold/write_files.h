// Writing a scaffold: the directory check and the all-or-nothing write.
#pragma once

#include "perry/linker/scaffold.h"

#include <filesystem>
#include <optional>
#include <vector>

namespace perry::linker::detail {

// A problem when `dir` cannot receive a scaffold: it is a file, or a non-empty directory and
// `force` is off.
std::optional<ScaffoldProblem> check_target_directory(const std::filesystem::path& dir, bool force);

// Writes every file under `dir`: first each to a temporary name beside its final one, then, when
// all were written, renames them into place. On a failure while writing, the temporary files and
// the directories this call created are removed, so the package directory is as it was.
std::optional<ScaffoldProblem> write_files(const std::filesystem::path& dir,
                                           const std::vector<RenderedFile>& files);

} // namespace perry::linker::detail
