// Golden tests over tests/resolver/corpus: every manifest's exact diagnostics and exit status.
// valid/ holds manifests without errors (warnings allowed: the six real packages of
// /work/shared/reference among them), invalid/ at least one error each. The expectation of
// `<name>.json` is `<name>.expected` beside it; PERRY_UPDATE_GOLDEN=1 rewrites them.
#include "golden.h"
#include "support/reader_agreement.h"

#include "perry/resolver/manifest.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using perry::resolver::ManifestResult;

const fs::path kCorpus = PERRY_RESOLVER_CORPUS_DIR;

std::vector<std::string> corpus_files(const char* kind) {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(kCorpus / kind)) {
        if (entry.path().extension() == ".json")
            names.push_back(entry.path().stem().string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

// The exit status a command reports for this result (design.md): 2 unreadable, 1 errors, 0 ok.
int exit_status(const ManifestResult& r) {
    return r.unreadable ? 2 : r.ok() ? 0 : 1;
}

std::string render(const ManifestResult& r) {
    std::string out;
    for (const auto& d : r.diagnostics)
        out += d.format() + "\n";
    out += "exit " + std::to_string(exit_status(r)) + "\n";
    return out;
}

ManifestResult parse_corpus_file(const std::string& kind, const std::string& name) {
    const fs::path file = kCorpus / kind / (name + ".json");
    return perry::resolver::parse_manifest_text(perry::testing::read_text_file(file),
                                                "corpus/" + kind + "/" + name + ".json",
                                                file.parent_path());
}

class ValidManifest : public ::testing::TestWithParam<std::string> {};
class InvalidManifest : public ::testing::TestWithParam<std::string> {};

// Every corpus file is read by simdjson as nlohmann reads it (or refused by both).
void expect_readers_agree(const std::string& kind, const std::string& name) {
    const fs::path file = kCorpus / kind / (name + ".json");
    EXPECT_EQ(perry::testing::reader_disagreement(perry::testing::read_text_file(file)), "");
}

TEST_P(ValidManifest, HasNoErrorAndExactWarnings) {
    ManifestResult r = parse_corpus_file("valid", GetParam());
    expect_readers_agree("valid", GetParam());
    EXPECT_TRUE(
        perry::testing::matches_golden(kCorpus / "valid" / (GetParam() + ".expected"), render(r)));
    EXPECT_TRUE(r.ok()) << render(r);
}

TEST_P(InvalidManifest, HasExactErrors) {
    ManifestResult r = parse_corpus_file("invalid", GetParam());
    expect_readers_agree("invalid", GetParam());
    EXPECT_TRUE(perry::testing::matches_golden(kCorpus / "invalid" / (GetParam() + ".expected"),
                                               render(r)));
    EXPECT_FALSE(r.ok());
    for (const auto& d : r.diagnostics) {
        EXPECT_FALSE(d.message.empty());
        if (d.is_error()) {
            EXPECT_FALSE(d.fix.empty()) << "every error says how to fix it: " << d.what();
        }
    }
}

std::string test_name(const ::testing::TestParamInfo<std::string>& info) {
    std::string name = info.param;
    std::replace_if(
        name.begin(), name.end(),
        [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); }, '_');
    return name;
}

INSTANTIATE_TEST_SUITE_P(Corpus, ValidManifest, ::testing::ValuesIn(corpus_files("valid")),
                         test_name);
INSTANTIATE_TEST_SUITE_P(Corpus, InvalidManifest, ::testing::ValuesIn(corpus_files("invalid")),
                         test_name);

TEST(ManifestCorpus, HasAtLeastFortyMalformedManifests) {
    EXPECT_GE(corpus_files("invalid").size(), 40u);
    for (const char* real : {"ref-bloomengine-engine", "ref-perryts-dgram", "ref-perryts-iroh",
                             "ref-perryts-storekit", "ref-perryts-tursodb", "ref-perryts-webgpu"}) {
        EXPECT_TRUE(fs::exists(kCorpus / "valid" / (std::string(real) + ".json"))) << real;
    }
}

} // namespace
