// A Rust staticlib built offline with cargo from rust-staticlib/: the reader finds every defined
// global `nm --target=elf64-x86-64 -gP --defined-only` finds (stock nm and llvm-nm-14 do not).
#include "perry/linker/symbols.h"
#include "support/self_check.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <cstdlib>

namespace perry::linker::test {
namespace {

TEST(RustStaticlibTest, EveryDefinedGlobalNmFinds) {
    const char* crate = std::getenv("PERRY_TEST_RUST_CRATE");
    ASSERT_NE(crate, nullptr) << "PERRY_TEST_RUST_CRATE is set by ctest";
    const char* home = std::getenv("HOME");
    const std::optional<std::string> cargo =
        find_program("cargo", {std::string(home ? home : "") + "/.cargo/bin"});
    ASSERT_TRUE(cargo.has_value()) << "cargo is neither on PATH nor in ~/.cargo/bin";

    TempDir target;
    ProcessOptions options;
    options.cwd = crate;
    options.env = {{"CARGO_NET_OFFLINE", "true"}, {"CARGO_TARGET_DIR", target.path().string()}};
    const ProcessResult build = run_process({*cargo, "build", "--release", "--quiet"}, options);
    ASSERT_TRUE(build.ok()) << build.error << build.err;

    const std::string lib = target / "release/libperry_symbols_probe.a";
    const SymbolListing listing = read_symbols(lib);
    EXPECT_TRUE(listing.problems.empty());
    const std::vector<std::string> ours = our_defined_globals(listing);
    EXPECT_GT(ours.size(), 500u); // the bundled std, not only our three
    EXPECT_EQ(ours, nm_defined_globals(lib));

    const std::map<std::string, std::string> kinds = kinds_by_name(listing);
    EXPECT_EQ(kinds.at("js_probe_add"), "function");
    EXPECT_EQ(kinds.at("js_probe_greeting_len"), "function");
    EXPECT_EQ(kinds.at("PROBE_TABLE"), "data");

    ReadOptions walk;
    walk.walk = true;
    EXPECT_EQ(our_defined_globals(read_symbols(lib, walk)), ours);

    // The reader's fast paths give what LLVM's generic ones give (fast_paths_test.cpp).
    const std::string bytes = read_all(lib);
    EXPECT_EQ(detail::gnu_walk_disagreement(bytes), "");
    EXPECT_EQ(detail::elf_reader_disagreement(bytes), "");
}

} // namespace
} // namespace perry::linker::test
