// Golden files: compare text with a checked-in expectation. PERRY_UPDATE_GOLDEN=1 rewrites the
// expectation from the actual text instead (through a temporary name and a rename), to be
// reviewed as a diff. The one implementation every golden test uses.
//
// Use it as an assertion at the call site, so a failure names the test line that made it:
//   EXPECT_TRUE(perry::testing::matches_golden(path, actual));
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace perry::testing {

inline std::string read_text_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

inline bool updating_golden() {
    const char* flag = std::getenv("PERRY_UPDATE_GOLDEN");
    return flag != nullptr && std::string(flag) == "1";
}

// The 1-based number of the first line where two texts differ.
inline size_t first_differing_line(const std::string& a, const std::string& b) {
    size_t line = 1;
    for (size_t i = 0; i < a.size() && i < b.size() && a[i] == b[i]; ++i) {
        line += a[i] == '\n' ? 1 : 0;
    }
    return line;
}

inline ::testing::AssertionResult matches_golden(const std::filesystem::path& expected_path,
                                                 const std::string& actual) {
    if (updating_golden()) {
        std::filesystem::create_directories(expected_path.parent_path());
        const std::filesystem::path temporary = expected_path.string() + ".tmp";
        std::ofstream(temporary, std::ios::binary) << actual;
        std::filesystem::rename(temporary, expected_path);
        return ::testing::AssertionSuccess();
    }
    if (!std::filesystem::exists(expected_path)) {
        return ::testing::AssertionFailure()
               << "golden file " << expected_path
               << " is missing; run with PERRY_UPDATE_GOLDEN=1 to create it";
    }
    const std::string expected = read_text_file(expected_path);
    if (expected == actual) {
        return ::testing::AssertionSuccess();
    }
    return ::testing::AssertionFailure()
           << "golden file " << expected_path << " differs from line "
           << first_differing_line(expected, actual)
           << " (PERRY_UPDATE_GOLDEN=1 regenerates it)\n--- expected\n"
           << expected << "--- actual\n"
           << actual;
}

} // namespace perry::testing
