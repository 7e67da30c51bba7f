// Agreement with GNU nm on real archives: a spread sample of at least 20 static libraries under
// /usr/lib gives the same defined-global set as `nm --target=elf64-x86-64 -gP --defined-only`.
#include "perry/linker/symbols.h"
#include "test_support.h"

#include <gtest/gtest.h>

namespace perry::linker::test {
namespace {

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
