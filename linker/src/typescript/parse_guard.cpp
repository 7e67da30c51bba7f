#include "parse_guard.h"

#include "perry/platform/isolation.h"

#include <cstddef>

namespace perry::linker::typescript {
namespace {

void parse_in_child(int /*fd*/, void* context) {
    platform::silence_standard_error();
    (*static_cast<const std::function<void()>*>(context))();
    platform::leave_child(0);
}

} // namespace

bool cannot_overflow_parser(std::string_view source) {
    constexpr std::size_t kSafeNonBlank = 32767;
    std::size_t non_blank = 0;
    for (char c : source) {
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && ++non_blank > kSafeNonBlank)
            return false;
    }
    return true;
}

bool parse_survives_in_child(const std::function<void()>& parse) {
    if (!platform::can_run_isolated())
        return false;
    const platform::IsolatedRun run =
        platform::run_isolated(parse_in_child, const_cast<std::function<void()>*>(&parse));
    return run.started && !run.signalled && run.exit_code == 0;
}

} // namespace perry::linker::typescript
