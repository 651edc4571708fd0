#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Issue 14, items 2 and 3: templates' images through libpng/libjpeg and the
# PDF/A-1b self-check. A copy of the communautaire template draws each test
# image (tests/tools/make_test_images.py) as its logo:
# - broken or refused ones (truncated PNG, PNG cut after its header, a
#   30000 x 30000 declaration, a truncated JPEG, a CMYK JPEG) give their id
#   at the template's line, naming the image's path, a non-zero exit, no
#   file, no temporary left; the huge one within 5 s and 200 MB;
# - good ones (RGBA, grey+alpha, palette+tRNS, 16-bit RGB and RGBA,
#   interlaced RGBA, RGB and grey JPEG) render, pass Preflight, embed no soft
#   mask, and page 1 rendered by pdftoppm shows each quadrant of the logo in
#   its colour flattened onto white (tolerance 4 per channel);
# - an emoji in <objet>: Preflight-valid, Info /Title = XMP dc:title, the
#   emoji in both; a 40,000-character <objet>: pdf.conformance, no file.
# Usage: images.sh DELIB SRC
set -euo pipefail
DELIB=$(realpath "$1")
SRC=$(cd "$2" && pwd)
. "$SRC/tests/lib.sh"
need python3 pdftoppm qpdf java
use_tmp images
sample="$SRC/samples/2023-03-16-07.xml"

python3 "$SRC/tests/tools/make_test_images.py" "$TMP"
data="$TMP/data"
tpl="$data/templates/communautaire"
mkdir -p "$tpl"
ln -s "$SRC/schema" "$data/schema"
ln -s "$SRC/fonts" "$data/fonts"
ln -s "$SRC/templates/default" "$data/templates/default"
for f in deliberation.xsl liste.xsl template.xml; do ln -s "$SRC/templates/communautaire/$f" "$tpl/$f"; done
export DELIB_DATADIR="$data"

# An RGB and a grey JPEG of a 4-colour square (pdftoppm from a one-page
# PDF: 80 x 80 pixels, quadrant edges on JPEG block edges), and a truncated
# one.
python3 - "$TMP" <<'EOF'
import sys, struct, zlib
# A one-page PDF holding a 4-colour square, for pdftoppm to make JPEGs of.
d = sys.argv[1]
content = b"1 0 0 rg 0 20 20 20 re f 0 0 1 rg 20 20 20 20 re f 1 1 1 rg 0 0 20 20 re f 0 0.63 0 rg 20 0 20 20 re f"
objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 40 40] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"]
out = bytearray(b"%PDF-1.4\n")
offs = []
for i, o in enumerate(objs, 1):
    offs.append(len(out))
    out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
xref = len(out)
out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
for o in offs:
    out += b"%010d 00000 n \n" % o
out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
open(d + "/square.pdf", "wb").write(out)
EOF
pdftoppm -r 144 -jpeg -singlefile "$TMP/square.pdf" "$TMP/rgb"
pdftoppm -r 144 -jpeg -gray -singlefile "$TMP/square.pdf" "$TMP/grey"
mv "$TMP/rgb.jpg" "$TMP/rgb_jpeg.png"  # a JPEG named .png: recognised by its bytes
head -c "$(($(stat -c %s "$TMP/rgb_jpeg.png") / 2))" "$TMP/rgb_jpeg.png" >"$TMP/truncated.jpg"

# The PDFs to check with Preflight, all at once at the end (preflight_group).
: >"$TMP/preflight.list"

# refuse IMAGE ID: rendering with IMAGE as the logo fails with ID, located
# at the template line that draws the image, naming the image's path;
# nothing written.
image_line=$(grep -n '<image' "$SRC/templates/communautaire/deliberation.xsl" | head -1 | cut -d: -f1)
refuse() {
	local img=$1 id=$2 rc=0 out
	cp "$TMP/$img" "$tpl/logo.png"
	rm -f "$TMP/out.pdf"
	out=$(/usr/bin/time -f "%e %M" -o "$TMP/time.txt" "$DELIB" render "$sample" --template communautaire -o "$TMP/out.pdf" 2>&1) || rc=$?
	[ "$rc" != 0 ] || { fail "$img: exit 0"; return; }
	[ "$rc" -lt 128 ] || { fail "$img: killed by signal $((rc - 128)): $out"; return; }
	grep -qF "[$id]" <<<"$out" || { fail "$img: no [$id] in: $out"; return; }
	grep -qF "$tpl/logo.png" <<<"$out" || { fail "$img: the image's path is not named: $out"; return; }
	grep -qF "$tpl/deliberation.xsl:$image_line:" <<<"$out" ||
		{ fail "$img: not located at the template line $image_line: $out"; return; }
	[ ! -e "$TMP/out.pdf" ] || { fail "$img: a PDF was written"; return; }
	! ls -a "$TMP" | grep -q '^\.out\.pdf\.' || { fail "$img: temporary file left behind"; return; }
	pass "$img: exit $rc, [$id] ($(tail -1 "$TMP/time.txt" | cut -d' ' -f1) s, $(tail -1 "$TMP/time.txt" | cut -d' ' -f2) KB)"
}

# accept IMAGE COLOURS…: rendered, no soft mask, and the four quadrants of
# the logo as expected on page 1; Preflight-valid (checked at the end).
accept() {
	local img=$1 rc=0 out
	shift
	cp "$TMP/$img" "$tpl/logo.png"
	out=$("$DELIB" render "$sample" --template communautaire -o "$TMP/$img.pdf" --dump-layout "$TMP/$img.dump" 2>&1) ||
		rc=$?
	[ "$rc" = 0 ] || { fail "$img: exit $rc: $out"; return; }
	echo "$TMP/$img.pdf" >>"$TMP/preflight.list"
	qpdf --qdf --object-streams=disable "$TMP/$img.pdf" "$TMP/$img.qdf"
	! grep -aq "/SMask" "$TMP/$img.qdf" || { fail "$img: soft mask embedded"; return; }
	python3 - "$TMP/$img.pdf" "$TMP/$img.dump" "$@" <<'EOF' || { fail "$img: pixels differ"; return; }
import re, subprocess, sys
pdf, dump, expected = sys.argv[1], sys.argv[2], [tuple(map(int, c.split(","))) for c in sys.argv[3:]]
text = open(dump, encoding="utf-8").read()
page1 = text.split("page 2")[0] if "page 2" in text else text
m = re.search(r"image x=([\d.]+) y=([\d.]+) w=([\d.]+) h=([\d.]+)", page1)
x, y, w, h = (float(v) * 2 for v in m.groups())  # 144 dpi: 2 pixels a point
ppm = subprocess.run(["pdftoppm", "-r", "144", "-f", "1", "-l", "1", "-singlefile", pdf],
                     check=True, capture_output=True).stdout
parts = ppm.split(maxsplit=4)
width = int(parts[1])
pixels = parts[4]
bad = []
for q, want in enumerate(expected):
    cx, cy = int(x + w * (0.25 + 0.5 * (q % 2))), int(y + h * (0.25 + 0.5 * (q // 2)))
    for dx in range(-4, 5):
        for dy in range(-4, 5):
            i = 3 * ((cy + dy) * width + cx + dx)
            got = tuple(pixels[i:i + 3])
            if any(abs(a - b) > 4 for a, b in zip(got, want)):
                bad.append((q, got, want))
                break
if bad:
    print("quadrant, got, expected:", bad[:4], file=sys.stderr)
    sys.exit(1)
EOF
	pass "$img: rendered, no soft mask, pixels as expected"
}

refuse truncated.png image.corrupt
refuse header_only.png image.corrupt
refuse huge.png image.limit
t=$(tail -1 "$TMP/time.txt" | cut -d' ' -f1)
kb=$(tail -1 "$TMP/time.txt" | cut -d' ' -f2)
python3 -c "import sys; sys.exit(0 if float('$t') < 5 and int('$kb') < 200000 else 1)" ||
	fail "huge.png: $t s, $kb KB (at most 5 s and 200 MB)"
refuse truncated.jpg image.corrupt
refuse cmyk.jpg image.format

while read -r name colours; do
	# shellcheck disable=SC2086
	accept "$name" $colours
done <"$TMP/expected.txt"
accept rgb_jpeg.png 255,0,0 0,0,255 255,255,255 0,161,0
accept grey.jpg 76,76,76 29,29,29 255,255,255 94,94,94

# An emoji (beyond the BMP) in <objet>: the same title in Info and XMP.
cp "$SRC/templates/communautaire/logo.png" "$tpl/logo.png"
sed 's|<objet>|<objet>Fête 🎉 |' "$SRC/samples/2021-10-14-22.xml" >"$TMP/emoji.xml"
grep -q "🎉" "$TMP/emoji.xml" || fail "emoji: test file not built"
rc=0
"$DELIB" render "$TMP/emoji.xml" -o "$TMP/emoji.pdf" >"$TMP/emoji.txt" 2>&1 || rc=$?
if [ "$rc" != 0 ]; then
	fail "emoji: exit $rc: $(cat "$TMP/emoji.txt")"
else
	echo "$TMP/emoji.pdf" >>"$TMP/preflight.list"
	qpdf --qdf --object-streams=disable "$TMP/emoji.pdf" "$TMP/emoji.qdf"
	python3 - "$TMP/emoji.qdf" <<'EOF' || fail "emoji: Info and XMP differ"
import re, sys, html
data = open(sys.argv[1], "rb").read()
info = re.search(rb"/Title <([0-9A-Fa-f]+)>", data)
xmp = re.search(rb'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">(.*?)</rdf:li>', data, re.S)
title = bytes.fromhex(info.group(1).decode()).decode("utf-16") if info else None
xtitle = html.unescape(xmp.group(1).decode("utf-8")) if xmp else None
print("Info:", title, "| XMP:", xtitle)
sys.exit(0 if title and title == xtitle and "🎉" in title else 1)
EOF
	[ "$failures" != 0 ] || pass "emoji in <objet>: Info /Title = XMP dc:title"
fi

# A title of 40,000 characters: 80,002 bytes once in UTF-16, over PDF/A-1's
# 65,535-byte string limit (which Preflight does not check): refused with
# pdf.conformance, no file.
python3 - "$SRC/samples/2021-10-14-22.xml" "$TMP/long.xml" <<'EOF'
import sys
s = open(sys.argv[1], encoding="utf-8").read()
open(sys.argv[2], "w", encoding="utf-8").write(s.replace("<objet>", "<objet>" + "Très long titre " * 2500, 1))
EOF
rc=0
out=$("$DELIB" render "$TMP/long.xml" -o "$TMP/long.pdf" 2>&1) || rc=$?
if [ "$rc" = 0 ] || ! grep -qF "[pdf.conformance]" <<<"$out" || [ -e "$TMP/long.pdf" ]; then
	fail "long title: exit $rc, $([ -e "$TMP/long.pdf" ] && echo "a file written" || echo "no file"): $(head -c 400 <<<"$out")"
else
	pass "long title: exit $rc, [pdf.conformance], no file"
fi

# Preflight, once for all the PDFs above: each must be PDF/A-1b, and each
# must be reported.
report=$(preflight_group "$TMP/preflight.list") || fail "Preflight: no report"
while read -r pdf; do
	name=$(basename "$pdf")
	line=$(grep -P "^\Q$name\E\t" <<<"$report" || true)
	case $line in
	"$name"$'\t'valid) pass "$name: Preflight-valid (PDF/A-1b)" ;;
	"") fail "$name: not in Preflight's report" ;;
	*) fail "$name: Preflight: $(cut -f3- <<<"$line")" ;;
	esac
done <"$TMP/preflight.list"

[ "$failures" = 0 ] || { echo "$failures failure(s)" >&2; exit 1; }
echo ok
