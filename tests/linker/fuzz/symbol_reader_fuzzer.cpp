// libFuzzer target over the symbol reader: any bytes, read as an archive or object file, in both
// index and walk modes. The reader may reject the input (SymbolReadError or collected problems)
// but must never crash, hang or leak. Seeds (seeds/) are tiny archives of every format.
#include "perry/linker/symbols.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    for (bool walk : {false, true}) {
        perry::linker::ReadOptions options;
        options.walk = walk;
        try {
            const perry::linker::SymbolListing listing =
                perry::linker::read_symbols_from_memory(bytes, "fuzz-input", options);
            for (const perry::linker::DefinedSymbol& symbol : listing.symbols) {
                // Touch every field so a dangling reference would be caught by ASan.
                if (symbol.name().size() > symbol.raw_name.size()) __builtin_trap();
                if (symbol.member >= listing.members.size()) __builtin_trap();
            }
        } catch (const perry::linker::SymbolReadError& error) {
            if (error.problem().file != "fuzz-input") __builtin_trap();
        }
    }
    return 0;
}
