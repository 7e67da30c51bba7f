#include "runner.h"

#include "notation.h"

#include <algorithm>
#include <cstdio>
#include <vector>

namespace perry::run {
namespace {

size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) {
        row[j] = j;
    }
    for (size_t i = 1; i <= a.size(); ++i) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            const size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::string string_of(PerryValue value) {
    const char* bytes = nullptr;
    size_t length = 0;
    return perry_string_bytes(&value, &bytes, &length) == PERRY_OK ? std::string(bytes, length)
                                                                   : std::string();
}

// Fills an outcome from a thrown (or rejection) value.
void take_thrown(PerryValue thrown, Outcome* outcome) {
    outcome->threw = true;
    if (!perry_value_is_error(thrown)) {
        outcome->printed = print_value(thrown);
        return;
    }
    outcome->thrown_error = true;
    outcome->error_name = string_of(perry_error_name(thrown));
    outcome->error_message = string_of(perry_error_message(thrown));
    const PerryValue code = perry_error_code(thrown);
    outcome->has_code = code != PERRY_UNDEFINED;
    outcome->error_code = print_value(code);
    if (perry_value_is_string(code)) {
        outcome->error_code = string_of(code);
    }
}

void ignore_settlement(PerryValue, PerryPromiseState, void*) {}

void runtime_failure(PerryStatus status, const char* what, Outcome* outcome) {
    outcome->threw = true;
    outcome->thrown_error = true;
    outcome->error_name = "Error";
    outcome->error_message = std::string(what) + ": " + perry_status_message(status);
    outcome->has_code = true;
    outcome->error_code = perry_status_name(status);
}

} // namespace

std::string describe(const Outcome& outcome) {
    if (!outcome.threw) {
        return outcome.printed;
    }
    if (!outcome.thrown_error) {
        return "throws " + outcome.printed;
    }
    std::string out = "throws " + outcome.error_name + ": " + outcome.error_message;
    if (outcome.has_code) {
        out += " [" + outcome.error_code + "]";
    }
    return out;
}

const PerryShim* Runner::find(const std::string& name, std::string* error) const {
    const PerryShim* end = shims_ + count_;
    const PerryShim* found =
        std::lower_bound(shims_, end, name, [](const PerryShim& shim, const std::string& key) {
            return shim.name < key;
        });
    if (found != end && name == found->name) {
        return found;
    }
    if (count_ == 0) {
        *error = "no function " + name + ": the binding declares no functions";
        return nullptr;
    }
    const PerryShim* nearest = shims_;
    for (const PerryShim* shim = shims_; shim != end; ++shim) {
        if (edit_distance(name, shim->name) < edit_distance(name, nearest->name)) {
            nearest = shim;
        }
    }
    *error = "no function " + name + "; did you mean " + nearest->signature + "? (functions:";
    for (size_t i = 0; i < count_ && i < 12; ++i) {
        *error += std::string(i ? ", " : " ") + shims_[i].name;
    }
    *error += count_ > 12 ? ", ...)" : ")";
    return nullptr;
}

bool Runner::accept(const CallLine& call, std::string* error) {
    if (find(call.name, error) == nullptr) {
        return false;
    }
    // Values do not exist yet: a declared variable reads as undefined here.
    const VariableLookup declared = [this](std::string_view name, PerryValue* out,
                                           std::string* why) {
        if (declared_.find(name) == declared_.end()) {
            *why = undefined_variable(name);
            return false;
        }
        *out = PERRY_UNDEFINED;
        return true;
    };
    PerryValue value = PERRY_UNDEFINED;
    for (size_t i = 0; i < call.args.size(); ++i) {
        std::string why;
        if (!read_value(call.args[i], declared, &value, &why)) {
            *error = "argument " + std::to_string(i + 1) + " (" + call.args[i] + "): " + why;
            return false;
        }
    }
    if (call.expected && !call.expected->throws) {
        std::string why;
        if (!read_value(call.expected->text, declared, &value, &why)) {
            *error = "the expected value (" + call.expected->text + "): " + why;
            return false;
        }
    }
    if (!call.variable.empty()) {
        declared_.insert(call.variable);
    }
    return true;
}

Outcome Runner::invoke(const PerryShim& shim, std::vector<PerryValue> args) {
    Outcome outcome;
    perry_exception_clear();
    // `args` is a copy the thunk may write (materialised strings); the caller keeps the
    // originals pinned.
    PerryValue result = shim.call(args.data(), args.size());
    if (perry_exception_pending()) {
        take_thrown(perry_exception_take(), &outcome);
    } else if (perry_promise_is(result)) {
        PerryPromiseState state = PERRY_PROMISE_PENDING;
        PerryValue settled = PERRY_UNDEFINED;
        perry_gc_pin(result);
        // Awaiting handles a rejection, as `await` does: without a reaction the runtime would
        // report it as unhandled.
        perry_promise_on_settled(result, ignore_settlement, nullptr);
        const PerryStatus status = perry_pump_await(result, &state, &settled);
        perry_gc_unpin(result);
        if (status == PERRY_STATUS_PENDING_EXCEPTION) {
            take_thrown(perry_exception_take(), &outcome);
        } else if (status != PERRY_OK) {
            runtime_failure(status, "awaiting the promise", &outcome);
        } else if (state == PERRY_PROMISE_REJECTED) {
            take_thrown(settled, &outcome);
        } else {
            outcome.value = settled;
            outcome.printed = print_value(settled);
        }
    } else {
        outcome.value = result;
        outcome.printed = print_value(result);
    }
    return outcome;
}

bool Runner::run(const Source& source, const CallLine& call) {
    std::string ignored;
    const PerryShim* shim = find(call.name, &ignored);
    const VariableLookup variables = [this](std::string_view name, PerryValue* out,
                                            std::string* why) {
        return variables_.read(name, out, why);
    };
    // The argument values live in heap memory the GC does not scan: pin them for the call.
    std::vector<PerryValue> args;
    auto unpin_args = [&args] {
        for (PerryValue value : args) {
            perry_gc_unpin(value);
        }
    };
    std::string error;
    for (size_t i = 0; i < call.args.size(); ++i) {
        PerryValue value = PERRY_UNDEFINED;
        if (!read_value(call.args[i], variables, &value, &error)) {
            error = "argument " + std::to_string(i + 1) + " (" + call.args[i] + "): " + error;
            break;
        }
        perry_gc_pin(value);
        args.push_back(value);
    }
    // The expectation is read (and printed) before the call, with the variables of the lines
    // before this one, as `accept` checked it.
    std::string expected;
    if (error.empty() && call.expected && call.expected->throws) {
        expected = "throws " + call.expected->text;
    } else if (error.empty() && call.expected) {
        PerryValue value = PERRY_UNDEFINED;
        if (read_value(call.expected->text, variables, &value, &error)) {
            expected = print_value(value);
        } else {
            error = "the expected value (" + call.expected->text + "): " + error;
        }
    }
    if (!error.empty()) {
        unpin_args();
        if (!call.variable.empty()) {
            variables_.set_no_value(call.variable, "its line (" + source.where() + ") did not run");
        }
        std::fprintf(stderr, "perry: error: %s: %s\n", source.where().c_str(), error.c_str());
        ++line_errors_;
        ++failed_;
        return false;
    }
    const Outcome outcome = invoke(*shim, args);
    if (!call.variable.empty() && outcome.threw) {
        variables_.set_no_value(call.variable, "its call (" + source.where() + ") threw");
    } else if (!call.variable.empty()) {
        variables_.set(call.variable, outcome.value);
    }
    unpin_args();
    bool pass = !outcome.threw;
    if (call.expected && call.expected->throws) {
        pass = outcome.threw && outcome.thrown_error && outcome.error_name == call.expected->text;
    } else if (call.expected) {
        pass = !outcome.threw && outcome.printed == expected;
    }
    ++(pass ? passed_ : failed_);
    print_result(source, call, outcome, call.expected ? &expected : nullptr, pass);
    return pass;
}

void Runner::print_result(const Source& source, const CallLine& call, const Outcome& outcome,
                          const std::string* expected, bool pass) const {
    if (json_) {
        std::printf("%s\n", json_line(source, call, outcome, expected, pass).c_str());
    } else if (expected != nullptr && !pass) {
        std::printf("FAIL %s: %s\n  expected: %s\n  actual:   %s\n", source.where().c_str(),
                    call.text.c_str(), expected->c_str(), describe(outcome).c_str());
    } else {
        std::printf("%s\n", describe(outcome).c_str());
    }
    std::fflush(stdout);
}

void Runner::print_summary() const {
    if (json_) {
        std::printf("%s\n", json_summary(passed_, failed_).c_str());
    } else {
        std::printf("%zu passed, %zu failed\n", passed_, failed_);
    }
}

} // namespace perry::run
