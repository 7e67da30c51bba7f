// The fast path's reader of `functions` (resolver/src/function_list_reader.h): functions written
// alike are read by their layout, one written differently anywhere is read token by token with
// the same result, and anything unclean is refused wherever it sits. Whole documents are also
// compared with the full reader (fast_path_disagreement).
#include "support/fast_path_agreement.h"

#include "byte_arena.h"
#include "function_list_reader.h"
#include "json_cursor.h"

#include "perry/resolver/manifest.h"
#include "perry/resolver/types.h"

#include <gtest/gtest.h>

#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace {

using perry::resolver::Function;
using perry::resolver::ParamType;
using perry::resolver::ReturnType;
using namespace perry::resolver::detail;

struct Expected {
    std::string name;
    std::vector<std::string> params;
    std::string returns;
};

// Every parameter and return type in turn, zero to six parameters per function.
std::vector<Expected> functions(int count) {
    static const char* kParams[] = {"string", "number", "i32", "i64", "bool",
                                    "ptr",    "f64",    "json", "jsvalue"};
    static const char* kReturns[] = {"string", "ptr", "i64_str", "i64",     "number", "void",
                                     "f64",    "i32", "bool",    "promise", "jsvalue"};
    std::vector<Expected> out;
    for (int i = 0; i < count; ++i) {
        Expected fn{"js_fn_" + std::to_string(i), {}, kReturns[i % 11]};
        for (int p = 0; p < i % 7; ++p)
            fn.params.push_back(kParams[(i + p) % 9]);
        out.push_back(fn);
    }
    return out;
}

// How a function is written: the text between its values.
struct Style {
    std::string to_name = "\n    {\n      \"name\": \"";
    std::string to_params = "\",\n      \"params\": [";
    std::string first_param = "\"";
    std::string between_params = "\", \"";
    std::string params_end = "\"]";
    std::string to_returns = ",\n      \"returns\": \"";
    std::string to_end = "\"\n    }";
};

const Style kCompact{"{\"name\":\"", "\",\"params\":[", "\"", "\",\"", "\"]", ",\"returns\":\"", "\"}"};
const Style kSpaced{" { \"name\" : \"", "\" , \"params\" : [", " \"", "\" , \"", "\" ]",
                    " , \"returns\" : \"", "\" } "};
// JSON.stringify(manifest, null, 2), as npm writes package.json: a list that is not empty has a
// line per element.
const Style kStringified{"\n    {\n      \"name\": \"", "\",\n      \"params\": [",
                         "\n        \"",                 "\",\n        \"",
                         "\"\n      ]",                   ",\n      \"returns\": \"",
                         "\"\n    }"};

std::string written(const std::vector<Expected>& list, const std::vector<Style>& styles) {
    std::ostringstream out;
    out << "[";
    for (std::size_t i = 0; i < list.size(); ++i) {
        const Style& style = styles[i % styles.size()];
        out << (i ? "," : "") << style.to_name << list[i].name << style.to_params;
        for (std::size_t p = 0; p < list[i].params.size(); ++p)
            out << (p ? style.between_params : style.first_param) << list[i].params[p];
        out << (list[i].params.empty() ? "]" : style.params_end) << style.to_returns
            << list[i].returns << style.to_end;
    }
    out << "\n  ]";
    return out.str();
}

struct ListRead {
    bool read = false;
    std::vector<Function> functions;
    std::size_t by_layout = 0;
    std::size_t consumed = 0;
    std::shared_ptr<ByteArena> arena; // the names and parameter lists point into it
};

// What follows the list in a manifest (targets, the end of the document), long enough for every
// function to be read by its layout: the last ones of a text are read by tokens.
const std::string kRestOfDocument = ",\n      \"targets\": {}\n    }\n  }\n}" + std::string(2048, ' ');

// Reads `text` from a buffer of exactly its size, so that AddressSanitizer sees any read past it.
ListRead read_list(const std::string& text) {
    auto exact = std::make_unique<char[]>(text.size());
    std::copy(text.begin(), text.end(), exact.get());
    ListRead out;
    out.arena = std::make_shared<ByteArena>(64);
    JsonCursor cursor = JsonCursor::over(exact.get(), exact.get() + text.size());
    const FunctionListRead* read = read_function_list(cursor, *out.arena);
    out.read = read != nullptr;
    if (read != nullptr) {
        out.functions = read->functions;
        out.by_layout = read->read_by_layout;
        out.consumed = static_cast<std::size_t>(cursor.position() - exact.get());
        for (const Function& fn : out.functions) // copied, not views into the text
            EXPECT_FALSE(fn.name.data() >= exact.get() &&
                         fn.name.data() < exact.get() + text.size());
    }
    return out;
}

std::string describe(const Function& fn) {
    std::string out = std::string(fn.name) + "(";
    for (ParamType type : fn.params)
        out += std::string(perry::resolver::info(type).name) + ",";
    return out + ")->" + std::string(perry::resolver::info(fn.returns).name);
}

std::string describe(const Expected& fn) {
    std::string out = fn.name + "(";
    for (const std::string& type : fn.params)
        out += type + ",";
    return out + ")->" + fn.returns;
}

void expect_read_as(const ListRead& read, const std::vector<Expected>& list) {
    ASSERT_TRUE(read.read);
    ASSERT_EQ(read.functions.size(), list.size());
    for (std::size_t i = 0; i < list.size(); ++i) {
        EXPECT_EQ(describe(read.functions[i]), describe(list[i])) << "function " << i;
        EXPECT_EQ(read.functions[i].index, i);
    }
}

TEST(FunctionListReader, ReadsFunctionsWrittenAlikeByTheirLayout) {
    const auto list = functions(60);
    const std::string text = written(list, {Style{}});
    const ListRead read = read_list(text + kRestOfDocument);
    expect_read_as(read, list);
    EXPECT_EQ(read.consumed, text.size());
    // Read token by token: the first function; the second, since the first one's text started
    // after the whitespace that follows `[`; and the first with two parameters, since the
    // separator of parameters is not known before. Every other one by its layout.
    EXPECT_EQ(read.by_layout, list.size() - 3);
    // Without the rest of the document, the functions in its last kRoom bytes are read by tokens.
    const ListRead alone = read_list(text);
    expect_read_as(alone, list);
    EXPECT_LT(alone.by_layout, read.by_layout);
}

TEST(FunctionListReader, ReadsCompactSpacedAndStringifiedLayouts) {
    const auto list = functions(30);
    for (const Style& style : {kCompact, kSpaced, kStringified}) {
        const ListRead read = read_list(written(list, {style}) + kRestOfDocument);
        expect_read_as(read, list);
        EXPECT_GE(read.by_layout, list.size() - 3) << style.to_name;
    }
}

TEST(FunctionListReader, ReadsAFunctionWrittenDifferentlyAtAnyRunTokenByToken) {
    const auto list = functions(40);
    std::vector<Style> differs(7);
    differs[0].to_name = "\n    {\"name\": \"";
    differs[1].to_params = "\",\n      \"params\":[";
    differs[2].first_param = " \"";
    differs[3].between_params = "\",\"";
    differs[4].params_end = "\" ]";
    differs[5].to_returns = ",\n      \"returns\" : \"";
    differs[6].to_end = "\" }";
    for (const Style& other : differs) {
        // Every fifth function is written the other way: each one is read by tokens, and so is
        // the one after it (whose layout is the usual one again).
        const ListRead read =
            read_list(written(list, {Style{}, Style{}, Style{}, Style{}, other}) + kRestOfDocument);
        expect_read_as(read, list);
        EXPECT_LT(read.by_layout, list.size() - 2);
    }
    // Members in another order never have a layout, and do not stop the others from having one.
    std::string text = written(list, {Style{}});
    const std::size_t begin = text.find("{\n      \"name\": \"js_fn_20\"");
    ASSERT_NE(begin, std::string::npos);
    const std::size_t end = text.find('}', begin) + 1;
    const std::string params = written({list[20]}, {Style{}});
    const std::size_t list_begin = params.find("\"params\": [") + 10;
    const std::size_t list_end = params.find(']', list_begin) + 1;
    text.replace(begin, end - begin,
                 "{\"returns\": \"" + list[20].returns + "\", \"name\": \"js_fn_20\", \"params\": " +
                     params.substr(list_begin, list_end - list_begin) + "}");
    const ListRead read = read_list(text + kRestOfDocument);
    expect_read_as(read, list);
    // By tokens: the three of ReadsFunctionsWrittenAlikeByTheirLayout, the one in another order
    // and the one after it (the layout was forgotten: it had no layout to keep).
    EXPECT_EQ(read.by_layout, list.size() - 5);
}

TEST(FunctionListReader, RefusesWhatTheTokenReaderRefusesWhereverItIs) {
    const auto list = functions(12);
    const std::string text = written(list, {Style{}});
    const std::string target = "\"js_fn_9\",\n      \"params\": [\"string\", \"number\"";
    ASSERT_NE(text.find(target), std::string::npos);
    for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
             {"\"js_fn_9\"", "\"js_fn\\u0039\""},  // an escape
             {"\"js_fn_9\"", "\"9js_fn\""},        // not an identifier
             {"\"js_fn_9\"", "\"\""},              // empty
             {"[\"string\", ", "[\"strin\", "},    // an unknown type
             {"[\"string\", ", "[\"stringss\", "}, // a long one
             {"[\"string\", ", "[\"\", "},         // an empty one
             {"[\"string\", ", "[\"str\\u0069ng\", "},
             {"\"number\"]", "\"number\",]"},       // a trailing comma
             {"\"number\"]", "\"number\" \"i32\"]"}, // a missing comma
             {"\"js_fn_9\",", "\"js_fn_9\", \"name\": \"x\","}, // a duplicate member
             {"\"js_fn_9\",", "\"js_fn_9\", \"doc\": \"x\","},  // an unknown member
         }) {
        std::string bad = text;
        const std::size_t at = bad.find(from, bad.find("js_fn_9") - 1);
        ASSERT_NE(at, std::string::npos) << from;
        bad.replace(at, from.size(), to);
        EXPECT_FALSE(read_list(bad + kRestOfDocument).read) << to;
        EXPECT_FALSE(read_list(bad).read) << to;
    }
    // A legacy return type (f64 with a warning) and a missing member, in the middle of a list.
    const std::string returns = ",\n      \"returns\": \"jsvalue\""; // js_fn_10's
    ASSERT_NE(text.find(returns), std::string::npos);
    std::string legacy = text;
    legacy.replace(legacy.find(returns), returns.size(), ",\n      \"returns\": \"float\"");
    EXPECT_FALSE(read_list(legacy).read);
    std::string missing = text;
    missing.replace(missing.find(returns), returns.size(), "");
    EXPECT_FALSE(read_list(missing).read);
}

TEST(FunctionListReader, ReadsToTheLastByteOfTheText) {
    // Lists that end exactly where the text does, at every length of the last function's
    // parameter list, compact (shorter than a run check reads) and pretty-printed.
    for (int count = 1; count <= 9; ++count) {
        const auto list = functions(count);
        for (const Style& style : {Style{}, kCompact, kStringified}) {
            std::string text = written(list, {style});
            const ListRead read = read_list(text);
            expect_read_as(read, list);
            EXPECT_EQ(read.consumed, text.size());
            text.pop_back(); // no `]`
            EXPECT_FALSE(read_list(text).read);
        }
    }
}

TEST(FunctionListReader, ReadsDocumentsAsTheFullReaderDoes) {
    const auto list = functions(25);
    Style other;
    other.to_params = "\", \"params\": [";
    for (const auto& styles : std::vector<std::vector<Style>>{
             {Style{}}, {Style{}, other}, {other, other, Style{}}, {kStringified, kCompact}}) {
        const std::string document =
            "{\"name\": \"@x/y\", \"perry\": {\"nativeLibrary\": {\"abiVersion\": \"0.5\", "
            "\"functions\": " +
            written(list, styles) + "}}}";
        EXPECT_TRUE(perry::testing::fast_path_reads(document, "/pkg"));
        EXPECT_EQ(perry::testing::fast_path_disagreement(document, "/pkg"), "");
    }
}

TEST(FunctionListReader, HandsTheListOverWithoutHoldingOnToABigBuffer) {
    ByteArena arena(64);
    auto take = [&](const std::string& text) {
        JsonCursor cursor = JsonCursor::over(text.data(), text.data() + text.size());
        FunctionListRead* read = read_function_list(cursor, arena);
        EXPECT_NE(read, nullptr);
        return read == nullptr ? std::vector<Function>() : take_functions(*read);
    };
    const auto big = take(written(functions(300), {Style{}}));
    EXPECT_EQ(big.size(), 300u);
    const auto again = take(written(functions(300), {kCompact}));
    EXPECT_EQ(again.size(), 300u); // the buffer was handed over, and a new one made for this
    EXPECT_NE(again.data(), big.data());
    const auto small = take(written(functions(3), {Style{}}));
    ASSERT_EQ(small.size(), 3u);
    EXPECT_LE(small.capacity(), 2 * small.size() + 16); // copied out of the big buffer
    EXPECT_EQ(describe(small[2]), describe(functions(3)[2]));
}

} // namespace
