// The npm range grammar and semantics, pinned case by case. The expectations of kRanges were
// produced by node-semver 7 (npm's own copy) on the same inputs: the desugared form it prints
// (with `*` where it prints nothing) and which of kProbeVersions satisfy each range.
#include "perry/resolver/semver.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

#include <string>
#include <utility>
#include <vector>

namespace {

using perry::resolver::parse_version;
using perry::resolver::Range;
using perry::resolver::Version;

const std::vector<std::string> kProbeVersions = {
    "0.0.0",   "0.0.1",      "0.0.3",         "0.0.4",        "0.1.0",        "0.2.3",
    "0.2.9",   "0.3.0",      "0.5.0",         "0.5.3",        "0.6.0",        "1.0.0",
    "1.2.0",   "1.2.2",      "1.2.3",         "1.2.4",        "1.3.0",        "1.5.0",
    "1.9.9",   "2.0.0",      "2.3.4",         "2.3.5",        "2.4.0",        "3.0.0",
    "3.4.9",   "3.5.0",      "1.2.3-alpha.1", "1.2.3-beta.2", "1.2.3-beta.3", "1.2.4-beta.1",
    "2.0.0-0", "2.0.0-beta", "2.3.4-pre",     "2.3.4-zzz",    "0.0.3-beta",   "0.0.3-rc.1"};

struct RangeCase {
    const char* range;
    const char* desugared;
    std::vector<std::string> satisfied; // prereleases by npm's rule
};

const std::vector<RangeCase> kRanges = {
    {"1.2.3", "1.2.3", {"1.2.3"}},
    {"=1.2.3", "1.2.3", {"1.2.3"}},
    {"v1.2.3", "1.2.3", {"1.2.3"}},
    {"1.2", ">=1.2.0 <1.3.0-0", {"1.2.0", "1.2.2", "1.2.3", "1.2.4"}},
    {"1",
     ">=1.0.0 <2.0.0-0",
     {"1.0.0", "1.2.0", "1.2.2", "1.2.3", "1.2.4", "1.3.0", "1.5.0", "1.9.9"}},
    {"*", "*", {"0.0.0", "0.0.1", "0.0.3", "0.0.4", "0.1.0", "0.2.3", "0.2.9", "0.3.0", "0.5.0",
                "0.5.3", "0.6.0", "1.0.0", "1.2.0", "1.2.2", "1.2.3", "1.2.4", "1.3.0", "1.5.0",
                "1.9.9", "2.0.0", "2.3.4", "2.3.5", "2.4.0", "3.0.0", "3.4.9", "3.5.0"}},
    {"x", "*", {"0.0.0", "0.0.1", "0.0.3", "0.0.4", "0.1.0", "0.2.3", "0.2.9", "0.3.0", "0.5.0",
                "0.5.3", "0.6.0", "1.0.0", "1.2.0", "1.2.2", "1.2.3", "1.2.4", "1.3.0", "1.5.0",
                "1.9.9", "2.0.0", "2.3.4", "2.3.5", "2.4.0", "3.0.0", "3.4.9", "3.5.0"}},
    {"X", "*", {"0.0.0", "0.0.1", "0.0.3", "0.0.4", "0.1.0", "0.2.3", "0.2.9", "0.3.0", "0.5.0",
                "0.5.3", "0.6.0", "1.0.0", "1.2.0", "1.2.2", "1.2.3", "1.2.4", "1.3.0", "1.5.0",
                "1.9.9", "2.0.0", "2.3.4", "2.3.5", "2.4.0", "3.0.0", "3.4.9", "3.5.0"}},
    {"1.x",
     ">=1.0.0 <2.0.0-0",
     {"1.0.0", "1.2.0", "1.2.2", "1.2.3", "1.2.4", "1.3.0", "1.5.0", "1.9.9"}},
    {"1.2.x", ">=1.2.0 <1.3.0-0", {"1.2.0", "1.2.2", "1.2.3", "1.2.4"}},
    {"1.X.x",
     ">=1.0.0 <2.0.0-0",
     {"1.0.0", "1.2.0", "1.2.2", "1.2.3", "1.2.4", "1.3.0", "1.5.0", "1.9.9"}},
    {"*.x", "*", {"0.0.0", "0.0.1", "0.0.3", "0.0.4", "0.1.0", "0.2.3", "0.2.9", "0.3.0", "0.5.0",
                  "0.5.3", "0.6.0", "1.0.0", "1.2.0", "1.2.2", "1.2.3", "1.2.4", "1.3.0", "1.5.0",
                  "1.9.9", "2.0.0", "2.3.4", "2.3.5", "2.4.0", "3.0.0", "3.4.9", "3.5.0"}},
    {"^1.2.3", ">=1.2.3 <2.0.0-0", {"1.2.3", "1.2.4", "1.3.0", "1.5.0", "1.9.9"}},
    {"^0.2.3", ">=0.2.3 <0.3.0-0", {"0.2.3", "0.2.9"}},
    {"^0.0.3", ">=0.0.3 <0.0.4-0", {"0.0.3"}},
    {"^1.2", ">=1.2.0 <2.0.0-0", {"1.2.0", "1.2.2", "1.2.3", "1.2.4", "1.3.0", "1.5.0", "1.9.9"}},
    {"^0.2", ">=0.2.0 <0.3.0-0", {"0.2.3", "0.2.9"}},
    {"^0.0", "<0.1.0-0", {"0.0.0", "0.0.1", "0.0.3", "0.0.4"}},
    {"^1",
     ">=1.0.0 <2.0.0-0",
     {"1.0.0", "1.2.0", "1.2.2", "1.2.3", "1.2.4", "1.3.0", "1.5.0", "1.9.9"}},
    {"^0",
     "<1.0.0-0",
     {"0.0.0", "0.0.1", "0.0.3", "0.0.4", "0.1.0", "0.2.3", "0.2.9", "0.3.0", "0.5.0", "0.5.3",
      "0.6.0"}},
    {"^1.x",
     ">=1.0.0 <2.0.0-0",
     {"1.0.0", "1.2.0", "1.2.2", "1.2.3", "1.2.4", "1.3.0", "1.5.0", "1.9.9"}},
    {"^0.x",
     "<1.0.0-0",
     {"0.0.0", "0.0.1", "0.0.3", "0.0.4", "0.1.0", "0.2.3", "0.2.9", "0.3.0", "0.5.0", "0.5.3",
      "0.6.0"}},
    {"^0.0.x", "<0.1.0-0", {"0.0.0", "0.0.1", "0.0.3", "0.0.4"}},
    {"^1.2.3-beta.2",
     ">=1.2.3-beta.2 <2.0.0-0",
     {"1.2.3", "1.2.4", "1.3.0", "1.5.0", "1.9.9", "1.2.3-beta.2", "1.2.3-beta.3"}},
    {"^0.0.3-beta", ">=0.0.3-beta <0.0.4-0", {"0.0.3", "0.0.3-beta", "0.0.3-rc.1"}},
    {"~1.2.3", ">=1.2.3 <1.3.0-0", {"1.2.3", "1.2.4"}},
    {"~1.2", ">=1.2.0 <1.3.0-0", {"1.2.0", "1.2.2", "1.2.3", "1.2.4"}},
    {"~1",
     ">=1.0.0 <2.0.0-0",
     {"1.0.0", "1.2.0", "1.2.2", "1.2.3", "1.2.4", "1.3.0", "1.5.0", "1.9.9"}},
    {"~0.2.3", ">=0.2.3 <0.3.0-0", {"0.2.3", "0.2.9"}},
    {"~>1.2.3", ">=1.2.3 <1.3.0-0", {"1.2.3", "1.2.4"}},
    {"~1.2.3-beta.2",
     ">=1.2.3-beta.2 <1.3.0-0",
     {"1.2.3", "1.2.4", "1.2.3-beta.2", "1.2.3-beta.3"}},
    {"~ 1.2.3", ">=1.2.3 <1.3.0-0", {"1.2.3", "1.2.4"}},
    {"^ 1.2.3", ">=1.2.3 <2.0.0-0", {"1.2.3", "1.2.4", "1.3.0", "1.5.0", "1.9.9"}},
    {">1.2.3",
     ">1.2.3",
     {"1.2.4", "1.3.0", "1.5.0", "1.9.9", "2.0.0", "2.3.4", "2.3.5", "2.4.0", "3.0.0", "3.4.9",
      "3.5.0"}},
    {">1.2",
     ">=1.3.0",
     {"1.3.0", "1.5.0", "1.9.9", "2.0.0", "2.3.4", "2.3.5", "2.4.0", "3.0.0", "3.4.9", "3.5.0"}},
    {">1", ">=2.0.0", {"2.0.0", "2.3.4", "2.3.5", "2.4.0", "3.0.0", "3.4.9", "3.5.0"}},
    {">*", "<0.0.0-0", {}},
    {">=1.2.3",
     ">=1.2.3",
     {"1.2.3", "1.2.4", "1.3.0", "1.5.0", "1.9.9", "2.0.0", "2.3.4", "2.3.5", "2.4.0", "3.0.0",
      "3.4.9", "3.5.0"}},
    {">=1.2",
     ">=1.2.0",
     {"1.2.0", "1.2.2", "1.2.3", "1.2.4", "1.3.0", "1.5.0", "1.9.9", "2.0.0", "2.3.4", "2.3.5",
      "2.4.0", "3.0.0", "3.4.9", "3.5.0"}},
    {">=1",
     ">=1.0.0",
     {"1.0.0", "1.2.0", "1.2.2", "1.2.3", "1.2.4", "1.3.0", "1.5.0", "1.9.9", "2.0.0", "2.3.4",
      "2.3.5", "2.4.0", "3.0.0", "3.4.9", "3.5.0"}},
    {">=*", "*", {"0.0.0", "0.0.1", "0.0.3", "0.0.4", "0.1.0", "0.2.3", "0.2.9", "0.3.0", "0.5.0",
                  "0.5.3", "0.6.0", "1.0.0", "1.2.0", "1.2.2", "1.2.3", "1.2.4", "1.3.0", "1.5.0",
                  "1.9.9", "2.0.0", "2.3.4", "2.3.5", "2.4.0", "3.0.0", "3.4.9", "3.5.0"}},
    {"<1.2.3",
     "<1.2.3",
     {"0.0.0", "0.0.1", "0.0.3", "0.0.4", "0.1.0", "0.2.3", "0.2.9", "0.3.0", "0.5.0", "0.5.3",
      "0.6.0", "1.0.0", "1.2.0", "1.2.2"}},
    {"<1.2",
     "<1.2.0-0",
     {"0.0.0", "0.0.1", "0.0.3", "0.0.4", "0.1.0", "0.2.3", "0.2.9", "0.3.0", "0.5.0", "0.5.3",
      "0.6.0", "1.0.0"}},
    {"<1",
     "<1.0.0-0",
     {"0.0.0", "0.0.1", "0.0.3", "0.0.4", "0.1.0", "0.2.3", "0.2.9", "0.3.0", "0.5.0", "0.5.3",
      "0.6.0"}},
    {"<*", "<0.0.0-0", {}},
    {"<=1.2.3",
     "<=1.2.3",
     {"0.0.0", "0.0.1", "0.0.3", "0.0.4", "0.1.0", "0.2.3", "0.2.9", "0.3.0", "0.5.0", "0.5.3",
      "0.6.0", "1.0.0", "1.2.0", "1.2.2", "1.2.3"}},
    {"<=1.2",
     "<1.3.0-0",
     {"0.0.0", "0.0.1", "0.0.3", "0.0.4", "0.1.0", "0.2.3", "0.2.9", "0.3.0", "0.5.0", "0.5.3",
      "0.6.0", "1.0.0", "1.2.0", "1.2.2", "1.2.3", "1.2.4"}},
    {"<=1",
     "<2.0.0-0",
     {"0.0.0", "0.0.1", "0.0.3", "0.0.4", "0.1.0", "0.2.3", "0.2.9", "0.3.0", "0.5.0", "0.5.3",
      "0.6.0", "1.0.0", "1.2.0", "1.2.2", "1.2.3", "1.2.4", "1.3.0", "1.5.0", "1.9.9"}},
    {"<=*", "*", {"0.0.0", "0.0.1", "0.0.3", "0.0.4", "0.1.0", "0.2.3", "0.2.9", "0.3.0", "0.5.0",
                  "0.5.3", "0.6.0", "1.0.0", "1.2.0", "1.2.2", "1.2.3", "1.2.4", "1.3.0", "1.5.0",
                  "1.9.9", "2.0.0", "2.3.4", "2.3.5", "2.4.0", "3.0.0", "3.4.9", "3.5.0"}},
    {">= 1.2.3",
     ">=1.2.3",
     {"1.2.3", "1.2.4", "1.3.0", "1.5.0", "1.9.9", "2.0.0", "2.3.4", "2.3.5", "2.4.0", "3.0.0",
      "3.4.9", "3.5.0"}},
    {"> 1.2.3 < 2", ">1.2.3 <2.0.0-0", {"1.2.4", "1.3.0", "1.5.0", "1.9.9"}},
    {"1.2.3 - 2.3.4",
     ">=1.2.3 <=2.3.4",
     {"1.2.3", "1.2.4", "1.3.0", "1.5.0", "1.9.9", "2.0.0", "2.3.4"}},
    {"1.2 - 2.3.4",
     ">=1.2.0 <=2.3.4",
     {"1.2.0", "1.2.2", "1.2.3", "1.2.4", "1.3.0", "1.5.0", "1.9.9", "2.0.0", "2.3.4"}},
    {"1.2.3 - 2.3",
     ">=1.2.3 <2.4.0-0",
     {"1.2.3", "1.2.4", "1.3.0", "1.5.0", "1.9.9", "2.0.0", "2.3.4", "2.3.5"}},
    {"1.2.3 - 2",
     ">=1.2.3 <3.0.0-0",
     {"1.2.3", "1.2.4", "1.3.0", "1.5.0", "1.9.9", "2.0.0", "2.3.4", "2.3.5", "2.4.0"}},
    {"1 - 2",
     ">=1.0.0 <3.0.0-0",
     {"1.0.0", "1.2.0", "1.2.2", "1.2.3", "1.2.4", "1.3.0", "1.5.0", "1.9.9", "2.0.0", "2.3.4",
      "2.3.5", "2.4.0"}},
    {"* - 2", "<3.0.0-0", {"0.0.0", "0.0.1", "0.0.3", "0.0.4", "0.1.0", "0.2.3", "0.2.9", "0.3.0",
                           "0.5.0", "0.5.3", "0.6.0", "1.0.0", "1.2.0", "1.2.2", "1.2.3", "1.2.4",
                           "1.3.0", "1.5.0", "1.9.9", "2.0.0", "2.3.4", "2.3.5", "2.4.0"}},
    {"1.2.3 - *",
     ">=1.2.3",
     {"1.2.3", "1.2.4", "1.3.0", "1.5.0", "1.9.9", "2.0.0", "2.3.4", "2.3.5", "2.4.0", "3.0.0",
      "3.4.9", "3.5.0"}},
    {"1.2.3-pre - 2.3.4-pre",
     ">=1.2.3-pre <=2.3.4-pre",
     {"1.2.3", "1.2.4", "1.3.0", "1.5.0", "1.9.9", "2.0.0", "2.3.4-pre"}},
    {">=1.2.3 <2.0.0", ">=1.2.3 <2.0.0", {"1.2.3", "1.2.4", "1.3.0", "1.5.0", "1.9.9"}},
    {">1.0.0 <=1.5.0 || >=2.0.0",
     ">1.0.0 <=1.5.0||>=2.0.0",
     {"1.2.0", "1.2.2", "1.2.3", "1.2.4", "1.3.0", "1.5.0", "2.0.0", "2.3.4", "2.3.5", "2.4.0",
      "3.0.0", "3.4.9", "3.5.0"}},
    {"1.2.3 || 2.x", "1.2.3||>=2.0.0 <3.0.0-0", {"1.2.3", "2.0.0", "2.3.4", "2.3.5", "2.4.0"}},
    {"^1.2.3 || ^2.0.0 || ~3.4",
     ">=1.2.3 <2.0.0-0||>=2.0.0 <3.0.0-0||>=3.4.0 <3.5.0-0",
     {"1.2.3", "1.2.4", "1.3.0", "1.5.0", "1.9.9", "2.0.0", "2.3.4", "2.3.5", "2.4.0", "3.4.9"}},
    {"0.5", ">=0.5.0 <0.6.0-0", {"0.5.0", "0.5.3"}},
    {"^0.5", ">=0.5.0 <0.6.0-0", {"0.5.0", "0.5.3"}},
    {"~0.5", ">=0.5.0 <0.6.0-0", {"0.5.0", "0.5.3"}},
    {"0.5.3", "0.5.3", {"0.5.3"}},
    {"0.5.0 - 0.5.0", ">=0.5.0 <=0.5.0", {"0.5.0"}},
    {">=0.5.0 <=0.5.0", ">=0.5.0 <=0.5.0", {"0.5.0"}},
    {">=0.5 <0.6", ">=0.5.0 <0.6.0-0", {"0.5.0", "0.5.3"}},
    {"1.2.3+build.5", "1.2.3", {"1.2.3"}},
    {"1.2.3-alpha.1+build", "1.2.3-alpha.1", {"1.2.3-alpha.1"}},
    {">=1.2.3-alpha.1",
     ">=1.2.3-alpha.1",
     {"1.2.3", "1.2.4", "1.3.0", "1.5.0", "1.9.9", "2.0.0", "2.3.4", "2.3.5", "2.4.0", "3.0.0",
      "3.4.9", "3.5.0", "1.2.3-alpha.1", "1.2.3-beta.2", "1.2.3-beta.3"}},
    {"<1.2.3-rc",
     "<1.2.3-rc",
     {"0.0.0", "0.0.1", "0.0.3", "0.0.4", "0.1.0", "0.2.3", "0.2.9", "0.3.0", "0.5.0", "0.5.3",
      "0.6.0", "1.0.0", "1.2.0", "1.2.2", "1.2.3-alpha.1", "1.2.3-beta.2", "1.2.3-beta.3"}},
    {" 1.2.3 ", "1.2.3", {"1.2.3"}},
    {"1.2.3  1.2.4", "1.2.3 1.2.4", {}},
    {"||", "*", {"0.0.0", "0.0.1", "0.0.3", "0.0.4", "0.1.0", "0.2.3", "0.2.9", "0.3.0", "0.5.0",
                 "0.5.3", "0.6.0", "1.0.0", "1.2.0", "1.2.2", "1.2.3", "1.2.4", "1.3.0", "1.5.0",
                 "1.9.9", "2.0.0", "2.3.4", "2.3.5", "2.4.0", "3.0.0", "3.4.9", "3.5.0"}},
    {"1.2.3 ||", "*", {"0.0.0", "0.0.1", "0.0.3", "0.0.4", "0.1.0", "0.2.3", "0.2.9",
                       "0.3.0", "0.5.0", "0.5.3", "0.6.0", "1.0.0", "1.2.0", "1.2.2",
                       "1.2.3", "1.2.4", "1.3.0", "1.5.0", "1.9.9", "2.0.0", "2.3.4",
                       "2.3.5", "2.4.0", "3.0.0", "3.4.9", "3.5.0"}},
    {"0.0.0", "0.0.0", {"0.0.0"}},
    {">0.0.0", ">0.0.0", {"0.0.1", "0.0.3", "0.0.4", "0.1.0", "0.2.3", "0.2.9", "0.3.0",
                          "0.5.0", "0.5.3", "0.6.0", "1.0.0", "1.2.0", "1.2.2", "1.2.3",
                          "1.2.4", "1.3.0", "1.5.0", "1.9.9", "2.0.0", "2.3.4", "2.3.5",
                          "2.4.0", "3.0.0", "3.4.9", "3.5.0"}},
};

bool contains(const std::vector<std::string>& list, const std::string& v) {
    for (const auto& x : list) {
        if (x == v)
            return true;
    }
    return false;
}

TEST(SemverRange, DesugarsLikeNodeSemver) {
    for (const RangeCase& c : kRanges) {
        std::string error;
        auto range = Range::parse(c.range, &error);
        ASSERT_TRUE(range) << c.range << ": " << error;
        EXPECT_EQ(range->to_string(), c.desugared) << "range " << c.range;
    }
}

TEST(SemverRange, SatisfiesLikeNodeSemver) {
    for (const RangeCase& c : kRanges) {
        auto range = Range::parse(c.range);
        ASSERT_TRUE(range) << c.range;
        for (const std::string& probe : kProbeVersions) {
            auto version = parse_version(probe);
            ASSERT_TRUE(version) << probe;
            EXPECT_EQ(range->satisfies(*version), contains(c.satisfied, probe))
                << probe << " in " << c.range;
        }
    }
}

struct InvalidRange {
    const char* range;
    const char* error;
};

TEST(SemverRange, RejectsWhatNpmRejectsWithAReason) {
    const std::vector<InvalidRange> cases = {
        {"1.2.3.4", "`1.2.3.4` has unexpected text `.4`"},
        {"01.2.3", "`01.2.3` has a number with a leading zero `01`"},
        {"1.02", "`1.02` has a number with a leading zero `02`"},
        {"a.b.c", "`a.b.c` does not start with a number"},
        {">=a", "`a` does not start with a number"},
        {">=", "`>=` has an operator but no version"},
        {"1.2.3 -", "a hyphen range needs one version on each side (`1.2.3 - 2.3.4`)"},
        {"- 1.2.3", "a hyphen range needs one version on each side (`1.2.3 - 2.3.4`)"},
        {"1.2.3 - 2.3.4 - 5", "a hyphen range needs one version on each side (`1.2.3 - 2.3.4`)"},
        {"1.2-beta", "`1.2-beta` has a prerelease or build tag on a partial version"},
        {"1.2.3-", "`1.2.3-` has an empty prerelease identifier"},
        {"1.2.3-beta..1", "`1.2.3-beta..1` has an empty prerelease identifier"},
        {"1.2.3-01", "`1.2.3-01` has a number with a leading zero `01`"},
        {"1.2.3+", "`1.2.3+` has an empty build identifier"},
        {"<>1.2.3", "`<>` is not an operator (use <, <=, >, >=, =, ~ or ^)"},
        {"=>1.2.3", "`=>` is not an operator (use <, <=, >, >=, =, ~ or ^)"},
        {"!1.2.3", "`!1.2.3` does not start with a number"},
        {"^^1.2.3", "`^^` is not an operator (use <, <=, >, >=, =, ~ or ^)"},
        {"~^1.2", "`~^` is not an operator (use <, <=, >, >=, =, ~ or ^)"},
        {"1..2", "`1..2` has a `.` not followed by a number"},
        {"1.2.", "`1.2.` has a `.` not followed by a number"},
        {"x.y.z", "`x.y.z` has a `.` not followed by a number"},
        {"1.x.3", "`1.x.3` has a number after a wildcard"},
        {"9007199254740992.0.0", "`9007199254740992.0.0` has a number larger than 2^53 - 1"},
        // Found by the fuzz target: the desugared bound would not parse again.
        {"90.9007199254740991", "needs the version bound 90.9007199254740992.0-0, which has a "
                                "number larger than 2^53 - 1"},
        {"^9007199254740991.1.2",
         "needs the version bound 9007199254740992.0.0-0, which has a number larger than 2^53 - 1"},
    };
    for (const InvalidRange& c : cases) {
        std::string error;
        EXPECT_FALSE(Range::parse(c.range, &error)) << c.range;
        EXPECT_EQ(error, c.error) << c.range;
    }
    EXPECT_FALSE(Range::parse(std::string(1025, '1')));
}

// node-semver's trim of the space after an operator may start at the space before it, so `= 0`
// is joined to `=0` anywhere in a set, not only as its first word.
// And node reads every comparator of a set before it keeps only a null set (`<0.0.0-0`), so a
// bad word after one is refused. node-semver 7.8.5's verdicts.
TEST(SemverRange, JoinsOperatorsAndReadsEveryWordAsNodeSemverDoes) {
    const std::vector<std::pair<const char*, const char*>> accepted = {
        {"1 = 0", ">=1.0.0 <2.0.0-0 <1.0.0-0"},    {"=2 = 0.*", ">=2.0.0 <3.0.0-0 <1.0.0-0"},
        {">=0.5.0 < 0.6.0", ">=0.5.0 <0.6.0"},     {"1.2.3 <= 2", "1.2.3 <3.0.0-0"},
        {"1.2.3  +b 2", "1.2.3 >=2.0.0 <3.0.0-0"},
    };
    for (const auto& [text, desugared] : accepted) {
        std::string error;
        const auto range = Range::parse(text, &error);
        ASSERT_TRUE(range) << text << ": " << error;
        EXPECT_EQ(range->to_string(), desugared) << text;
    }
    for (const char* refused : {"<0.x |", "<x = *.3", "<0.0.0-0 01", ">* junk"})
        EXPECT_FALSE(Range::parse(refused)) << refused;
}

TEST(SemverRange, PinsExactVersion) {
    for (const char* pinned :
         {"0.5.3", "=0.5.3", "v0.5.3", "0.5.3 - 0.5.3", ">=0.5.3 <=0.5.3", "0.5.3+build"}) {
        EXPECT_TRUE(Range::parse(pinned)->pins_exact_version()) << pinned;
    }
    for (const char* open :
         {"0.5", "^0.5.3", "~0.5.3", ">=0.5.3", "0.5.3 || 0.5.4", "*", "0.5.3 - 0.5.4"}) {
        EXPECT_FALSE(Range::parse(open)->pins_exact_version()) << open;
    }
}

TEST(SemverVersion, ParsesStrictly) {
    auto v = parse_version(" v1.2.3-beta.10+build.7 ");
    ASSERT_TRUE(v);
    EXPECT_EQ(v->major, 1u);
    EXPECT_EQ(v->minor, 2u);
    EXPECT_EQ(v->patch, 3u);
    ASSERT_EQ(v->prerelease.size(), 2u);
    EXPECT_EQ(v->prerelease[0].text, "beta");
    EXPECT_TRUE(v->prerelease[1].numeric);
    EXPECT_EQ(v->prerelease[1].number, 10u);
    EXPECT_EQ(v->to_string(), "1.2.3-beta.10"); // build metadata is dropped

    std::string error;
    EXPECT_FALSE(parse_version("1.2", &error));
    EXPECT_EQ(error, "`1.2` needs three numbers, major.minor.patch");
    EXPECT_FALSE(parse_version("1.x.0", &error));
    EXPECT_EQ(error, "`1.x.0` has a wildcard where a number is required");
    EXPECT_FALSE(parse_version("1.2.3 4", &error));
    EXPECT_EQ(error, "`1.2.3 4` has unexpected text ` 4`");
    EXPECT_FALSE(parse_version(std::string(257, '1'), &error));
    EXPECT_TRUE(parse_version("9007199254740991.0.0"));
}

TEST(SemverVersion, OrdersByPrecedence) {
    // The ordering example of semver.org section 11, plus numeric vs alphanumeric identifiers.
    const std::vector<std::string> ascending = {"1.0.0-0",     "1.0.0-2",       "1.0.0-10",
                                                "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta",
                                                "1.0.0-beta",  "1.0.0-beta.2",  "1.0.0-beta.11",
                                                "1.0.0-rc.1",  "1.0.0",         "1.0.1",
                                                "1.1.0",       "2.0.0",         "10.0.0"};
    for (std::size_t i = 0; i + 1 < ascending.size(); ++i) {
        auto a = parse_version(ascending[i]);
        auto b = parse_version(ascending[i + 1]);
        ASSERT_TRUE(a && b);
        EXPECT_LT(*a, *b) << ascending[i] << " < " << ascending[i + 1];
        EXPECT_GT(*b, *a);
        EXPECT_NE(*a, *b);
    }
    EXPECT_EQ(*parse_version("1.2.3+a"), *parse_version("1.2.3+b"));
}

TEST(SemverVersion, ConvenienceSatisfies) {
    EXPECT_TRUE(perry::resolver::satisfies("0.5.0", "0.5"));
    EXPECT_FALSE(perry::resolver::satisfies("0.6.0", "0.5"));
    EXPECT_FALSE(perry::resolver::satisfies("0.5.0", "not a range"));
    EXPECT_FALSE(perry::resolver::satisfies("0.5", "*"));
}

} // namespace

namespace {

// data/semver_oracle.tsv: node-semver 7.8.5's verdict on every range form (made by
// data/make_semver_oracle.js): the range, then `invalid`, or the desugared form and the probes
// (positions in kOracleProbes) that satisfy it.
const std::vector<std::string> kOracleProbes = {
    "0.0.0",        "0.0.1",   "0.0.3",       "0.0.4",      "0.1.0",         "0.2.3",
    "0.2.9",        "0.3.0",   "0.5.0",       "0.5.3",      "0.6.0",         "1.0.0",
    "1.2.0",        "1.2.2",   "1.2.3",       "1.2.4",      "1.3.0",         "1.5.0",
    "1.9.9",        "2.0.0",   "2.3.4",       "3.0.0",      "1.2.3-alpha.1", "1.2.3-beta.2",
    "1.2.4-beta.1", "2.0.0-0", "1.0.0-alpha", "0.0.3-rc.1", "0.5.0-pre",     "1.2.0-0"};

std::vector<std::string> split_on(const std::string& text, char separator) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (true) {
        const std::size_t at = text.find(separator, start);
        out.push_back(text.substr(start, at == std::string::npos ? at : at - start));
        if (at == std::string::npos)
            return out;
        start = at + 1;
    }
}

TEST(SemverRange, AgreesWithNodeSemverOnEveryForm) {
    std::ifstream in(PERRY_SEMVER_ORACLE);
    ASSERT_TRUE(in) << PERRY_SEMVER_ORACLE;
    std::string line;
    std::size_t checked = 0;
    while (std::getline(in, line)) {
        const std::vector<std::string> fields = split_on(line, '\t');
        ASSERT_GE(fields.size(), 2u) << line;
        const std::string& text = fields[0];
        std::string error;
        const auto range = Range::parse(text, &error);
        ++checked;
        if (fields[1] == "invalid") {
            EXPECT_FALSE(range) << "node refuses \"" << text << "\", read as "
                                << (range ? range->to_string() : "");
            continue;
        }
        ASSERT_TRUE(range) << "node accepts \"" << text << "\": " << error;
        EXPECT_EQ(range->to_string(), fields[1]) << "range \"" << text << "\"";
        std::vector<std::string> satisfied;
        if (fields.size() > 2 && !fields[2].empty()) {
            for (const std::string& index : split_on(fields[2], ','))
                satisfied.push_back(kOracleProbes.at(std::stoul(index)));
        }
        for (const std::string& probe : kOracleProbes) {
            const bool expected =
                std::find(satisfied.begin(), satisfied.end(), probe) != satisfied.end();
            EXPECT_EQ(range->satisfies(*parse_version(probe)), expected)
                << probe << " in \"" << text << "\"";
        }
    }
    EXPECT_GT(checked, 2000u);
}

} // namespace
