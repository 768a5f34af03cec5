"""Word tables (``w:tbl``) to :class:`Table`, read from the XML grid rather than python-docx's
cell API, which repeats a merged cell once per grid position it covers.

* a horizontally merged cell (``w:gridSpan``) is one Cell with ``span``;
* a vertically merged cell (``w:vMerge`` continuing) leaves empty cells in the rows below it;
* a nested table's text is flattened into its parent cell, a line per nested row;
* rows with no text at all are left out; every other row is kept, including the continuation
  rows that the roadmap stage joins.
"""

from __future__ import annotations

from typing import Callable, Iterator

from docx.oxml.ns import qn

from ..document import Cell, Provenance, Table

#: turns the block-level content of a cell (``w:p``) into its lines of text
ParagraphLines = Callable[[object], list[str]]

_TR, _TC, _TBL, _P = qn("w:tr"), qn("w:tc"), qn("w:tbl"), qn("w:p")
_SDT, _SDT_CONTENT, _CUSTOM_XML = qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")
_VAL = qn("w:val")


def _children(el, tag: str) -> Iterator:
    """Children with ``tag``, looking through content-control and custom-XML wrappers."""
    for child in el.iterchildren():
        if child.tag == tag:
            yield child
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _children(content, tag)
        elif child.tag == _CUSTOM_XML:
            yield from _children(child, tag)


def _int_prop(parent, path: str, default: int) -> int:
    el = parent.find(path) if parent is not None else None
    if el is None:
        return default
    try:
        return int(el.get(_VAL, default))
    except ValueError:
        return default


def cell_text(tc, paragraph_lines: ParagraphLines) -> str:
    """A cell's text: a line per paragraph (empty ones dropped), nested tables flattened."""
    lines: list[str] = []
    for child in tc.iterchildren():
        if child.tag == _P:
            lines.extend(paragraph_lines(child))
        elif child.tag == _TBL:
            for row in build_table(child, paragraph_lines).rows:
                line = " ".join(" ".join(c.text.split()) for c in row if c.text)
                if line:
                    lines.append(line)
        elif child.tag in (_SDT, _CUSTOM_XML):
            inner = child.find(_SDT_CONTENT) if child.tag == _SDT else child
            if inner is not None:
                text = cell_text(inner, paragraph_lines)
                if text:
                    lines.append(text)
    lines = [" ".join(x.replace("\t", " ").split()) for x in lines]
    return "\n".join(x for x in lines if x)


def build_table(tbl, paragraph_lines: ParagraphLines) -> Table:
    """One ``w:tbl`` element as a Table (merged cells once, nested tables flattened)."""
    rows: list[list[Cell]] = []
    for tr in _children(tbl, _TR):
        row: list[Cell] = []
        before = _int_prop(tr.find(qn("w:trPr")), qn("w:gridBefore"), 0)
        if before > 0:
            row.append(Cell("", Provenance(), span=before))
        for tc in _children(tr, _TC):
            props = tc.find(qn("w:tcPr"))
            span = max(1, _int_prop(props, qn("w:gridSpan"), 1))
            vmerge = props.find(qn("w:vMerge")) if props is not None else None
            if vmerge is not None and vmerge.get(_VAL, "continue") != "restart":
                row.append(Cell("", Provenance(), span=span))
            else:
                row.append(Cell(cell_text(tc, paragraph_lines), Provenance(), span=span))
        if any(c.text for c in row):
            rows.append(row)
    return Table(rows=rows, prov=Provenance(), pages=[])
