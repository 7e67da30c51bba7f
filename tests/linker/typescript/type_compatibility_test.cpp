// The TypeScript spellings each type-table entry accepts (docs/linker/typescript.md's table):
// the written type goes through the real reader, as validate reads it.
#include "typescript/declarations_reader.h"
#include "typescript/type_compatibility.h"

#include <gtest/gtest.h>

namespace perry::linker::typescript {
namespace {

using resolver::ParamType;
using resolver::ReturnType;

// The declared parameter `x<optional>: <type>` as the reader sees it.
DeclaredParameter parameter(const std::string& type, bool optional = false) {
    const SourceDeclarations source = read_declarations(
        "declare function f(x" + std::string(optional ? "?" : "") + ": " + type + "): void;",
        false);
    EXPECT_FALSE(source.syntax_error) << type;
    EXPECT_EQ(source.functions.size(), 1u);
    return source.functions.at(0).params.at(0);
}

bool param_ok(ParamType manifest, const std::string& type, bool optional = false) {
    const DeclaredParameter p = parameter(type, optional);
    return parameter_fits(manifest, p.type.members, p.optional);
}

bool return_ok(ReturnType manifest, const std::string& type) {
    const SourceDeclarations source =
        read_declarations("declare function f(): " + type + ";", false);
    EXPECT_FALSE(source.syntax_error) << type;
    return return_fits(manifest, source.functions.at(0).returns.members);
}

TEST(TypeCompatibility, EveryTableEntryAcceptsItsOwnTypeScriptColumn) {
    for (ParamType type : resolver::all_param_types()) {
        EXPECT_TRUE(param_ok(type, std::string(resolver::info(type).ts_type)))
            << resolver::info(type).name;
    }
    for (ReturnType type : resolver::all_return_types()) {
        EXPECT_TRUE(return_ok(type, std::string(resolver::info(type).ts_type)))
            << resolver::info(type).name;
    }
}

TEST(TypeCompatibility, Parameters) {
    EXPECT_TRUE(param_ok(ParamType::String, "string"));
    EXPECT_FALSE(param_ok(ParamType::String, "number"));
    EXPECT_FALSE(param_ok(ParamType::String, "string | null"));
    EXPECT_FALSE(param_ok(ParamType::String, "unknown"));
    EXPECT_TRUE(param_ok(ParamType::String, "any"));
    EXPECT_FALSE(param_ok(ParamType::String, "string", true)); // optional: undefined reaches it

    for (ParamType type : {ParamType::Number, ParamType::F64, ParamType::I32}) {
        EXPECT_TRUE(param_ok(type, "number"));
        EXPECT_FALSE(param_ok(type, "bigint"));
        EXPECT_FALSE(param_ok(type, "string"));
    }
    EXPECT_TRUE(param_ok(ParamType::I64, "number"));
    EXPECT_TRUE(param_ok(ParamType::I64, "bigint"));
    EXPECT_TRUE(param_ok(ParamType::I64, "bigint | number"));
    EXPECT_FALSE(param_ok(ParamType::I64, "number | string"));

    EXPECT_TRUE(param_ok(ParamType::Bool, "boolean"));
    EXPECT_FALSE(param_ok(ParamType::Bool, "number"));

    EXPECT_TRUE(param_ok(ParamType::Ptr, "Uint8Array | null"));
    EXPECT_TRUE(param_ok(ParamType::Ptr, "Buffer"));
    EXPECT_TRUE(param_ok(ParamType::Ptr, "Buffer | undefined"));
    EXPECT_TRUE(param_ok(ParamType::Ptr, "Uint8Array", true));
    EXPECT_FALSE(param_ok(ParamType::Ptr, "number"));

    EXPECT_TRUE(param_ok(ParamType::Buffer, "Uint8Array"));
    EXPECT_TRUE(param_ok(ParamType::Buffer, "Buffer"));
    EXPECT_FALSE(param_ok(ParamType::Buffer, "Uint8Array | null"));
    EXPECT_FALSE(param_ok(ParamType::Buffer, "string"));

    for (ParamType type : {ParamType::Json, ParamType::JsValue}) {
        EXPECT_TRUE(param_ok(type, "unknown"));
        EXPECT_TRUE(param_ok(type, "Record<string, number> | null"));
        EXPECT_TRUE(param_ok(type, "(value: unknown) => void", true));
    }
}

TEST(TypeCompatibility, Returns) {
    for (ReturnType type : {ReturnType::String, ReturnType::Ptr, ReturnType::I64Str}) {
        EXPECT_TRUE(return_ok(type, "string"));
        EXPECT_TRUE(return_ok(type, "string | undefined"));
        EXPECT_FALSE(return_ok(type, "number"));
        EXPECT_FALSE(return_ok(type, "void"));
    }
    for (ReturnType type :
         {ReturnType::Number, ReturnType::F64, ReturnType::I32, ReturnType::I64}) {
        EXPECT_TRUE(return_ok(type, "number"));
        EXPECT_FALSE(return_ok(type, "bigint"));
        EXPECT_FALSE(return_ok(type, "string"));
    }
    EXPECT_TRUE(return_ok(ReturnType::Void, "void"));
    EXPECT_TRUE(return_ok(ReturnType::Void, "undefined"));
    EXPECT_FALSE(return_ok(ReturnType::Void, "number"));
    EXPECT_TRUE(return_ok(ReturnType::Bool, "boolean"));
    EXPECT_FALSE(return_ok(ReturnType::Bool, "number"));

    EXPECT_TRUE(return_ok(ReturnType::Promise, "Promise<number>"));
    EXPECT_TRUE(return_ok(ReturnType::Promise, "Promise<Row[]>"));
    EXPECT_FALSE(return_ok(ReturnType::Promise, "number"));

    EXPECT_TRUE(return_ok(ReturnType::Buffer, "Buffer"));
    EXPECT_TRUE(return_ok(ReturnType::Buffer, "Uint8Array"));
    EXPECT_FALSE(return_ok(ReturnType::Buffer, "string"));

    EXPECT_TRUE(return_ok(ReturnType::JsValue, "bigint"));
    EXPECT_TRUE(return_ok(ReturnType::JsValue, "unknown"));
    // `any` and `unknown` admit every value.
    EXPECT_TRUE(return_ok(ReturnType::String, "unknown"));
    EXPECT_TRUE(return_ok(ReturnType::Number, "any"));
}

} // namespace
} // namespace perry::linker::typescript
