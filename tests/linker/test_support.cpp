#include "test_support.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>

namespace perry::linker::test {

TempDir::TempDir() {
    std::random_device random;
    path_ = std::filesystem::temp_directory_path() /
            ("perry-linker-test-" + std::to_string(random()) + std::to_string(random()));
    std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
}

void write_file(const std::string& path, const std::string& text) {
    std::filesystem::create_directories(std::filesystem::path(path).parent_path());
    std::ofstream out(path, std::ios::binary);
    out << text;
}

std::string read_all(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), {});
}

std::vector<std::string> system_archives() {
    std::vector<std::string> found;
    std::error_code error;
    for (auto it = std::filesystem::recursive_directory_iterator(
             "/usr/lib", std::filesystem::directory_options::skip_permission_denied, error);
         it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
        if (error)
            break;
        if (!it->is_regular_file(error) || it->path().extension() != ".a")
            continue;
        std::ifstream in(it->path(), std::ios::binary);
        char magic[8] = {};
        in.read(magic, 8);
        if (std::string(magic, 8) == "!<arch>\n")
            found.push_back(it->path().string());
    }
    std::sort(found.begin(), found.end());
    return found;
}

std::string run_ok(const std::vector<std::string>& argv, const std::string& cwd) {
    ProcessOptions options;
    options.cwd = cwd;
    ProcessResult result = run_process(argv, options);
    std::string command;
    for (const std::string& arg : argv)
        command += arg + " ";
    if (!result.ok()) {
        ADD_FAILURE() << "command failed (exit " << result.exit_code << "): " << command << "\n"
                      << result.error << result.err;
    }
    return result.out;
}

std::map<std::string, std::string> kinds_by_name(const SymbolListing& listing) {
    std::map<std::string, std::string> kinds;
    for (const DefinedSymbol& symbol : listing.symbols) {
        kinds[std::string(symbol.name())] = std::string(to_string(symbol.kind));
    }
    return kinds;
}

std::vector<std::string> nm_defined_globals(const std::string& file) {
    const std::string out = run_ok({"nm", "--target=elf64-x86-64", "-gP", "--defined-only", file});
    std::vector<std::string> names;
    std::istringstream lines(out);
    std::string line;
    while (std::getline(lines, line)) {
        // Archive member headers look like `lib.a[member.o]:`; symbol lines are `name T v s`.
        if (line.empty() || line.back() == ':')
            continue;
        names.push_back(line.substr(0, line.find(' ')));
    }
    std::sort(names.begin(), names.end());
    return names;
}

std::vector<std::string> our_defined_globals(const SymbolListing& listing) {
    std::vector<std::string> names;
    for (const DefinedSymbol& symbol : listing.symbols)
        names.emplace_back(symbol.raw_name);
    std::sort(names.begin(), names.end());
    return names;
}

} // namespace perry::linker::test
