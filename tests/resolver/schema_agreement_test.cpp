// schemas/manifest.schema.json and the C++ validator agree on every manifest of the corpus:
// a document is valid for ajv exactly when parse_manifest_text finds no error in it. The checks
// that depend on the runtime version are left out of the C++ side (ParseOptions), since the
// schema cannot know which runtime loads the package.
#include "golden.h"
#include "subprocess.h"

#include "perry/resolver/manifest.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

TEST(ManifestSchema, AjvAgreesWithTheValidatorOnEveryCorpusManifest) {
    const fs::path corpus = PERRY_RESOLVER_CORPUS_DIR;
    std::vector<std::string> files;
    for (const char* kind : {"valid", "invalid"}) {
        for (const auto& entry : fs::directory_iterator(corpus / kind)) {
            if (entry.path().extension() == ".json")
                files.push_back(entry.path().string());
        }
    }
    std::sort(files.begin(), files.end());
    ASSERT_GE(files.size(), 60u);

    std::vector<std::string> argv = {PERRY_NODE_EXECUTABLE, PERRY_SCHEMA_CHECK_SCRIPT,
                                     PERRY_MANIFEST_SCHEMA};
    argv.insert(argv.end(), files.begin(), files.end());
    perry::testing::RunResult ajv = perry::testing::run_capture(argv);
    ASSERT_EQ(ajv.exit_code, 0) << "node " << PERRY_SCHEMA_CHECK_SCRIPT << " failed:\n" << ajv.out;

    std::map<std::string, std::string> ajv_verdict; // file -> "valid" or "invalid\t<why>"
    std::istringstream lines(ajv.out);
    for (std::string line; std::getline(lines, line);) {
        const std::size_t tab = line.find('\t');
        ASSERT_NE(tab, std::string::npos) << line;
        ajv_verdict[line.substr(0, tab)] = line.substr(tab + 1);
    }
    ASSERT_EQ(ajv_verdict.size(), files.size()) << ajv.out;

    perry::resolver::ParseOptions options;
    options.check_against_runtime = false;
    int valid = 0, invalid = 0;
    for (const std::string& file : files) {
        const fs::path path(file);
        auto result = perry::resolver::parse_manifest_text(perry::testing::read_text_file(path),
                                                           file, path.parent_path(), options);
        const std::string& verdict = ajv_verdict[file];
        const bool ajv_valid = verdict == "valid";
        std::string ours;
        for (const auto& d : result.diagnostics)
            ours += "  " + d.format() + "\n";
        EXPECT_EQ(result.ok(), ajv_valid) << file << "\n  ajv: " << verdict << "\n  ours:\n"
                                          << ours;
        (ajv_valid ? valid : invalid)++;
    }
    // Both kinds are present, so the comparison cannot pass by everything being accepted.
    EXPECT_GT(valid, 20);
    EXPECT_GT(invalid, 40);
}

} // namespace
