#include "variables.h"

namespace perry::run {

void Variables::set(const std::string& name, PerryValue value) {
    perry_gc_pin(value);
    Entry& entry = entries_[name];
    if (!entry.threw) {
        perry_gc_unpin(entry.value); // pins nest; a new entry holds undefined, which is ignored
    }
    entry = Entry{value, false, ""};
}

void Variables::set_thrown(const std::string& name, const std::string& where) {
    Entry& entry = entries_[name];
    if (!entry.threw) {
        perry_gc_unpin(entry.value);
    }
    entry = Entry{PERRY_UNDEFINED, true, where};
}

bool Variables::read(std::string_view name, PerryValue* out, std::string* error) const {
    const auto found = entries_.find(name);
    if (found == entries_.end()) {
        *error = undefined_variable(name);
        return false;
    }
    if (found->second.threw) {
        *error =
            "$" + std::string(name) + " has no value: its call (" + found->second.where + ") threw";
        return false;
    }
    *out = found->second.value;
    return true;
}

void Variables::release() {
    for (const auto& [name, entry] : entries_) {
        if (!entry.threw) {
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
