#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""check_tagged.py -- is this PDF tagged as delib claims (PDF/UA-1)?

Usage:
    check_tagged.py FILE.pdf [-v]

Python 3 with Debian's python3-pikepdf. Exit status: 0 pass, 1 fail (each
failure printed on its own line), 2 usage or unreadable file.

What it checks (docs/accessibility.md lists the Matterhorn protocol's
conditions this covers and those it does not):
  - catalog: /MarkInfo /Marked true (and no /Suspects true), /StructTreeRoot, a non-empty /Lang,
    /ViewerPreferences /DisplayDocTitle true, a title (Info /Title and
    XMP dc:title); pdfuaid:part in the XMP only if everything else passes
    (it is what the file would then claim);
  - every page content stream, and every form XObject it paints, operator
    by operator: each painting operator (text showing, path painting,
    shading, XObject, inline image) lies inside marked content that is an
    artefact (/Artifact) or carries an MCID;
  - structure tree: every element has /Type /StructElem (or none), a
    standard /S, /P pointing back to its parent; its marked-content
    references (integer MCIDs with the element's /Pg, MCR dictionaries,
    OBJR object references) exist: each MCID is in its page's content,
    once in the whole tree;
  - parent tree: for each page's /StructParents, the array entry of MCID n
    is the element that references (page, n), for every MCID of the page
    (and no MCID of the content is left without element); each annotation
    with /StructParent maps to the element holding its OBJR, and every
    widget annotation has one, with a /TU;
  - every Figure has a non-empty /Alt; every Table has TH cells, each with
    a /Scope attribute; every Form has an OBJR;
  - every font a page uses is embedded (FontFile, FontFile2 or FontFile3)
    and has a /ToUnicode map.
"""
import sys


try:
    import pikepdf
    from pikepdf import Name
except ImportError:  # pragma: no cover - install-deps.sh --tests installs it
    # Debian's package, in Debian's Python: the tests run that one first in
    # PATH (tests/CMakeLists.txt).
    sys.stderr.write("check_tagged.py: python3-pikepdf manque (scripts/install-deps.sh --tests)\n")
    sys.exit(2)

PAINT = {"Tj", "TJ", "'", '"', "f", "F", "f*", "B", "B*", "b", "b*", "S", "s", "sh", "Do", "BI", "INLINE IMAGE"}
STANDARD = {
    "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index", "NonStruct",
    "Private", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl", "LBody", "Table", "TR", "TH", "TD",
    "THead", "TBody", "TFoot", "Span", "Quote", "Note", "Reference", "BibEntry", "Code", "Link", "Annot", "Ruby",
    "RB", "RT", "RP", "Warichu", "WT", "WP", "Figure", "Formula", "Form",
}


class Checker:
    def __init__(self, pdf, verbose=False):
        self.pdf = pdf
        self.verbose = verbose
        self.errors = []
        self.page_of = {p.obj.objgen: i for i, p in enumerate(pdf.pages)}
        self.content_mcids = {}   # page index -> list of MCIDs in its content, in order
        self.tree_mcids = {}      # (page index, mcid) -> element objgen
        self.tree_objr = {}       # annotation objgen -> element objgen
        self.elements = 0
        self.roles = {}

    def fail(self, msg):
        self.errors.append(msg)

    # ------------------------------------------------------------ catalog
    def check_catalog(self):
        root = self.pdf.Root
        mi = root.get("/MarkInfo")
        if mi is None or not bool(mi.get("/Marked", False)):
            self.fail("catalogue : /MarkInfo /Marked true absent")
        if mi is not None and bool(mi.get("/Suspects", False)):
            self.fail("catalogue : /MarkInfo /Suspects true")
        lang = root.get("/Lang")
        if lang is None or not str(lang).strip():
            self.fail("catalogue : /Lang absent ou vide")
        vp = root.get("/ViewerPreferences")
        if vp is None or not bool(vp.get("/DisplayDocTitle", False)):
            self.fail("catalogue : /ViewerPreferences /DisplayDocTitle true absent")
        title = self.pdf.docinfo.get("/Title") if self.pdf.docinfo is not None else None
        if title is None or not str(title).strip():
            self.fail("métadonnées : pas de titre (Info /Title)")
        try:
            with self.pdf.open_metadata() as meta:
                if not meta.get("dc:title"):
                    self.fail("métadonnées : pas de dc:title dans le XMP")
        except Exception as e:  # noqa: BLE001 - report, do not crash
            self.fail("métadonnées : XMP illisible (%s)" % e)
        if "/StructTreeRoot" not in root:
            self.fail("catalogue : /StructTreeRoot absent (document non balisé)")

    # ------------------------------------------------------------ content
    def walk_content(self, obj, page_index, where, stack, resources, seen_forms):
        """stack: list of marked-content kinds open around obj's content
        ('artifact', ('mcid', n) or 'other')."""
        try:
            ops = pikepdf.parse_content_stream(obj)
        except Exception as e:  # noqa: BLE001
            self.fail("%s : flux de contenu illisible (%s)" % (where, e))
            return
        stack = list(stack)
        for operands, operator in ops:
            op = str(operator)
            if op in ("BMC", "BDC"):
                tag = str(operands[0])
                props = operands[1] if op == "BDC" and len(operands) > 1 else None
                if isinstance(props, pikepdf.Name) and resources is not None:
                    props = resources.get("/Properties", {}).get(props)
                if tag == "/Artifact":
                    stack.append("artifact")
                elif props is not None and isinstance(props, pikepdf.Dictionary) and "/MCID" in props:
                    mcid = int(props["/MCID"])
                    stack.append(("mcid", mcid))
                    self.content_mcids.setdefault(page_index, []).append(mcid)
                else:
                    stack.append("other")
            elif op == "EMC":
                if not stack:
                    self.fail("%s : EMC sans BMC/BDC" % where)
                else:
                    stack.pop()
            elif op in PAINT:
                tagged = any(k == "artifact" or isinstance(k, tuple) for k in stack)
                if not tagged:
                    shown = ""
                    if op in ("Tj", "TJ", "'", '"'):
                        shown = " (texte)"
                    self.fail("%s : opérateur %s%s hors de tout contenu marqué (ni MCID ni artefact)"
                              % (where, op, shown))
                if op == "Do" and resources is not None:
                    xo = resources.get("/XObject", {}).get(operands[0])
                    if xo is not None and xo.get("/Subtype") == Name.Form and xo.objgen not in seen_forms:
                        res = xo.get("/Resources", resources)
                        self.walk_content(xo, page_index, "%s, XObject %s" % (where, operands[0]), stack, res,
                                          seen_forms | {xo.objgen})
        if stack and len(stack) > 0 and where.count("XObject") == 0:
            self.fail("%s : %d séquence(s) de contenu marqué non fermée(s)" % (where, len(stack)))

    def check_pages(self):
        for i, page in enumerate(self.pdf.pages):
            res = page.obj.get("/Resources")
            self.walk_content(page.obj, i, "page %d" % (i + 1), [], res, frozenset())
            for annot in page.obj.get("/Annots", []):
                if annot.get("/Subtype") == Name.Widget:
                    if "/StructParent" not in annot:
                        self.fail("page %d : widget sans /StructParent" % (i + 1))
                    if "/TU" not in annot:
                        self.fail("page %d : widget sans description /TU" % (i + 1))
                ap = annot.get("/AP")
                if ap is not None and isinstance(ap.get("/N"), pikepdf.Stream):
                    # An annotation's appearance is not page content: its
                    # marked content, if any, is its own (not checked).
                    pass

    # ------------------------------------------------------------ tree
    def elem_page(self, elem):
        pg = elem.get("/Pg")
        return self.page_of.get(pg.objgen) if pg is not None else None

    def add_mcr(self, page_index, mcid, elem, role):
        if page_index is None:
            self.fail("%s : MCID %d sans page (/Pg)" % (role, mcid))
            return
        key = (page_index, mcid)
        if key in self.tree_mcids:
            self.fail("page %d, MCID %d : référencé deux fois dans l'arbre" % (page_index + 1, mcid))
        self.tree_mcids[key] = elem.objgen

    def walk_elem(self, elem, parent, depth=0):
        if depth > 200:
            self.fail("arbre de structure trop profond (cycle ?)")
            return
        self.elements += 1
        role = str(elem.get("/S", ""))[1:]
        self.roles[role] = self.roles.get(role, 0) + 1
        if "/Type" in elem and elem.Type != Name.StructElem:
            self.fail("élément %s : /Type %s" % (role, elem.Type))
        if role not in STANDARD:
            rm = self.pdf.Root.StructTreeRoot.get("/RoleMap", {})
            if Name("/" + role) not in rm:
                self.fail("élément %s : type de structure non standard et absent de /RoleMap" % role)
        p = elem.get("/P")
        if p is None or p.objgen != parent.objgen:
            self.fail("élément %s : /P ne désigne pas son parent" % role)
        if role == "Figure":
            alt = elem.get("/Alt")
            if alt is None or not str(alt).strip():
                self.fail("Figure sans texte de remplacement (/Alt)")
        kids = elem.get("/K")
        if kids is None:
            kids = []
        elif not isinstance(kids, pikepdf.Array):
            kids = [kids]
        own_page = self.elem_page(elem)
        has_objr = False
        for k in kids:
            if isinstance(k, int) or (hasattr(k, "is_integer") and False):
                self.add_mcr(own_page, int(k), elem, role)
            elif isinstance(k, pikepdf.Dictionary):
                t = k.get("/Type")
                if t == Name.MCR:
                    pg = k.get("/Pg")
                    self.add_mcr(self.page_of.get(pg.objgen) if pg is not None else own_page, int(k.MCID), elem, role)
                elif t == Name.OBJR:
                    has_objr = True
                    self.tree_objr[k.Obj.objgen] = elem.objgen
                else:
                    self.walk_elem(k, elem, depth + 1)
            else:
                self.fail("élément %s : enfant de type inattendu %r" % (role, type(k)))
        if role == "Form" and not has_objr:
            self.fail("Form sans référence à son annotation (/OBJR)")
        if role == "Table":
            self.check_table(elem)

    def table_cells(self, elem, out):
        kids = elem.get("/K", [])
        if not isinstance(kids, pikepdf.Array):
            kids = [kids]
        for k in kids:
            if isinstance(k, pikepdf.Dictionary) and "/S" in k:
                role = str(k.S)[1:]
                if role == "Table":
                    continue  # a nested table answers for itself
                if role in ("TH", "TD"):
                    out.append((role, k))
                self.table_cells(k, out)

    def check_table(self, table):
        cells = []
        self.table_cells(table, cells)
        ths = [c for r, c in cells if r == "TH"]
        if not ths:
            self.fail("Table sans cellule d'en-tête (TH)")
        for th in ths:
            attrs = th.get("/A")
            attrs = list(attrs) if isinstance(attrs, pikepdf.Array) else [attrs] if attrs is not None else []
            if not any(isinstance(a, pikepdf.Dictionary) and "/Scope" in a for a in attrs):
                self.fail("TH sans attribut /Scope")

    def check_tree(self):
        root = self.pdf.Root.get("/StructTreeRoot")
        if root is None:
            return
        kids = root.get("/K")
        if kids is None:
            self.fail("/StructTreeRoot sans élément")
            return
        for k in (kids if isinstance(kids, pikepdf.Array) else [kids]):
            self.walk_elem(k, root)

    # ------------------------------------------------------------ parent tree
    def number_tree(self, node, out, depth=0):
        if depth > 50:
            return
        nums = node.get("/Nums")
        if nums is not None:
            for i in range(0, len(nums) - 1, 2):
                out[int(nums[i])] = nums[i + 1]
        for kid in node.get("/Kids", []):
            self.number_tree(kid, out, depth + 1)

    def check_parent_tree(self):
        root = self.pdf.Root.get("/StructTreeRoot")
        if root is None:
            return
        pt = root.get("/ParentTree")
        if pt is None:
            self.fail("/StructTreeRoot sans /ParentTree")
            return
        entries = {}
        self.number_tree(pt, entries)
        for i, page in enumerate(self.pdf.pages):
            mcids = self.content_mcids.get(i, [])
            if len(set(mcids)) != len(mcids):
                self.fail("page %d : un MCID répété dans le contenu" % (i + 1))
            if "/StructParents" not in page.obj:
                if mcids:
                    self.fail("page %d : contenu marqué mais pas de /StructParents" % (i + 1))
                continue
            arr = entries.get(int(page.obj.StructParents))
            if arr is None:
                if mcids:
                    self.fail("page %d : /StructParents %d absent de l'arbre des parents"
                              % (i + 1, int(page.obj.StructParents)))
                continue
            for m in mcids:
                want = self.tree_mcids.get((i, m))
                if want is None:
                    self.fail("page %d : MCID %d du contenu n'appartient à aucun élément" % (i + 1, m))
                    continue
                if m >= len(arr) or not isinstance(arr[m], pikepdf.Dictionary) or arr[m].objgen != want:
                    self.fail("page %d : l'arbre des parents ne mène pas le MCID %d à son élément" % (i + 1, m))
            for annot in page.obj.get("/Annots", []):
                if "/StructParent" in annot:
                    e = entries.get(int(annot.StructParent))
                    if e is None or self.tree_objr.get(annot.objgen) != e.objgen:
                        self.fail("page %d : l'arbre des parents ne mène pas l'annotation à son élément Form"
                                  % (i + 1))
        for (pi, m) in self.tree_mcids:
            if m not in self.content_mcids.get(pi, []):
                self.fail("page %d : l'arbre référence le MCID %d absent du contenu" % (pi + 1, m))

    # ------------------------------------------------------------ fonts
    def check_fonts(self):
        seen = set()
        for i, page in enumerate(self.pdf.pages):
            fonts = page.obj.get("/Resources", {}).get("/Font", {})
            for name, font in fonts.items():
                if font.objgen in seen:
                    continue
                seen.add(font.objgen)
                base = str(font.get("/BaseFont", name))
                desc_font = font.DescendantFonts[0] if "/DescendantFonts" in font else font
                fd = desc_font.get("/FontDescriptor")
                if fd is None or not any(k in fd for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                    self.fail("police %s non incorporée" % base)
                if "/ToUnicode" not in font:
                    self.fail("police %s sans /ToUnicode" % base)

    def check_ua_claim(self):
        try:
            with self.pdf.open_metadata() as meta:
                claimed = meta.get("pdfuaid:part")
        except Exception:  # noqa: BLE001
            claimed = None
        if claimed and self.errors:
            self.fail("le XMP déclare PDF/UA-%s alors que les contrôles échouent" % claimed)
        return claimed

    def run(self):
        self.check_catalog()
        self.check_pages()
        self.check_tree()
        self.check_parent_tree()
        self.check_fonts()
        claimed = self.check_ua_claim()
        mcids = sum(len(v) for v in self.content_mcids.values())
        summary = "%d éléments, %d MCID, %d pages%s" % (self.elements, mcids, len(self.pdf.pages),
                                                        ", PDF/UA-%s déclaré" % claimed if claimed else "")
        if self.verbose:
            summary += " ; " + ", ".join("%s %d" % kv for kv in sorted(self.roles.items()))
        return summary


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("-")]
    verbose = "-v" in argv[1:]
    if len(args) != 1:
        sys.stderr.write(__doc__)
        return 2
    try:
        pdf = pikepdf.open(args[0])
    except Exception as e:  # noqa: BLE001
        sys.stderr.write("check_tagged.py: %s illisible : %s\n" % (args[0], e))
        return 2
    c = Checker(pdf, verbose)
    summary = c.run()
    if c.errors:
        shown = c.errors[:50]
        for e in shown:
            print("ÉCHEC: " + e)
        if len(c.errors) > len(shown):
            print("… et %d autres" % (len(c.errors) - len(shown)))
        print("check_tagged: %s : %d défaut(s) (%s)" % (args[0], len(c.errors), summary))
        return 1
    print("check_tagged: %s : balisage cohérent (%s)" % (args[0], summary))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
