#!/usr/bin/env python3
"""A second `perry native run --call` with unchanged inputs against what it stands for: the bare
compiler-driver link of the same host (the exact command perry ran, read from the cache's
link-command.txt) plus the host program's own run of the same call. Both sides measured in the
same run, interleaved, fresh processes each; the ratio is perry's median over the sum of the
peer's medians (target <= 1.3x).

    bench/cli-run/run.py BUILD_DIR [ROUNDS]
BUILD_DIR holds cli/perry (and the runtime it finds beside it).
"""
import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "tests/e2e/every-type"
CALL = "js_every_double_number(21)"


def timed(argv, **kwargs):
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kwargs)
    return time.perf_counter() - start


def main():
    build = pathlib.Path(sys.argv[1]).resolve()
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 15
    perry = build / "cli/perry"
    with tempfile.TemporaryDirectory() as scratch:
        env = dict(os.environ, PERRY_CACHE_DIR=os.path.join(scratch, "cache"))
        run = [str(perry), "native", "run", str(PACKAGE), "--call", CALL]
        subprocess.run(run, check=True, env=env, capture_output=True)  # builds and links once
        hosts = pathlib.Path(scratch, "cache/hosts")
        (host_dir,) = [d for d in hosts.iterdir() if d.is_dir()]
        link = (host_dir / "link-command.txt").read_text().splitlines()
        relinked = os.path.join(scratch, "relinked-host")
        link[link.index("-o") + 1] = relinked
        ours, bare_link, program = [], [], []
        for _ in range(rounds):
            ours.append(timed(run, env=env))
            bare_link.append(timed(link))
            program.append(timed([relinked, "--call", CALL]))
        o, l, p = (statistics.median(x) * 1000 for x in (ours, bare_link, program))
        ratio = o / (l + p)
        print(f"second perry native run --call: ours {o:.1f} ms, bare link {l:.1f} ms + "
              f"program {p:.1f} ms = {l + p:.1f} ms, ratio {ratio:.2f}x (target <= 1.3 x)")


if __name__ == "__main__":
    main()
