#!/usr/bin/env python3
"""Resolution benchmark: 1,000 bare specifiers against a generated tree of 2,000 packages
(hoisted, scoped, nested, and pnpm-style symlinked), ours (the perry_resolver library, one
Resolver) against node's require.resolve in one node process.

Both sides time only their resolution loop, in-process, in fresh processes, alternating, several
runs; the medians of the loop's wall time are compared (the machine drifts by up to 30% within
seconds), and the CPU time is shown beside them. Before timing, the two sides' answers are
compared file by file: a benchmark of wrong answers is worthless.

usage: run.py PERRY_RESOLVE_BENCH [--runs N] [--keep DIR]
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import tempfile

TARGET = 3


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def package_json(name, native, exports):
    doc = {"name": name, "version": "1.0.0", "main": "index.js"}
    if exports:
        doc["exports"] = {".": {"perry": "./index.js", "require": "./index.js",
                                "default": "./index.js"}}
    if native:
        doc["perry"] = {"nativeLibrary": {
            "abiVersion": "0.5",
            "functions": [{"name": f"js_{name.replace('-', '_')}_f", "params": ["string", "i64"],
                           "returns": "i64"}],
            "targets": {"linux": {"crate": "native", "lib": "perry_x"}}}}
    return json.dumps(doc, indent=2)


def make_package(dir_, name, i, native_every):
    write(os.path.join(dir_, "package.json"),
          package_json(name, i % native_every == 0, i % 4 == 1))
    write(os.path.join(dir_, "index.js"), "module.exports = {};\n")


def generate(root, native_every):
    """Returns the (from, specifier) work list; creates 2,000 packages under root/app, one in
    `native_every` with a perry.nativeLibrary manifest."""
    app = os.path.join(root, "app")
    nm = os.path.join(app, "node_modules")
    src = os.path.join(app, "src", "features", "deep", "module")
    write(os.path.join(app, "package.json"), '{"name": "app"}')
    write(os.path.join(src, "main.js"), "")
    work = []
    for i in range(1000):  # hoisted
        make_package(os.path.join(nm, f"p{i}"), f"p{i}", i, native_every)
        if i % 2 == 0:
            work.append((src, f"p{i}"))
    for i in range(400):  # scoped, 20 scopes
        name = f"@s{i % 20}/q{i}"
        make_package(os.path.join(nm, name), name, i, native_every)
        if i % 2 == 0:
            work.append((src, name))
    for i in range(400):  # pnpm store + symlink
        real = os.path.join(nm, ".pnpm", f"r{i}@1.0.0", "node_modules", f"r{i}")
        make_package(real, f"r{i}", i, native_every)
        os.symlink(os.path.join(".pnpm", f"r{i}@1.0.0", "node_modules", f"r{i}"),
                   os.path.join(nm, f"r{i}"))
        if i % 2 == 0:
            work.append((src, f"r{i}"))
    for i in range(200):  # nested inside a hoisted package, resolved from that package
        make_package(os.path.join(nm, f"p{i}", "node_modules", f"n{i}"), f"n{i}", i, native_every)
        if i % 2 == 0:
            work.append((os.path.join(nm, f"p{i}"), f"n{i}"))
    assert len(work) == 1000, len(work)
    spec_file = os.path.join(root, "specifiers.tsv")
    with open(spec_file, "w") as f:
        f.writelines(f"{frm}\t{spec}\n" for frm, spec in work)
    return spec_file


def run(argv):
    out = subprocess.run(argv, check=True, stdout=subprocess.PIPE, text=True).stdout
    lines = out.splitlines()
    wall, cpu = (float(v) for v in lines[0].split())
    return (wall, cpu), lines[1:]


def measure(name, bench, native_every, runs, keep):
    root = keep or tempfile.mkdtemp(prefix="perry-resolve-bench-")
    try:
        spec_file = os.path.join(root, "specifiers.tsv")
        if not os.path.exists(spec_file):
            os.makedirs(root, exist_ok=True)
            generate(root, native_every)
        here = os.path.dirname(os.path.abspath(__file__))
        ours_argv = [bench, spec_file]
        node_argv = ["node", os.path.join(here, "node_resolve.js"), spec_file]

        _, ours_lines = run(ours_argv)
        _, node_lines = run(node_argv)
        ours_files = [line.split("\t")[2] for line in ours_lines]
        node_files = [line.split("\t")[1] for line in node_lines]
        mismatches = [(o, n) for o, n in zip(ours_files, node_files) if o != n]
        if len(ours_files) != 1000 or mismatches:
            raise SystemExit(f"ours and node disagree on {len(mismatches)} specifiers, "
                             f"e.g. {mismatches[:3]}")
        kinds = {}
        for line in ours_lines:
            kinds[line.split("\t")[1]] = kinds.get(line.split("\t")[1], 0) + 1

        samples = {"ours": [], "node": []}
        for _ in range(runs):
            samples["ours"].append(run(ours_argv)[0])
            samples["node"].append(run(node_argv)[0])
        wall = {side: statistics.median(s[0] for s in v) for side, v in samples.items()}
        cpu = {side: statistics.median(s[1] for s in v) for side, v in samples.items()}
        print(f"# {name}: 2000 packages (1000 hoisted, 400 scoped, 400 pnpm-symlinked, 200 "
              f"nested, one in {native_every} native); answers agree with node on all 1000; "
              f"resolved kinds {kinds}; {runs} runs each, medians")
        # node's CPU time includes its helper threads (JIT compilation, GC), which run beside
        # the loop: wall time is what a build waits for, so it is the figure that counts.
        print(f"# {name}: CPU time (user + system, all threads) of the loop: ours "
              f"{cpu['ours']:.2f} ms, node {cpu['node']:.2f} ms, ratio "
              f"{cpu['node'] / cpu['ours']:.2f}x")
        ratio = wall["node"] / wall["ours"]
        print(f"{name}: ours {wall['ours']:.2f} ms, node require.resolve {wall['node']:.2f} ms, "
              f"ratio {ratio:.2f}x (target >= {TARGET} x)")
    finally:
        if not keep:
            shutil.rmtree(root, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("bench")
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--keep", help="generate the trees under this directory and keep them")
    args = parser.parse_args()
    # A typical tree has few native packages among many JS ones; the second tree is a stress case
    # where every tenth package is native, so a fifth of the lookups also parse and validate a
    # manifest (node's require.resolve does nothing comparable).
    for name, native_every in (("resolve 1000 bare specifiers (wall time)", 50),
                               ("resolve 1000 bare specifiers, native-heavy tree (wall time)", 10)):
        keep = os.path.join(args.keep, f"every{native_every}") if args.keep else None
        measure(name, args.bench, native_every, args.runs, keep)


if __name__ == "__main__":
    main()
