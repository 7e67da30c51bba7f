// Internal: the fast path's reader of `functions`, the bulk of a manifest (manifest_fast_path.cpp
// reads the rest). Like the rest of the fast path it reads clean text only and gives up at
// anything that needs a diagnostic; the full reader then reads the document again.
#pragma once

#include "byte_arena.h"
#include "json_cursor.h"
#include "perry/resolver/manifest.h"

#include <cstdint>
#include <vector>

namespace perry::resolver::detail {

// The functions read, in order, with check_symbol's hash of each name (for FirstDeclarations).
struct FunctionListRead {
    std::vector<Function> functions;
    std::vector<std::uint64_t> name_hashes;
    std::size_t read_by_layout = 0; // functions read by their layout (see the .cpp), for tests
};

// Reads the array at the cursor and moves the cursor past it. The names and parameter lists are
// stored in `arena`; the lists come back in a FunctionListRead kept per thread (so that a read
// allocates only what the result keeps), valid until the next call on this thread. nullptr when
// the list is anything but clean: the caller gives up.
FunctionListRead* read_function_list(JsonCursor& cursor, ByteArena& arena);

// The functions of `read`, moved out: the list is not copied, and `read` gets a new buffer of
// the same capacity for the next manifest (copied instead when the list is much shorter than
// its buffer, so that a result never holds more than twice what it needs).
std::vector<Function> take_functions(FunctionListRead& read);

} // namespace perry::resolver::detail
