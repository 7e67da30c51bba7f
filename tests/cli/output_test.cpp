// cli/output.h: text from files made terminal-safe, UTF-8 validity, hex for --json.
#include "output.h"

#include <gtest/gtest.h>

#include <string>

namespace perry::cli {
namespace {

TEST(TerminalSafe, PrintableTextAndValidUtf8StayAsWritten) {
    for (const std::string text :
         {"", "js_fn", "a b\\c \"q\"", "caf\xc3\xa9", "\xe6\x97\xa5", "\xf0\x9f\x98\x80"}) {
        EXPECT_TRUE(is_terminal_safe(text)) << text;
        EXPECT_EQ(terminal_safe(text), text);
        EXPECT_TRUE(is_valid_utf8(text));
    }
}

TEST(TerminalSafe, ControlsAreEscapedAsJsonWritesThem) {
    EXPECT_EQ(terminal_safe("a\nb\tc\rd"), "a\\nb\\tc\\rd");
    EXPECT_EQ(terminal_safe("\x1b[31mred"), "\\u001b[31mred");
    EXPECT_EQ(terminal_safe(std::string("\0x", 2)), "\\u0000x");
    EXPECT_EQ(terminal_safe("\x7f"), "\\u007f");
    EXPECT_EQ(terminal_safe("\xc2\x85\xc2\x9b"), "\\u0085\\u009b"); // C1: NEL, CSI
    EXPECT_FALSE(is_terminal_safe("a\nb"));
}

TEST(TerminalSafe, BidirectionalControlsAndSeparatorsAreEscaped) {
    EXPECT_EQ(terminal_safe("x\xe2\x80\xaey"), "x\\u202ey");                // RLO
    EXPECT_EQ(terminal_safe("\xe2\x80\xaa\xe2\x80\xad"), "\\u202a\\u202d"); // LRE, LRO
    EXPECT_EQ(terminal_safe("\xe2\x81\xa6\xe2\x81\xa9"), "\\u2066\\u2069"); // LRI, PDI
    EXPECT_EQ(terminal_safe("\xe2\x80\x8e\xe2\x80\x8f\xd8\x9c"), "\\u200e\\u200f\\u061c");
    EXPECT_EQ(terminal_safe("\xe2\x80\xa8\xe2\x80\xa9"), "\\u2028\\u2029");
    EXPECT_FALSE(is_terminal_safe("\xe2\x80\xae"));
}

TEST(TerminalSafe, BytesThatAreNotUtf8AreHex) {
    EXPECT_EQ(terminal_safe("fo\xffo"), "fo\\xffo");
    EXPECT_EQ(terminal_safe("\xc3"), "\\xc3");                            // cut short
    EXPECT_EQ(terminal_safe("\xc0\xaf"), "\\xc0\\xaf");                   // overlong '/'
    EXPECT_EQ(terminal_safe("\xed\xa0\x80"), "\\xed\\xa0\\x80");          // a surrogate
    EXPECT_EQ(terminal_safe("\xf4\x90\x80\x80"), "\\xf4\\x90\\x80\\x80"); // above U+10FFFF
    EXPECT_EQ(terminal_safe("\x80"
                            "a"),
              "\\x80a"); // stray continuation
    for (const std::string text : {"fo\xffo", "\xc3", "\xc0\xaf", "\xed\xa0\x80"}) {
        EXPECT_FALSE(is_valid_utf8(text)) << text;
        EXPECT_FALSE(is_terminal_safe(text)) << text;
    }
}

TEST(TerminalSafe, EscapingIsIdempotent) {
    const std::string once = terminal_safe("a\n\xff\xe2\x80\xae");
    EXPECT_EQ(terminal_safe(once), once);
}

TEST(ToHex, EveryByteAsTwoLowercaseDigits) {
    EXPECT_EQ(to_hex(""), "");
    EXPECT_EQ(to_hex(std::string("fo\xffo\0", 5)), "666fff6f00");
}

} // namespace
} // namespace perry::cli
