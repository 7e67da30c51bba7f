// The --json lines, written with nlohmann_json (its one translation unit in the host).
#include "runner.h"

#include <nlohmann/json.hpp>

namespace perry::run {

std::string json_line(const Source& source, const CallLine& call, const Outcome& outcome,
                      const std::string* expected, bool pass) {
    nlohmann::ordered_json line;
    line["source"] = source.name;
    if (source.line != 0) {
        line["line"] = source.line;
    }
    line["call"] = call.text;
    if (!outcome.threw) {
        line["result"] = outcome.printed;
    } else if (outcome.thrown_error) {
        line["throws"] = {{"name", outcome.error_name},
                          {"message", outcome.error_message},
                          {"code", outcome.has_code ? nlohmann::ordered_json(outcome.error_code)
                                                    : nlohmann::ordered_json(nullptr)}};
    } else {
        line["throws"] = {{"value", outcome.printed}};
    }
    if (expected != nullptr) {
        line["expected"] = *expected;
    }
    line["pass"] = pass;
    // Replace, not throw, on bytes that are not UTF-8 (a binary string result).
    return line.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string json_summary(size_t passed, size_t failed) {
    nlohmann::ordered_json line;
    line["passed"] = passed;
    line["failed"] = failed;
    return line.dump();
}

} // namespace perry::run
