#!/usr/bin/env python3
"""Follows an authoring guide (docs/guide/*.md) in a temporary directory, as a reader would.

    guide_test.py GUIDE PREFIX

PREFIX is an installed perry (PREFIX/bin/perry, its headers and runtime), put first on PATH; the
guide's commands see it as $PERRY_PREFIX. What the test takes from the guide, in order:
- every line of a ```sh block is one command (`#` starts a comment). It is split into words as a
  POSIX shell would (shlex) and run as an argv vector, never through a shell; `$NAME` in a word is
  the environment's. `cd DIR` changes the directory the next commands run in. A command that exits
  non-zero, or runs longer than 300 s, fails the test.
- a fenced block right after a `<!-- file: PATH -->` line is written to PATH (from the current
  directory) before the next command runs: the guide shows the whole file. After
  `<!-- append: PATH -->` the block is added at the end of PATH, after an empty line.
- a fenced block right after `<!-- stdout -->` holds lines the previous command's standard output
  must contain, each on a line of its own.
The cache (PERRY_CACHE_DIR) is a fresh directory and Cargo is offline (CARGO_NET_OFFLINE=true).
"""
import os
import pathlib
import re
import shlex
import subprocess
import sys
import tempfile

FENCE = re.compile(r"^```(\w*)\s*$")
MARK = re.compile(r"^<!-- ((?P<how>file|append): (?P<path>\S+)|stdout) -->$")


def steps(text):
    """(kind, info, body) in the guide's order: ("sh", None, lines), ("file" or "append", path,
    lines), ("stdout", None, lines)."""
    lines, result, mark, i = text.splitlines(), [], None, 0
    while i < len(lines):
        line = lines[i]
        m = MARK.match(line.strip())
        if m:
            mark = (m["how"], m["path"]) if m["path"] else ("stdout", None)
            i += 1
            continue
        fence = FENCE.match(line)
        if fence:
            end = next(j for j in range(i + 1, len(lines)) if lines[j].startswith("```"))
            body = lines[i + 1:end]
            if mark:
                result.append((mark[0], mark[1], body))
            elif fence[1] == "sh":
                result.append(("sh", None, body))
            mark, i = None, end + 1
            continue
        if line.strip():
            mark = None  # a marker names the block right after it, nothing further
        i += 1
    return result


def expand(word, env):
    """`$NAME` and `${NAME}` replaced by the commands' environment (unknown names are kept)."""
    return re.sub(r"\$(?:(\w+)|\{(\w+)\})",
                  lambda m: env.get(m[1] or m[2], m[0]), word)


def main():
    guide, prefix = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]).resolve()
    with tempfile.TemporaryDirectory(prefix="perry-guide-") as scratch:
        cwd = pathlib.Path(scratch) / "work"
        cwd.mkdir()
        env = dict(os.environ, PATH=f"{prefix / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}",
                   PERRY_PREFIX=str(prefix), PERRY_CACHE_DIR=str(pathlib.Path(scratch) / "cache"),
                   CARGO_NET_OFFLINE="true")
        last_stdout, count = "", 0
        for kind, info, body in steps(guide.read_text(encoding="utf-8")):
            if kind in ("file", "append"):
                target = cwd / info
                target.parent.mkdir(parents=True, exist_ok=True)
                with open(target, "w" if kind == "file" else "a", encoding="utf-8") as out:
                    out.write("\n" * (kind == "append") + "\n".join(body) + "\n")
                print(f"{'wrote' if kind == 'file' else 'appended to'} {info}")
                continue
            if kind == "stdout":
                have = last_stdout.splitlines()
                missing = [line for line in body if line not in have]
                if missing:
                    print(f"FAIL: the output lacks {missing!r}; it was:\n{last_stdout}")
                    return 1
                continue
            for line in body:
                words = [expand(w, env) for w in shlex.split(line, comments=True)]
                if not words:
                    continue
                count += 1
                print(f"$ {line}", flush=True)
                if words[0] == "cd":
                    cwd = (cwd / words[1]).resolve()
                    continue
                try:
                    done = subprocess.run(words, cwd=cwd, env=env, capture_output=True,
                                          text=True, timeout=300)
                except (OSError, subprocess.TimeoutExpired) as e:
                    print(f"FAIL: {e}")
                    return 1
                last_stdout = done.stdout
                sys.stdout.write(done.stdout + done.stderr)
                if done.returncode != 0:
                    print(f"FAIL: exit code {done.returncode}")
                    return 1
        if count == 0:
            print(f"FAIL: {guide} has no commands")
            return 1
        print(f"{guide.name}: {count} commands ran")
    return 0


if __name__ == "__main__":
    sys.exit(main())
