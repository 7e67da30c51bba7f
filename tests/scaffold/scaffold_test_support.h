// Helpers of the scaffold tests: a scratch directory, running a perry binary, reading a tree.
#pragma once

#include "perry/linker/process.h"

#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace perry::scaffold_test {

// A fresh directory under the system's temporary directory, removed with its contents.
class TempDir {
  public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }

  private:
    std::filesystem::path path_;
};

// Runs `perry native <args>` with the given binary in `cwd`.
linker::ProcessResult run_perry(const std::filesystem::path& perry,
                                const std::vector<std::string>& args,
                                const std::filesystem::path& cwd,
                                std::vector<std::pair<std::string, std::string>> env = {});

// Every regular file under `dir`: relative path (`/` separators) -> contents.
std::map<std::string, std::string> read_tree(const std::filesystem::path& dir);

// The relative paths of read_tree, sorted, one per line.
std::string file_list(const std::filesystem::path& dir);

std::string read_file(const std::filesystem::path& file);
void write_file(const std::filesystem::path& file, const std::string& text);

// `text` with every occurrence of `from` replaced by `to` (for temporary paths in messages).
std::string replace_all(std::string text, const std::string& from, const std::string& to);

} // namespace perry::scaffold_test
