"""The build cache's no-op check against `cargo build --release` of the same unchanged crate.

    bench_build_cache.py BUILD_DRIVER RUST_CRATE

Ours: build_driver (a process around perry::linker::build_binding, as `perry native run` and
`link` call it) on a package whose build is in the cache: it hashes the crate's files, reads the
cached compiler identity and finds the finished build, starting no program. The peer: `cargo
build --release` in the same crate with a warm target directory (cargo's own no-op check:
fingerprints, plus the `rustc -vV` it runs). Both offline, fresh processes, interleaved; the
medians and their ratio are printed (target: ours >= 3x faster).
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

RUNS = 21
TARGET = 3.0


def timed(argv, env, cwd=None):
    start = time.perf_counter()
    subprocess.run(argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=True)
    return time.perf_counter() - start


def main():
    driver, crate_source = sys.argv[1], sys.argv[2]
    cargo = shutil.which("cargo") or os.path.expanduser("~/.cargo/bin/cargo")
    with tempfile.TemporaryDirectory(prefix="perry-bench-build-cache-") as work:
        package = os.path.join(work, "package")
        shutil.copytree(crate_source, package, ignore=shutil.ignore_patterns("target", "Cargo.lock"))
        with open(os.path.join(package, "package.json"), "w") as out:
            out.write('{"name": "probe", "version": "1.0.0", "perry": {"nativeLibrary": {'
                      '"abiVersion": "0.5", "functions": [], "targets": {"linux": '
                      '{"crate": ".", "lib": "perry_symbols_probe"}}}}}\n')
        env = dict(os.environ, CARGO_NET_OFFLINE="true", PERRY_COMPILER_CACHE="off")
        cache = os.path.join(work, "cache")
        cargo_env = dict(env, CARGO_TARGET_DIR=os.path.join(work, "cargo-target"))
        ours = [driver, package, cache]
        peer = [cargo, "build", "--release", "--manifest-path", os.path.join(package, "Cargo.toml")]
        # Warm both: the first build of each is not what is measured.
        timed(ours, env)
        timed(peer, cargo_env, cwd=package)
        samples = {"ours": [], "cargo": []}
        for _ in range(RUNS):
            samples["ours"].append(timed(ours, env))
            samples["cargo"].append(timed(peer, cargo_env, cwd=package))
        ours_s = statistics.median(samples["ours"])
        cargo_s = statistics.median(samples["cargo"])
        ratio = cargo_s / ours_s
        verdict = "ok" if ratio >= TARGET else "MISSED"
        print(f"build cache no-op check: ours {ours_s * 1000:.1f} ms, "
              f"cargo build --release (no-op) {cargo_s * 1000:.1f} ms, "
              f"ratio {ratio:.2f}x (target >= {TARGET} x) {verdict}")
        return 0


if __name__ == "__main__":
    sys.exit(main())
