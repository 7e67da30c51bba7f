// Helpers of the linker tests: a scratch directory and running the real tools (compilers, ar,
// nm, cargo) that build the test inputs. No binary input is checked in: everything is built here.
#pragma once

#include "perry/linker/process.h"
#include "perry/linker/symbols.h"

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace perry::linker::test {

// A fresh directory under the system temp dir, removed with its contents at destruction.
class TempDir {
  public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::string operator/(const std::string& name) const { return (path_ / name).string(); }

  private:
    std::filesystem::path path_;
};

void write_file(const std::string& path, const std::string& text);
std::string read_all(const std::string& path);

// Every regular `.a` under /usr/lib that is an ar archive (not a text linker script), sorted.
std::vector<std::string> system_archives();

// Runs argv and fails the current test (ADD_FAILURE) with its stderr when it does not exit 0.
// Returns its stdout.
std::string run_ok(const std::vector<std::string>& argv, const std::string& cwd = {});

// name -> kind of every defined global (the name as a C declaration spells it).
std::map<std::string, std::string> kinds_by_name(const SymbolListing& listing);

// The defined globals GNU nm reports (`nm --target=elf64-x86-64 -gP --defined-only`, the nm
// variant that is right on Rust archives), as a sorted list of names with duplicates kept.
std::vector<std::string> nm_defined_globals(const std::string& file);

// The same from our reader, sorted, duplicates kept.
std::vector<std::string> our_defined_globals(const SymbolListing& listing);

} // namespace perry::linker::test
