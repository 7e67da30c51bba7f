// Helpers of the build-cache tests: packages written inline, PATH shims that count compiler
// starts, a snapshot of a package tree (to prove a build wrote nothing into it) and a look at
// /proc for processes a build left behind.
#pragma once

#include "../test_support.h"
#include "perry/linker/build.h"
#include "perry/linker/process.h"

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace perry::linker::test {

// The runtime of this build tree, as `<build>/cli/perry` finds it.
RuntimeLocation build_tree_runtime();

// The test Rust crate (tests/linker/rust-staticlib) and the driver binary.
std::filesystem::path rust_crate_source();
std::filesystem::path build_driver();

// A request for the `linux` target of <package>/package.json (a bare entry when it has none).
BuildRequest linux_request(const std::filesystem::path& package_dir);

// Writes a CMake C++ binding (find_package(PerryFFI CONFIG), library `demo`) into `dir`.
// `extra_cmake` goes at the end of its CMakeLists.txt.
void write_cmake_binding(const std::filesystem::path& dir, const std::string& extra_cmake = "");
// Copies the Rust test crate into `dir` with a package.json whose target gives `target_entry`.
void write_rust_binding(const std::filesystem::path& dir, const std::string& target_entry);

// Every file and folder under `dir` with its size, modification time and mode, one a line.
std::string tree_snapshot(const std::filesystem::path& dir);

// A folder of shims for `programs`: each records its start in a count file and runs the real
// program (found on PATH when the shims are made). Put it first on PATH with `install()`.
class CountingShims {
  public:
    explicit CountingShims(const std::vector<std::string>& programs);
    void install() const; // prepends the folder to PATH (restored by the destructor)
    ~CountingShims();
    int starts() const;          // how many shimmed programs have started
    std::string started() const; // their names, one a line

  private:
    TempDir dir_;
    std::string old_path_;
    mutable bool installed_ = false;
};

// Processes (other than this one) whose environment holds PERRY_TEST_MARK=<mark>; zombies are
// not counted.
std::vector<int> marked_processes(const std::string& mark);
// Waits until no process holds the mark; false when some still do after `limit`.
bool wait_until_unmarked(const std::string& mark, std::chrono::milliseconds limit);
// Waits until each pid has ended (or is a zombie).
bool wait_until_gone(const std::vector<int>& pids, std::chrono::milliseconds limit);
// The marked process whose name (/proc/<pid>/comm) is `name`, waiting up to `limit` for it to
// appear; 0 when none does.
int wait_for_process(const std::string& mark, const std::string& name,
                     std::chrono::milliseconds limit);
// SIGKILLs every marked process (the clean-up of a test that killed a build's parent on purpose).
void kill_marked(const std::string& mark);

// Files directly in <cache>/<sub>.
std::vector<std::string> entries(const std::filesystem::path& cache, const std::string& sub);

} // namespace perry::linker::test
