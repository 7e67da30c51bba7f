// The classes validate's signature check compares: the one each type-table entry expects, and the
// one the DWARF of real objects (g++ -g, clang++ -g) gives each kind of C and C++ declaration.
#include "test_support.h"
#include "validate/dwarf_signatures.h"
#include "validate/signature_checks.h"

#include "perry/resolver/types.h"

#include <gtest/gtest.h>

#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace perry::linker::test {
namespace {

using detail::ValueKind;

ValueKind expected_kind(resolver::RegisterClass register_class, std::string_view c_type) {
    const std::optional<detail::ValueClass> found = detail::expected_class(c_type);
    EXPECT_TRUE(found.has_value()) << "no class for the type table's C type `" << c_type << "`";
    if (!found)
        return ValueKind::Other;
    // The class must agree with the table's register class.
    switch (register_class) {
    case resolver::RegisterClass::Float:
        EXPECT_EQ(found->kind, ValueKind::Float) << c_type;
        break;
    case resolver::RegisterClass::None:
        EXPECT_EQ(found->kind, ValueKind::None) << c_type;
        break;
    case resolver::RegisterClass::Integer:
        EXPECT_TRUE(found->kind == ValueKind::Integer || found->kind == ValueKind::Bool ||
                    found->kind == ValueKind::Pointer)
            << c_type;
        break;
    }
    return found->kind;
}

TEST(SignatureClasses, EveryTypeTableEntryHasAClassMatchingItsRegisterClass) {
    for (resolver::ParamType type : resolver::all_param_types()) {
        const resolver::TypeInfo& info = resolver::info(type);
        expected_kind(info.register_class, info.c_type);
    }
    for (resolver::ReturnType type : resolver::all_return_types()) {
        const resolver::TypeInfo& info = resolver::info(type);
        expected_kind(info.register_class, info.c_type);
    }
    EXPECT_EQ(detail::expected_class("int32_t")->bits, 32u);
    EXPECT_EQ(detail::expected_class("int64_t")->bits, 64u);
    EXPECT_EQ(detail::expected_class("PerryValue")->bits, 64u);
    EXPECT_FALSE(detail::expected_class("struct Point").has_value());
}

const char* const kSource = R"(#include <cstdint>
#include <cstdarg>
typedef const volatile int64_t handle_t;
typedef handle_t also_handle_t;
enum Small : unsigned char { A, B };
enum Colour { Red, Green };
struct Point { double x, y; };
namespace inner { extern "C" float js_t_in_namespace(float f) { return f; } }
int js_t_mangled(int a) { return a; }
extern "C" {
also_handle_t js_t_typedefs(also_handle_t h) { return h; }
Colour js_t_enums(Small s, Colour c) { return s == A ? c : Red; }
const double& js_t_reference(const double& d, int64_t&& r) { (void)r; return d; }
Point js_t_struct(Point p) { return p; }
void js_t_variadic(int n, ...) { (void)n; }
bool js_t_bool(char c, unsigned short s) { return c != 0 && s != 0; }
long double js_t_long_double(void) { return 0; }
}
)";

detail::ObjectSignatures read(const std::string& compiler) {
    TempDir dir;
    write_file(dir / "t.cpp", kSource);
    run_ok({compiler, "-std=c++17", "-g", "-O1", "-c", dir / "t.cpp", "-o", dir / "t.o"});
    const std::string bytes = read_all(dir / "t.o");
    const std::vector<std::string_view> wanted = {
        "js_t_typedefs",     "js_t_enums",       "js_t_reference", "js_t_struct",
        "js_t_variadic",     "js_t_bool",        "js_t_mangled",   "js_t_long_double",
        "js_t_in_namespace", "_Z12js_t_mangledi"};
    return detail::read_dwarf_signatures(bytes, wanted);
}

void expect(const detail::ValueClass& value, ValueKind kind, unsigned bits,
            const std::string& spelled) {
    EXPECT_EQ(value.kind, kind) << value.spelled;
    EXPECT_EQ(value.bits, bits) << value.spelled;
    EXPECT_EQ(value.spelled, spelled);
}

void check(const detail::ObjectSignatures& found) {
    ASSERT_TRUE(found.has_debug_info);
    // A C++ function with a linkage name is found by it, never by its short name.
    EXPECT_EQ(found.found.count("js_t_mangled"), 0u);
    EXPECT_EQ(found.found.count("_Z12js_t_mangledi"), 0u); // mangled names are not searched
    ASSERT_EQ(found.found.count("js_t_typedefs"), 1u);
    const detail::CodeSignature& typedefs = found.found.at("js_t_typedefs");
    ASSERT_EQ(typedefs.params.size(), 1u);
    expect(typedefs.params[0], ValueKind::Integer, 64, "also_handle_t");
    expect(typedefs.returns, ValueKind::Integer, 64, "also_handle_t");

    const detail::CodeSignature& enums = found.found.at("js_t_enums");
    ASSERT_EQ(enums.params.size(), 2u);
    expect(enums.params[0], ValueKind::Integer, 8, "Small");
    expect(enums.params[1], ValueKind::Integer, 32, "Colour");

    const detail::CodeSignature& references = found.found.at("js_t_reference");
    ASSERT_EQ(references.params.size(), 2u);
    expect(references.params[0], ValueKind::Pointer, 64, "const double&");
    expect(references.params[1], ValueKind::Pointer, 64, "int64_t&&");
    expect(references.returns, ValueKind::Pointer, 64, "const double&");

    const detail::CodeSignature& structs = found.found.at("js_t_struct");
    expect(structs.params.at(0), ValueKind::Other, 128, "Point");

    const detail::CodeSignature& variadic = found.found.at("js_t_variadic");
    EXPECT_EQ(variadic.params.size(), 1u);
    EXPECT_TRUE(variadic.variadic);
    expect(variadic.returns, ValueKind::None, 0, "void");

    const detail::CodeSignature& bools = found.found.at("js_t_bool");
    expect(bools.params.at(0), ValueKind::Integer, 8, "char");
    expect(bools.params.at(1), ValueKind::Integer, 16, "short unsigned int");
    expect(bools.returns, ValueKind::Bool, 8, "bool");

    expect(found.found.at("js_t_long_double").returns, ValueKind::Float, 128, "long double");
    expect(found.found.at("js_t_in_namespace").params.at(0), ValueKind::Float, 32, "float");
}

TEST(SignatureClasses, GccDwarf) {
    check(read("g++"));
}

TEST(SignatureClasses, ClangDwarf) {
    const detail::ObjectSignatures found = read("clang++-14");
    // clang spells `unsigned short` in the other order.
    ASSERT_EQ(found.found.count("js_t_bool"), 1u);
    EXPECT_EQ(found.found.at("js_t_bool").params.at(1).spelled, "unsigned short");
    ASSERT_EQ(found.found.count("js_t_typedefs"), 1u);
    expect(found.found.at("js_t_typedefs").params.at(0), ValueKind::Integer, 64, "also_handle_t");
    expect(found.found.at("js_t_reference").params.at(1), ValueKind::Pointer, 64, "int64_t&&");
    expect(found.found.at("js_t_struct").params.at(0), ValueKind::Other, 128, "Point");
    EXPECT_TRUE(found.found.at("js_t_variadic").variadic);
}

// Assemblers write a debug section's relocations in offset order, and the reader searches them
// assuming so; a table in another order (here reversed, which changes no relocation) is found
// out and indexed, and every signature is read as before.
TEST(SignatureClasses, RelocationsOutOfOrderAreReadTheSame) {
    TempDir dir;
    write_file(dir / "t.cpp", kSource);
    run_ok({"g++", "-std=c++17", "-g", "-O1", "-c", dir / "t.cpp", "-o", dir / "t.o"});
    std::string bytes = read_all(dir / "t.o");
    const std::string table = run_ok({"readelf", "-S", "-W", dir / "t.o"});
    const std::size_t name = table.find(".rela.debug_info ");
    ASSERT_NE(name, std::string::npos) << table;
    std::istringstream fields(table.substr(name));
    std::string section, type, address, offset, size;
    fields >> section >> type >> address >> offset >> size;
    const std::size_t start = std::stoul(offset, nullptr, 16);
    const std::size_t count = std::stoul(size, nullptr, 16) / 24; // sizeof(Elf64_Rela)
    ASSERT_GE(count, 8u);
    std::vector<std::string> entries;
    for (std::size_t i = 0; i < count; ++i)
        entries.push_back(bytes.substr(start + i * 24, 24));
    for (std::size_t i = 0; i < count; ++i)
        bytes.replace(start + i * 24, 24, entries[count - 1 - i]);
    const std::vector<std::string_view> wanted = {
        "js_t_typedefs", "js_t_enums", "js_t_reference",   "js_t_struct",
        "js_t_variadic", "js_t_bool",  "js_t_long_double", "js_t_in_namespace"};
    check(detail::read_dwarf_signatures(bytes, wanted));
}

// Bytes of the debug sections changed at random (seeded): the reader finds fewer functions or
// other classes, and never crashes, hangs or reads outside the object.
TEST(SignatureClasses, CorruptDebugInformationIsNeverACrash) {
    TempDir dir;
    write_file(dir / "t.cpp", kSource);
    run_ok({"g++", "-std=c++17", "-g", "-O1", "-c", dir / "t.cpp", "-o", dir / "t.o"});
    const std::string original = read_all(dir / "t.o");
    // The debug sections' places, from readelf -S -W ("[Nr] Name Type Address Off Size ...").
    std::vector<std::pair<std::size_t, std::size_t>> sections;
    const std::string table = run_ok({"readelf", "-S", "-W", dir / "t.o"});
    std::size_t line_start = 0;
    while (line_start < table.size()) {
        const std::size_t line_end = table.find('\n', line_start);
        const std::string line = table.substr(line_start, line_end - line_start);
        line_start = line_end == std::string::npos ? table.size() : line_end + 1;
        const std::size_t name = line.find(".debug_");
        if (name == std::string::npos || line.find(".rela") != std::string::npos)
            continue;
        std::istringstream fields(line.substr(name));
        std::string section, type, address, offset, size;
        fields >> section >> type >> address >> offset >> size;
        sections.emplace_back(std::stoul(offset, nullptr, 16), std::stoul(size, nullptr, 16));
    }
    ASSERT_GE(sections.size(), 3u);
    const std::vector<std::string_view> wanted = {"js_t_typedefs", "js_t_enums", "js_t_struct"};
    std::mt19937 random(2026);
    for (int round = 0; round < 300; ++round) {
        std::string bytes = original;
        const auto& [offset, size] = sections[random() % sections.size()];
        for (int flips = 1 + static_cast<int>(random() % 8); flips > 0 && size > 0; --flips)
            bytes[offset + random() % size] = static_cast<char>(random());
        const detail::ObjectSignatures found = detail::read_dwarf_signatures(bytes, wanted);
        EXPECT_LE(found.found.size(), wanted.size());
    }
}

} // namespace
} // namespace perry::linker::test
