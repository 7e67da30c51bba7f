// libFuzzer over the TypeScript declarations reader: any bytes are parsed, walked and compared
// with every type-table entry, without a crash, a sanitizer report or a hang.
#include "typescript/declarations_reader.h"
#include "typescript/type_compatibility.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    namespace ts = perry::linker::typescript;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    for (bool declaration_file : {false, true}) {
        const ts::SourceDeclarations source = ts::read_declarations(text, declaration_file);
        for (const ts::DeclaredFunction& function : source.functions) {
            for (const ts::DeclaredParameter& param : function.params) {
                for (perry::resolver::ParamType type : perry::resolver::all_param_types())
                    ts::parameter_fits(type, param.type.members, param.optional);
            }
            for (perry::resolver::ReturnType type : perry::resolver::all_return_types())
                ts::return_fits(type, function.returns.members);
        }
    }
    return 0;
}
