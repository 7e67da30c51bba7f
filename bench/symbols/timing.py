"""Interleaved timing of command lines, fresh processes, for the symbol benchmarks.

This machine drifts by up to 30% within seconds, so both sides are measured in the same run,
alternating, and the median of each side is compared.
"""
import statistics
import subprocess
import time


def run_once(argv, stdin_bytes=None):
    start = time.perf_counter()
    subprocess.run(argv, input=stdin_bytes, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=True)
    return time.perf_counter() - start


def run_pipeline_once(stages):
    """Runs `stages` (lists of argv) connected by pipes, like a shell pipeline, without a shell."""
    start = time.perf_counter()
    procs = []
    previous = None
    for i, argv in enumerate(stages):
        last = i == len(stages) - 1
        proc = subprocess.Popen(argv, stdin=previous,
                                stdout=subprocess.DEVNULL if last else subprocess.PIPE)
        if previous is not None:
            previous.close()
        previous = proc.stdout
        procs.append(proc)
    for proc in procs:
        proc.wait()
    return time.perf_counter() - start


def compare(sides, runs):
    """sides: {label: callable returning seconds}. Returns {label: median seconds}."""
    samples = {label: [] for label in sides}
    for _ in range(runs):
        for label, fn in sides.items():
            samples[label].append(fn())
    return {label: statistics.median(values) for label, values in samples.items()}


def line(name, ours, peer_label, peer, target):
    ratio = peer / ours
    verdict = "ok" if ratio >= target else "MISSED"
    return (f"{name}: ours {ours * 1000:.1f} ms, {peer_label} {peer * 1000:.1f} ms, "
            f"ratio {ratio:.2f}x (target >= {target} x) {verdict}")
