// Our side of the resolution benchmark: reads `<from>\t<specifier>` lines, resolves them all with
// one Resolver (as a compiler would for one program), and prints the wall and CPU time (user +
// system, all threads) of the loop in ms on the first line, then one `<specifier>\t<kind>\t<entry
// or dir>` line per specifier so run.py can check that we and node agree.
#include "perry/resolver/resolve.h"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s SPECIFIERS_FILE\n", argv[0]);
        return 2;
    }
    std::ifstream in(argv[1]);
    std::vector<std::pair<std::string, std::string>> work; // (from, specifier)
    for (std::string line; std::getline(in, line);) {
        const size_t tab = line.find('\t');
        if (tab != std::string::npos) {
            work.emplace_back(line.substr(0, tab), line.substr(tab + 1));
        }
    }
    using namespace perry::resolver;
    const WellKnownTable table; // empty: every specifier is installed
    Resolver resolver(table, ResolveOptions{});
    std::vector<Resolution> results;
    results.reserve(work.size());
    // Wall time is the figure run.py compares (what a build waits for); CPU time is printed
    // beside it, as node's includes its JIT and GC threads.
    const auto cpu_now = [] {
        timespec ts{};
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
        return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
    };
    const double cpu_start = cpu_now();
    const auto start = std::chrono::steady_clock::now();
    for (const auto& [from, specifier] : work) {
        results.push_back(resolver.resolve(specifier, from));
    }
    const auto stop = std::chrono::steady_clock::now();
    const double cpu_ms = cpu_now() - cpu_start;
    std::printf("%.3f %.3f\n", std::chrono::duration<double, std::milli>(stop - start).count(),
                cpu_ms);
    for (const Resolution& r : results) {
        std::printf("%s\t%s\t%s\n", r.specifier.c_str(), to_string(r.kind),
                    r.entry ? r.entry->c_str() : r.dir.value_or("-").c_str());
    }
    return 0;
}
