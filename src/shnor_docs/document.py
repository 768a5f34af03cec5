"""The working document that every backend produces and every extraction stage reads.

A backend (text, DOCX, PDF, image) turns a file into a :class:`Document`: an ordered list of
blocks, each a :class:`Paragraph` (one logical line of running text) or a :class:`Table`
(rows of :class:`Cell`). Every block and cell keeps its :class:`Provenance` — page, box and OCR
confidence — so that a value extracted later can be traced back to the spot it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Union


@dataclass(frozen=True)
class Provenance:
    """Where a piece of text came from: 1-based page, box ``(x0, top, x1, bottom)`` in the page's
    own units (PDF points, or pixels for page images), and mean OCR confidence 0–100 (``None`` for
    text that was not recognised)."""

    page: int | None = None
    box: tuple[float, float, float, float] | None = None
    confidence: float | None = None

    def to_dict(self) -> dict:
        out: dict = {"page": self.page}
        if self.box is not None:
            out["box"] = [round(v, 1) for v in self.box]
        if self.confidence is not None:
            out["confidence"] = round(self.confidence, 1)
        return out


@dataclass
class Paragraph:
    """One logical line of running text (a header line, a paragraph, a signature line).

    ``gap_before`` is true when the source shows vertical white space (a blank line, a paragraph
    break) before it; ``bold`` and ``centered`` are layout hints where the backend knows them.
    """

    text: str
    prov: Provenance | None = None
    gap_before: bool = False
    bold: bool = False
    centered: bool = False


@dataclass
class Cell:
    """One table cell. ``text`` keeps the cell's own line breaks (``\\n``). ``span`` is how many
    grid columns the cell covers (a merged cell is one Cell with span > 1, never repeated)."""

    text: str
    prov: Provenance | None = None
    span: int = 1


@dataclass
class Table:
    """A table in reading order. Rows may be ragged. A table that continues over several pages is
    one Table; ``pages`` lists the pages it touches. Rows split by a page break are *not* joined
    here (the roadmap stage does that, for every backend alike): the continuation appears as its
    own row whose first cell is empty. ``borderless`` is true for a table read from a page image
    without ruling lines, its columns and rows found from where its words stand."""

    rows: list[list[Cell]]
    prov: Provenance | None = None
    pages: list[int] = field(default_factory=list)
    borderless: bool = False

    def texts(self) -> list[list[str]]:
        """The rows as plain strings."""
        return [[c.text for c in row] for row in self.rows]


Block = Union[Paragraph, Table]


@dataclass
class Document:
    """A loaded input file: its blocks in reading order plus what is known about the source."""

    file: str
    media_type: str
    sha256: str
    blocks: list[Block] = field(default_factory=list)
    pages: int | None = None
    ocr: bool = False
    warnings: list[str] = field(default_factory=list)
    #: text as first read, before the cleaning stage (for ``shnor-docs text --raw``)
    raw_text: str | None = None

    def paragraphs(self) -> Iterator[Paragraph]:
        return (b for b in self.blocks if isinstance(b, Paragraph))

    def tables(self) -> Iterator[Table]:
        return (b for b in self.blocks if isinstance(b, Table))

    def text(self) -> str:
        """Plain text in the seeds' format: paragraphs as lines, a blank line where the source had a
        gap, table rows as tab-separated cells (line breaks inside a cell become spaces)."""
        out: list[str] = []
        for b in self.blocks:
            if isinstance(b, Paragraph):
                if b.gap_before and out and out[-1] != "":
                    out.append("")
                out.append(b.text)
            else:
                if out and out[-1] != "":
                    out.append("")
                for row in b.rows:
                    out.append("\t".join(" ".join(c.text.split()) for c in row))
                out.append("")
        return "\n".join(out).strip("\n") + "\n"
