// Package trees for the file-selection tests, written inline: each with the files npm packs
// from it (checked by hand against npm 10/11's `npm pack --dry-run`, and by the npm comparison
// test wherever npm is installed).
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace perry::linker::test {

struct PackFixture {
    std::string name;
    std::map<std::string, std::string> files; // relative path -> contents
    std::vector<std::string> packed;          // sorted
};

const std::vector<PackFixture>& pack_fixtures();

// Writes the fixture's files under `dir`.
void write_fixture(const PackFixture& fixture, const std::filesystem::path& dir);

} // namespace perry::linker::test
