#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The wording corpus through a template made only of a template.xml
(templates/val-fleuri, issue 15): every case that names no template of its
own and is not an invalid case renders with it, and its PDF holds its exact
sentences and none it must not (run_wording.py's reading, in one process:
a Python start per case cost more than the renders).

    identity.py DELIB SOURCE_DIR
"""
import glob
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run_wording import normalise, pattern, read_case  # noqa: E402

TEMPLATE = "val-fleuri"


def check(delib, case, tmp):
    """None when the case passes, else what went wrong."""
    want, refuse, diags, opts = read_case(case[:-4] + ".txt")
    if diags or opts["template"]:
        return "skip"
    pdf = os.path.join(tmp, "out.pdf")
    cmd = [delib, "render", case, "-o", pdf, "--force", "--template", TEMPLATE] + (["--draft"] if opts["draft"] else [])
    r = subprocess.run(cmd, capture_output=True, timeout=120)
    if r.returncode != 0:
        return "render : code %d : %s" % (r.returncode, r.stderr.decode("utf-8")[:600])
    text = normalise(subprocess.run(["pdftotext", pdf, "-"], capture_output=True, timeout=60).stdout.decode("utf-8"))
    missing = [s for s in want if not pattern(s).search(text)]
    present = [s for s in refuse if pattern(s).search(text)]
    if missing or present:
        return "manque : %s ; en trop : %s" % (missing, present)
    return None


def main():
    delib, src = sys.argv[1], sys.argv[2]
    os.environ.pop("DELIB_WORDING_TEMPLATE", None)
    n, failed = 0, 0
    with tempfile.TemporaryDirectory() as tmp:
        for case in sorted(glob.glob(os.path.join(src, "tests/corpus/wording/*.xml"))):
            why = check(delib, case, tmp)
            if why == "skip":
                continue
            n += 1
            if why:
                failed += 1
                print("ÉCHEC : %s : %s" % (os.path.basename(case), why))
    if n < 50:
        print("ÉCHEC : seulement %d cas" % n)
        sys.exit(1)
    if failed:
        print("ÉCHEC : %d cas sur %d" % (failed, n))
        sys.exit(1)
    print("ok : %d cas du corpus des formulations avec %s" % (n, TEMPLATE))


if __name__ == "__main__":
    main()
