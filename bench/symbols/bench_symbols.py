#!/usr/bin/env python3
"""Symbol benchmarks of issue 5, each side in fresh processes, interleaved, in the same run.

1. `perry native symbols` on the biggest archive under /usr/lib (most symbols in its index;
   e.g. libLLVMCodeGen.a, not ICU's 31 MB data archive with one symbol) against three nm
   variants: `nm -gP --defined-only` (as users type it; loads the LTO plugin),
   `llvm-nm-14 -gP --defined-only`, and `nm --target=elf64-x86-64 -gP --defined-only` (skips the
   plugins). The output sets are checked identical first.
2. `perry native validate --no-build` of a 500-function manifest against a ~20 MB Rust staticlib
   (built here, offline, from a generated crate) against the original's pipeline:
   `nm -gP lib.a | grep js_ | sort` then compared with the manifest's sorted names (`comm`).
3. `perry native validate --no-build` with its signature checks (DWARF) on a 500-function C++
   archive built here with `g++ -g -O2` (ten files of fifty functions, each including
   perry/ffi.hpp and <string>, as the C++ template does), against the same command with
   `--no-signatures` (target: at most 2x) and against the nm | grep | sort + comm pipeline
   (target: at least 5x faster).

Usage: bench_symbols.py PERRY_BINARY [--runs N]
"""
import argparse
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import timing  # noqa: E402


def archives_under(root):
    for dirpath, _dirs, files in os.walk(root):
        for name in files:
            if name.endswith(".a"):
                path = os.path.join(dirpath, name)
                try:
                    with open(path, "rb") as f:
                        if f.read(8) == b"!<arch>\n":
                            yield path
                except OSError:
                    pass


def index_symbol_count(path):
    """Number of entries in a GNU archive's symbol index (0 when it has none)."""
    with open(path, "rb") as f:
        f.read(8)
        header = f.read(60)
        if len(header) < 60 or header[:16].strip() != b"/":
            return 0
        return int.from_bytes(f.read(4), "big")


def biggest_archive():
    best = max(archives_under("/usr/lib"), key=index_symbol_count)
    return best, index_symbol_count(best)


def names(output, skip_headers=True):
    result = []
    for line in output.splitlines():
        if not line or (skip_headers and line.endswith(":")):
            continue
        result.append(line.split(" ")[0])
    return sorted(result)


def run(argv):
    return subprocess.run(argv, check=True, capture_output=True, text=True).stdout  # stderr dropped


def bench_symbols(perry, runs):
    archive, count = biggest_archive()
    print(f"# biggest archive under /usr/lib: {archive} ({count} index symbols, "
          f"{os.path.getsize(archive) // 1024} KiB)")
    ours = [perry, "native", "symbols", archive]
    peers = {
        "nm -gP": ["nm", "-gP", "--defined-only", archive],
        "llvm-nm-14 -gP": ["llvm-nm-14", "-gP", "--defined-only", archive],
        "nm --target=elf64-x86-64 -gP": ["nm", "--target=elf64-x86-64", "-gP", "--defined-only",
                                         archive],
    }
    expected = names(run(ours))
    for label, argv in peers.items():
        if names(run(argv)) != expected:
            sys.exit(f"output sets differ between perry and {label}")
    print(f"# output sets identical ({len(expected)} defined globals)")
    sides = {"ours": lambda: timing.run_once(ours)}
    for label, argv in peers.items():
        sides[label] = (lambda a: lambda: timing.run_once(a))(argv)
    medians = timing.compare(sides, runs)
    targets = {"nm -gP": 10, "llvm-nm-14 -gP": 5, "nm --target=elf64-x86-64 -gP": 1}
    for label, target in targets.items():
        print(timing.line(f"symbols {os.path.basename(archive)}", medians["ours"], label,
                          medians[label], target))


def find_cargo():
    cargo = shutil.which("cargo") or os.path.expanduser("~/.cargo/bin/cargo")
    if not os.path.exists(cargo):
        sys.exit("cargo not found on PATH or in ~/.cargo/bin")
    return cargo


def build_rust_package(work, functions):
    pkg = pathlib.Path(work)
    (pkg / "src").mkdir(parents=True)
    (pkg / "Cargo.toml").write_text(
        '[package]\nname = "perry_bench_binding"\nversion = "0.1.0"\nedition = "2021"\n\n'
        '[lib]\ncrate-type = ["staticlib"]\n\n[profile.release]\nopt-level = 1\n')
    body = ["use std::collections::HashMap;"]
    for i in range(functions):
        body.append(f'#[no_mangle]\npub extern "C" fn js_bench_f{i}(x: f64) -> f64 '
                    f'{{ let mut m = HashMap::new(); m.insert({i}, x); m[&{i}] * 2.0 }}')
    (pkg / "src" / "lib.rs").write_text("\n".join(body) + "\n")
    manifest = {
        "name": "bench-binding", "version": "1.0.0",
        "perry": {"nativeLibrary": {
            "abiVersion": "0.5",
            "functions": [{"name": f"js_bench_f{i}", "params": ["f64"], "returns": "f64"}
                          for i in range(functions)],
            "targets": {"linux": {"cargo_features": []}}}}}
    (pkg / "package.json").write_text(json.dumps(manifest, indent=2))
    env = dict(os.environ, CARGO_NET_OFFLINE="true")
    subprocess.run([find_cargo(), "build", "--release", "--quiet"], cwd=pkg, env=env, check=True)
    lib = pkg / "target" / "release" / "libperry_bench_binding.a"
    (pkg / "declared.txt").write_text(
        "".join(sorted(f"js_bench_f{i}\n" for i in range(functions))))
    return pkg, lib


def nm_pipeline(lib, listed, declared):
    """nm -gP lib.a | grep js_ | sort > listed; comm -3 listed declared (no shell)."""
    elapsed = 0.0
    with open(listed, "w") as out:
        start = timing.time.perf_counter()
        nm = subprocess.Popen(["nm", "-gP", str(lib)], stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL)
        grep = subprocess.Popen(["grep", "js_"], stdin=nm.stdout, stdout=subprocess.PIPE)
        nm.stdout.close()
        sort = subprocess.Popen(["sort"], stdin=grep.stdout, stdout=out)
        grep.stdout.close()
        for proc in (nm, grep, sort):
            proc.wait()
        elapsed += timing.time.perf_counter() - start
    return elapsed + timing.run_once(["comm", "-3", str(listed), str(declared)])


def bench_validate(perry, runs):
    with tempfile.TemporaryDirectory(prefix="perry-bench-") as work:
        pkg, lib = build_rust_package(work, 500)
        print(f"# Rust staticlib: {lib.stat().st_size / 1e6:.1f} MB, 500 declared functions")
        ours = [perry, "native", "validate", str(pkg), "--no-build"]
        subprocess.run(ours, check=True, capture_output=True)  # exit 0: the manifest matches
        listed = pkg / "listed.txt"

        def original():
            return nm_pipeline(lib, listed, pkg / "declared.txt")

        medians = timing.compare({"ours": lambda: timing.run_once(ours), "original": original},
                                 runs)
        print(timing.line("validate --no-build (500 functions, Rust staticlib)", medians["ours"],
                          "nm -gP | grep js_ | sort + comm", medians["original"], 10))


REPO = pathlib.Path(__file__).resolve().parents[2]


def build_cpp_package(work, files=10, per_file=50):
    """A C++ binding of files * per_file functions of three signatures, built with -g."""
    pkg = pathlib.Path(work)
    (pkg / "src").mkdir(parents=True)
    (pkg / "prebuilt" / "linux").mkdir(parents=True)
    functions = []
    objects = []
    for f in range(files):
        lines = ["#include <perry/ffi.hpp>", "", "#include <cstdint>", "#include <string>", ""]
        for k in range(per_file):
            i = f * per_file + k
            name = f"js_bench_f{i}"
            if i % 3 == 0:
                lines.append(f'extern "C" double {name}(double x, int64_t n) '
                             f'{{ return x * static_cast<double>(n + {i}); }}')
                functions.append({"name": name, "params": ["f64", "i64"], "returns": "f64"})
            elif i % 3 == 1:
                lines.append(
                    f'extern "C" const PerryStringHeader* {name}(const PerryStringHeader* s) {{\n'
                    '  return perry::guard([&]() -> const PerryStringHeader* {\n'
                    '    PerryValue out = perry::alloc_string(\n'
                    f'        perry::read_string(perry_string_from_header(s)).value_or("") + "{i}");\n'
                    '    return perry_string_header(&out);\n  });\n}')
                functions.append({"name": name, "params": ["string"], "returns": "string"})
            else:
                lines.append(f'extern "C" int32_t {name}(int32_t a, bool b) '
                             f'{{ return b ? a + {i} : a; }}')
                functions.append({"name": name, "params": ["i32", "bool"], "returns": "i32"})
        source = pkg / "src" / f"b{f}.cpp"
        source.write_text("\n".join(lines) + "\n")
        objects.append(str(source.with_suffix(".o")))
        subprocess.run(["g++", "-std=c++17", "-g", "-O2", "-I", str(REPO / "ffi-runtime" / "include"),
                        "-c", str(source), "-o", objects[-1]], check=True)
    lib = pkg / "prebuilt" / "linux" / "libbench.a"
    subprocess.run(["ar", "rcs", str(lib)] + objects, check=True)
    manifest = {"name": "bench-cpp-binding", "version": "1.0.0",
                "perry": {"nativeLibrary": {
                    "abiVersion": "0.5", "functions": functions,
                    "targets": {"linux": {"prebuilt": "prebuilt/linux/libbench.a"}}}}}
    (pkg / "package.json").write_text(json.dumps(manifest, indent=2))
    (pkg / "declared.txt").write_text("".join(sorted(f["name"] + "\n" for f in functions)))
    return pkg, lib


def bench_validate_signatures(perry, runs):
    with tempfile.TemporaryDirectory(prefix="perry-bench-") as work:
        pkg, lib = build_cpp_package(work)
        print(f"# C++ archive (g++ -g -O2): {lib.stat().st_size / 1e6:.1f} MB, "
              f"500 declared functions in 10 members")
        ours = [perry, "native", "validate", str(pkg), "--no-build"]
        checked = subprocess.run(ours, check=True, capture_output=True, text=True).stdout
        if "signatures: checked against DWARF (500 of 500 functions)" not in checked:
            sys.exit("the signatures of the 500 functions were not all checked:\n" + checked)
        without = ours + ["--no-signatures"]
        medians = timing.compare({
            "ours": lambda: timing.run_once(ours),
            "without": lambda: timing.run_once(without),
            "original": lambda: nm_pipeline(lib, pkg / "listed.txt", pkg / "declared.txt"),
        }, runs)
        cost = medians["ours"] / medians["without"]
        print(f"validate --no-build signatures (500 functions, C++ -g): ours "
              f"{medians['ours'] * 1000:.1f} ms, --no-signatures {medians['without'] * 1000:.1f} "
              f"ms, cost {cost:.2f}x (target <= 2 x) {'ok' if cost <= 2 else 'MISSED'}")
        print(timing.line("validate --no-build signatures (500 functions, C++ -g)",
                          medians["ours"], "nm -gP | grep js_ | sort + comm",
                          medians["original"], 5))


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("perry")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--only", choices=["symbols", "validate", "signatures"],
                        help="run one of the benchmarks")
    args = parser.parse_args()
    if args.only in (None, "symbols"):
        bench_symbols(args.perry, args.runs)
    if args.only in (None, "validate"):
        bench_validate(args.perry, args.runs)
    if args.only in (None, "signatures"):
        bench_validate_signatures(args.perry, args.runs)


if __name__ == "__main__":
    main()
