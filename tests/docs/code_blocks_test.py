#!/usr/bin/env python3
"""Every C and C++ program in the docs compiles against this tree's headers.

    code_blocks_test.py DOCS_DIR CC CXX INCLUDE_DIR...

Every fenced block tagged ```c or ```cpp in DOCS_DIR (recursively, *.md) is one translation unit,
compiled with `-fsyntax-only -Wall -Werror` (C11 or C++17) and `-I` each INCLUDE_DIR. A block that
is a fragment (a few lines out of a function, a declaration that needs its context) says so on its
first line with a comment holding `fragment` (`// fragment: ...` or `/* fragment ... */`) and is
skipped; the test prints how many it skipped, so a page that marks everything shows.
"""
import pathlib
import re
import subprocess
import sys
import tempfile

FENCE = re.compile(r"^```(c|cpp)\s*$")


def blocks(page):
    lines = page.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if m:
            end = next(j for j in range(i + 1, len(lines)) if lines[j].startswith("```"))
            yield i + 1, m[1], lines[i + 1:end]
            i = end
        i += 1


def main():
    docs, cc, cxx = pathlib.Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    includes = [f"-I{d}" for d in sys.argv[4:]]
    compiled, skipped, failures = 0, 0, []
    with tempfile.TemporaryDirectory(prefix="perry-doc-code-") as scratch:
        for page in sorted(docs.rglob("*.md")):
            for line, language, body in blocks(page):
                if body and re.match(r"\s*(//|/\*).*\bfragment\b", body[0]):
                    skipped += 1
                    continue
                source = pathlib.Path(scratch) / f"block.{language}"
                source.write_text("\n".join(body) + "\n", encoding="utf-8")
                argv = ([cc, "-std=c11"] if language == "c" else [cxx, "-std=c++17"]) + [
                    "-fsyntax-only", "-Wall", "-Werror", *includes, str(source)]
                done = subprocess.run(argv, capture_output=True, text=True, timeout=120)
                compiled += 1
                if done.returncode != 0:
                    failures.append(f"{page}:{line}: the ```{language} block does not compile:\n"
                                    + done.stderr)
    for failure in failures:
        print("FAIL: " + failure)
    print(f"{compiled} blocks compiled, {len(failures)} failed, {skipped} fragments skipped")
    return 1 if failures or compiled == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
