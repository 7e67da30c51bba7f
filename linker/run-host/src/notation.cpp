// Reading the value notation (notation.h). JSON is read by the runtime's own JSON.parse
// (perry_json_parse), so duplicate keys, `__proto__`, escapes and its error messages are
// JavaScript's. The forms JSON lacks are first replaced, wherever a value may stand, by
// placeholder strings that no text can spell (they carry a random marker made once per process);
// after the parse each placeholder in the tree is replaced by the value its form makes.
#include "notation.h"

#include "call_line.h"

#include <cctype>
#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

namespace perry::run {
namespace {

enum class FormKind { Undefined, Number, BigInt, Buffer, Variable };

// One form JSON lacks, where it stands in the text and where its placeholder stands in the JSON.
struct Form {
    FormKind kind;
    std::string_view text;
    size_t offset = 0;
    size_t json_offset = 0;
    size_t json_length = 0;
};

// The decoded bytes every placeholder starts with: a NUL, a name and 64 random bits, so no text
// in a calls file can spell one by chance (checked anyway: each index is used once).
const std::string& marker() {
    static const std::string text = [] {
        std::random_device random;
        char digits[17];
        std::snprintf(digits, sizeof digits, "%08x%08x", random(), random());
        return std::string(1, '\0') + "perry-run-" + digits + ":";
    }();
    return text;
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
        text.remove_prefix(1);
    }
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
        text.remove_suffix(1);
    }
    return text;
}

bool is_delimiter(char c) {
    return std::isspace(static_cast<unsigned char>(c)) || c == ',' || c == '[' || c == ']' ||
           c == '{' || c == '}' || c == ':' || c == '"';
}

bool is_bigint_literal(std::string_view text) {
    if (text.size() < 2 || text.back() != 'n') {
        return false;
    }
    std::string_view digits = text.substr(0, text.size() - 1);
    if (digits.front() == '-') {
        digits.remove_prefix(1);
    }
    if (digits.empty()) {
        return false;
    }
    for (char c : digits) {
        if (c < '0' || c > '9') {
            return false;
        }
    }
    return true;
}

// The form a token in a value's place is, if it is one.
bool classify(std::string_view token, FormKind* kind) {
    if (token == "undefined") {
        *kind = FormKind::Undefined;
    } else if (token == "NaN" || token == "Infinity" || token == "-Infinity") {
        *kind = FormKind::Number;
    } else if (is_bigint_literal(token)) {
        *kind = FormKind::BigInt;
    } else if (token.rfind("b64\"", 0) == 0) {
        *kind = FormKind::Buffer;
    } else if (!token.empty() && token.front() == '$') {
        *kind = FormKind::Variable;
    } else {
        return false;
    }
    return true;
}

// Copies `text` to `*json`, each form in a value's place replaced by a placeholder string.
// Only the structure is followed (strings, brackets, commas, colons) to know where a value
// stands; everything else is left for JSON.parse to judge.
bool rewrite(std::string_view text, std::string* json, std::vector<Form>* forms,
             std::string* error) {
    std::vector<char> open;  // the brackets enclosing the current place
    bool value_place = true; // a value may stand here (not an object's key)
    for (size_t at = 0; at < text.size();) {
        const char c = text[at];
        if (c == '"') {
            size_t end = at + 1;
            while (end < text.size() && text[end] != '"') {
                end += text[end] == '\\' ? 2 : 1;
            }
            end = std::min(end + 1, text.size());
            json->append(text.substr(at, end - at));
            at = end;
            value_place = false;
            continue;
        }
        if (std::isspace(static_cast<unsigned char>(c))) {
            json->push_back(c);
            ++at;
            continue;
        }
        if (c == '[' || c == '{' || c == ']' || c == '}' || c == ',' || c == ':') {
            if (c == '[' || c == '{') {
                open.push_back(c);
            } else if ((c == ']' || c == '}') && !open.empty()) {
                open.pop_back();
            }
            value_place = c == '[' || c == ':' || (c == ',' && !open.empty() && open.back() == '[');
            json->push_back(c);
            ++at;
            continue;
        }
        size_t end = at;
        if (text.substr(at, 4) == "b64\"") {
            end = text.find('"', at + 4);
            if (end == std::string_view::npos) {
                *error = "the b64\" at column " + std::to_string(at + 1) + " is never closed";
                return false;
            }
            ++end;
        }
        while (end < text.size() && !is_delimiter(text[end])) {
            ++end;
        }
        const std::string_view token = text.substr(at, end - at);
        FormKind kind;
        if (value_place && classify(token, &kind)) {
            Form form{kind, token, at, json->size(), 0};
            *json += "\"\\u0000" + marker().substr(1) + std::to_string(forms->size()) + "\"";
            form.json_length = json->size() - form.json_offset;
            forms->push_back(form);
        } else {
            json->append(token);
        }
        value_place = false;
        at = end;
    }
    return true;
}

// Makes the value of one form.
bool make(const Form& form, const VariableLookup& variables, PerryValue* out, std::string* error) {
    switch (form.kind) {
    case FormKind::Undefined:
        *out = PERRY_UNDEFINED;
        return true;
    case FormKind::Number: {
        const double infinity = std::numeric_limits<double>::infinity();
        *out = perry_value_from_number(form.text == "NaN"        ? std::nan("")
                                       : form.text == "Infinity" ? infinity
                                                                 : -infinity);
        return true;
    }
    case FormKind::BigInt: {
        const std::string_view digits = form.text.substr(0, form.text.size() - 1);
        if (perry_bigint_from_string(digits.data(), digits.size(), out) != PERRY_OK) {
            *error = "cannot make the BigInt " + std::string(form.text);
            return false;
        }
        return true;
    }
    case FormKind::Buffer: {
        std::string bytes;
        if (form.text.size() < 5 || form.text.back() != '"' ||
            !base64_decode(form.text.substr(4, form.text.size() - 5), &bytes)) {
            *error = std::string(form.text.substr(0, 24)) + (form.text.size() > 24 ? "..." : "") +
                     " holds no valid base64 (A-Z a-z 0-9 + /, optional = padding)";
            return false;
        }
        *out = perry_buffer_from_bytes(bytes.data(), bytes.size());
        if (*out == PERRY_UNDEFINED) {
            *error =
                std::string("cannot make the Buffer: ") + perry_status_message(perry_last_status());
            return false;
        }
        return true;
    }
    case FormKind::Variable: {
        const std::string_view name = form.text.substr(1);
        if (!is_variable_name(name)) {
            *error = std::string(form.text) +
                     " is not a variable: a variable is $name, name an identifier (letters, "
                     "digits and _, not starting with a digit)";
            return false;
        }
        if (!variables) {
            *error = std::string(form.text) + ": variables are not available here";
            return false;
        }
        return variables(name, out, error);
    }
    }
    return false;
}

// The index of the placeholder `value` is, or -1 when it is none.
long placeholder_index(PerryValue value) {
    const char* bytes = nullptr;
    size_t length = 0;
    if (!perry_value_is_heap_string(value) ||
        perry_string_bytes(&value, &bytes, &length) != PERRY_OK) {
        return -1;
    }
    const std::string& prefix = marker();
    const std::string_view text(bytes, length);
    if (text.substr(0, prefix.size()) != prefix) {
        return -1;
    }
    long index = 0;
    for (char c : text.substr(prefix.size())) {
        index = index * 10 + (c - '0');
    }
    return index;
}

// Replaces every placeholder in the tree of `root` (pinned by the caller) by its form's value.
// An explicit stack: JSON.parse reads any depth, and so does this.
bool substitute(PerryValue root, const std::vector<Form>& forms, const VariableLookup& variables,
                std::string* error) {
    std::vector<bool> used(forms.size(), false);
    std::vector<PerryValue> pending{root};
    // 1 when `element` is a placeholder (its form's value in `*replacement`), 0 when it is not
    // (a container is queued to be visited), -1 on an error.
    auto visit = [&](PerryValue element, PerryValue* replacement) {
        const long index = placeholder_index(element);
        if (index < 0) {
            const PerryKind kind = perry_value_kind(element);
            if (kind == PERRY_KIND_ARRAY || kind == PERRY_KIND_OBJECT) {
                pending.push_back(element);
            }
            return 0;
        }
        if (static_cast<size_t>(index) >= forms.size() || used[index]) {
            *error = "a string in the value spells perry run's internal placeholder";
            return -1;
        }
        used[index] = true;
        return make(forms[index], variables, replacement, error) ? 1 : -1;
    };
    while (!pending.empty()) {
        const PerryValue container = pending.back();
        pending.pop_back();
        const bool array = perry_value_kind(container) == PERRY_KIND_ARRAY;
        const size_t count =
            array ? perry_array_length(container) : perry_object_key_count(container);
        for (size_t i = 0; i < count; ++i) {
            const PerryValue element =
                array ? perry_array_get(container, i) : perry_object_get_index(container, i);
            PerryValue replacement = PERRY_UNDEFINED;
            const int visited = visit(element, &replacement);
            if (visited < 0) {
                return false;
            }
            // Neither store allocates (the slot exists), so nothing collects in between.
            if (visited > 0 && array) {
                perry_array_set(container, i, replacement);
            } else if (visited > 0) {
                perry_object_set_index(container, i, replacement);
            }
        }
    }
    return true;
}

// UTF-16 code units in `text` (the unit JSON.parse's positions count).
size_t utf16_length(std::string_view text) {
    size_t units = 0;
    for (unsigned char c : text) {
        units += (c & 0xC0) != 0x80 ? ((c & 0xF8) == 0xF0 ? 2 : 1) : 0;
    }
    return units;
}

// JSON.parse's message about the rewritten text, its position moved back to `text`'s.
std::string parse_error(std::string_view text, const std::string& json,
                        const std::vector<Form>& forms) {
    std::string message = perry_json_parse_error_message();
    const size_t position = perry_json_parse_error_position();
    const std::string written = " position " + std::to_string(position);
    if (message.size() < written.size() ||
        message.compare(message.size() - written.size(), written.size(), written) != 0) {
        return message;
    }
    size_t byte = 0; // the position's byte in the rewritten text
    for (size_t units = 0; byte < json.size(); ++byte) {
        const unsigned char c = static_cast<unsigned char>(json[byte]);
        if ((c & 0xC0) == 0x80) {
            continue;
        }
        if (units >= position) {
            break;
        }
        units += (c & 0xF8) == 0xF0 ? 2 : 1;
    }
    size_t original = byte; // the same place in `text`: before the first form, the same bytes
    for (const Form& form : forms) {
        if (byte < form.json_offset) {
            break;
        }
        original =
            byte < form.json_offset + form.json_length
                ? form.offset
                : form.offset + form.text.size() + (byte - form.json_offset - form.json_length);
    }
    message.resize(message.size() - written.size());
    return message + " position " + std::to_string(utf16_length(text.substr(0, original)));
}

} // namespace

bool read_value(std::string_view text, const VariableLookup& variables, PerryValue* out,
                std::string* error) {
    text = trim(text);
    std::string json;
    std::vector<Form> forms;
    if (!rewrite(text, &json, &forms, error)) {
        return false;
    }
    if (forms.size() == 1 && forms[0].text.size() == text.size()) {
        return make(forms[0], variables, out, error);
    }
    if (perry_json_parse(json.data(), json.size(), out) != PERRY_OK) {
        *error = forms.empty() ? perry_json_parse_error_message() : parse_error(text, json, forms);
        return false;
    }
    if (forms.empty()) {
        return true;
    }
    perry_gc_pin(*out);
    const bool made = substitute(*out, forms, variables, error);
    perry_gc_unpin(*out);
    return made;
}

} // namespace perry::run
