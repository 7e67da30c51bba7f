// The type table (resolver/include/perry/resolver/type_table.def) is the one source: the schema's
// enums and docs/resolver/types.md must say the same thing.
#include "golden.h"

#include "perry/resolver/types.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace {

using namespace perry::resolver;

// design.md's types in its order, then this project's documented extensions (`buffer`).
TEST(TypeTable, ListsDesignMdTypesInOrder) {
    std::vector<std::string> params, returns;
    for (ParamType t : all_param_types())
        params.emplace_back(info(t).name);
    for (ReturnType t : all_return_types())
        returns.emplace_back(info(t).name);
    EXPECT_EQ(params, (std::vector<std::string>{"string", "number", "i32", "i64", "bool", "ptr",
                                                "f64", "json", "jsvalue", "buffer"}));
    EXPECT_EQ(returns,
              (std::vector<std::string>{"string", "ptr", "i64_str", "i64", "number", "void", "f64",
                                        "i32", "bool", "promise", "jsvalue", "buffer"}));
}

TEST(TypeTable, LooksUpByExactSpelling) {
    EXPECT_EQ(find_param_type("i64"), ParamType::I64);
    EXPECT_EQ(find_param_type("jsvalue"), ParamType::JsValue);
    EXPECT_FALSE(find_param_type("I64"));
    EXPECT_FALSE(find_param_type("void")); // a return type only
    EXPECT_EQ(find_return_type("i64_str"), ReturnType::I64Str);
    EXPECT_EQ(find_return_type("promise"), ReturnType::Promise);
    EXPECT_FALSE(find_return_type("json")); // a param type only
}

TEST(TypeTable, RegisterClassesFollowTheCType) {
    for (ParamType t : all_param_types()) {
        const TypeInfo& row = info(t);
        const bool is_double = row.c_type.substr(0, 6) == "double";
        EXPECT_EQ(row.register_class, is_double ? RegisterClass::Float : RegisterClass::Integer)
            << row.name;
    }
    for (ReturnType t : all_return_types()) {
        const TypeInfo& row = info(t);
        const bool is_double = row.c_type.substr(0, 6) == "double";
        const RegisterClass expected = row.c_type == "void" ? RegisterClass::None
                                       : is_double          ? RegisterClass::Float
                                                            : RegisterClass::Integer;
        EXPECT_EQ(row.register_class, expected) << row.name;
    }
    EXPECT_EQ(register_class_name(info(ParamType::F64).register_class), "float");
    EXPECT_EQ(register_class_name(info(ReturnType::I64Str).register_class), "integer");
    EXPECT_EQ(register_class_name(info(ReturnType::Void).register_class), "none");
}

TEST(TypeTable, SchemaEnumsAreTheTable) {
    auto schema = nlohmann::json::parse(perry::testing::read_text_file(PERRY_MANIFEST_SCHEMA));
    std::vector<std::string> params, returns;
    for (ParamType t : all_param_types())
        params.emplace_back(info(t).name);
    for (ReturnType t : all_return_types())
        returns.emplace_back(info(t).name);
    EXPECT_EQ(schema["$defs"]["paramType"]["enum"].get<std::vector<std::string>>(), params);
    EXPECT_EQ(schema["$defs"]["returnType"]["examples"].get<std::vector<std::string>>(), returns);
}

TEST(TypeTable, DocsEmbedTheGeneratedTable) {
    // docs/resolver/types.md holds type_table_markdown() between two marker lines.
    const std::string begin =
        "<!-- BEGIN generated type table: tests/resolver/types_test.cpp -->\n";
    const std::string end = "<!-- END generated type table -->\n";
    const std::string doc = perry::testing::read_text_file(PERRY_TYPES_DOC);
    const std::size_t b = doc.find(begin), e = doc.find(end);
    ASSERT_NE(b, std::string::npos) << "marker missing in " << PERRY_TYPES_DOC;
    ASSERT_NE(e, std::string::npos) << "marker missing in " << PERRY_TYPES_DOC;
    const std::string expected =
        doc.substr(0, b + begin.size()) + type_table_markdown() + doc.substr(e);
    EXPECT_TRUE(perry::testing::matches_golden(PERRY_TYPES_DOC, expected));
}

} // namespace
