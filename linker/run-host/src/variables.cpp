#include "variables.h"

namespace perry::run {

void Variables::set(const std::string& name, PerryValue value) {
    perry_gc_pin(value);
    Entry& entry = entries_[name];
    if (entry.has_value) {
        perry_gc_unpin(entry.value); // a new entry holds undefined, which unpin ignores
    }
    entry = Entry{value, true, ""};
}

void Variables::set_no_value(const std::string& name, const std::string& why) {
    Entry& entry = entries_[name];
    if (entry.has_value) {
        perry_gc_unpin(entry.value);
    }
    entry = Entry{PERRY_UNDEFINED, false, why};
}

bool Variables::read(std::string_view name, PerryValue* out, std::string* error) const {
    const auto found = entries_.find(name);
    if (found == entries_.end()) {
        *error = undefined_variable(name);
        return false;
    }
    if (!found->second.has_value) {
        *error = "$" + std::string(name) + " has no value: " + found->second.why;
        return false;
    }
    *out = found->second.value;
    return true;
}

void Variables::release() {
    for (const auto& [name, entry] : entries_) {
        if (entry.has_value) {
            perry_gc_unpin(entry.value);
        }
    }
    entries_.clear();
}

std::string undefined_variable(std::string_view name) {
    return "$" + std::string(name) + " is not defined: no earlier line assigns it (" +
           std::string(name) + " = js_fn(...))";
}

} // namespace perry::run
