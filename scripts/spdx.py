#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Every source file of the repository carries an SPDX licence line.

    spdx.py [--check] [ROOT]

Without --check, adds the line where it is missing, in each language's
comment syntax, after a shebang; in XML files (templates, schemas, the
preview page) at the end of the first line, so that no line number a
diagnostic cites moves. With --check, lists the files without it and exits
1 if there are any. Data (test corpora, fuzz seeds, fonts, lock files) and
prose (Markdown) are not source files, nor the broken templates of
tests/templates/cases/ and the hostile ones of tests/hostile/templates/,
whose expected diagnostics name their lines.
"""
import os
import subprocess
import sys

TAG = "SPDX-License-Identifier: Apache-2.0"
SKIP_PREFIXES = ("tests/corpus/", "tests/fuzz/seeds/", "tests/fuzz/requests/", "tests/templates/cases/",
                 "tests/hostile/templates/", "fonts/",
                 "samples/")
SKIP_SUFFIXES = (".md", ".json", ".txt", ".diag", ".dump", ".pdf", ".png", ".jpg", ".icc", ".dict", ".xml",
                 ".gitignore")
HASH = (".sh", ".py", ".cmake", ".in", ".service", ".yml", ".yaml", ".conf", ".overrides")
HASH_NAMES = ("CMakeLists.txt", "Dockerfile", "run", "delib", "debian-triggers")
SLASH = (".js", ".mjs")
XMLISH = (".xsl", ".xsd", ".html")
ROFF = (".1", ".3", ".5")


def comment_for(path):
    name = os.path.basename(path)
    if path.endswith((".c", ".h")):
        return "/* %s */" % TAG
    if path.endswith(".lua"):
        return "-- %s" % TAG
    if path.endswith(SLASH):
        return "// %s" % TAG
    if path.endswith(ROFF):
        return '.\\" %s' % TAG
    if path.endswith(XMLISH):
        return "<!-- %s -->" % TAG
    if path.endswith(HASH) or name in HASH_NAMES or name == "CMakeLists.txt":
        return "# %s" % TAG
    return None


def is_source(path):
    if path.startswith(SKIP_PREFIXES) or os.path.basename(path) in ("LICENSE", "NOTICE", "CHANGELOG.md"):
        return False
    if path.endswith(SKIP_SUFFIXES) and not path.endswith("CMakeLists.txt"):
        return False
    return comment_for(path) is not None


def has_tag(text):
    return TAG in "\n".join(text.split("\n")[:4])


def add_tag(path, text):
    line = comment_for(path)
    lines = text.split("\n")
    if path.endswith(XMLISH) and lines[0].startswith(("<?xml", "<!DOCTYPE", "<!doctype")) and lines[0].endswith(">"):
        lines[0] = lines[0] + line  # same line: template and schema lines stay put
    elif lines and lines[0].startswith("#!"):
        lines.insert(1, line)
    else:
        lines.insert(0, line)
    return "\n".join(lines)


def tracked_files(root):
    """git's list of the tree, or, in a copy without git (an archive), every
    file but the build folders and installed node modules."""
    try:
        return subprocess.run(["git", "-C", root, "ls-files"], capture_output=True, text=True,
                              check=True).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        pass
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(("build", ".")) and d != "node_modules")
        out += [os.path.relpath(os.path.join(dirpath, f), root) for f in sorted(filenames)]
    return out


def main():
    args = [a for a in sys.argv[1:] if a != "--check"]
    check = "--check" in sys.argv[1:]
    root = args[0] if args else os.path.join(os.path.dirname(__file__), "..")
    files = tracked_files(root)
    missing = []
    for rel in files:
        if not is_source(rel):
            continue
        path = os.path.join(root, rel)
        try:
            text = open(path, encoding="utf-8").read()
        except (OSError, UnicodeDecodeError):
            continue
        if has_tag(text):
            continue
        missing.append(rel)
        if not check:
            open(path, "w", encoding="utf-8").write(add_tag(rel, text))
    if check:
        for rel in missing:
            print("%s : pas de ligne « %s »" % (rel, TAG))
        return 1 if missing else 0
    print("%d fichiers complétés" % len(missing))
    return 0


if __name__ == "__main__":
    sys.exit(main())
