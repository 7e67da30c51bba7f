// parse_manifest_text's fast path (resolver/src/manifest_fast_path.h): which documents it reads,
// that it reads them exactly as the full reader does, and that everything else is left to the
// full reader untouched. The manifest fuzzer checks the same agreement on arbitrary input.
#include "support/fast_path_agreement.h"

#include "symbol_bytes.h"
#include "symbol_names.h"

#include "perry/resolver/manifest.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using perry::testing::fast_path_disagreement;
using perry::testing::fast_path_reads;

// Everything the fast path reads: skipped members of every JSON kind (escapes, non-ASCII text,
// surrogate pairs, nesting), functions with members in any order, every target field, both
// spellings of the aliased ones.
const std::string kClean = R"({
  "name": "@x/clean",
  "version": "1.0.0",
  "description": "caf\u00e9 \"quoted\" \ud83d\ude00 \/ \b\f\n\r\t \u00fc – ünïcode",
  "keywords": ["a", "b"],
  "scripts": {"build": "cargo build"},
  "numbers": [1, -2, 0, -0, 123456789012345678, true, false, null, {}, [], {"a": [[{}]]}],
  "perry": {
    "other": {"nativeLibrary": 1},
    "nativeLibrary": {
      "abiVersion": "^0.5",
      "functions": [
        {"name": "js_a", "params": [], "returns": "void"},
        {"returns": "i64_str", "params": ["string", "f64", "jsvalue"], "name": "_b9"},
        {
          "params" : [ "i32" , "i64" ] ,
          "name" : "Js_C" ,
          "returns" : "promise"
        }
      ],
      "targets": {
        "linux": {"crate": "./native/", "lib": "x", "libs": ["m"], "libDirs": ["a/./b", "c"],
                  "cargo_features": []},
        "macos": {"frameworks": ["Metal"], "optional_frameworks": ["A"],
                  "optionalFrameworks": ["B"], "frameworksEnv": "E", "pkgConfig": ["p"],
                  "swift_sources": ["s.swift"], "metal_sources": ["m.metal"]},
        "web": {"prebuilt": "pkg/"}
      }
    }
  }
})";

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const std::size_t at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return at == std::string::npos ? text : text.replace(at, from.size(), to);
}

TEST(ManifestFastPath, ReadsACleanManifestAsTheFullReaderDoes) {
    EXPECT_TRUE(fast_path_reads(kClean, "/pkg"));
    EXPECT_EQ(fast_path_disagreement(kClean, "/pkg"), "");
    const auto result = perry::resolver::parse_manifest_text(kClean, "package.json", "/pkg");
    ASSERT_TRUE(result.ok());
    ASSERT_EQ(result.native_library.functions.size(), 3u);
    EXPECT_EQ(result.native_library.functions[1].name, "_b9");
    EXPECT_EQ(result.native_library.functions[2].params.size(), 2u);
    ASSERT_EQ(result.native_library.targets.size(), 3u);
    EXPECT_EQ(result.native_library.targets[1].optional_frameworks,
              std::vector<std::string>{"B"}); // the later spelling wins, as in the full reader
}

TEST(ManifestFastPath, ReadsTheShapesAroundTheLibrary) {
    for (const std::string& text : std::vector<std::string>{
             std::string("{}"), std::string("\xEF\xBB\xBF{\"name\": \"bom\"}"),
          std::string(" {\"name\": \"x\", \"perry\": {}} \n"),
          replaced(kClean, "\"abiVersion\": \"^0.5\",", ""),     // a warning, from shared code
          replaced(kClean, "\"^0.5\"", "\"^1.0\""),              // an error, from shared code
          replaced(kClean, "\"functions\": [", "\"functions\": [], \"x_\": ["),
         }) {
        SCOPED_TRACE(text);
        EXPECT_EQ(fast_path_disagreement(text, "/pkg"), "");
    }
    EXPECT_TRUE(fast_path_reads("{}", ""));
    EXPECT_TRUE(fast_path_reads(replaced(kClean, "\"^0.5\"", "\"^1.0\""), ""));
}

// Each of these needs a diagnostic, or holds something the fast path does not read itself: it
// declines, and parse_manifest_text's result is the full reader's.
TEST(ManifestFastPath, LeavesEverythingElseToTheFullReader) {
    const std::vector<std::string> declined = {
        replaced(kClean, "\"js_a\"", "\"js_\\u0061\""),           // an escape in a kept string
        replaced(kClean, "\"js_a\"", "\"9js\""),                   // not a C identifier
        replaced(kClean, "\"js_a\"", "\"_b9\""),                   // a duplicate function
        replaced(kClean, "\"returns\": \"void\"", "\"returns\": \"u8\""), // legacy f64
        replaced(kClean, "\"returns\": \"void\"", "\"returns\": \"\""),
        replaced(kClean, "\"params\": []", "\"params\": [], \"doc\": 1"), // unknown member
        replaced(kClean, "\"params\": []", "\"params\": [], \"name\": \"js_z\""),
        replaced(kClean, "\"params\": []", "\"params\": [\"u8\"]"),
        replaced(kClean, "\"params\": []", "\"params\": {}"),
        replaced(kClean, "{\"name\": \"js_a\"", "{\"nam\": \"js_a\""),
        replaced(kClean, "\"name\": \"@x/clean\",", ""),           // a library needs its name
        replaced(kClean, "\"version\": \"1.0.0\"", "\"version\": 1"),
        replaced(kClean, "\"version\": \"1.0.0\"", "\"version\": \"1\", \"version\": \"2\""),
        replaced(kClean, "\"lib\": \"x\"", "\"lib\": \"libx.a\""),
        replaced(kClean, "\"lib\": \"x\"", "\"lib\": \"a/x\""),
        replaced(kClean, "\"crate\": \"./native/\"", "\"crate\": \"../up\""),
        replaced(kClean, "\"crate\": \"./native/\"", "\"crate\": \"/abs\""),
        replaced(kClean, "\"web\":", "\"amiga\": {}, \"web\":"),   // an unknown target
        replaced(kClean, "\"web\":", "\"linux\": {}, \"web\":"),   // a target twice
        replaced(kClean, "\"libs\": [\"m\"]", "\"libs\": [\"m\", 1]"),
        replaced(kClean, "\"abiVersion\": \"^0.5\"", "\"abiVersion\": 5"),
        replaced(kClean, "\"abiVersion\": \"^0.5\"", "\"abiVersion\": \"^0.5\", \"extra\": 1"),
        replaced(kClean, "\"other\"", "\"nativeLibrary\": {}, \"other\""),
        // Numbers the fast path leaves to the full reader's overflow check.
        replaced(kClean, "\"numbers\": [1,", "\"numbers\": [1.5,"),
        replaced(kClean, "\"numbers\": [1,", "\"numbers\": [1e400,"),
        replaced(kClean, "\"numbers\": [1,", "\"numbers\": [1234567890123456789,"),
        // Nesting deeper than the fast path's 64 levels.
        replaced(kClean, "\"numbers\": [1,", "\"numbers\": [" + std::string(65, '[') +
                                                 std::string(65, ']') + ", 1,"),
        // Not JSON.
        replaced(kClean, "\"numbers\": [1,", "\"numbers\": [01,"),
        replaced(kClean, "\"numbers\": [1,", "\"numbers\": [1,]"),
        replaced(kClean, "\"numbers\": [1,", "\"numbers\": [truex,"),
        replaced(kClean, "\"caf", "\"\\x"),
        replaced(kClean, "\"caf", "\"\\ud800"),
        replaced(kClean, "\"caf", "\"\\udc00"),
        replaced(kClean, "\"caf", "\"\x01"),
        replaced(kClean, "\"caf", "\"\xC3\x28"),
        kClean + "x",
        kClean.substr(0, kClean.size() - 1),
        "[]",
        "",
        "{\"name\": \"x\"",
    };
    for (const std::string& text : declined) {
        SCOPED_TRACE(text);
        EXPECT_FALSE(fast_path_reads(text, "/pkg"));
        EXPECT_EQ(fast_path_disagreement(text, "/pkg"), "");
    }
}

TEST(ManifestFastPath, ScansSymbolNamesAsCheckSymbolChecksThem) {
    using perry::resolver::detail::check_symbol;
    using perry::resolver::detail::scan_quoted_symbol;
    for (std::size_t size : {1, 2, 7, 8, 15, 16, 17, 31, 32, 33, 64}) {
        std::string name(size, 'a');
        if (size > 1)
            name.back() = '9';
        for (const std::string& tail :
             std::vector<std::string>{"\"", "\",\"rest of the document\""}) {
            // An exact-size buffer: the scan must not read past its end (ASan checks).
            const std::string text = name + tail;
            std::uint64_t hash = 0;
            const char* close = scan_quoted_symbol(text.data(), text.data() + text.size(), hash);
            ASSERT_EQ(close, text.data() + size) << size;
            std::string padded = name + std::string(16, '\0'); // check_symbol reads ahead
            EXPECT_EQ(hash, check_symbol(std::string_view(padded.data(), size)).hash) << size;
        }
        for (std::size_t bad = 0; bad < size; ++bad) {
            for (char c : {'-', '"', '\\', '\x80', '\0', ' '}) {
                std::string text = name + "\"";
                text[bad] = c;
                std::uint64_t hash = 0;
                const char* close =
                    scan_quoted_symbol(text.data(), text.data() + text.size(), hash);
                // A quote ends the name early: valid only with something before it.
                if (c == '"' && bad > 0)
                    EXPECT_EQ(close, text.data() + bad);
                else
                    EXPECT_EQ(close, nullptr) << size << " " << bad << " " << int(c);
            }
        }
    }
    std::uint64_t hash = 0;
    for (const std::string& text : std::vector<std::string>{"\"", "9a\"", "abc", ""})
        EXPECT_EQ(scan_quoted_symbol(text.data(), text.data() + text.size(), hash), nullptr)
            << text;
}

#if defined(__SSE2__)
TEST(ManifestFastPath, ScansShortNamesInlineAsScanQuotedSymbolDoes) {
    using perry::resolver::detail::scan_quoted_symbol;
    using perry::resolver::detail::symbol_bytes::scan_short_quoted_symbol;
    for (std::size_t size = 0; size <= 40; ++size) {
        std::string name;
        for (std::size_t i = 0; i < size; ++i)
            name += "aZ_9"[i % 4];
        for (std::size_t bad = 0; bad <= size; ++bad) {
            for (char c : {'\0', '-', '"', '\\', '\x80', '7', 'q'}) {
                std::string text = name + "\"" + std::string(40, '"');
                if (bad < size || c != '\0')
                    text[bad] = c;
                std::uint64_t full_hash = 1, short_hash = 2;
                const char* full = scan_quoted_symbol(text.data(), text.data() + text.size(),
                                                      full_hash);
                const char* quick = scan_short_quoted_symbol(text.data(), short_hash);
                const std::string at = std::to_string(size) + "/" + std::to_string(bad) + "/" +
                                       std::to_string(int(c));
                if (quick != nullptr) { // then exactly as the full scan
                    EXPECT_EQ(quick, full) << at;
                    EXPECT_EQ(short_hash, full_hash) << at;
                } else if (full != nullptr) { // declined only for a name of 32 bytes or more
                    EXPECT_GE(full - text.data(), 32) << at;
                }
            }
        }
        const std::string text = name + std::string(40, '"');
        std::uint64_t hash = 0;
        const char* quick = scan_short_quoted_symbol(text.data(), hash);
        if (size >= 1 && size < 32) {
            EXPECT_EQ(quick, text.data() + size) << size;
        }
    }
}
#endif

TEST(ManifestFastPath, TellsListsOfDifferentNamesFromListsWithARepeat) {
    using perry::resolver::detail::all_different;
    using perry::resolver::detail::check_symbol;
    auto hashes_of = [](int count, const std::string& prefix) {
        std::vector<std::uint64_t> hashes;
        for (int i = 0; i < count; ++i) {
            const std::string name = prefix + std::to_string(i) + std::string(16, '\0');
            hashes.push_back(check_symbol(std::string_view(name.data(), name.size() - 16)).hash);
        }
        return hashes;
    };
    EXPECT_TRUE(all_different({}));
    EXPECT_TRUE(all_different(hashes_of(1, "f")));
    // A repeat is always found, wherever it is and however long the list.
    for (int count : {2, 3, 100, 500, 5000}) {
        auto hashes = hashes_of(count, "js_fn_");
        for (int at : {0, count / 2, count - 2}) {
            auto repeated = hashes;
            repeated.push_back(hashes[at]);
            EXPECT_FALSE(all_different(repeated)) << count << " " << at;
        }
    }
    // Lists of different names: a false alarm is rare (the caller then checks every name).
    int alarms = 0;
    for (int list = 0; list < 200; ++list)
        alarms += all_different(hashes_of(500, "js_" + std::to_string(list) + "_")) ? 0 : 1;
    EXPECT_LE(alarms, 20) << "false alarms in 200 lists of 500 different names";
}

} // namespace
