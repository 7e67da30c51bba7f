// NameGroups (linker/src/symbols/name_groups.h): equal names share a group, and only they.
#include "symbols/name_groups.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace perry::linker::detail {
namespace {

TEST(NameGroupsTest, EqualNamesShareAGroupAndOnlyThey) {
    const std::vector<std::string> text = {"b", "a", "b", "", "c", "a", "b", ""};
    const NameGroups groups(std::vector<std::string_view>(text.begin(), text.end()));
    ASSERT_EQ(groups.group_count(), 4u);
    for (std::size_t i = 0; i < text.size(); ++i) {
        for (std::size_t j = 0; j < text.size(); ++j) {
            EXPECT_EQ(groups.group_of(i) == groups.group_of(j), text[i] == text[j]) << i << " " << j;
        }
    }
    const std::uint32_t b = groups.find("b");
    ASSERT_NE(b, NameGroups::kNone);
    const auto [first, last] = groups.members(b);
    EXPECT_EQ(std::vector<std::uint32_t>(first, last), (std::vector<std::uint32_t>{0, 2, 6}));
    EXPECT_EQ(groups.size_of(groups.find("")), 2u);
    EXPECT_EQ(groups.find("d"), NameGroups::kNone);
}

TEST(NameGroupsTest, ThousandsOfNamesWithRepeats) {
    std::vector<std::string> text;
    for (int i = 0; i < 5000; ++i) text.push_back("_ZN3std2io5stdio" + std::to_string(i % 1234));
    const NameGroups groups(std::vector<std::string_view>(text.begin(), text.end()));
    EXPECT_EQ(groups.group_count(), 1234u);
    for (std::size_t i = 0; i < text.size(); ++i) {
        const std::uint32_t group = groups.group_of(i);
        EXPECT_EQ(groups.find(text[i]), group);
        EXPECT_EQ(groups.size_of(group), i % 1234 < 5000 % 1234 ? 5u : 4u);
    }
}

TEST(NameGroupsTest, NoNames) {
    const NameGroups groups({});
    EXPECT_EQ(groups.group_count(), 0u);
    EXPECT_EQ(groups.find("x"), NameGroups::kNone);
}

} // namespace
} // namespace perry::linker::detail
