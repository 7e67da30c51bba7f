// locate_runtime: the runtime of a perry binary, found from the binary's path alone.
#include "build_test_support.h"

#include <gtest/gtest.h>

namespace perry::linker::test {
namespace {

namespace fs = std::filesystem;

TEST(RuntimeLocation, BuildTreeFromCliPerry) {
    const RuntimeLocation runtime = build_tree_runtime();
    ASSERT_TRUE(runtime.found) << runtime.error;
    EXPECT_EQ(runtime.layout, "build tree");
    EXPECT_EQ(runtime.version, PERRY_TEST_VERSION);
    EXPECT_TRUE(fs::is_regular_file(runtime.include_dir / "perry" / "ffi.h"));
    EXPECT_EQ(runtime.ffi_library.filename(), "libperry_ffi.a");
    EXPECT_TRUE(fs::is_regular_file(runtime.ffi_library));
    EXPECT_TRUE(fs::is_regular_file(runtime.cmake_dir / "PerryFFIConfig.cmake"));
    EXPECT_TRUE(fs::is_regular_file(runtime.pkgconfig_dir / "perry-ffi.pc"));
    EXPECT_EQ(runtime.share_dir, fs::path(PERRY_TEST_BUILD_DIR) / "share" / "perry");
    EXPECT_TRUE(runtime.run_host_library.empty() ||
                runtime.run_host_library.filename() == "libperry_run_host.a");
}

TEST(RuntimeLocation, NothingBesideAnUnknownBinary) {
    TempDir dir;
    const RuntimeLocation runtime = locate_runtime(dir.path() / "bin" / "perry");
    EXPECT_FALSE(runtime.found);
    EXPECT_EQ(runtime.error, (dir.path() / "share" / "perry" / "runtime.json").string() +
                                 ": cannot read the runtime description of this perry (" +
                                 (dir.path() / "bin" / "perry").string() + ")");
    EXPECT_FALSE(locate_runtime({}).found);
}

TEST(RuntimeLocation, CurrentExecutableIsThisTest) {
    EXPECT_EQ(current_executable().filename(), "process_tests");
}

} // namespace
} // namespace perry::linker::test
