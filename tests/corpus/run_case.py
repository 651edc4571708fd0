#!/usr/bin/env python3
"""One corpus case: compares `delib validate --format json CASE.xml` with
CASE.diag.

    run_case.py DELIB CASE.xml [--render]

CASE.diag holds the expected diagnostics, one "LINE:ID" per line; the
comparison is exact (the same multiset: nothing missing, nothing more). The
exit status must be 1 when an error is expected, 0 otherwise, and the JSON
must be well-formed with every field. Every message must be French text on
one line. With --render (the valid cases) the case must also render: exit 0
and a PDF that starts with %PDF-.
"""
import json
import os
import subprocess
import sys
import tempfile


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        sys.exit(2)
    delib, case = sys.argv[1], sys.argv[2]
    render = "--render" in sys.argv[3:]
    diag_path = case[:-4] + ".diag"
    expected = []
    if os.path.exists(diag_path):
        with open(diag_path) as f:
            expected = sorted(l.strip() for l in f if l.strip())
    proc = subprocess.run([delib, "validate", "--format", "json", case], capture_output=True, timeout=60)
    try:
        diags = json.loads(proc.stdout.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as e:
        fail("JSON illisible (%s): %r" % (e, proc.stdout[:400]))
    for d in diags:
        for key in ("file", "line", "column", "severity", "id", "message"):
            if key not in d:
                fail("champ %s manquant dans %r" % (key, d))
        if "\n" in d["message"] or not d["message"]:
            fail("message vide ou sur plusieurs lignes: %r" % d["message"])
    got = sorted("%d:%s" % (d["line"], d["id"]) for d in diags)
    if got != expected:
        print("attendu : %s" % expected)
        print("obtenu  : %s" % got)
        for d in diags:
            print("  %s:%d:%d: %s: %s [%s]" % (d["file"], d["line"], d["column"], d["severity"], d["message"], d["id"]))
        fail("diagnostics différents")
    want_rc = 1 if any(d["severity"] == "error" for d in diags) else 0
    if proc.returncode != want_rc:
        fail("code de retour %d, attendu %d (stderr: %s)" % (proc.returncode, want_rc, proc.stderr.decode()[:400]))
    if render:
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "out.pdf")
            r = subprocess.run([delib, "render", case, "-o", out], capture_output=True, timeout=120)
            if r.returncode != 0:
                fail("render: code %d: %s" % (r.returncode, r.stderr.decode()[:800]))
            with open(out, "rb") as f:
                if f.read(5) != b"%PDF-":
                    fail("render: pas un PDF")
    print("ok: %s (%d diagnostic(s))" % (os.path.basename(case), len(diags)))


if __name__ == "__main__":
    main()
