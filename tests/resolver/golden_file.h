// Golden files: compare text with a checked-in expectation; PERRY_UPDATE_GOLDEN=1 rewrites it.
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
    return flag && std::string(flag) == "1";
}

// Expects `actual` to equal the content of `expected_path`; with PERRY_UPDATE_GOLDEN=1 writes
// `actual` there instead (through a temporary name, then a rename).
inline void expect_golden(const std::filesystem::path& expected_path, const std::string& actual) {
    if (updating_golden()) {
        const std::filesystem::path tmp = expected_path.string() + ".tmp";
        {
            std::ofstream out(tmp, std::ios::binary);
            out << actual;
        }
        std::filesystem::rename(tmp, expected_path);
        return;
    }
    ASSERT_TRUE(std::filesystem::exists(expected_path))
        << expected_path << " is missing; run with PERRY_UPDATE_GOLDEN=1 to create it";
    EXPECT_EQ(read_text_file(expected_path), actual)
        << "golden file " << expected_path << " (PERRY_UPDATE_GOLDEN=1 regenerates)";
}

} // namespace perry::testing
