// The variables of a run: a line `name = js_fn(...)` keeps the call's result under `name`, and
// later lines read it as `$name` (docs/cli/run.md).
#pragma once

#include "perry/ffi.h"

#include <map>
#include <string>
#include <string_view>

namespace perry::run {

class Variables {
  public:
    Variables() = default;
    Variables(const Variables&) = delete;
    Variables& operator=(const Variables&) = delete;
    ~Variables() { release(); }

    // Keeps `value` under `name`, replacing what the name held. The value is pinned: this map
    // lives in memory the GC does not scan, and the value must outlive every later call.
    void set(const std::string& name, PerryValue value);
    // Records that `name` holds no value, and why ("its call (calls.txt:3) threw"): the line
    // that assigns it threw, or could not run. Reading it is then an error saying so.
    void set_no_value(const std::string& name, const std::string& why);
    // The value of `name`, or false with `*error` ("$h has no value: its call (calls.txt:3)
    // threw", "$h is not defined ...").
    bool read(std::string_view name, PerryValue* out, std::string* error) const;
    // Unpins every value and forgets the names. Call it before the runtime shuts down.
    void release();

  private:
    struct Entry {
        PerryValue value = PERRY_UNDEFINED;
        bool has_value = true;
        std::string why; // without a value: why not
    };
    std::map<std::string, Entry, std::less<>> entries_;
};

// The message of a `$name` that no earlier line assigns.
std::string undefined_variable(std::string_view name);

} // namespace perry::run
