#include "pack_test_support.h"

#include "perry/linker/process.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace perry::cli::test {

namespace fs = std::filesystem;

PerryResult run_perry(const std::vector<std::string>& args, const fs::path& cwd,
                      const Environment& env) {
    std::vector<std::string> argv = {PERRY_BIN, "native"};
    argv.insert(argv.end(), args.begin(), args.end());
    linker::ProcessOptions options;
    options.cwd = cwd.string();
    options.env = env;
    options.env.push_back({"NO_COLOR", "1"});
    const linker::ProcessResult result = linker::run_process(argv, options);
    return {result.exit_code, result.out, result.err};
}

std::string read_bytes(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

void set_manifest_field(const fs::path& dir, const std::string& json_pointer,
                        const std::string& json_value) {
    nlohmann::ordered_json manifest =
        nlohmann::ordered_json::parse(read_bytes(dir / "package.json"));
    manifest[nlohmann::ordered_json::json_pointer(json_pointer)] =
        nlohmann::ordered_json::parse(json_value);
    std::ofstream(dir / "package.json", std::ios::binary) << manifest.dump(2) << "\n";
}

std::string every_type_with_prebuilt(const Scratch& scratch, const fs::path& dir,
                                     const fs::path& cache) {
    scratch.run(
        {"cp", "-R", std::string(PERRY_SOURCE_DIR) + "/tests/e2e/every-type", dir.string()});
    const PerryResult built = run_perry({"validate", dir.string(), "--json"}, scratch.path(),
                                        {{"PERRY_CACHE_DIR", cache.string()}});
    EXPECT_EQ(built.exit_code, 0) << built.err;
    const nlohmann::json report = nlohmann::json::parse(built.out);
    const fs::path archive = report.at("targets").at(0).at("archivePath").get<std::string>();
    const std::string relative = "prebuilt/x86_64-unknown-linux-gnu/libevery_type.a";
    fs::create_directories((dir / relative).parent_path());
    fs::copy_file(archive, dir / relative, fs::copy_options::overwrite_existing);
    set_manifest_field(dir, "/perry/nativeLibrary/targets/linux/prebuilt", "\"" + relative + "\"");
    return relative;
}

std::vector<std::string> files_in(const fs::path& dir) {
    std::vector<std::string> names;
    for (const fs::directory_entry& entry : fs::directory_iterator(dir))
        names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

} // namespace perry::cli::test
