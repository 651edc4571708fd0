#!/usr/bin/env python3
"""One wording case: renders CASE.xml and checks that the PDF's text, as
`pdftotext` reads it (default reading order), holds the exact French
sentences of CASE.txt.

    run_wording.py DELIB CASE.xml

CASE.txt, one item per line:
    a sentence          must appear in the text, exactly
    ! a sentence        must not appear
    @template NAME      render with that template (default: default, or
                        $DELIB_WORDING_TEMPLATE when set)
    @draft              render with --draft
    @diag a message     the case is invalid: `delib validate` must fail and
                        print this exact message (no PDF is made)
    # comment           ignored
The PDF's line breaks and the hyphens the engine adds at a line's end are
not the sentences' business: the text is joined into one line, and a
sentence matches when it is found with, between any two of its characters,
at most a line-end hyphen.
"""
import os
import re
import subprocess
import sys
import tempfile


def fail(msg):
    print("ÉCHEC : " + msg)
    sys.exit(1)


def read_case(path):
    want, refuse, diags, opts = [], [], [], {"template": os.environ.get("DELIB_WORDING_TEMPLATE"), "draft": False}
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            if line.startswith("@template "):
                opts["template"] = line.split(None, 1)[1].strip()
            elif line.strip() == "@draft":
                opts["draft"] = True
            elif line.startswith("@diag "):
                diags.append(line[len("@diag "):].strip())
            elif line.startswith("! "):
                refuse.append(line[2:].strip())
            else:
                want.append(line.strip())
    return want, refuse, diags, opts


def normalise(text):
    # A soft hyphen at a line end is a hyphen the engine added to cut a
    # word (tagged PDF): the word's halves are joined. Line ends become
    # spaces, form feeds too; runs of blanks one space.
    text = re.sub("\u00ad[ \t]*\n", "", text)
    text = text.replace("\f", "\n")
    return re.sub(r"[ \t\r\n]+", " ", text)


def pattern(sentence):
    # Between two characters: optionally an engine hyphen at a line end
    # ("-" then the joined line break); a space matches any run of blanks;
    # a hyphen of the sentence may be followed by a line break.
    parts = []
    for i, ch in enumerate(sentence):
        if ch == " ":
            parts.append(r"\s+")
            continue
        if ch == "-":
            parts.append(r"-\s?")
            continue
        parts.append(re.escape(ch))
        if i + 1 < len(sentence) and sentence[i + 1] not in " -":
            parts.append(r"(?:-\s)?")
    return re.compile("".join(parts))


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        sys.exit(2)
    delib, case = sys.argv[1], sys.argv[2]
    want, refuse, diags, opts = read_case(case[:-4] + ".txt")
    if diags:
        proc = subprocess.run([delib, "validate", case], capture_output=True, timeout=60)
        out = proc.stdout.decode("utf-8") + proc.stderr.decode("utf-8")
        if proc.returncode != 1:
            fail("validate : code %d, attendu 1\n%s" % (proc.returncode, out))
        for d in diags:
            if d not in out:
                fail("message absent : %r\n--- obtenu :\n%s" % (d, out))
        print("ok : %s (%d message(s))" % (os.path.basename(case), len(diags)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        pdf = os.path.join(tmp, "out.pdf")
        cmd = [delib, "render", case, "-o", pdf]
        if opts["template"]:
            cmd += ["--template", opts["template"]]
        if opts["draft"]:
            cmd.append("--draft")
        r = subprocess.run(cmd, capture_output=True, timeout=120)
        if r.returncode != 0:
            fail("render : code %d : %s" % (r.returncode, r.stderr.decode("utf-8")[:1200]))
        t = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, timeout=60)
        if t.returncode != 0:
            fail("pdftotext : code %d" % t.returncode)
        text = normalise(t.stdout.decode("utf-8"))
    missing = [s for s in want if not pattern(s).search(text)]
    present = [s for s in refuse if pattern(s).search(text)]
    if missing or present:
        for s in missing:
            print("manque  : " + s)
        for s in present:
            print("en trop : " + s)
        print("--- texte du PDF :\n" + text)
        fail("%d phrase(s) manquante(s), %d en trop" % (len(missing), len(present)))
    print("ok : %s (%d phrase(s))" % (os.path.basename(case), len(want) + len(refuse)))


if __name__ == "__main__":
    main()
