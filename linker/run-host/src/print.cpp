// Printing values in the notation (notation.h) over the runtime's public C ABI. Arrays and
// objects are walked with an explicit stack, so depth costs heap memory, not C stack; a
// container met again while it is still open (inside itself) prints as <cycle>.
#include "notation.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

namespace perry::run {
namespace {

// JSON.stringify's text of a value it can write (a string, a finite number, an error or a
// promise as their properties); `<unprintable: why>` when it refuses.
void append_json(std::string& out, PerryValue value) {
    char* bytes = nullptr;
    size_t length = 0;
    if (perry_json_stringify_bytes(value, PERRY_UNDEFINED, &bytes, &length) != PERRY_OK) {
        out += std::string("<unprintable: ") + perry_json_error_message() + ">";
        return;
    }
    out.append(bytes != nullptr ? std::string_view(bytes, length) : "undefined");
    perry_json_free(bytes);
}

void append_number(std::string& out, PerryValue value) {
    if (perry_value_is_int32(value)) {
        out += std::to_string(perry_value_to_int32(value));
        return;
    }
    const double number = perry_value_to_number(value);
    if (std::isnan(number)) {
        out += "NaN";
    } else if (std::isinf(number)) {
        out += number > 0 ? "Infinity" : "-Infinity";
    } else if (number == 0 && std::signbit(number)) {
        out += "-0";
    } else {
        append_json(out, value);
    }
}

void append_bigint(std::string& out, PerryValue value) {
    size_t length = 0;
    perry_bigint_to_string(value, 10, nullptr, 0, &length);
    std::string digits(length + 1, '\0');
    perry_bigint_to_string(value, 10, digits.data(), digits.size(), &length);
    digits.resize(length);
    out += digits;
    out += 'n';
}

// JavaScript enumerates "array index" keys (canonical decimal integers below 2^32 - 1) first,
// in ascending order, then the other keys in insertion order; JSON.stringify writes them so.
bool array_index(std::string_view key, uint32_t* out) {
    if (key.empty() || key.size() > 10 || (key.size() > 1 && key[0] == '0')) {
        return false;
    }
    uint64_t value = 0;
    for (char c : key) {
        if (c < '0' || c > '9') {
            return false;
        }
        value = value * 10 + static_cast<uint64_t>(c - '0');
    }
    *out = static_cast<uint32_t>(value);
    return value < UINT32_MAX;
}

// The object's field indexes in enumeration order.
std::vector<size_t> enumeration_order(PerryValue object) {
    const size_t count = perry_object_key_count(object);
    std::vector<std::pair<uint32_t, size_t>> indexed;
    std::vector<size_t> order;
    for (size_t i = 0; i < count; ++i) {
        PerryValue key = perry_object_key_at(object, i);
        const char* bytes = nullptr;
        size_t length = 0;
        uint32_t index = 0;
        if (perry_string_bytes(&key, &bytes, &length) == PERRY_OK &&
            array_index(std::string_view(bytes, length), &index)) {
            indexed.emplace_back(index, i);
        } else {
            order.push_back(i);
        }
    }
    std::sort(indexed.begin(), indexed.end());
    std::vector<size_t> fields;
    fields.reserve(count);
    for (const auto& entry : indexed) {
        fields.push_back(entry.second);
    }
    fields.insert(fields.end(), order.begin(), order.end());
    return fields;
}

// An array or object being printed: the next of its elements to print.
struct Open {
    PerryValue container = PERRY_UNDEFINED;
    bool array = false;
    size_t next = 0;
    size_t count = 0;
    std::vector<size_t> fields; // an object's field indexes in enumeration order
};

class Printer {
  public:
    std::string print(PerryValue value) {
        append(value);
        while (!open_.empty()) {
            Open& top = open_.back();
            if (top.next == top.count) {
                out_ += top.array ? ']' : '}';
                on_path_.erase(top.container);
                open_.pop_back();
                continue;
            }
            if (top.next != 0) {
                out_ += ',';
            }
            const size_t i = top.next++;
            if (top.array) {
                append(perry_array_get(top.container, i));
                continue;
            }
            const size_t field = top.fields[i];
            append_json(out_, perry_object_key_at(top.container, field));
            out_ += ':';
            // `top` may move when append opens a container: read the field first.
            const PerryValue element = perry_object_get_index(top.container, field);
            append(element);
        }
        return std::move(out_);
    }

  private:
    // Prints a scalar whole, or the opening of an array or object (its elements follow from
    // the loop in print).
    void append(PerryValue value) {
        switch (perry_value_kind(value)) {
        case PERRY_KIND_UNDEFINED:
            out_ += "undefined";
            return;
        case PERRY_KIND_NUMBER:
            append_number(out_, value);
            return;
        case PERRY_KIND_BIGINT:
            append_bigint(out_, value);
            return;
        case PERRY_KIND_BUFFER:
            out_ += "b64\"";
            out_ += base64_encode(perry_buffer_data(value), perry_buffer_length(value));
            out_ += '"';
            return;
        case PERRY_KIND_FUNCTION:
            out_ += "function";
            return;
        case PERRY_KIND_ARRAY:
        case PERRY_KIND_OBJECT:
            open(value);
            return;
        default: // null, booleans, strings, errors, promises: as JSON writes them
            append_json(out_, value);
            return;
        }
    }

    void open(PerryValue container) {
        if (!on_path_.insert(container).second) {
            out_ += "<cycle>";
            return;
        }
        Open entry;
        entry.container = container;
        entry.array = perry_value_kind(container) == PERRY_KIND_ARRAY;
        if (entry.array) {
            entry.count = perry_array_length(container);
        } else {
            entry.fields = enumeration_order(container);
            entry.count = entry.fields.size();
        }
        out_ += entry.array ? '[' : '{';
        open_.push_back(std::move(entry));
    }

    std::string out_;
    std::vector<Open> open_;
    std::unordered_set<PerryValue> on_path_; // the containers in open_
};

} // namespace

std::string print_value(PerryValue value) {
    return Printer().print(value);
}

} // namespace perry::run
