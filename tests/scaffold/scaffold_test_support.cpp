#include "scaffold_test_support.h"

#include <fstream>
#include <random>
#include <sstream>

namespace perry::scaffold_test {
namespace fs = std::filesystem;

TempDir::TempDir() {
    std::random_device random;
    path_ = fs::temp_directory_path() /
            ("perry-scaffold-" + std::to_string(random()) + std::to_string(random()));
    fs::create_directories(path_);
    path_ = fs::canonical(path_);
}

TempDir::~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
}

linker::ProcessResult run_perry(const fs::path& perry, const std::vector<std::string>& args,
                                const fs::path& cwd,
                                std::vector<std::pair<std::string, std::string>> env) {
    std::vector<std::string> argv = {perry.string(), "native"};
    argv.insert(argv.end(), args.begin(), args.end());
    linker::ProcessOptions options;
    options.cwd = cwd.string();
    options.env = std::move(env);
    options.env.emplace_back("NO_COLOR", "1");
    return linker::run_process(argv, options);
}

std::map<std::string, std::string> read_tree(const fs::path& dir) {
    std::map<std::string, std::string> files;
    for (const fs::directory_entry& entry : fs::recursive_directory_iterator(dir)) {
        if (entry.is_regular_file()) {
            files[entry.path().lexically_relative(dir).generic_string()] = read_file(entry.path());
        }
    }
    return files;
}

std::string file_list(const fs::path& dir) {
    std::string out;
    for (const auto& [path, contents] : read_tree(dir))
        out += path + "\n";
    return out;
}

std::string read_file(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

void write_file(const fs::path& file, const std::string& text) {
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
    for (std::size_t at = text.find(from); at != std::string::npos;
         at = text.find(from, at + to.size())) {
        text.replace(at, from.size(), to);
    }
    return text;
}

} // namespace perry::scaffold_test
