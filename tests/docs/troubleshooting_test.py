#!/usr/bin/env python3
"""Every diagnostic the tools can print is on docs/troubleshooting.md.

    troubleshooting_test.py SOURCE_ROOT [--list]

The rule: in the C++ sources of resolver/src, linker/src, linker/run-host/src and cli (.cpp and
.h), every call of a function that makes or prints a diagnostic -- `make_diagnostic`,
`print_error`, `print_warning`, `error`, `warning`, `fail` (also as `checker.error(`) -- is a
message, and so is every assignment to a variable or out-parameter named `error` or `why`
(`*error = ...;`: how a message made for a caller to print arrives, the run host's call-line
errors among them). Its template's stable part
is the longest string literal in the call's arguments (after C escapes are undone; at least
MIN_LENGTH characters); the page must contain that text verbatim (runs of white space, line
breaks included, count as one space, so the page may wrap a message). A literal is a piece of the message
or of its fix exactly as printed, so the check cannot be met by paraphrase. Calls with no such
literal are not messages of their own: definitions and declarations of those functions, and calls
that pass on a message made elsewhere (which is checked where it is made). --list prints every
extracted fragment with its file and line, to write the page from.
"""
import pathlib
import re
import sys

DIRECTORIES = ("resolver/src", "linker/src", "linker/run-host/src", "cli")
CALL = re.compile(r"(?<![\w])(make_diagnostic|print_error|print_warning|error|warning|fail)\(")
# Messages made for a caller to print arrive through an out-parameter or a local: `*error = ...;`.
ASSIGNMENT = re.compile(r"(?<![\w.>])\*?(error|why) = (?!=)")
LITERAL = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
MIN_LENGTH = 8


def arguments(text, open_paren):
    """The text between the call's parentheses (string literals kept whole)."""
    depth, i = 0, open_paren
    while i < len(text):
        c = text[i]
        if c == '"':
            m = LITERAL.match(text, i)
            i = m.end() if m else i + 1
            continue
        if c == "'":
            i = text.index("'", i + 2) + 1 if text[i + 1] == "\\" else i + 3
            continue
        depth += (c == "(") - (c == ")")
        if depth == 0:
            return text[open_paren + 1:i]
        i += 1
    return text[open_paren + 1:]


def unescape(literal):
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m[1], m[1]), literal)


def fragments(root):
    for directory in DIRECTORIES:
        for path in sorted((root / directory).rglob("*")):
            if path.suffix not in (".cpp", ".h"):
                continue
            text = path.read_text(encoding="utf-8")
            # Comments may hold example calls; they are not code.
            code = re.sub(r"//[^\n]*", lambda m: " " * len(m[0]), text)
            starts = [(m.start(), arguments(code, m.end() - 1)) for m in CALL.finditer(code)]
            starts += [(m.start(), code[m.end():code.index(";", m.end())])
                       for m in ASSIGNMENT.finditer(code)]
            for start, text in sorted(starts):
                pieces = [unescape(literal[1]).strip() for literal in LITERAL.finditer(text)]
                longest = max(pieces, key=len, default="")
                if len(longest) >= MIN_LENGTH:
                    line = code.count("\n", 0, start) + 1
                    yield f"{path.relative_to(root)}:{line}", longest


def main():
    root = pathlib.Path(sys.argv[1])
    found = list(fragments(root))
    if "--list" in sys.argv:
        for where, piece in found:
            print(f"{where}\t{piece}")
        return 0
    page = " ".join((root / "docs" / "troubleshooting.md").read_text(encoding="utf-8").split())
    missing = [(where, piece) for where, piece in found if " ".join(piece.split()) not in page]
    for where, piece in missing:
        print(f"FAIL: {where}: {piece!r} is not on docs/troubleshooting.md")
    print(f"{len(found)} message fragments, {len(found) - len(missing)} on the page")
    if len(found) < 50:
        print("FAIL: fewer than 50 messages found: the extraction rule no longer matches the code")
        return 1
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
