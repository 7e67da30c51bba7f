// NameGroups (linker/src/symbols/name_groups.h): equal names share a group, and only they.
#include "symbols/name_groups.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace perry::linker::detail {
namespace {

NameGroups group(const std::vector<std::string>& names) {
    return NameGroups(names.size(),
                      [&names](std::uint32_t i) { return std::string_view(names[i]); });
}

std::vector<std::uint32_t> members(const NameGroups& groups, std::uint32_t g) {
    std::vector<std::uint32_t> out;
    for (std::uint32_t i = groups.first(g); i != NameGroups::kNone; i = groups.next(i)) {
        out.push_back(i);
    }
    return out;
}

TEST(NameGroupsTest, EqualNamesShareAGroupAndOnlyThey) {
    const std::vector<std::string> text = {"b", "a", "b", "", "c", "a", "b", ""};
    const NameGroups groups = group(text);
    ASSERT_EQ(groups.group_count(), 4u);
    for (std::size_t i = 0; i < text.size(); ++i) {
        for (std::size_t j = 0; j < text.size(); ++j) {
            EXPECT_EQ(groups.group_of(i) == groups.group_of(j), text[i] == text[j])
                << i << " " << j;
        }
    }
    const std::uint32_t b = groups.find("b");
    ASSERT_NE(b, NameGroups::kNone);
    EXPECT_EQ(members(groups, b), (std::vector<std::uint32_t>{0, 2, 6}));
    EXPECT_EQ(members(groups, groups.find("")), (std::vector<std::uint32_t>{3, 7}));
    EXPECT_EQ(groups.find("d"), NameGroups::kNone);
}

TEST(NameGroupsTest, ThousandsOfNamesWithRepeats) {
    std::vector<std::string> text;
    for (int i = 0; i < 5000; ++i)
        text.push_back("_ZN3std2io5stdio" + std::to_string(i % 1234));
    const NameGroups groups = group(text);
    EXPECT_EQ(groups.group_count(), 1234u);
    for (std::size_t i = 0; i < text.size(); ++i) {
        const std::uint32_t g = groups.group_of(i);
        EXPECT_EQ(groups.find(text[i]), g);
        EXPECT_EQ(members(groups, g).size(), i % 1234 < 5000 % 1234 ? 5u : 4u);
        EXPECT_EQ(groups.first(g), i % 1234);
    }
}

TEST(NameGroupsTest, NoNames) {
    const std::vector<std::string> none;
    const NameGroups groups = group(none);
    EXPECT_EQ(groups.group_count(), 0u);
    EXPECT_EQ(groups.find("x"), NameGroups::kNone);
}

} // namespace
} // namespace perry::linker::detail
