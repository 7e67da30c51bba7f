// The function declarations of a TypeScript file, read with tree-sitter's TypeScript grammar
// (a real parser: docs/linker/typescript.md). tree-sitter's headers stay in the .cpp file.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace perry::linker::typescript {

// A place in the file: 1-based line, and 1-based column counted in bytes.
struct Place {
    int line = 0;
    int column = 0;
};

// A type annotation as written.
struct WrittenType {
    bool present = false; // false: no annotation (`declare function f(a)`)
    std::string text;     // the annotation's text, whitespace runs collapsed to one space
    // The union members, without whitespace: unions and parentheses are flattened, and a type
    // alias declared at the top of the same file is replaced by what it names
    // (`type Handle = number`), so `(Handle | null)` gives {"number", "null"}.
    std::vector<std::string> members;
    Place place;
};

struct DeclaredParameter {
    std::string name; // as written (a destructuring pattern's text)
    WrittenType type;
    bool optional = false; // `x?: T`
    bool rest = false;     // `...xs: T[]`
    Place place;
};

struct DeclaredFunction {
    std::string name;
    Place place;                           // of the name
    std::vector<DeclaredParameter> params; // without a `this` parameter, which takes no argument
    WrittenType returns;
};

struct SourceDeclarations {
    std::vector<DeclaredFunction> functions; // in file order
    // Set when the file is not valid TypeScript: where the first problem is, and what it is
    // ("unexpected `(`", "missing `)`"). `functions` is then empty.
    std::optional<Place> syntax_error;
    std::string syntax_problem;
    // Set when the file could not be parsed at all (not a fault of the file's syntax); nothing
    // else is then set.
    std::string failure;
};

// The top-level function declarations of `source`: `declare function f(...): T;` and
// `export declare function ...`; in a declaration file (`declaration_file`, a .d.ts) also the
// bodiless `function f(...): T;` and `export function f(...): T;`. Functions with a body are
// TypeScript's own, not declarations, and are not listed.
SourceDeclarations read_declarations(std::string_view source, bool declaration_file);

// The language ABI version of the compiled grammar, and the range the tree-sitter library reads.
struct GrammarAbi {
    unsigned grammar = 0;
    unsigned library_min = 0;
    unsigned library_max = 0;
};
GrammarAbi grammar_abi();

} // namespace perry::linker::typescript
