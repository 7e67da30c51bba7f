#include "build_test_support.h"

#include "perry/resolver/manifest.h"

#include <gtest/gtest.h>

#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

namespace perry::linker::test {

namespace fs = std::filesystem;

RuntimeLocation build_tree_runtime() {
    return locate_runtime(fs::path(PERRY_TEST_BUILD_DIR) / "cli" / "perry");
}

fs::path rust_crate_source() {
    return PERRY_TEST_RUST_CRATE_DIR;
}
fs::path build_driver() {
    return PERRY_TEST_BUILD_DRIVER;
}

BuildRequest linux_request(const fs::path& package_dir) {
    const resolver::ManifestResult manifest =
        resolver::parse_manifest_file(package_dir / "package.json");
    EXPECT_TRUE(manifest.ok()) << (manifest.diagnostics.empty() ? ""
                                                                : manifest.diagnostics[0].format());
    BuildRequest request;
    request.package_name = manifest.name.value_or("unnamed");
    request.package_dir = package_dir;
    request.manifest_file = manifest.file;
    if (const resolver::Target* target =
            manifest.native_library.target(resolver::TargetKey::Linux)) {
        request.target = *target;
    }
    return request;
}

void write_cmake_binding(const fs::path& dir, const std::string& extra_cmake) {
    fs::create_directories(dir / "native");
    write_file((dir / "package.json").string(), R"({
  "name": "demo",
  "version": "1.0.0",
  "perry": {"nativeLibrary": {"abiVersion": "0.5",
    "functions": [{"name": "js_demo_add", "params": ["f64", "f64"], "returns": "f64"}],
    "targets": {"linux": {"crate": "native", "lib": "demo"}}}}
}
)");
    write_file((dir / "native" / "CMakeLists.txt").string(),
               "cmake_minimum_required(VERSION 3.20)\n"
               "project(demo CXX)\n"
               "find_package(PerryFFI CONFIG REQUIRED)\n"
               "add_library(demo STATIC demo.cpp)\n"
               "target_link_libraries(demo PRIVATE Perry::ffi)\n" +
                   extra_cmake);
    write_file((dir / "native" / "demo.cpp").string(),
               "#include <perry/ffi.h>\n"
               "extern \"C\" double js_demo_add(double a, double b) { return a + b; }\n"
               "extern \"C\" int js_demo_abi_minor() { return PERRY_FFI_VERSION_MINOR; }\n");
}

void write_rust_binding(const fs::path& dir, const std::string& target_entry) {
    fs::create_directories(dir);
    fs::copy(rust_crate_source(), dir, fs::copy_options::recursive);
    fs::remove_all(dir / "target");
    fs::remove(dir / "Cargo.lock");
    write_file((dir / "package.json").string(), R"({
  "name": "probe",
  "version": "1.0.0",
  "perry": {"nativeLibrary": {"abiVersion": "0.5",
    "functions": [{"name": "js_probe_add", "params": ["f64", "f64"], "returns": "f64"}],
    "targets": {"linux": )" + target_entry + R"(}}}
}
)");
}

std::string tree_snapshot(const fs::path& dir) {
    std::vector<std::string> lines;
    for (const fs::directory_entry& entry : fs::recursive_directory_iterator(dir)) {
        struct stat info {};
        ::lstat(entry.path().c_str(), &info);
        lines.push_back(entry.path().lexically_relative(dir).string() + " " +
                        std::to_string(info.st_size) + " " + std::to_string(info.st_mtim.tv_sec) +
                        "." + std::to_string(info.st_mtim.tv_nsec) + " " +
                        std::to_string(info.st_mode));
    }
    std::sort(lines.begin(), lines.end());
    std::string text;
    for (const std::string& line : lines)
        text += line + "\n";
    return text;
}

CountingShims::CountingShims(const std::vector<std::string>& programs) {
    for (const std::string& program : programs) {
        const std::optional<std::string> real =
            find_program(program, {std::string(std::getenv("HOME")) + "/.cargo/bin"});
        if (!real) {
            ADD_FAILURE() << program << " not found";
            continue;
        }
        // The shim is a test fixture standing in for a compiler; perry itself never uses a shell.
        const std::string shim = dir_ / program;
        write_file(shim, "#!/bin/sh\necho " + program + " \"$*\" >> " + (dir_ / "starts") +
                             "\nexec " + *real + " \"$@\"\n");
        fs::permissions(shim, fs::perms::owner_all);
    }
}

void CountingShims::install() const {
    const char* path = std::getenv("PATH");
    const_cast<std::string&>(old_path_) = path ? path : "";
    ::setenv("PATH", (dir_.path().string() + ":" + old_path_).c_str(), 1);
    installed_ = true;
}

CountingShims::~CountingShims() {
    if (installed_)
        ::setenv("PATH", old_path_.c_str(), 1);
}

std::string CountingShims::started() const {
    std::ifstream in(dir_ / "starts");
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

int CountingShims::starts() const {
    const std::string text = started();
    return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

std::vector<int> marked_processes(const std::string& mark) {
    std::vector<int> found;
    const std::string needle = "PERRY_TEST_MARK=" + mark;
    std::error_code ec;
    for (const fs::directory_entry& entry : fs::directory_iterator("/proc", ec)) {
        const std::string name = entry.path().filename().string();
        if (name.empty() || !std::all_of(name.begin(), name.end(), ::isdigit))
            continue;
        const int pid = std::stoi(name);
        if (pid == ::getpid())
            continue;
        std::ifstream environ(entry.path() / "environ", std::ios::binary);
        std::stringstream text;
        text << environ.rdbuf();
        const std::string all = text.str();
        bool marked = false;
        for (std::size_t start = 0; start < all.size();) {
            const std::size_t end = std::min(all.find('\0', start), all.size());
            if (all.compare(start, end - start, needle) == 0)
                marked = true;
            start = end + 1;
        }
        if (!marked)
            continue;
        std::ifstream stat(entry.path() / "stat");
        std::string line;
        std::getline(stat, line);
        const std::size_t paren = line.rfind(')');
        if (paren != std::string::npos && paren + 2 < line.size() && line[paren + 2] == 'Z')
            continue;
        found.push_back(pid);
    }
    return found;
}

bool wait_until_unmarked(const std::string& mark, std::chrono::milliseconds limit) {
    const auto until = std::chrono::steady_clock::now() + limit;
    while (!marked_processes(mark).empty()) {
        if (std::chrono::steady_clock::now() > until)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return true;
}

bool wait_until_gone(const std::vector<int>& pids, std::chrono::milliseconds limit) {
    const auto until = std::chrono::steady_clock::now() + limit;
    for (;;) {
        bool alive = false;
        for (int pid : pids) {
            std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
            std::string line;
            if (!std::getline(stat, line))
                continue;
            const std::size_t paren = line.rfind(')');
            if (paren != std::string::npos && paren + 2 < line.size() && line[paren + 2] != 'Z') {
                alive = true;
            }
        }
        if (!alive)
            return true;
        if (std::chrono::steady_clock::now() > until)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

namespace {
std::string comm(int pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/comm");
    std::string name;
    std::getline(in, name);
    return name;
}
} // namespace

int wait_for_process(const std::string& mark, const std::string& name,
                     std::chrono::milliseconds limit) {
    const auto until = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < until) {
        for (int pid : marked_processes(mark)) {
            if (comm(pid) == name)
                return pid;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return 0;
}

void kill_marked(const std::string& mark) {
    for (int pid : marked_processes(mark))
        ::kill(pid, SIGKILL);
    wait_until_unmarked(mark, std::chrono::seconds(5));
}

std::vector<std::string> entries(const fs::path& cache, const std::string& sub) {
    std::vector<std::string> names;
    std::error_code ec;
    for (const fs::directory_entry& entry : fs::directory_iterator(cache / sub, ec)) {
        names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

} // namespace perry::linker::test
