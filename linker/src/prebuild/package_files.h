// Writing into a package (prebuild's two outputs): a file replaced atomically, keeping its
// permissions, and an archive copied in unless the same bytes are there already.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace perry::linker::detail {

bool read_whole_file(const std::filesystem::path& path, std::string& bytes, std::string& error);

// Writes `bytes` to a temporary file beside `path`, flushes it to disk and renames it over
// `path`: a reader (or an interrupted perry) sees the old file or the new one, never a part.
bool replace_file_atomically(const std::filesystem::path& path, const std::string& bytes,
                             std::string& error);

// Copies `from` to `to` (creating its directory) the same way, unless `to` holds the same bytes.
// true: copied; false: already the same; nullopt with `error` on failure.
std::optional<bool> copy_if_different(const std::filesystem::path& from,
                                      const std::filesystem::path& to, std::string& error);

} // namespace perry::linker::detail
