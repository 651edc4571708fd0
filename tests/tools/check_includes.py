#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Checks the include graph of src/ against the layers of docs/architecture.md.

A file may include a header of its own folder or of a layer its folder may
use (LAYERS below); src/cli/ sees include/ and only the headers of base/
listed in CLI_BASE_API; only src/pdf/ may include libharu's headers; no
circle of files runs between folders, and inside a folder the only circle
allowed is the real recursion named in ALLOWED_CIRCLES. The CMake USES lists
of src/<layer>/CMakeLists.txt (what the compiler enforces through include
paths) must stay within the same table.

Usage: check_includes.py [ROOT]   (ROOT: the source tree, default: ..)
Prints one line per violation, "file:line: message", and exits 1 if any.
"""
import os
import re
import sys

# Each layer and the layers below it that it may use. The order is the
# pipeline's: base < xml < rules < transform, base < font < page < layout|pdf.
LAYERS = {
    "base": set(),
    "xml": {"base"},
    "rules": {"base", "xml"},
    "transform": {"base", "xml", "rules"},
    "font": {"base"},
    "page": {"base", "font"},
    "layout": {"base", "font", "page"},
    "pdf": {"base", "font", "page"},
}
# src/delib.c, the pipeline, sees every layer.
PIPELINE = set(LAYERS)
# The small internal API the CLI shares with the library.
CLI_BASE_API = {"sys.h", "hash.h"}
# Circles of files allowed inside one folder: a table cell holds blocks.
ALLOWED_CIRCLES = [{"src/layout/layout_block", "src/layout/layout_table"}]
PDF_LIBRARY = re.compile(r"hpdf[a-z_]*\.h$")
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')


def folder_of(rel):
    parts = rel.split("/")
    if parts[0] == "include":
        return "include"
    if len(parts) == 2:
        return "pipeline"  # src/delib.c
    return parts[1]


def visible_folders(folder):
    """The folders whose headers a file of `folder` may include."""
    if folder == "pipeline":
        return ["src"] + ["src/" + l for l in sorted(PIPELINE)] + ["include"]
    if folder == "cli":
        return ["src/cli", "include", "src/base"]
    if folder == "include":
        return ["include"]
    return ["src/" + folder] + ["src/" + l for l in sorted(LAYERS[folder])] + ["include"]


def source_files(root):
    for top in ("src", "include"):
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames.sort()
            for name in sorted(filenames):
                if name.endswith((".c", ".h")):
                    yield os.path.relpath(os.path.join(dirpath, name), root)


def owner_of(root, header, own_dir):
    """Where a quoted include resolves: the own folder first, then any."""
    if os.path.exists(os.path.join(root, own_dir, header)):
        return own_dir
    found = [d for d in ["include"] + ["src/" + l for l in LAYERS] + ["src", "src/cli"]
             if os.path.exists(os.path.join(root, d, header))]
    return found[0] if found else None


def check_file(root, rel, errors, edges):
    folder = folder_of(rel)
    own_dir = os.path.dirname(rel)
    allowed = visible_folders(folder)
    with open(os.path.join(root, rel), encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            m = INCLUDE.match(line)
            if not m:
                continue
            kind, header = m.groups()
            where = f"{rel}:{lineno}"
            if kind == "<":
                if PDF_LIBRARY.search(header) and folder != "pdf":
                    errors.append(f"{where}: <{header}> hors de src/pdf/ (seul le dossier PDF parle à libharu)")
                continue
            owner = owner_of(root, header, own_dir)
            if owner is None:
                errors.append(f'{where}: "{header}" introuvable dans src/ ni include/')
                continue
            if owner not in allowed:
                errors.append(f'{where}: "{header}" appartient à {owner}/, que {own_dir}/ ne peut pas inclure')
                continue
            if folder == "cli" and owner == "src/base" and header not in CLI_BASE_API:
                errors.append(f'{where}: "{header}" est interne à src/base/ ; la CLI n\'en voit que '
                              + ", ".join(sorted(CLI_BASE_API)))
                continue
            edges.setdefault(unit_of(rel), set()).add(unit_of(os.path.join(owner, header)))


def unit_of(rel):
    """A .c and its .h are one unit of the graph."""
    return os.path.splitext(os.path.normpath(rel))[0]


def circles(edges):
    """Strongly connected components of more than one unit (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = set()
            while True:
                w = stack.pop()
                on.discard(w)
                comp.add(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(comp)

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def check_circles(edges, errors):
    for comp in circles(edges):
        if comp in ALLOWED_CIRCLES:
            continue
        folders = {os.path.dirname(u) for u in comp}
        what = "entre dossiers" if len(folders) > 1 else "dans " + folders.pop() + "/"
        errors.append(f"cercle d'inclusions {what} : " + " -> ".join(sorted(comp)))


def check_cmake(root, errors):
    for layer, below in LAYERS.items():
        rel = f"src/{layer}/CMakeLists.txt"
        try:
            text = open(os.path.join(root, rel), encoding="utf-8").read()
        except OSError:
            errors.append(f"{rel}: absent (chaque couche se construit dans son dossier)")
            continue
        m = re.search(r"USES\s+([^)]*)\)", text)
        uses = set(m.group(1).split()) if m else set()
        for extra in sorted(uses - below):
            errors.append(f"{rel}: la couche {layer} ne peut pas utiliser {extra} (voir docs/architecture.md)")


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..")
    errors, edges = [], {}
    files = list(source_files(root))
    for rel in files:
        check_file(root, rel, errors, edges)
    check_circles(edges, errors)
    check_cmake(root, errors)
    for e in errors:
        print(e)
    if not errors:
        print(f"graphe des inclusions conforme : {len(files)} fichiers, "
              f"{sum(len(v) for v in edges.values())} inclusions internes")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
