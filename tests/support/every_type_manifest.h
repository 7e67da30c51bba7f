// A package.json whose functions cover every type of the manifest's type table: one function per
// return type, each taking the parameter type of the same name where there is one, one taking
// every parameter type, and a legacy return type (spec v1: read as f64, with a warning). The
// header goldens print it; the end-to-end tests compile definitions of every type against it.
#pragma once

namespace perry::testing {

inline constexpr const char* kEveryTypeManifest = R"({
  "name": "@acme/every-type",
  "version": "1.0.0",
  "perry": {"nativeLibrary": {"abiVersion": "0.5", "functions": [
    {"name": "js_t_string", "params": ["string"], "returns": "string"},
    {"name": "js_t_ptr", "params": ["ptr"], "returns": "ptr"},
    {"name": "js_t_i64_str", "params": ["json"], "returns": "i64_str"},
    {"name": "js_t_i64", "params": ["i64"], "returns": "i64"},
    {"name": "js_t_number", "params": ["number"], "returns": "number"},
    {"name": "js_t_void", "params": [], "returns": "void"},
    {"name": "js_t_f64", "params": ["f64"], "returns": "f64"},
    {"name": "js_t_i32", "params": ["i32"], "returns": "i32"},
    {"name": "js_t_bool", "params": ["bool"], "returns": "bool"},
    {"name": "js_t_promise", "params": [], "returns": "promise"},
    {"name": "js_t_jsvalue", "params": ["jsvalue"], "returns": "jsvalue"},
    {"name": "js_t_buffer", "params": ["buffer"], "returns": "buffer"},
    {"name": "js_t_all", "params": ["string", "number", "i32", "i64", "bool", "ptr", "f64",
                                    "json", "jsvalue", "buffer"], "returns": "void"},
    {"name": "js_t_legacy", "params": [], "returns": "float"}
  ]}}
}
)";

} // namespace perry::testing
