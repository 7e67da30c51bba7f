#!/usr/bin/env python3
"""Each `perry native` command has a page, docs/cli/<command>.md, whose "## Options" table lists
exactly the options its `--help` lists.

    cli_pages_test.py PERRY DOCS_DIR

The commands are the ones `perry native --help` lists, so a new command without a page fails.
An option is named by its long form (`--json`), or its short form when it has no long one; the
page's table names it in the first cell of a row, in backticks (`--from FILE_OR_DIR`,
`-o, --output PROGRAM`). `-h, --help` is on every command and needs no row.
"""
import pathlib
import re
import subprocess
import sys

OPTION = re.compile(r"(?<![\w-])(--?[A-Za-z][\w-]*)")


def help_text(perry, *words):
    done = subprocess.run([perry, "native", *words, "--help"], capture_output=True, text=True,
                          timeout=60)
    if done.returncode != 0:
        sys.exit(f"`perry native {' '.join(words)} --help` exited {done.returncode}")
    return done.stdout


def section(text, title):
    """The lines of a CLI11 help section (`Options:`, `Subcommands:`)."""
    lines, inside = [], False
    for line in text.splitlines():
        if not line.startswith(" "):
            inside = line.strip() == title
            continue
        if inside and line.strip():
            lines.append(line)
    return lines


def name_of(names):
    """The long name of an option when it has one, else its short name."""
    longs = [n for n in names if n.startswith("--")]
    return longs[0] if longs else names[0]


def help_options(text):
    options = set()
    for line in section(text, "Options:"):
        head = line.strip()
        if not head.startswith("-"):
            continue  # a wrapped description line
        spec = re.split(r"\s{2,}", head)[0]
        names = OPTION.findall(spec.split(" ")[0])
        options.add(name_of(names))
    options.discard("--help")
    return options


def page_options(page):
    options, inside = set(), False
    for line in page.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            inside = line.strip() == "## Options"
            continue
        if inside and line.startswith("| `-"):
            first_cell = line.split("|")[1]
            options.add(name_of(OPTION.findall(first_cell)))
    return options


def main():
    perry, docs = sys.argv[1], pathlib.Path(sys.argv[2])
    commands = [line.split()[0] for line in section(help_text(perry), "Subcommands:")]
    if not commands:
        sys.exit("`perry native --help` lists no commands")
    failures = []
    for command in commands:
        page = docs / "cli" / f"{command}.md"
        if not page.is_file():
            failures.append(f"{command}: no page {page}")
            continue
        listed, documented = help_options(help_text(perry, command)), page_options(page)
        for option in sorted(listed - documented):
            failures.append(f"{page}: `{option}` is in --help but not in the ## Options table")
        for option in sorted(documented - listed):
            failures.append(f"{page}: `{option}` is in the ## Options table but not in --help")
        print(f"{command}: {len(listed)} options, page agrees" if not (listed ^ documented)
              else f"{command}: page and --help differ")
    for failure in failures:
        print("FAIL: " + failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
