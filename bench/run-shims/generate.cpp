// Writes the call shims of the benchmark's one function (`js_bench_add(number, number) ->
// number`) with the real generator, to the path given.
#include "perry/linker/shims.h"

#include <cstdio>
#include <fstream>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s OUTPUT.c\n", argv[0]);
        return 2;
    }
    using perry::resolver::ParamType;
    const std::string source =
        perry::linker::generate_shims({{"js_bench_add",
                                        {ParamType::Number, ParamType::Number},
                                        perry::resolver::ReturnType::Number}});
    std::ofstream(argv[1], std::ios::binary) << source;
    return 0;
}
