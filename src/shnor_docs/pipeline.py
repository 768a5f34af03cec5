"""The extraction stages, run in order over one working document.

Each stage is a plain function ``stage(ctx)`` that reads ``ctx.doc`` and fills part of
``ctx.result``; :data:`STAGES` is the list, and :func:`run` can leave a stage out by name.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import Callable, Iterable

from .document import Document
from .records import ExtractionResult, Source

log = logging.getLogger("shnor_docs")


@dataclass
class Context:
    """What the stages share: the document, the result being built, and facts found on the way."""

    doc: Document
    result: ExtractionResult
    #: the year the document is about (for deadlines that omit it): from its date, title or text
    year: int | None = None
    #: the period a roadmap covers, e.g. (2019, 2021) for «на 2019-2021 годы»
    period: tuple[int, int] | None = None
    notes: dict = field(default_factory=dict)

    def warn(self, message: str) -> None:
        if message not in self.result.warnings:
            self.result.warnings.append(message)
            log.info("%s: %s", self.doc.file, message)


Stage = Callable[[Context], None]


def _stages() -> list[tuple[str, Stage]]:
    from .extract import order, persons, references, roadmaps, schools

    return [
        ("order", order.stage),
        ("roadmaps", roadmaps.stage),
        ("schools", schools.stage),
        ("references", references.stage),
        ("persons", persons.stage),
    ]


def run(doc: Document, skip: Iterable[str] = ()) -> ExtractionResult:
    """Run every stage (but those named in ``skip``) over ``doc`` and return the result."""
    result = ExtractionResult(source=Source(file=doc.file, sha256=doc.sha256, media_type=doc.media_type,
                                            pages=doc.pages, ocr=doc.ocr))
    result.warnings.extend(doc.warnings)
    ctx = Context(doc=doc, result=result)
    skip = set(skip)
    _check_language(ctx)
    timings: dict[str, float] = {}
    for name, stage in _stages():
        if name in skip:
            continue
        t0 = time.perf_counter()
        stage(ctx)
        timings[name] = round(time.perf_counter() - t0, 4)
    _order_provenance(ctx)
    result.timings = timings  # seconds per stage, for the batch catalog (not part of the JSON)
    return result


def _check_language(ctx: Context) -> None:
    """A document that is not Russian text is not an error, but the user must be told."""
    text = ctx.doc.text()
    cyr = sum(1 for ch in text if "а" <= ch.lower() <= "я" or ch in "ёЁ")
    lat = sum(1 for ch in text if "a" <= ch.lower() <= "z")
    if cyr + lat < 20:
        ctx.warn("document: almost no text was found; nothing could be extracted")
    elif cyr < 0.5 * (cyr + lat):
        ctx.warn(f"document: the text does not look Russian ({100 * cyr // (cyr + lat)}% Cyrillic letters); "
                 "fields may be empty or wrong")


def _order_provenance(ctx: Context) -> None:
    from .extract.roadmaps import LOW_CONFIDENCE

    for name, bi in sorted(ctx.notes.get("order_blocks", {}).items()):
        if bi is None or bi >= len(ctx.doc.blocks):
            continue
        prov = ctx.doc.blocks[bi].prov
        if prov is None:
            continue
        ctx.result.provenance[f"order.{name}"] = prov.to_dict()
        if prov.confidence is not None and prov.confidence < LOW_CONFIDENCE:
            ctx.warn(f"order.{name}: low OCR confidence ({prov.confidence:.0f}) on page {prov.page}; check it by hand")
