// Runs calls through the shim table and reports them (plain lines or --json objects).
#pragma once

#include "call_line.h"
#include "variables.h"

#include "perry/run/shims.h"

#include <cstdio>
#include <set>
#include <string>
#include <vector>

namespace perry::run {

// Where a call came from, for messages: "calls.txt:4", "--call 2", "<stdin>:3".
struct Source {
    std::string name;
    size_t line = 0; // 0: no line number (a --call)
    std::string where() const { return line ? name + ":" + std::to_string(line) : name; }
};

// What a call did.
struct Outcome {
    PerryValue value = PERRY_UNDEFINED; // the result (a promise's settled value) when none threw
    bool threw = false;
    std::string printed; // the result, or the thrown value when it is not an error
    bool thrown_error = false;
    std::string error_name; // for a thrown error
    std::string error_message;
    bool has_code = false;
    std::string error_code;
};

class Runner {
  public:
    Runner(const PerryShim* shims, size_t count, bool json)
        : shims_(shims), count_(count), json_(json) {}

    // The shim named `name`, or nullptr with `*error` naming the nearest match and the list.
    const PerryShim* find(const std::string& name, std::string* error) const;

    // Checks a line without running it: the function exists, every argument and the
    // expectation read as values, and every `$name` is assigned by an earlier accepted line.
    // A valid line's variable is then known to the lines after it. False with `*error`.
    bool accept(const CallLine& call, std::string* error);

    // Runs an accepted call and prints its report; an assignment keeps the result. Returns true
    // when it passed (no unexpected exception, the expectation met). A line that cannot run (a
    // `$name` whose call threw) is reported on stderr as a line error, and runs nothing.
    bool run(const Source& source, const CallLine& call);

    // "N passed, M failed" (or its JSON object) for a script.
    void print_summary() const;
    size_t failed() const { return failed_; }
    size_t line_errors() const { return line_errors_; }

    // Unpins the variables' values; before the runtime shuts down.
    void release_variables() { variables_.release(); }

  private:
    Outcome invoke(const PerryShim& shim, std::vector<PerryValue> args);
    void print_result(const Source& source, const CallLine& call, const Outcome& outcome,
                      const std::string* expected, bool pass) const;

    const PerryShim* shims_;
    size_t count_;
    bool json_;
    size_t passed_ = 0;
    size_t failed_ = 0;
    size_t line_errors_ = 0;
    std::set<std::string, std::less<>> declared_; // variables assigned by accepted lines
    Variables variables_;
};

// The plain one-line form of an outcome: the printed value, or
// "throws TypeError: message [ERR_CODE]".
std::string describe(const Outcome& outcome);

// One --json line (output.cpp).
std::string json_line(const Source& source, const CallLine& call, const Outcome& outcome,
                      const std::string* expected, bool pass);
std::string json_summary(size_t passed, size_t failed);

} // namespace perry::run
