// JSON.stringify over runtime values. The walk keeps its own stack of open arrays and objects
// (never the C stack), so nesting depth is bounded by memory only; it never allocates on the
// GC heap until the text is complete, so no collection can run while it reads the values.
#include "heap.h"
#include "json_keys.h"
#include "json_output.h"
#include "runtime.h"
#include "strings_internal.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace perry::json {
namespace {

thread_local std::string t_error_message;
thread_local size_t t_last_size = 0;
// The value API copies the text into a string, so its buffer is reused from call to call: a
// fresh multi-megabyte block costs a page fault per 4 KiB written. Kept up to kScratchKeep.
thread_local Output t_scratch;
constexpr size_t kScratchKeep = size_t{16} << 20;

// JSON.stringify's `gap`: the indent argument turned into the string repeated per level.
std::string gap_of(PerryValue indent) {
    if (perry_value_is_number(indent)) {
        double spaces = std::trunc(perry_value_to_number(indent)); // NaN: no gap
        return spaces >= 1 ? std::string(static_cast<size_t>(std::min(spaces, 10.0)), ' ') : "";
    }
    std::string_view text;
    if (!strings::view(indent, &text)) {
        return "";
    }
    if (perry_string_is_binary(indent)) {
        std::string gap; // each byte is a Latin-1 code unit: keep 10, as UTF-8
        for (unsigned char c : text.substr(0, 10)) {
            if (c < 0x80) {
                gap += static_cast<char>(c);
            } else {
                gap += static_cast<char>(0xC0 | (c >> 6));
                gap += static_cast<char>(0x80 | (c & 0x3F));
            }
        }
        return gap;
    }
    // The first 10 UTF-16 code units: a 4-byte sequence counts 2 (cut between them, JavaScript
    // keeps a lone high surrogate, which we write in its 3-byte WTF-8 form).
    size_t units = 0;
    size_t at = 0;
    std::string gap;
    while (at < text.size() && units < 10) {
        auto lead = static_cast<unsigned char>(text[at]);
        size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        length = std::min(length, text.size() - at);
        if (length == 4 && units == 9) {
            uint32_t cp = ((lead & 0x07u) << 18) | ((text[at + 1] & 0x3Fu) << 12) |
                          ((text[at + 2] & 0x3Fu) << 6) | (text[at + 3] & 0x3Fu);
            uint32_t high = 0xD800 + ((cp - 0x10000) >> 10);
            gap += static_cast<char>(0xE0 | (high >> 12));
            gap += static_cast<char>(0x80 | ((high >> 6) & 0x3F));
            gap += static_cast<char>(0x80 | (high & 0x3F));
            break;
        }
        gap.append(text.substr(at, length));
        units += length == 4 ? 2 : 1;
        at += length;
    }
    return gap;
}

// perry_value_kind without the call: the walk asks it of every value it visits.
inline PerryKind kind_of(PerryValue value) {
    if (perry_value_is_object(value)) {
        const void* payload = perry_value_to_pointer(value);
        return payload != nullptr ? heap::ops_of(payload)->kind : PERRY_KIND_UNDEFINED;
    }
    return perry_value_kind(value);
}

enum class FrameKind : uint8_t { Array, Object };

struct Frame {
    PerryValue container;
    const PerryValue* elements; // arrays
    const ShapeKeys* keys;      // objects
    uint32_t next;              // position of the next element or key to write
    uint32_t count;
    FrameKind kind;
    bool wrote_any;
};

class Stringifier {
  public:
    Stringifier(Output& output, std::string gap)
        : out(output), gap_(std::move(gap)), keys_(!gap_.empty()) {
        strings::TextInfo text;
        gap_has_lone_surrogates =
            strings::validate_wtf8(gap_.data(), gap_.size(), &text) && text.lone_surrogates;
    }

    // Writes the text of `value`; false with `status_` set on failure. `has_result_` is false
    // when JSON.stringify would return undefined.
    bool run(PerryValue value);

    Output& out;
    PerryStatus status = PERRY_OK;
    bool has_result = true;
    // The only raw (unescaped) lone surrogates a text can hold come from the gap: a string's or
    // key's are escaped.
    bool gap_has_lone_surrogates = false;

  private:
    enum class Written { Done, Skipped, Opened, Failed };

    Written write_value(PerryValue value);
    bool open(PerryValue value, FrameKind kind);
    void write_code_object(PerryValue code);
    void write_buffer(PerryValue buffer);
    void newline(size_t depth);
    void separator(Frame& frame);
    std::string path(size_t depth) const;
    bool fail(PerryStatus failure, std::string message);

    std::string gap_;
    std::string indent_; // "\n" + gap_ * depth, grown on demand
    KeyCache keys_;
    std::vector<Frame> stack_;
    // The containers on the current path. Scanned linearly while the path is short (almost
    // always); a hash set takes over for deep paths so that depth n costs O(n), not O(n^2).
    std::unordered_set<PerryValue> deep_path_;
    static constexpr size_t kLinearPathLimit = 32;
};

void Stringifier::newline(size_t depth) {
    if (gap_.empty()) {
        return;
    }
    size_t wanted = 1 + gap_.size() * depth;
    while (indent_.size() < wanted) {
        indent_ += indent_.empty() ? std::string("\n") : gap_;
    }
    out.append(indent_.data(), wanted);
}

void Stringifier::separator(Frame& frame) {
    if (frame.wrote_any) {
        out.put(',');
    }
    frame.wrote_any = true;
    newline(stack_.size());
}

// A JS path to the value the stack's top `depth` frames lead to: $, $.key, $[3], $["a b"].
std::string Stringifier::path(size_t depth) const {
    std::string text = "$";
    for (size_t i = 0; i < depth && i < stack_.size(); ++i) {
        const Frame& frame = stack_[i];
        uint32_t position = frame.next - 1; // the child being written is the last one taken
        if (frame.kind == FrameKind::Array) {
            char digits[20];
            text += "[" + std::string(digits, put_integer(digits, position)) + "]";
            continue;
        }
        std::string_view key;
        strings::view(frame.keys->names[position], &key);
        bool identifier = !key.empty() && !(key[0] >= '0' && key[0] <= '9');
        for (char c : key) {
            identifier =
                identifier && (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$');
        }
        if (identifier) {
            text += "." + std::string(key);
        } else {
            Output quoted;
            append_quoted(quoted, key.data(), key.size(), false);
            text += "[" + std::string(quoted.data(), quoted.size()) + "]";
        }
    }
    return text;
}

bool Stringifier::fail(PerryStatus failure, std::string message) {
    status = failure;
    t_error_message = std::move(message);
    return false;
}

bool Stringifier::open(PerryValue value, FrameKind kind) {
    // Once the set is in use it holds exactly the open containers (pushes insert, pops erase).
    bool cyclic = false;
    if (stack_.size() < kLinearPathLimit && deep_path_.empty()) {
        for (const Frame& frame : stack_) {
            cyclic = cyclic || frame.container == value;
        }
    } else {
        if (deep_path_.empty()) {
            for (const Frame& frame : stack_) {
                deep_path_.insert(frame.container);
            }
        }
        cyclic = !deep_path_.insert(value).second;
    }
    if (cyclic) {
        size_t ancestor = 0;
        while (stack_[ancestor].container != value) {
            ancestor++;
        }
        return fail(PERRY_STATUS_JSON_CYCLE,
                    "Converting circular structure to JSON: " + path(stack_.size()) +
                        " closes the circle back to " + path(ancestor));
    }
    Frame frame{value, nullptr, nullptr, 0, 0, kind, false};
    if (kind == FrameKind::Array) {
        size_t length = 0;
        frame.elements = perry_array_elements(value, &length);
        frame.count = static_cast<uint32_t>(length);
        out.put('[');
    } else {
        frame.keys = &keys_.of(value);
        frame.count = static_cast<uint32_t>(frame.keys->field.size());
        out.put('{');
    }
    stack_.push_back(frame);
    return true;
}

// {"code":"E_X"} for an error with a code: the only own enumerable property a runtime error has
// (name and message are not enumerable, as in JavaScript).
void Stringifier::write_code_object(PerryValue code) {
    if (!perry_value_is_string(code)) {
        out.literal("{}");
        return;
    }
    out.put('{');
    newline(stack_.size() + 1);
    out.literal("\"code\":");
    if (!gap_.empty()) {
        out.put(' ');
    }
    std::string_view bytes;
    strings::view(code, &bytes);
    append_quoted(out, bytes.data(), bytes.size(), perry_string_is_binary(code));
    newline(stack_.size());
    out.put('}');
}

// Node's Buffer.prototype.toJSON: {"type":"Buffer","data":[bytes...]}.
void Stringifier::write_buffer(PerryValue buffer) {
    uint8_t* data = nullptr;
    size_t length = 0;
    perry_buffer_bytes(buffer, &data, &length);
    const char* colon = gap_.empty() ? ":" : ": ";
    size_t depth = stack_.size();
    out.put('{');
    newline(depth + 1);
    out.literal("\"type\"");
    out.append(colon, gap_.empty() ? 1 : 2);
    out.literal("\"Buffer\",");
    newline(depth + 1);
    out.literal("\"data\"");
    out.append(colon, gap_.empty() ? 1 : 2);
    out.put('[');
    for (size_t i = 0; i < length; ++i) {
        if (i > 0) {
            out.put(',');
        }
        newline(depth + 2);
        append_int32(out, data[i]);
    }
    if (length > 0) {
        newline(depth + 1);
    }
    out.put(']');
    newline(depth);
    out.put('}');
}

Stringifier::Written Stringifier::write_value(PerryValue value) {
    if (perry_value_is_int32(value)) {
        append_int32(out, perry_value_to_int32(value));
        return Written::Done;
    }
    if (perry_value_is_double(value)) {
        append_number(out, perry_value_to_number(value));
        return Written::Done;
    }
    std::string_view bytes;
    if (strings::view(value, &bytes)) {
        append_quoted(out, bytes.data(), bytes.size(), perry_string_is_binary(value));
        return Written::Done;
    }
    switch (kind_of(value)) {
    case PERRY_KIND_NULL:
        out.literal("null");
        return Written::Done;
    case PERRY_KIND_BOOLEAN:
        if (value == PERRY_TRUE) {
            out.literal("true");
        } else {
            out.literal("false");
        }
        return Written::Done;
    case PERRY_KIND_BIGINT:
        fail(PERRY_STATUS_JSON_BIGINT,
             "Do not know how to serialize a BigInt (at " + path(stack_.size()) + ")");
        return Written::Failed;
    case PERRY_KIND_ARRAY:
        return open(value, FrameKind::Array) ? Written::Opened : Written::Failed;
    case PERRY_KIND_OBJECT:
        return open(value, FrameKind::Object) ? Written::Opened : Written::Failed;
    case PERRY_KIND_BUFFER:
        write_buffer(value);
        return Written::Done;
    case PERRY_KIND_ERROR:
        write_code_object(perry_error_code(value));
        return Written::Done;
    case PERRY_KIND_PROMISE:
    case PERRY_KIND_INTERNAL:
        out.literal("{}"); // no own enumerable properties
        return Written::Done;
    default: // undefined and functions (and bit patterns that are no value)
        return Written::Skipped;
    }
}

bool Stringifier::run(PerryValue value) {
    Written top = write_value(value);
    if (top == Written::Failed) {
        return false;
    }
    has_result = top != Written::Skipped;
    while (!stack_.empty()) {
        Frame& frame = stack_.back();
        if (frame.next == frame.count) {
            if (frame.wrote_any) {
                newline(stack_.size() - 1);
            }
            out.put(frame.kind == FrameKind::Array ? ']' : '}');
            if (!deep_path_.empty()) {
                deep_path_.erase(frame.container);
            }
            stack_.pop_back();
            continue;
        }
        uint32_t position = frame.next++;
        Written written;
        if (frame.kind == FrameKind::Array) {
            separator(frame);
            written = write_value(frame.elements[position]);
            if (written == Written::Skipped) {
                out.literal("null");
            }
        } else {
            PerryValue field = perry_object_get_index(frame.container, frame.keys->field[position]);
            if (field == PERRY_UNDEFINED) {
                continue; // left out, comma and all
            }
            PerryKind kind = kind_of(field);
            if (kind == PERRY_KIND_UNDEFINED || kind == PERRY_KIND_FUNCTION) {
                continue;
            }
            separator(frame);
            std::string_view key = frame.keys->rendered(position);
            out.append(key.data(), key.size());
            written = write_value(field);
        }
        if (written == Written::Failed) {
            return false;
        }
    }
    return true;
}

// Runs one stringify; on success `out` holds the finished text (has_result false for "no
// result").
PerryStatus stringify(PerryValue value, PerryValue indent, Output& text,
                      std::unique_ptr<Stringifier>& out) {
    t_error_message.clear();
    if (PerryStatus status = runtime::require_main_thread("perry_json_stringify");
        status != PERRY_OK) {
        t_error_message = perry_status_message(status);
        return status;
    }
    out = std::make_unique<Stringifier>(text, gap_of(indent));
    // Texts of one program tend to be alike in size: start from the last one's to spare the
    // buffer its doublings (each a copy of everything written so far).
    out->out.reserve(t_last_size);
    if (!out->run(value)) {
        return runtime::fail(out->status);
    }
    t_last_size = std::min<size_t>(out->out.size() + 64, size_t{64} << 20);
    return PERRY_OK;
}

// UTF-16 code units of our output (UTF-8, or WTF-8 where a gap split a pair): one per byte
// that is not a continuation byte (10xxxxxx), one more per 4-byte lead (11110xxx). Eight bytes
// at a time: this runs over every byte of every result.
uint32_t utf16_length(const char* bytes, size_t length) {
    constexpr uint64_t kHigh = 0x8080808080808080ull;
    constexpr uint64_t kOnes = 0x0101010101010101ull;
    uint64_t units = 0;
    size_t i = 0;
    for (; i + 8 <= length; i += 8) {
        uint64_t x;
        std::memcpy(&x, bytes + i, 8);
        // One flag bit per byte, moved to bit 0 and summed by the multiply (no popcnt needed:
        // the baseline x86-64 target has none, and libgcc's fallback is slow).
        uint64_t continuation = ((x & ~(x << 1) & kHigh) >> 7) * kOnes >> 56;
        uint64_t four_byte_lead =
            ((x & (x << 1) & (x << 2) & (x << 3) & ~(x << 4) & kHigh) >> 7) * kOnes >> 56;
        units += 8 - continuation + four_byte_lead;
    }
    for (; i < length; ++i) {
        auto c = static_cast<unsigned char>(bytes[i]);
        units += (c & 0xC0) != 0x80 ? 1u : 0u;
        units += (c & 0xF8) == 0xF0 ? 1u : 0u;
    }
    return static_cast<uint32_t>(units);
}

} // namespace
} // namespace perry::json

using namespace perry;

extern "C" {

PerryStatus perry_json_stringify(PerryValue value, PerryValue indent, PerryValue* out) {
    if (out == nullptr) {
        return runtime::fail(PERRY_STATUS_INVALID_ARGUMENT);
    }
    try {
        struct ScratchGuard { // leaves the scratch empty, and small, whatever happens
            ~ScratchGuard() {
                json::t_scratch.clear();
                if (json::t_scratch.capacity() > json::kScratchKeep) {
                    json::t_scratch.reset();
                }
            }
        } guard;
        std::unique_ptr<json::Stringifier> stringifier;
        if (PerryStatus status = json::stringify(value, indent, json::t_scratch, stringifier);
            status != PERRY_OK) {
            return status;
        }
        if (!stringifier->has_result) {
            *out = PERRY_UNDEFINED;
            return PERRY_OK;
        }
        const json::Output& text = stringifier->out;
        if (text.size() > UINT32_MAX) {
            json::t_error_message = "the JSON text is longer than a string may be (4 GiB - 1)";
            return runtime::fail(PERRY_STATUS_TOO_LARGE);
        }
        // The text is well-formed by construction: skip validation, count the code units. A gap
        // with lone surrogates makes a WTF-8 text, whose repeated gaps may join into pairs.
        PerryValue result =
            stringifier->gap_has_lone_surrogates
                ? strings::make_from_joined_wtf8(std::string_view(text.data(), text.size()))
                : strings::make_valid_utf8(text.data(), text.size(),
                                           json::utf16_length(text.data(), text.size()));
        if (result == PERRY_UNDEFINED) {
            json::t_error_message = perry_status_message(perry_last_status());
            return perry_last_status();
        }
        *out = result;
        return PERRY_OK;
    } catch (...) { // only std::bad_alloc can come this far (no typeinfo reference)
        json::t_error_message = perry_status_message(PERRY_STATUS_OUT_OF_MEMORY);
        return runtime::fail(PERRY_STATUS_OUT_OF_MEMORY);
    }
}

PerryStatus perry_json_stringify_bytes(PerryValue value, PerryValue indent, char** out_bytes,
                                       size_t* out_length) {
    if (out_bytes == nullptr || out_length == nullptr) {
        return runtime::fail(PERRY_STATUS_INVALID_ARGUMENT);
    }
    try {
        json::Output text;
        std::unique_ptr<json::Stringifier> stringifier;
        if (PerryStatus status = json::stringify(value, indent, text, stringifier);
            status != PERRY_OK) {
            return status;
        }
        if (!stringifier->has_result) {
            *out_bytes = nullptr;
            *out_length = 0;
            return PERRY_OK;
        }
        *out_length = text.size();
        *out_bytes = text.release();
        return PERRY_OK;
    } catch (...) { // only std::bad_alloc can come this far (no typeinfo reference)
        json::t_error_message = perry_status_message(PERRY_STATUS_OUT_OF_MEMORY);
        return runtime::fail(PERRY_STATUS_OUT_OF_MEMORY);
    }
}

void perry_json_free(char* bytes) {
    std::free(bytes);
}

const char* perry_json_error_message(void) {
    return json::t_error_message.c_str();
}

} // extern "C"
