// Our side: perry_json_stringify of the benchmark document, timed in-process like node_peer.js.
//   bench_ffi_json <records> [--bytes] [--dump file]
// Prints "<microseconds per op> <bytes>". --bytes times perry_json_stringify_bytes (malloc'd
// text) instead of the string-value API.
#include "document.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

bool g_bytes_api = false;

size_t stringify_once(PerryValue document) {
    if (g_bytes_api) {
        char* bytes = nullptr;
        size_t length = 0;
        if (perry_json_stringify_bytes(document, PERRY_UNDEFINED, &bytes, &length) != PERRY_OK) {
            std::fprintf(stderr, "stringify failed: %s\n", perry_json_error_message());
            std::exit(1);
        }
        perry_json_free(bytes);
        return length;
    }
    PerryValue text = PERRY_UNDEFINED;
    if (perry_json_stringify(document, PERRY_UNDEFINED, &text) != PERRY_OK) {
        std::fprintf(stderr, "stringify failed: %s\n", perry_json_error_message());
        std::exit(1);
    }
    return perry_string_byte_length(text);
}

} // namespace

int main(int argc, char** argv) {
    uint32_t records = argc > 1 ? static_cast<uint32_t>(std::strtoul(argv[1], nullptr, 10)) : 4000;
    const char* dump = nullptr;
    for (int i = 2; i < argc; ++i) {
        if (std::strcmp(argv[i], "--bytes") == 0) {
            g_bytes_api = true;
        } else if (std::strcmp(argv[i], "--dump") == 0 && i + 1 < argc) {
            dump = argv[++i];
        }
    }
    if (perry_runtime_init(nullptr) != PERRY_OK) {
        return 1;
    }
    PerryValue document = perry::bench::make_document(records);
    perry_gc_pin(document);
    if (dump != nullptr) {
        char* bytes = nullptr;
        size_t length = 0;
        perry_json_stringify_bytes(document, PERRY_UNDEFINED, &bytes, &length);
        FILE* file = std::fopen(dump, "wb");
        if (file == nullptr || std::fwrite(bytes, 1, length, file) != length) {
            return 1;
        }
        std::fclose(file);
        perry_json_free(bytes);
    }
    size_t length = 0;
    for (int i = 0; i < 20; ++i) {
        length = stringify_once(document); // warm up
    }
    std::vector<double> batches;
    for (int b = 0; b < 7; ++b) {
        auto start = std::chrono::steady_clock::now();
        for (int i = 0; i < 20; ++i) {
            length = stringify_once(document);
        }
        std::chrono::duration<double, std::micro> elapsed =
            std::chrono::steady_clock::now() - start;
        batches.push_back(elapsed.count() / 20);
    }
    std::sort(batches.begin(), batches.end());
    std::printf("%.1f %zu\n", batches[3], length);
    perry_gc_unpin(document);
    return perry_runtime_shutdown() == PERRY_OK ? 0 : 1;
}
