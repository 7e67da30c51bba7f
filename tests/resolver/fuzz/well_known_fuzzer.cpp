// libFuzzer target: any bytes given to the well-known table parser must give either a table or
// errors naming the file and line, never a crash, a hang or an exception.
#include "perry/resolver/well_known.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::vector<perry::resolver::WellKnownError> errors;
    const auto table = perry::resolver::WellKnownTable::parse(
        std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.toml", errors);
    // Every lookup on a parsed table must be safe too.
    for (const auto& entry : table.entries()) {
        if (table.find(entry.name) == nullptr) {
            __builtin_trap(); // an entry that cannot be found again is a parser bug
        }
    }
    for (const auto& error : errors) {
        (void)error.describe();
    }
    return 0;
}
