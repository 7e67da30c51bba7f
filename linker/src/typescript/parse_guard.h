// A guard for tree-sitter 0.20's one known crash: its error recovery at the end of a file corrupts
// the heap when more than 65,535 subtrees are pending there (input that leaves that many
// constructs open: `((((`, `!!!!`, `a=a=a=` by the tens of thousands), and the process aborts
// when the tree is freed. docs/linker/typescript.md has the measurements.
#pragma once

#include <functional>
#include <string_view>

namespace perry::linker::typescript {

// Whether `source` is small enough that the crash cannot happen: every pending subtree holds at
// least one token or an inserted missing token, so fewer than half of 65,536 non-blank bytes
// cannot reach the limit.
bool cannot_overflow_parser(std::string_view source);

// Runs `parse` (a parse of the text and the release of its tree) in a child process with its
// standard error closed, and says whether it ended normally: a parse that survives there
// survives here, as it is deterministic. Through the platform layer's run_isolated; false when no
// child can be started (always on Windows, where such a file is then not read).
bool parse_survives_in_child(const std::function<void()>& parse);

} // namespace perry::linker::typescript
