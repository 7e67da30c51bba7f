// Agreement with GNU nm on real archives: a spread sample of at least 20 static libraries under
// /usr/lib gives the same defined-global set as `nm --target=elf64-x86-64 -gP --defined-only`.
#include "perry/linker/symbols.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace perry::linker::test {
namespace {

// Every regular `.a` under /usr/lib that is an ar archive (not a text linker script), sorted.
std::vector<std::string> system_archives() {
    std::vector<std::string> found;
    std::error_code error;
    for (auto it = std::filesystem::recursive_directory_iterator(
             "/usr/lib", std::filesystem::directory_options::skip_permission_denied, error);
         it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
        if (error) break;
        if (!it->is_regular_file(error) || it->path().extension() != ".a") continue;
        std::ifstream in(it->path(), std::ios::binary);
        char magic[8] = {};
        in.read(magic, 8);
        if (std::string(magic, 8) == "!<arch>\n") found.push_back(it->path().string());
    }
    std::sort(found.begin(), found.end());
    return found;
}

TEST(SystemArchivesTest, SameDefinedGlobalsAsGnuNm) {
    const std::vector<std::string> all = system_archives();
    ASSERT_GE(all.size(), 20u) << "too few archives under /usr/lib for the agreement test";
    // 24 archives spread evenly over the sorted list: different packages, sizes and producers.
    const std::size_t wanted = 24;
    std::size_t compared = 0;
    for (std::size_t i = 0; i < wanted; ++i) {
        const std::string& file = all[i * all.size() / wanted];
        SCOPED_TRACE(file);
        const SymbolListing listing = read_symbols(file);
        EXPECT_TRUE(listing.problems.empty());
        EXPECT_EQ(our_defined_globals(listing), nm_defined_globals(file));
        ++compared;
    }
    EXPECT_GE(compared, 20u);
}

} // namespace
} // namespace perry::linker::test
