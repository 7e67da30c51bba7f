// BuildProgressPrinter away from a terminal: plain lines, one when a build starts and one when it
// ends, and nothing for the build's own output.
#include "build_test_support.h"

#include <gtest/gtest.h>

#include <cstdio>

namespace perry::linker::test {
namespace {

std::string printed(const std::vector<BuildEvent>& events) {
    std::FILE* file = std::tmpfile();
    BuildProgressPrinter printer(file);
    for (const BuildEvent& event : events)
        printer(event);
    std::rewind(file);
    std::string text;
    char buffer[256];
    while (std::fgets(buffer, sizeof buffer, file))
        text += buffer;
    std::fclose(file);
    return text;
}

BuildEvent event(BuildEvent::Kind kind, BuildStatus status = BuildStatus::Built,
                 std::chrono::milliseconds elapsed = {}) {
    BuildEvent e;
    e.kind = kind;
    e.package = "demo";
    e.status = status;
    e.elapsed = elapsed;
    e.line = "   Compiling demo v0.1.0";
    return e;
}

TEST(BuildProgress, PlainLinesAwayFromATerminal) {
    using Kind = BuildEvent::Kind;
    using namespace std::chrono_literals;
    EXPECT_EQ(printed({event(Kind::Started), event(Kind::Output),
                       event(Kind::Finished, BuildStatus::Built, 12345ms)}),
              "demo: building\ndemo: built (12.3 s)\n");
    EXPECT_EQ(printed({event(Kind::Finished, BuildStatus::Cached)}), "demo: cached\n");
    EXPECT_EQ(printed({event(Kind::Waiting), event(Kind::Started),
                       event(Kind::Finished, BuildStatus::Failed, 900ms)}),
              "demo: waiting for another perry building it\ndemo: building\n"
              "demo: failed (0.9 s)\n");
}

TEST(BuildProgress, StatusNames) {
    EXPECT_STREQ(build_status_name(BuildStatus::Cached), "cached");
    EXPECT_STREQ(build_status_name(BuildStatus::Built), "built");
    EXPECT_STREQ(build_status_name(BuildStatus::Failed), "failed");
}

} // namespace
} // namespace perry::linker::test
