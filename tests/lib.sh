# SPDX-License-Identifier: Apache-2.0
# Shared by the bash test scripts (sourced): a temporary folder removed on
# exit, failures counted rather than fatal so one run reports them all, and
# required tools checked (a missing tool fails the test, never skips it).

# use_tmp NAME: $TMP, a fresh folder, removed when the script exits.
use_tmp() {
	TMP=$(mktemp -d "${TMPDIR:-/tmp}/delib-$1.XXXXXX")
	trap 'rm -rf "$TMP"' EXIT
}

failures=0
fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}
pass() { echo "ok: $*"; }

# need TOOL…: each must be on PATH (installed by scripts/install-deps.sh).
need() {
	for tool in "$@"; do
		command -v "$tool" >/dev/null || { echo "FAIL: $tool is not installed (scripts/install-deps.sh)" >&2; exit 1; }
	done
}

# preflight_group LIST: Apache PDFBox Preflight (PDF/A-1b) on every PDF
# named in the file LIST (one path a line), in one Java process (each
# process costs seconds of start-up): one line per file on stdout,
# "NAME<TAB>valid" or "NAME<TAB>invalid<TAB>CODE: DETAIL; …" (NAME the
# file's base name, as Preflight reports it). Exit 1 when Preflight
# reports nothing at all.
preflight_group() {
	local jars=/usr/share/java
	local cp="$jars/preflight.jar:$jars/pdfbox2.jar:$jars/fontbox2.jar:$jars/xmpbox.jar:$jars/commons-logging.jar:$jars/javax.activation.jar:$jars/jaxb-api.jar"
	rm -f "$1.preflight.xml"
	java -cp "$cp" org.apache.pdfbox.preflight.Validator_A1b xml group "$1" >/dev/null 2>&1 || true
	python3 - "$1.preflight.xml" <<'PY'
import sys
import xml.etree.ElementTree as ET
try:
    root = ET.parse(sys.argv[1]).getroot()
except (OSError, ET.ParseError) as e:
    print("preflight: no report (%s)" % e, file=sys.stderr)
    sys.exit(1)
for p in root.iter("preflight"):
    valid = (p.findtext("isValid") or "").strip() == "true"
    errors = "; ".join("%s: %s" % ((e.findtext("code") or "").strip(), (e.findtext("details") or "").strip())
                       for e in p.iter("error"))
    print("%s\t%s%s" % (p.get("name"), "valid" if valid else "invalid", "" if valid else "\t" + errors[:800]))
PY
}
