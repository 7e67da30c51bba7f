// Manifest validation speed, our side: parse + validate a package.json from its JSON text
// (parse_manifest_text), warm, in-process. The peer is ajv_bench.cjs on the same file; run.sh
// runs both in fresh processes, interleaved, and prints the ratio.
//
//   perry_bench_manifest --emit <file>   write the benchmark document (500 functions, 9 targets)
//   perry_bench_manifest <file>          print `<ns per document>` for that file
//
// The figure is the fastest of 40 batches of 25 documents: on a shared machine the slower
// batches measure preemption, not the parser (ajv_bench.cjs does the same).
#include "perry/resolver/manifest.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

// A document shaped like the published packages (the game engine's 472 functions, 9 targets),
// pretty-printed with two spaces as npm writes package.json.
std::string benchmark_document() {
    static const char* kParams[] = {"string", "number", "i32",  "i64",    "bool",
                                    "ptr",    "f64",    "json", "jsvalue"};
    static const char* kReturns[] = {"string", "ptr", "i64_str", "i64",     "number", "void",
                                     "f64",    "i32", "bool",    "promise", "jsvalue"};
    static const char* kTargets[] = {"macos",   "ios",   "tvos",    "visionos", "watchos",
                                     "windows", "linux", "android", "web"};
    std::ostringstream out;
    out << "{\n  \"name\": \"@bench/engine\",\n  \"version\": \"0.4.16\",\n  \"license\": "
           "\"MIT\",\n"
        << "  \"perry\": {\n    \"nativeLibrary\": {\n      \"abiVersion\": \"0.5\",\n      "
           "\"functions\": [\n";
    for (int i = 0; i < 500; ++i) {
        out << "        {\n          \"name\": \"js_bench_function_" << i
            << "\",\n          \"params\": [";
        const int n = i % 7;
        for (int p = 0; p < n; ++p)
            out << (p ? ", " : "") << '"' << kParams[(i + p) % 9] << '"';
        out << "],\n          \"returns\": \"" << kReturns[i % 11] << "\"\n        }"
            << (i < 499 ? "," : "") << "\n";
    }
    out << "      ],\n      \"targets\": {\n";
    for (int t = 0; t < 9; ++t) {
        const std::string key = kTargets[t];
        out << "        \"" << key << "\": {\n";
        if (key == "web") {
            out << "          \"prebuilt\": \"./native/web/pkg/\"\n";
        } else {
            out << "          \"crate\": \"native/" << key << "/\",\n"
                << "          \"lib\": \"bench_" << key << "\",\n"
                << "          \"frameworks\": [\"Metal\", \"QuartzCore\", \"CoreGraphics\", "
                   "\"Foundation\"],\n"
                << "          \"libs\": [\"c++\", \"m\"],\n"
                << "          \"libDirs\": [\"native/third_party/" << key << "/lib\"],\n"
                << "          \"cargo_features\": [\"simd\", \"" << key << "\"]\n";
        }
        out << "        }" << (t < 8 ? "," : "") << "\n";
    }
    out << "      }\n    }\n  }\n}\n";
    return out.str();
}

std::string read_file(const char* path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

} // namespace

int main(int argc, char** argv) {
    if (argc == 3 && std::string(argv[1]) == "--emit") {
        std::ofstream(argv[2], std::ios::binary) << benchmark_document();
        return 0;
    }
    if (argc != 2) {
        std::fprintf(stderr, "usage: perry_bench_manifest [--emit] <file>\n");
        return 2;
    }
    const std::string text = read_file(argv[1]);
    auto once = [&] {
        return perry::resolver::parse_manifest_text(text, "package.json", "/bench");
    };
    const auto check = once();
    if (!check.ok() || check.native_library.functions.size() != 500 ||
        check.native_library.targets.size() != 9) {
        std::fprintf(stderr, "benchmark document did not validate cleanly\n");
        return 1;
    }
    using clock = std::chrono::steady_clock;
    for (int i = 0; i < 200; ++i)
        once(); // warm up
    constexpr int kBatches = 40, kPerBatch = 25;
    std::vector<double> per_doc_ns;
    std::size_t sink = 0;
    for (int b = 0; b < kBatches; ++b) {
        const auto start = clock::now();
        for (int i = 0; i < kPerBatch; ++i)
            sink += once().native_library.functions.size();
        const std::chrono::duration<double, std::nano> elapsed = clock::now() - start;
        per_doc_ns.push_back(elapsed.count() / kPerBatch);
    }
    std::printf("%.0f\n", *std::min_element(per_doc_ns.begin(), per_doc_ns.end()));
    return sink == 0;
}
