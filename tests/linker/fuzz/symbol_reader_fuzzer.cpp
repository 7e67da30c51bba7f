// libFuzzer target over the symbol reader: any bytes, read as an archive or object file, in
// index, walk and validate's (kinds only for some names) modes. The reader may reject the input
// (SymbolReadError or collected problems) but must never crash, hang or leak. Its fast paths must
// agree with LLVM's generic ones whenever they accept the input (support/self_check.h). Seeds
// (seeds/) are tiny archives of every format.
#include "perry/linker/symbols.h"
#include "support/self_check.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <unordered_set>

namespace {

void check_agreement(const std::string& difference) {
    if (difference.empty())
        return;
    std::fprintf(stderr, "fast path disagrees with LLVM: %s\n", difference.c_str());
    __builtin_trap();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    check_agreement(perry::linker::detail::gnu_walk_disagreement(bytes));
    check_agreement(perry::linker::detail::elf_reader_disagreement(bytes));
    // A name the seeds define: in seeds/elf-two-members.a, validate's mode parses the member
    // that defines it and takes the other from the index.
    static const std::unordered_set<std::string> wanted = {"js_s_fn"};
    for (int mode = 0; mode < 3; ++mode) {
        perry::linker::ReadOptions options;
        options.walk = mode == 1;
        options.kinds_only_for = mode == 2 ? &wanted : nullptr;
        try {
            const perry::linker::SymbolListing listing =
                perry::linker::read_symbols_from_memory(bytes, "fuzz-input", options);
            for (const perry::linker::DefinedSymbol& symbol : listing.symbols) {
                // Touch every field so a dangling reference would be caught by ASan.
                if (symbol.name().size() > symbol.raw_name.size())
                    __builtin_trap();
                if (symbol.member >= listing.members.size())
                    __builtin_trap();
            }
        } catch (const perry::linker::SymbolReadError& error) {
            if (error.problem().file != "fuzz-input")
                __builtin_trap();
        }
    }
    return 0;
}
