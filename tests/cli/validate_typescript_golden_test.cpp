// `perry native validate`'s check of the TypeScript declarations against the manifest: each
// outcome with its exact text and exit code (golden/validate_typescript/<case>.txt,
// PERRY_UPDATE_GOLDEN=1 regenerates). The archive of every package here matches its manifest,
// so what differs between the cases is the TypeScript alone.
#include "golden_support.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

namespace perry::cli::test {
namespace {

// One function per kind of type-table entry the declarations are checked against.
const char* const kFunctions =
    R"({"name": "js_demo_add", "params": ["f64", "f64"], "returns": "f64"},
      {"name": "js_demo_greet", "params": [], "returns": "string"},
      {"name": "js_demo_open", "params": ["string"], "returns": "i64"},
      {"name": "js_demo_hash", "params": ["buffer", "i64"], "returns": "promise"},
      {"name": "js_demo_close", "params": ["i64", "ptr"], "returns": "void"},
      {"name": "js_demo_flag", "params": ["bool", "jsvalue"], "returns": "bool"})";

const char* const kSources = R"(double js_demo_add(double a, double b) { return a + b; }
const char* js_demo_greet(void) { return "hi"; }
long js_demo_open(const void* path) { (void)path; return 1; }
double js_demo_hash(const void* data, long seed) { (void)data; (void)seed; return 0; }
void js_demo_close(long handle, const void* bytes) { (void)handle; (void)bytes; }
int js_demo_flag(int flag, double value) { (void)value; return flag; }
)";

// Declarations that agree with kFunctions, written as authors do: aliases, wrappers with
// bodies, other ambient declarations, Buffer for Uint8Array.
const char* const kCorrect = R"(// The TypeScript surface.
export type Handle = number | bigint;
declare function js_demo_add(a: number, b: number): number;
declare function js_demo_greet(): string | undefined;
declare function js_demo_open(path: string): number;
declare function js_demo_hash(data: Buffer, seed: bigint): Promise<string>;
declare function js_demo_close(handle: Handle, bytes?: Uint8Array | null): void;
export declare function js_demo_flag(flag: boolean, value: unknown): boolean;
declare function setTimeout(callback: () => void, ms: number): number;

export function add(a: number, b: number): number {
  return js_demo_add(a, b);
}
)";

// A package: the manifest with `extra` top-level members (`"types": "...",`), its archive, and
// `index` as src/index.ts (none when empty).
void write_package(const Scratch& pkg, const std::string& index, const std::string& extra = "") {
    pkg.write("package.json", "{\n  \"name\": \"demo\",\n  \"version\": \"1.0.0\",\n  " + extra +
                                  "\"perry\": {\"nativeLibrary\": {\"abiVersion\": \"0.5\",\n"
                                  "    \"functions\": [" +
                                  kFunctions +
                                  "],\n    \"targets\": {\"linux\": {\"prebuilt\": "
                                  "\"prebuilt/linux/libdemo.a\"}}\n  }}\n}\n");
    pkg.write("native/demo.c", kSources);
    pkg.archive("prebuilt/linux/libdemo.a", {"native/demo.c"});
    if (!index.empty())
        pkg.write("src/index.ts", index);
}

// kCorrect with `from` (which must occur) replaced by `to`.
std::string correct_but(const std::string& from, const std::string& to) {
    std::string text = kCorrect;
    const std::size_t at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return at == std::string::npos ? text : text.replace(at, from.size(), to);
}

bool golden(const std::string& name, const Scratch& pkg, bool json = false) {
    std::vector<std::string> args = {"validate", "--no-build"};
    if (json)
        args.push_back("--json");
    return matches_golden_run("validate_typescript", name, args, pkg.path());
}

TEST(ValidateTypeScript, CorrectDeclarationsAreGreen) {
    Scratch pkg;
    write_package(pkg, kCorrect);
    EXPECT_TRUE(golden("green", pkg));
    EXPECT_TRUE(golden("green_json", pkg, true));
}

TEST(ValidateTypeScript, AManifestFunctionNotDeclared) {
    Scratch pkg;
    write_package(pkg, correct_but("declare function js_demo_greet(): string | undefined;\n", ""));
    EXPECT_TRUE(golden("missing", pkg));
}

TEST(ValidateTypeScript, ADeclaredBindingTheManifestLacks) {
    Scratch pkg;
    write_package(pkg, std::string(kCorrect) +
                           "declare function js_demo_gone(): void;\n"
                           "declare function js_demo_add(a: number): number;\n");
    EXPECT_TRUE(golden("extra_and_again", pkg));
}

TEST(ValidateTypeScript, WrongArity) {
    Scratch pkg;
    write_package(pkg, correct_but("js_demo_add(a: number, b: number)", "js_demo_add(a: number)")
                           .replace(0, 0, "declare function js_demo_unused(): void;\n"));
    EXPECT_TRUE(golden("arity", pkg));
    write_package(pkg, correct_but("js_demo_greet()", "js_demo_greet(name: string)"));
    EXPECT_TRUE(golden("arity_none_expected", pkg));
    write_package(
        pkg, correct_but("js_demo_add(a: number, b: number)", "js_demo_add(...values: number[])"));
    EXPECT_TRUE(golden("rest_parameter", pkg));
}

TEST(ValidateTypeScript, WrongTypes) {
    Scratch pkg;
    std::string text = correct_but("path: string", "path: number");
    text = text.replace(text.find("data: Buffer"), 12, "data: string");
    text = text.replace(text.find("seed: bigint"), 12, "seed: string");
    text = text.replace(text.find("Promise<string>"), 15, "string");
    text = text.replace(text.find("bytes?: Uint8Array | null"), 25, "bytes: number");
    text = text.replace(text.find("): void;"), 8, "): number;");
    text = text.replace(text.find("flag: boolean"), 13, "flag?: boolean");
    text = text.replace(text.find("unknown): boolean"), 17, "unknown): number");
    text = text.replace(text.find("(): string | undefined"), 22, "()");
    text = text.replace(text.find("a: number, b"), 12, "a, b");
    write_package(pkg, text);
    EXPECT_TRUE(golden("wrong_types", pkg));
    EXPECT_TRUE(golden("wrong_types_json", pkg, true));
}

TEST(ValidateTypeScript, ALongTypeIsQuotedShortened) {
    Scratch pkg;
    write_package(pkg, correct_but("path: string", "path: Record<string, Array<Map<string, "
                                                   "Set<number>>>> | ReadonlyArray<Record<string, "
                                                   "Array<number>>> | null"));
    EXPECT_TRUE(golden("long_type", pkg));
}

TEST(ValidateTypeScript, AFileThatDoesNotParseIsAnErrorWithItsLine) {
    Scratch pkg;
    write_package(pkg, correct_but("declare function js_demo_open(path: string): number;",
                                   "declare function js_demo_open(path: string: number;"));
    EXPECT_TRUE(golden("syntax_error", pkg));
    EXPECT_TRUE(golden("syntax_error_json", pkg, true));
}

TEST(ValidateTypeScript, TheDeclarationsFileIsChosenByTypesTypingsMainThenSrcIndex) {
    Scratch pkg;
    // A .d.ts named by `types` wins over a wrong src/index.ts; its bodiless signatures count.
    std::string dts;
    for (std::string line : {"export function js_demo_add(a: number, b: number): number;\n",
                             "export function js_demo_greet(): string;\n",
                             "export function js_demo_open(path: string): number;\n",
                             "export function js_demo_hash(data: Uint8Array, seed: number): "
                             "Promise<void>;\n",
                             "export function js_demo_close(handle: number, bytes: null): void;\n",
                             "export function js_demo_flag(flag: boolean, value: any): boolean;\n"})
        dts += line;
    pkg.write("types/index.d.ts", dts);
    write_package(pkg, "declare function js_demo_add(): void;\n",
                  "\"types\": \"./types/index.d.ts\",\n  ");
    EXPECT_TRUE(golden("types_field", pkg));
    write_package(pkg, "declare function js_demo_add(): void;\n",
                  "\"typings\": \"types/index.d.ts\",\n  ");
    EXPECT_TRUE(golden("typings_field", pkg));
    write_package(pkg, "declare function js_demo_add(): void;\n",
                  "\"main\": \"types/index.d.ts\",\n  \"typings\": \"src/index.ts\",\n  ");
    EXPECT_TRUE(golden("typings_before_main", pkg));
    // A JavaScript `main` holds no declarations: src/index.ts is read.
    write_package(pkg, kCorrect, "\"main\": \"dist/index.js\",\n  ");
    EXPECT_TRUE(golden("main_javascript", pkg));
    std::filesystem::remove(pkg.path() / "src" / "index.ts");
    write_package(pkg, "", "\"main\": \"types/index.d.ts\",\n  ");
    EXPECT_TRUE(golden("main_typescript", pkg));
}

TEST(ValidateTypeScript, NoDeclarationsFileIsOneLineNotAnError) {
    Scratch pkg;
    write_package(pkg, "");
    EXPECT_TRUE(golden("no_declarations", pkg));
    EXPECT_TRUE(golden("no_declarations_json", pkg, true));
}

TEST(ValidateTypeScript, ADeclarationsPathThatIsNotUsableIsRefused) {
    Scratch pkg;
    write_package(pkg, kCorrect, "\"types\": \"../outside/index.d.ts\",\n  ");
    EXPECT_TRUE(golden("types_escapes", pkg));
    write_package(pkg, kCorrect, "\"types\": \"/etc/index.d.ts\",\n  ");
    EXPECT_TRUE(golden("types_absolute", pkg));
    write_package(pkg, kCorrect, "\"types\": \"src/gone.d.ts\",\n  ");
    EXPECT_TRUE(golden("types_missing", pkg));
    write_package(pkg, kCorrect, "\"types\": \"dist/index.js\",\n  ");
    EXPECT_TRUE(golden("types_not_typescript", pkg));
    // A symlink out of the package is refused like a manifest path's.
    std::filesystem::create_directory_symlink("/tmp", pkg.path() / "linked");
    write_package(pkg, kCorrect, "\"types\": \"linked/index.d.ts\",\n  ");
    EXPECT_TRUE(golden("types_through_symlink", pkg));
}

} // namespace
} // namespace perry::cli::test
