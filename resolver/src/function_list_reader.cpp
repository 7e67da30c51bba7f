#include "function_list_reader.h"

#include "name_index.h"
#include "recurring_text.h"
#include "symbol_bytes.h"
#include "type_index.h"

#include <cstring>

namespace perry::resolver::detail {
namespace {

// The lists of the last read, kept per thread: their capacity carries over to the next manifest.
struct Scratch {
    FunctionListRead read;
    std::vector<ParamType> params; // of the function being read
};
thread_local Scratch scratch;

// How the functions of a list are written: the runs of bytes between their values, as the last
// function read token by token had them, when its members were `name`, `params` and `returns`
// in that order (the spec's order, and that of every published manifest).
class FunctionLayout {
  public:
    using LongRun = RecurringText<4>;  // a newline, indentation and a member name
    using ShortRun = RecurringText<2>; // punctuation, or a newline and indentation

    // Each run ends after a quote or a bracket, so the byte after it is a value's first byte.
    LongRun to_name;   // from after `[` or `,` to after the name's opening quote
    LongRun to_params; // from the name's closing quote, excluded, to after `[`
    // A list that is not empty (the last one seen keeps these; an empty list is `[]`):
    ShortRun first_param;    // from after `[` to after the first type's opening quote
    ShortRun between_params; // from a type's closing quote, excluded, to after the next one's
                             // opening quote
    ShortRun params_end;     // from the last type's closing quote, excluded, to after `]`
    LongRun to_returns;      // from after `]` to after the return type's opening quote
    ShortRun to_end;         // from the return type's closing quote, excluded, to after `}`

    // What read_by_layout reads of a function, at most: the layout's runs, a name of up to
    // kMaxName bytes, kMaxParams types of up to 7 bytes, each followed by a run; and the bytes a
    // check of a run reads past where the run ends.
    static constexpr std::size_t kMaxName = 64;
    static constexpr std::size_t kMaxParams = 16;
    static constexpr std::size_t kRoom =
        LongRun::kMaxSize + kMaxName + 1 + LongRun::kMaxSize + ShortRun::kMaxSize +
        kMaxParams * (8 + ShortRun::kMaxSize) + LongRun::kMaxSize + 8 + 2 * ShortRun::kMaxSize;

    // Keeps the runs of the function text at `begin` (which the token reader has read), or
    // forgets them all when it is written another way.
    void learn(const char* begin, const char* end) {
        if (!learned(begin, end))
            to_name.forget(); // the first run checked: a layout with a run missing never applies
    }

  private:
    bool learned(const char* begin, const char* end);
};

bool FunctionLayout::learned(const char* begin, const char* end) {
    JsonCursor cursor = JsonCursor::over(begin, end);
    WhitespaceGuess guess;
    std::string_view text;
    // After the opening quote of the string at the cursor, or nullptr.
    auto string_at = [&]() -> const char* {
        return cursor.peek() == '"' ? cursor.position() + 1 : nullptr;
    };
    if (!cursor.consume('{') || !cursor.consume_exact("\"name\"", guess) || !cursor.consume(':'))
        return false;
    const char* const name_at = string_at();
    if (name_at == nullptr || !cursor.plain_string(text))
        return false;
    const char* const after_name = cursor.position();
    if (!cursor.consume(',') || !cursor.consume_exact("\"params\"", guess) ||
        !cursor.consume(':') || !cursor.consume('['))
        return false;
    const char* const params_at = cursor.position();
    if (cursor.position() != end && *cursor.position() != ']') { // not `[]`
        const char* const first_at = string_at();
        if (first_at == nullptr || !first_param.keep(params_at, first_at))
            return false;
        const char* after_param = nullptr;
        for (;;) {
            if (!cursor.plain_string(text))
                return false;
            after_param = cursor.position(); // (consume moves past whitespace, found or not)
            if (!cursor.consume(','))
                break;
            const char* const next_at = string_at();
            if (next_at == nullptr)
                return false;
            between_params.keep(after_param, next_at);
        }
        if (!cursor.consume(']') || !params_end.keep(after_param, cursor.position()))
            return false;
    } else if (!cursor.consume(']')) {
        return false;
    }
    const char* const after_params = cursor.position();
    if (!cursor.consume(',') || !cursor.consume_exact("\"returns\"", guess) ||
        !cursor.consume(':'))
        return false;
    const char* const returns_at = string_at();
    if (returns_at == nullptr || !cursor.plain_string(text))
        return false;
    const char* const after_returns = cursor.position();
    return cursor.consume('}') && to_name.keep(begin, name_at) &&
           to_params.keep(after_name, params_at) && to_returns.keep(after_params, returns_at) &&
           to_end.keep(after_returns, cursor.position());
}

// The type named by the string whose body starts at `p` (after its opening quote; eight bytes
// can be read there), when it is one of `index`'s names; moves `p` past the closing quote. The type names are seven bytes or
// shorter, so one eight-byte load holds the name and its closing quote: where the quote is comes
// from the word's bits, without a loop. False for anything else, which the token reader then
// reads (and refuses or accepts as it would have).
template <std::size_t N>
[[gnu::always_inline]] inline bool read_type_name(const char*& p, const NameIndex<N>& index,
                                                  int& type) {
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    std::uint64_t word;
    std::memcpy(&word, p, 8);
    constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
    const std::uint64_t x = word ^ (kOnes * '"'); // zero bytes where the quotes are
    // The lowest set bit marks the first zero byte (the bits above it may be wrong: borrows).
    const std::uint64_t quotes = (x - kOnes) & ~x & (kOnes * 0x80);
    if (quotes == 0)
        return false;
    const auto size = static_cast<std::size_t>(__builtin_ctzll(quotes) / 8); // 0..7
    const std::uint64_t head = word & ((std::uint64_t{1} << (8 * size)) - 1);
    type = index.find(HeadedText{std::string_view(p, size), head});
    if (type == NameIndex<N>::kUnknown)
        return false;
    p += size + 1;
    return true;
#else
    (void)p, (void)index, (void)type;
    return false;
#endif
}

// Reads the list into scratch.read, names and parameter lists into the arena. Each function is
// first read by its layout: the runs between its values are checked as wholes against the last
// function's, and only the values are read. A function written another way is read token by
// token (read_by_tokens, which also accepts the members in any order), and its layout becomes
// the one the next function is checked against.
class FunctionListReader {
  public:
    FunctionListReader(const JsonCursor& cursor, ByteArena& arena)
        : cursor_(cursor), arena_(arena), functions_(scratch.read.functions),
          hashes_(scratch.read.name_hashes), types_(scratch.params) {
        functions_.clear();
        hashes_.clear();
    }

    bool read() {
        if (!cursor_.consume('['))
            return false;
        if (cursor_.consume(']'))
            return true;
        do {
            const char* const begin = cursor_.position();
            const std::size_t index = functions_.size();
            Function& fn = functions_.emplace_back();
            fn.index = index;
            std::uint64_t& name_hash = hashes_.emplace_back();
            if (read_by_layout(fn, name_hash)) {
                ++by_layout_;
                continue;
            }
            cursor_.move_to(begin);
            fn = Function{};
            fn.index = index;
            if (!read_by_tokens(fn, name_hash))
                return false;
            layout_.learn(begin, cursor_.end());
        } while (cursor_.consume(',', after_function_));
        return cursor_.consume(']');
    }

    const JsonCursor& cursor() const { return cursor_; }
    std::size_t by_layout() const { return by_layout_; }

  private:
    // False when the function is not written as the layout says (nothing is kept then).
    [[gnu::always_inline]] bool read_by_layout(Function& fn, std::uint64_t& name_hash) {
        const char* p = cursor_.position();
        const char* const end = cursor_.end();
        // Whatever the function holds, this reads no more than kRoom bytes: one check here
        // instead of one per run (the last functions of a text are read by tokens).
        if (end - p < static_cast<std::ptrdiff_t>(FunctionLayout::kRoom) ||
            !layout_.to_name.starts(p))
            return false;
        p += layout_.to_name.size();
#if defined(__SSE2__)
        // Most names are shorter than 32 bytes, which kRoom has room for.
        const char* name_end = symbol_bytes::scan_short_quoted_symbol(p, name_hash);
        if (name_end == nullptr)
            name_end = scan_quoted_symbol(p, end, name_hash);
#else
        const char* const name_end = scan_quoted_symbol(p, end, name_hash);
#endif
        if (name_end == nullptr)
            return false;
        const auto name_size = static_cast<std::size_t>(name_end - p);
        if (name_size > FunctionLayout::kMaxName)
            return false;
        fn.name = name_size <= ByteArena::kSmallCopy
                      ? std::string_view(arena_.copy_small(p, name_size), name_size)
                      : arena_.copy(std::string_view(p, name_size));
        p = name_end + 1;
        if (!layout_.to_params.starts(p))
            return false;
        p += layout_.to_params.size();
        // The types are written straight into the arena.
        static_assert(sizeof(ParamType) == 1, "parameter lists are stored as bytes");
        static_assert(FunctionLayout::kMaxParams <= ByteArena::kSmallCopy);
        auto* const types = reinterpret_cast<ParamType*>(arena_.small_room());
        std::size_t count = 0;
        if (*p == ']') {
            ++p;
        } else {
            if (!layout_.first_param.starts(p))
                return false;
            p += layout_.first_param.size();
            for (;;) {
                int type;
                if (!read_type_name(p, param_types_, type))
                    return false;
                types[count++] = static_cast<ParamType>(type);
                if (layout_.params_end.starts(p)) {
                    p += layout_.params_end.size();
                    break;
                }
                if (count == FunctionLayout::kMaxParams || !layout_.between_params.starts(p))
                    return false;
                p += layout_.between_params.size();
            }
        }
        arena_.keep_written(count);
        fn.params = ParamTypes(types, count);
        if (!layout_.to_returns.starts(p))
            return false;
        p += layout_.to_returns.size();
        int type;
        if (!read_type_name(p, return_types_, type))
            return false; // also a legacy return type: a warning
        set_returns(fn, type);
        if (!layout_.to_end.starts(p))
            return false;
        cursor_.move_to(p + layout_.to_end.size());
        return true;
    }

    bool read_by_tokens(Function& fn, std::uint64_t& name_hash) {
        if (!cursor_.consume('{'))
            return false;
        bool name = false, params = false, returns = false;
        do {
            bool read = false;
            if (cursor_.consume_exact("\"name\"", before_member_)) {
                std::string_view written; // not an identifier: an error
                read = first_time(name) && cursor_.consume(':') &&
                       cursor_.symbol_string(written, name_hash);
                if (read)
                    fn.name = arena_.copy(written);
            } else if (cursor_.consume_exact("\"params\"", before_member_)) {
                read = first_time(params) && cursor_.consume(':') && read_params(fn);
            } else if (cursor_.consume_exact("\"returns\"", before_member_)) {
                read = first_time(returns) && cursor_.consume(':') && read_returns(fn);
            }
            if (!read)
                return false; // also an unknown member: a warning
        } while (cursor_.consume(','));
        return cursor_.consume('}') && name && params && returns;
    }

    bool read_params(Function& fn) {
        types_.clear();
        if (!cursor_.consume('['))
            return false;
        if (!cursor_.consume(']')) {
            do {
                std::string_view written;
                if (!cursor_.plain_string(written))
                    return false;
                const int type = param_types_.find(cursor_.headed(written));
                if (type == NameIndex<kParamTypeCount>::kUnknown)
                    return false;
                types_.push_back(static_cast<ParamType>(type));
            } while (cursor_.consume(','));
            if (!cursor_.consume(']'))
                return false;
        }
        store_params(fn);
        return true;
    }

    bool read_returns(Function& fn) {
        std::string_view written;
        if (!cursor_.plain_string(written))
            return false;
        const int type = return_types_.find(cursor_.headed(written));
        if (type == NameIndex<kReturnTypeCount>::kUnknown)
            return false; // spec v1's legacy f64, with a warning, or an error
        set_returns(fn, type);
        return true;
    }

    [[gnu::always_inline]] void store_params(Function& fn) {
        static_assert(sizeof(ParamType) == 1, "parameter lists are stored as bytes");
        const char* const types = reinterpret_cast<const char*>(types_.data());
        const char* const stored = arena_.copy(std::string_view(types, types_.size())).data();
        fn.params = ParamTypes(reinterpret_cast<const ParamType*>(stored), types_.size());
    }

    [[gnu::always_inline]] void set_returns(Function& fn, int type) {
        fn.returns = static_cast<ReturnType>(type);
        fn.returns_as_written = return_types_.name(static_cast<std::size_t>(type)); // the table's
    }

    // A copy of the caller's cursor, handed back at the end: a local whose address nothing
    // takes stays in registers, where a member would be reloaded after every byte the loop
    // stores.
    JsonCursor cursor_;
    FunctionLayout layout_;
    std::size_t by_layout_ = 0;
    WhitespaceGuess before_member_, after_function_;
    ByteArena& arena_;
    std::vector<Function>& functions_;
    std::vector<std::uint64_t>& hashes_;
    std::vector<ParamType>& types_;
    const NameIndex<kParamTypeCount>& param_types_ = param_type_index();
    const NameIndex<kReturnTypeCount>& return_types_ = return_type_index();
};

} // namespace

FunctionListRead* read_function_list(JsonCursor& cursor, ByteArena& arena) {
    FunctionListReader reader(cursor, arena);
    if (!reader.read())
        return nullptr;
    cursor = reader.cursor();
    scratch.read.read_by_layout = reader.by_layout();
    return &scratch.read;
}

std::vector<Function> take_functions(FunctionListRead& read) {
    std::vector<Function>& list = read.functions;
    const std::size_t capacity = list.capacity();
    if (capacity > 2 * list.size() + 16)
        return std::vector<Function>(list.begin(), list.end());
    std::vector<Function> taken = std::move(list);
    list = std::vector<Function>();
    list.reserve(capacity);
    return taken;
}

} // namespace perry::resolver::detail
