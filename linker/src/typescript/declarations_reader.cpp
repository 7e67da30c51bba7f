#include "declarations_reader.h"

#include "parse_guard.h"

#include <tree_sitter/api.h>

#include <cstring>
#include <map>
#include <memory>
#include <vector>

extern "C" const TSLanguage* tree_sitter_typescript(void);

namespace perry::linker::typescript {
namespace {

// Aliases nest (`type A = B | null; type B = number`); a cycle (`type A = A[]` reaches no
// member that is an alias itself, but `type A = B; type B = A` does) ends at this depth.
constexpr int kMaxAliasDepth = 16;
// Unions and parentheses nested deeper than this are kept as one member, as written: the walk
// recurses, and a file's nesting is the author's to choose.
constexpr int kMaxTypeNesting = 256;

struct TreeDeleter {
    void operator()(TSTree* tree) const { ts_tree_delete(tree); }
};
struct ParserDeleter {
    void operator()(TSParser* parser) const { ts_parser_delete(parser); }
};

bool is(TSNode node, const char* type) {
    return std::strcmp(ts_node_type(node), type) == 0;
}

TSNode field(TSNode node, const char* name) {
    return ts_node_child_by_field_name(node, name, static_cast<uint32_t>(std::strlen(name)));
}

Place place_of(TSNode node) {
    const TSPoint point = ts_node_start_point(node);
    return {static_cast<int>(point.row) + 1, static_cast<int>(point.column) + 1};
}

class Reader {
  public:
    Reader(std::string_view source, bool declaration_file)
        : source_(source), declaration_file_(declaration_file) {}

    void read(TSNode program, SourceDeclarations& out) {
        // The statements are walked with a cursor: tree-sitter 0.20's ts_node_named_child(i)
        // counts from the first child each time, which is quadratic over a long file.
        std::vector<TSNode> statements;
        TSTreeCursor cursor = ts_tree_cursor_new(program);
        if (ts_tree_cursor_goto_first_child(&cursor)) {
            do {
                TSNode node = ts_tree_cursor_current_node(&cursor);
                if (ts_node_is_named(node))
                    statements.push_back(unexported(node));
            } while (ts_tree_cursor_goto_next_sibling(&cursor));
        }
        ts_tree_cursor_delete(&cursor);
        for (TSNode statement : statements) {
            if (is(statement, "type_alias_declaration")) {
                TSNode name = field(statement, "name");
                TSNode value = field(statement, "value");
                if (!ts_node_is_null(name) && !ts_node_is_null(value))
                    aliases_[text(name)] = value;
            }
        }
        for (TSNode statement : statements) {
            if (is(statement, "ambient_declaration")) {
                const uint32_t n = ts_node_named_child_count(statement);
                for (uint32_t j = 0; j < n; ++j) {
                    TSNode inner = ts_node_named_child(statement, j);
                    if (is(inner, "function_signature"))
                        out.functions.push_back(function(inner));
                }
            } else if (declaration_file_ && is(statement, "function_signature")) {
                out.functions.push_back(function(statement));
            }
        }
    }

  private:
    std::string text(TSNode node) const {
        const uint32_t start = ts_node_start_byte(node);
        const uint32_t end = ts_node_end_byte(node);
        return std::string(source_.substr(start, end - start));
    }

    // `export <declaration>` is read as the declaration.
    static TSNode unexported(TSNode statement) {
        if (!is(statement, "export_statement"))
            return statement;
        TSNode declaration = field(statement, "declaration");
        return ts_node_is_null(declaration) ? statement : declaration;
    }

    DeclaredFunction function(TSNode signature) const {
        DeclaredFunction out;
        TSNode name = field(signature, "name");
        out.name = text(name);
        out.place = place_of(name);
        TSNode parameters = field(signature, "parameters");
        const uint32_t count =
            ts_node_is_null(parameters) ? 0 : ts_node_named_child_count(parameters);
        for (uint32_t i = 0; i < count; ++i) {
            TSNode parameter = ts_node_named_child(parameters, i);
            const bool optional = is(parameter, "optional_parameter");
            if (!optional && !is(parameter, "required_parameter"))
                continue; // a comment
            TSNode pattern = field(parameter, "pattern");
            if (!ts_node_is_null(pattern) && is(pattern, "this"))
                continue;
            DeclaredParameter param;
            param.optional = optional;
            param.rest = !ts_node_is_null(pattern) && is(pattern, "rest_pattern");
            param.name = ts_node_is_null(pattern) ? std::string() : text(pattern);
            param.place = place_of(parameter);
            param.type = annotation(field(parameter, "type"), place_of(parameter));
            out.params.push_back(std::move(param));
        }
        TSNode after = ts_node_is_null(parameters) ? name : parameters;
        const TSPoint end = ts_node_end_point(after);
        out.returns = annotation(field(signature, "return_type"),
                                 {static_cast<int>(end.row) + 1, static_cast<int>(end.column) + 1});
        return out;
    }

    // A `type_annotation` node (`: T`), or a null node when none was written (then `fallback`
    // is the place a diagnostic points at).
    WrittenType annotation(TSNode node, Place fallback) const {
        WrittenType type;
        type.place = fallback;
        if (ts_node_is_null(node) || ts_node_named_child_count(node) == 0)
            return type;
        TSNode value = ts_node_named_child(node, 0);
        type.present = true;
        type.place = place_of(value);
        type.text = collapsed(text(value));
        add_members(value, type.members, 0);
        return type;
    }

    void add_members(TSNode type, std::vector<std::string>& members, int depth,
                     int nesting = 0) const {
        if ((is(type, "union_type") || is(type, "parenthesized_type")) &&
            nesting < kMaxTypeNesting) {
            const uint32_t count = ts_node_named_child_count(type);
            for (uint32_t i = 0; i < count; ++i)
                add_members(ts_node_named_child(type, i), members, depth, nesting + 1);
            return;
        }
        std::string written = without_spaces(text(type));
        if (is(type, "type_identifier") && depth < kMaxAliasDepth) {
            auto alias = aliases_.find(written);
            if (alias != aliases_.end()) {
                add_members(alias->second, members, depth + 1, nesting + 1);
                return;
            }
        }
        members.push_back(std::move(written));
    }

    static std::string collapsed(const std::string& text) {
        std::string out;
        bool space = false;
        for (char c : text) {
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                space = true;
                continue;
            }
            if (space && !out.empty())
                out += ' ';
            space = false;
            out += c;
        }
        return out;
    }

    static std::string without_spaces(const std::string& text) {
        std::string out;
        for (char c : text) {
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                out += c;
        }
        return out;
    }

    std::string_view source_;
    bool declaration_file_;
    std::map<std::string, TSNode> aliases_;
};

// The first ERROR or MISSING node in document order, or a null node. Iterative: a file's nesting
// depth is the author's to choose, the stack's is not.
TSNode first_problem(TSNode root) {
    TSTreeCursor cursor = ts_tree_cursor_new(root);
    TSNode found{};
    for (;;) {
        TSNode node = ts_tree_cursor_current_node(&cursor);
        if (ts_node_is_missing(node) || is(node, "ERROR")) {
            found = node;
            break;
        }
        // Into a subtree that holds the error; else on to the next sibling, climbing as needed.
        if (ts_node_has_error(node) && ts_tree_cursor_goto_first_child(&cursor))
            continue;
        bool moved = false;
        while (!(moved = ts_tree_cursor_goto_next_sibling(&cursor))) {
            if (!ts_tree_cursor_goto_parent(&cursor))
                break;
        }
        if (!moved)
            break;
    }
    ts_tree_cursor_delete(&cursor);
    return found;
}

// What a syntax problem is, in a few words, with the text at it.
std::string describe_problem(TSNode node, std::string_view source) {
    if (ts_node_is_missing(node))
        return "missing `" + std::string(ts_node_type(node)) + "`";
    // The first token inside the ERROR node is the one the grammar could not place.
    TSNode token = node;
    while (ts_node_child_count(token) > 0)
        token = ts_node_child(token, 0);
    const uint32_t start = ts_node_start_byte(token);
    std::string_view at = source.substr(start, ts_node_end_byte(token) - start);
    if (at.size() > 40)
        at = at.substr(0, 40);
    if (at.empty())
        return "unexpected end of file";
    std::string shown;
    for (char c : at)
        shown += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
    return "unexpected `" + shown + "`";
}

} // namespace

SourceDeclarations read_declarations(std::string_view source, bool declaration_file) {
    SourceDeclarations out;
    std::unique_ptr<TSParser, ParserDeleter> parser(ts_parser_new());
    if (!ts_parser_set_language(parser.get(), tree_sitter_typescript())) {
        // Configure refuses such a grammar; this keeps a mismatched build from crashing.
        out.failure = "the TypeScript grammar built into perry has an ABI this tree-sitter "
                      "library cannot read (rebuild perry)";
        return out;
    }
    const auto parse = [&] {
        return std::unique_ptr<TSTree, TreeDeleter>(ts_parser_parse_string(
            parser.get(), nullptr, source.data(), static_cast<uint32_t>(source.size())));
    };
    if (!cannot_overflow_parser(source) && !parse_survives_in_child([&] { parse(); })) {
        out.failure = "the TypeScript parser (tree-sitter 0.20) fails on this file; it leaves "
                      "tens of thousands of constructs open at its end";
        return out;
    }
    const std::unique_ptr<TSTree, TreeDeleter> tree = parse();
    const TSNode root = ts_tree_root_node(tree.get());
    if (ts_node_has_error(root)) {
        TSNode problem = first_problem(root);
        if (ts_node_is_null(problem))
            problem = root;
        out.syntax_error = place_of(problem);
        out.syntax_problem = describe_problem(problem, source);
        return out;
    }
    Reader(source, declaration_file).read(root, out);
    return out;
}

GrammarAbi grammar_abi() {
    return {ts_language_version(tree_sitter_typescript()),
            TREE_SITTER_MIN_COMPATIBLE_LANGUAGE_VERSION, TREE_SITTER_LANGUAGE_VERSION};
}

} // namespace perry::linker::typescript
