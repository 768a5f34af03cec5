"""Word .docx files: the body's paragraphs and tables in document order.

The body XML is walked directly (``w:p`` and ``w:tbl`` children, through content controls), so
paragraphs and tables keep their order. What python-docx's plain ``.text`` loses is rebuilt:

* list numbers of auto-numbered paragraphs (``w:numPr``: «1.», «1.1.», «а)») so directives keep
  their numbers, in running text and in table cells alike;
* manual line breaks (``w:br``) split a paragraph into one Paragraph per line, and a tab used
  as a spacer («12.03.2024<tab><tab>№ 57») parts two pieces of one line;
* ``bold`` (every inked run bold, through run, paragraph and default styles), ``centered``
  (paragraph alignment through the style chain) and ``gap_before`` (an empty paragraph before,
  or at least 6 pt of paragraph spacing) hints;
* text boxes are read after the paragraph that anchors them; page headers and footers are not
  read. The page count comes from ``docProps/app.xml`` when the writer recorded it.
"""

from __future__ import annotations

import logging
import re
import zipfile
from io import BytesIO

from ..document import Document, Paragraph, Provenance
from ..errors import CorruptInput
from ..tables.docx import build_table

log = logging.getLogger("shnor_docs")

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


_P, _TBL, _R, _T, _TAB, _BR, _CR = (_w(t) for t in ("p", "tbl", "r", "t", "tab", "br", "cr"))
_PPR, _RPR, _VAL = _w("pPr"), _w("rPr"), _w("val")
_SDT, _SDT_CONTENT, _CUSTOM_XML = _w("sdt"), _w("sdtContent"), _w("customXml")
_TXBX = _w("txbxContent")
_FALLBACK = f"{{{MC_NS}}}Fallback"
# run containers whose runs are part of the paragraph's text (deleted text is not)
_RUN_CONTAINERS = {_w(t) for t in ("hyperlink", "ins", "smartTag", "customXml", "fldSimple", "moveTo",
                                   "bdo", "dir")}
_FALSE = {"0", "false", "off", "none"}
_TWIPS_GAP = 120  # 6 pt of paragraph spacing reads as white space between paragraphs
_LIST_MARKER = re.compile(r"^\s*(?:\d{1,3}(?:\.\d{1,3})*[.)]?|[а-яa-z]\)|[IVXLC]{1,5}\.?|[-–—•·▪])\s*$")


def _on(el) -> bool | None:
    """A toggle property's value: ``None`` when absent."""
    if el is None:
        return None
    return el.get(_VAL, "true").lower() not in _FALSE


# --- list numbers ------------------------------------------------------------------------------

_RU_LOWER = "абвгдежзиклмнопрстуфхцчшщэюя"  # Word's russianLower sequence skips ё, й, ъ, ы, ь


def _roman(n: int) -> str:
    out = ""
    for value, digits in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += digits
            n -= value
    return out


def _letters(n: int, alphabet: str) -> str:
    # Word repeats the letter after the alphabet runs out: a … z, aa … zz
    n = max(n, 1)
    return alphabet[(n - 1) % len(alphabet)] * ((n - 1) // len(alphabet) + 1)


def format_number(n: int, fmt: str) -> str | None:
    """``n`` in Word's number format ``fmt``; ``None`` for bullets and formats not rendered."""
    if fmt in ("decimal", "decimalZero"):
        return f"{n:02d}" if fmt == "decimalZero" and n < 10 else str(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerLetter":
        return _letters(n, "abcdefghijklmnopqrstuvwxyz")
    if fmt == "upperLetter":
        return _letters(n, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    if fmt == "russianLower":
        return _letters(n, _RU_LOWER)
    if fmt == "russianUpper":
        return _letters(n, _RU_LOWER.upper())
    if fmt == "none":
        return ""
    return None


class _Numbering:
    """Counts Word's auto-numbered paragraphs in document order and renders their labels."""

    def __init__(self, numbering_el) -> None:
        self.abstract: dict[str, dict[int, dict]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.counters: dict[object, list[int | None]] = {}
        if numbering_el is None:
            return
        for an in numbering_el.iterchildren(_w("abstractNum")):
            levels: dict[int, dict] = {}
            for lvl in an.iterchildren(_w("lvl")):
                levels[int(lvl.get(_w("ilvl"), "0"))] = self._level(lvl)
            self.abstract[an.get(_w("abstractNumId"))] = levels
        for num in numbering_el.iterchildren(_w("num")):
            aid = num.find(_w("abstractNumId"))
            overrides: dict[int, int] = {}
            for ov in num.iterchildren(_w("lvlOverride")):
                start = ov.find(_w("startOverride"))
                if start is not None:
                    overrides[int(ov.get(_w("ilvl"), "0"))] = int(start.get(_VAL, "1"))
                lvl = ov.find(_w("lvl"))
                if lvl is not None:
                    overrides.setdefault(int(ov.get(_w("ilvl"), "0")), self._level(lvl)["start"])
            if aid is not None:
                self.nums[num.get(_w("numId"))] = (aid.get(_VAL), overrides)

    @staticmethod
    def _level(lvl) -> dict:
        def val(tag: str, default: str) -> str:
            el = lvl.find(_w(tag))
            return el.get(_VAL, default) if el is not None else default

        return {"start": int(val("start", "1") or 1), "fmt": val("numFmt", "decimal"),
                "text": val("lvlText", ""), "suff": val("suff", "tab"),
                "legal": lvl.find(_w("isLgl")) is not None}

    def label(self, num_id: str, ilvl: int) -> str | None:
        """The next label of list ``num_id`` at level ``ilvl`` («2.», «1.3.»), or None."""
        if num_id not in self.nums:
            return None
        aid, overrides = self.nums[num_id]
        levels = self.abstract.get(aid)
        if not levels or ilvl not in levels:
            return None
        # lists sharing one abstract definition continue each other unless one restarts
        key: object = ("num", num_id) if overrides else ("abstract", aid)
        counts = self.counters.setdefault(key, [None] * 9)

        def start(k: int) -> int:
            return overrides.get(k, levels.get(k, {}).get("start", 1))

        counts[ilvl] = start(ilvl) if counts[ilvl] is None else counts[ilvl] + 1
        for k in range(ilvl + 1, 9):
            counts[k] = None
        for k in range(ilvl):
            if counts[k] is None:
                counts[k] = start(k)
        level = levels[ilvl]
        if format_number(1, level["fmt"]) is None:
            return None  # a bullet: nothing to keep

        def render(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            fmt = "decimal" if level["legal"] else levels.get(k, {}).get("fmt", "decimal")
            return format_number(counts[k] or 1, fmt) or ""

        text = re.sub(r"%([1-9])", render, level["text"])
        return text.strip() or None


# --- styles ------------------------------------------------------------------------------------

class _Styles:
    """Paragraph and run properties through the style chain and the document defaults."""

    def __init__(self, styles_el) -> None:
        self.by_id: dict[str, object] = {}
        self.default_para: str | None = None
        self.default_ppr = None
        self.default_rpr = None
        if styles_el is None:
            return
        for st in styles_el.iterchildren(_w("style")):
            sid = st.get(_w("styleId"))
            self.by_id[sid] = st
            if st.get(_w("type")) == "paragraph" and _on_attr(st.get(_w("default"))):
                self.default_para = sid
        defaults = styles_el.find(_w("docDefaults"))
        if defaults is not None:
            self.default_ppr = defaults.find(f"{_w('pPrDefault')}/{_PPR}")
            self.default_rpr = defaults.find(f"{_w('rPrDefault')}/{_RPR}")

    def chain(self, style_id: str | None) -> list:
        out: list = []
        seen: set[str] = set()
        while style_id and style_id in self.by_id and style_id not in seen:
            seen.add(style_id)
            st = self.by_id[style_id]
            out.append(st)
            based = st.find(_w("basedOn"))
            style_id = based.get(_VAL) if based is not None else None
        return out

    def para_style(self, ppr) -> str | None:
        ps = ppr.find(_w("pStyle")) if ppr is not None else None
        return ps.get(_VAL) if ps is not None else self.default_para

    def find_ppr(self, ppr, path: str):
        """The first ``path`` under the paragraph's own pPr, its style chain, then defaults."""
        if ppr is not None and (el := ppr.find(path)) is not None:
            return el
        for st in self.chain(self.para_style(ppr)):
            sp = st.find(_PPR)
            if sp is not None and (el := sp.find(path)) is not None:
                return el
        if self.default_ppr is not None:
            return self.default_ppr.find(path)
        return None

    def run_bold(self, rpr, para_style: str | None) -> bool:
        if rpr is not None:
            v = _on(rpr.find(_w("b")))
            if v is not None:
                return v
            rs = rpr.find(_w("rStyle"))
            if rs is not None:
                for st in self.chain(rs.get(_VAL)):
                    v = _on(st.find(f"{_RPR}/{_w('b')}"))
                    if v is not None:
                        return v
        for st in self.chain(para_style):
            v = _on(st.find(f"{_RPR}/{_w('b')}"))
            if v is not None:
                return v
        if self.default_rpr is not None:
            return bool(_on(self.default_rpr.find(_w("b"))))
        return False


def _on_attr(v: str | None) -> bool:
    return v is not None and v.lower() not in _FALSE


# --- the reader --------------------------------------------------------------------------------

class _Reader:
    def __init__(self, styles: _Styles, numbering: _Numbering) -> None:
        self.styles = styles
        self.numbering = numbering
        self.blocks: list = []
        self.pending_gap = True
        self.prev_after = 0

    # text of one paragraph, as (text, bold) pieces
    def _runs(self, el, para_style: str | None, out: list[tuple[str, bool]]) -> None:
        for child in el.iterchildren():
            tag = child.tag
            if tag == _R:
                bold = self.styles.run_bold(child.find(_RPR), para_style)
                for part in child.iterchildren():
                    ptag = part.tag
                    if ptag == _T:
                        out.append((part.text or "", bold))
                    elif ptag == _TAB:
                        out.append(("\t", bold))
                    elif ptag in (_BR, _CR):
                        out.append(("\n", bold))
                    elif ptag == _w("noBreakHyphen"):
                        out.append(("-", bold))
            elif tag in _RUN_CONTAINERS:
                self._runs(child, para_style, out)
            elif tag == _SDT:
                content = child.find(_SDT_CONTENT)
                if content is not None:
                    self._runs(content, para_style, out)

    def _label(self, ppr) -> str | None:
        num_pr = self.styles.find_ppr(ppr, _w("numPr"))
        if num_pr is None:
            return None
        num_id_el = num_pr.find(_w("numId"))
        if num_id_el is None and ppr is not None and ppr.find(_w("numPr")) is num_pr:
            # the paragraph sets only its level; the list comes from its style
            style_num = None
            for st in self.styles.chain(self.styles.para_style(ppr)):
                sp = st.find(_PPR)
                if sp is not None and (style_num := sp.find(f"{_w('numPr')}/{_w('numId')}")) is not None:
                    break
            num_id_el = style_num
        if num_id_el is None or num_id_el.get(_VAL) in (None, "0"):
            return None
        ilvl_el = num_pr.find(_w("ilvl"))
        ilvl = int(ilvl_el.get(_VAL, "0")) if ilvl_el is not None else 0
        return self.numbering.label(num_id_el.get(_VAL), ilvl)

    def paragraph_text(self, p) -> tuple[str, bool]:
        """The paragraph's text (line breaks as ``\\n``, list label in front) and bold hint."""
        ppr = p.find(_PPR)
        pieces: list[tuple[str, bool]] = []
        self._runs(p, self.styles.para_style(ppr), pieces)
        text = "".join(t for t, _ in pieces).replace("\xa0", " ")
        inked = [b for t, b in pieces if t.strip()]
        bold = bool(inked) and all(inked)
        # Word counts and shows the label of an empty numbered paragraph too (a table's «№»
        # column is often just that)
        label = self._label(ppr)
        if label:
            text = f"{label} {text.lstrip()}" if text.strip() else label
        return text, bold

    def cell_lines(self, p) -> list[str]:
        text, _ = self.paragraph_text(p)
        return [x for x in (" ".join(s.split()) for s in text.split("\n")) if x]

    def _spacing(self, p, attr: str) -> int:
        el = self.styles.find_ppr(p.find(_PPR), _w("spacing"))
        if el is None:
            return 0
        if _on_attr(el.get(_w(f"{attr}Autospacing"))):
            return 280  # «auto» spacing is 14 pt
        try:
            return int(el.get(_w(attr), "0"))
        except ValueError:
            return 0

    def _centered(self, p) -> bool:
        jc = self.styles.find_ppr(p.find(_PPR), _w("jc"))
        return jc is not None and jc.get(_VAL) == "center"

    def add_paragraph(self, p) -> None:
        text, bold = self.paragraph_text(p)
        before = self._spacing(p, "before")
        if not text.strip():
            self.pending_gap = True
            self.prev_after = 0
        else:
            gap = self.pending_gap or before + self.prev_after >= _TWIPS_GAP
            centered = self._centered(p)
            first = True
            for line in text.split("\n"):
                for piece in _split_tabs(line):
                    piece = " ".join(piece.split())
                    if not piece:
                        continue
                    self.blocks.append(Paragraph(text=piece, prov=Provenance(), gap_before=gap and first,
                                                 bold=bold, centered=centered))
                    first = False
            self.pending_gap = False
            self.prev_after = self._spacing(p, "after")
        for box in _text_boxes(p):
            self.add_body(box)

    def add_table(self, tbl) -> None:
        table = build_table(tbl, self.cell_lines)
        if table.rows:
            self.blocks.append(table)
        self.pending_gap = True
        self.prev_after = 0

    def add_body(self, body) -> None:
        for child in body.iterchildren():
            if child.tag == _P:
                self.add_paragraph(child)
            elif child.tag == _TBL:
                self.add_table(child)
            elif child.tag == _SDT:
                content = child.find(_SDT_CONTENT)
                if content is not None:
                    self.add_body(content)
            elif child.tag == _CUSTOM_XML:
                self.add_body(child)


def _split_tabs(line: str) -> list[str]:
    """A line parted where tabs space two pieces apart; a list label before a tab stays."""
    if "\t" not in line:
        return [line]
    parts = [x for x in re.split(r"\t+", line)]
    out: list[str] = []
    for part in parts:
        if out and (_LIST_MARKER.match(out[-1]) or not out[-1].strip() or not part.strip()):
            out[-1] = f"{out[-1]} {part}".strip()
        else:
            out.append(part)
    return out


def _text_boxes(p) -> list:
    """The text-box contents anchored in paragraph ``p`` (the VML fallback copy skipped)."""
    boxes = []
    for box in p.iter(_TXBX):
        parent = box.getparent()
        fallback = False
        while parent is not None and parent is not p:
            if parent.tag == _FALLBACK:
                fallback = True
                break
            parent = parent.getparent()
        if not fallback:
            boxes.append(box)
    return boxes


def _page_count(data: bytes) -> int | None:
    try:
        with zipfile.ZipFile(BytesIO(data)) as z:
            app = z.read("docProps/app.xml").decode("utf-8", "replace")
    except (KeyError, zipfile.BadZipFile, OSError):
        return None
    m = re.search(r"<(?:\w+:)?Pages>\s*(\d+)\s*</", app)
    return int(m.group(1)) or None if m else None


def _open(data: bytes, name: str):
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

    try:
        return docx.Document(BytesIO(data))
    except XMLSyntaxError as e:
        raise CorruptInput(name, f"damaged .docx: broken XML ({(e.msg or 'syntax error')[:100]})") from None
    except PackageNotFoundError:
        raise CorruptInput(name, "damaged .docx: not a Word package") from None
    except ValueError as e:  # python-docx: the main part is not a Word document (a template, a macro file)
        first = (str(e).strip().splitlines() or ["not a Word document"])[0]
        raise CorruptInput(name, f"not a Word document: {first[:120]}") from None
    except Exception:  # python-docx and lxml raise many kinds on a damaged package
        raise CorruptInput(name, "damaged .docx: invalid package structure") from None


def load(data: bytes, name: str, sha256: str) -> Document:
    """Read a .docx into a Document (paragraphs and tables in body order)."""
    d = _open(data, name)
    try:
        styles_el = d.styles.element
    except Exception:
        styles_el = None
    try:
        numbering_el = d.part.numbering_part.element
    except Exception:  # no numbering part: nothing is auto-numbered
        numbering_el = None
    reader = _Reader(_Styles(styles_el), _Numbering(numbering_el))
    try:
        reader.add_body(d.element.body)
    except (ValueError, TypeError, AttributeError) as e:
        raise CorruptInput(name, f"damaged .docx: {e}") from None
    if not reader.blocks:
        raise CorruptInput(name, "empty document (no text in the .docx body)")
    return Document(file=name, media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    sha256=sha256, blocks=reader.blocks, pages=_page_count(data))
