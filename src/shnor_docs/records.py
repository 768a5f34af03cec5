"""The output records of contract v1 (``shared/contract/CONTRACT.md``), as plain dataclasses.

Field names and meanings are the contract's; ``to_dict`` gives exactly the contract's JSON shape.
Fields this project adds (``expected_result`` on items, ``provenance`` at the top level) are
allowed by the contract and never change the meaning of a contract field.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

SCHEMA_VERSION = "1.0"

RECURRENCES = ("once", "weekly", "monthly", "quarterly", "half_yearly", "yearly", "on_event", "continuous")
ROLES = ("low_results", "500plus", "mentor", "unfavourable")
RELATIONS = ("cites", "repeals", "amends", "approves")


@dataclass
class PersonRef:
    """A person as referred to in one place: surname (nominative), initials ``"И.Б."``, position."""

    surname: str
    initials: str = ""
    position: str | None = None

    def to_dict(self) -> dict:
        return {"surname": self.surname, "initials": self.initials, "position": self.position}


@dataclass
class Directive:
    """One numbered point of the operative part (sub-points such as 2.1 are their own entries)."""

    number: str | None
    text: str


@dataclass
class Order:
    """The main document's header and operative part."""

    doc_type: str | None = None
    issuer: str | None = None
    region: str | None = None
    municipality: str | None = None
    date: str | None = None
    number: str | None = None
    place: str | None = None
    title: str | None = None
    signatory: PersonRef | None = None
    approved_by: PersonRef | None = None
    directives: list[Directive] = field(default_factory=list)
    controller: PersonRef | None = None

    def to_dict(self) -> dict:
        d = {k: getattr(self, k) for k in ("doc_type", "issuer", "region", "municipality", "date", "number",
                                           "place", "title")}
        d["signatory"] = self.signatory.to_dict() if self.signatory else None
        d["approved_by"] = self.approved_by.to_dict() if self.approved_by else None
        d["directives"] = [asdict(x) for x in self.directives]
        d["controller"] = self.controller.to_dict() if self.controller else None
        return d


@dataclass
class Reference:
    """Another document the text cites, repeals, amends or approves."""

    doc_type: str | None
    date: str | None
    number: str | None
    title: str | None
    relation: str = "cites"
    issuer: str | None = None

    def to_dict(self) -> dict:
        return {"doc_type": self.doc_type, "issuer": self.issuer, "date": self.date, "number": self.number,
                "title": self.title, "relation": self.relation}


@dataclass
class School:
    """A school named in the text: kind (СОШ, ООШ, Лицей …), number, legal form, roles."""

    name: str
    kind: str
    number: str | None = None
    legal_form: str | None = None
    roles: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"name": self.name, "kind": self.kind, "number": self.number, "legal_form": self.legal_form,
                "roles": [r for r in ROLES if r in self.roles]}


@dataclass
class Person:
    """One real person named in the text, with every printed form (``variants``) and position."""

    surname: str
    initials: str = ""
    first_name: str | None = None
    patronymic: str | None = None
    positions: list[str] = field(default_factory=list)
    variants: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Deadline:
    """A deadline cell: as printed, plus ISO start/end where the text fixes them, and recurrence."""

    text: str
    start: str | None = None
    end: str | None = None
    recurrence: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Responsible:
    """One person or organisation from a «responsible» cell."""

    text: str
    person: PersonRef | None = None
    position: str | None = None
    org: str | None = None

    def to_dict(self) -> dict:
        p = None
        if self.person:
            p = {"surname": self.person.surname, "initials": self.person.initials}
        return {"text": self.text, "person": p, "position": self.position, "org": self.org}


@dataclass
class RoadmapItem:
    """One measure of a plan-of-measures table."""

    action: str
    number: str | None = None
    section: str | None = None
    form: str | None = None
    deadline: Deadline | None = None
    responsible: list[Responsible] = field(default_factory=list)
    result: str | None = None
    expected_result: str | None = None

    def to_dict(self) -> dict:
        return {"number": self.number, "section": self.section, "action": self.action, "form": self.form,
                "deadline": self.deadline.to_dict() if self.deadline else None,
                "responsible": [r.to_dict() for r in self.responsible], "result": self.result,
                "expected_result": self.expected_result}


@dataclass
class Roadmap:
    """A plan-of-measures table: its heading, its printed column headers, its items."""

    title: str | None
    columns: list[str] = field(default_factory=list)
    items: list[RoadmapItem] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"title": self.title, "columns": list(self.columns), "items": [i.to_dict() for i in self.items]}


@dataclass
class Source:
    """The input file: base name, sha256 of its bytes, media type, page count, whether OCR ran."""

    file: str
    sha256: str
    media_type: str
    pages: int | None = None
    ocr: bool = False

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class ExtractionResult:
    """Everything extracted from one input file, in the contract's shape.

    ``provenance`` maps a field path such as ``"order.date"`` or ``"roadmaps[0].items[3]"`` to the
    page, box and OCR confidence it was read from (an addition to the contract).
    """

    source: Source
    order: Order = field(default_factory=Order)
    references: list[Reference] = field(default_factory=list)
    schools: list[School] = field(default_factory=list)
    persons: list[Person] = field(default_factory=list)
    roadmaps: list[Roadmap] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    provenance: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: seconds spent in each stage (diagnostics; not written to the JSON)
    timings: dict[str, float] = field(default_factory=dict, repr=False)

    def to_dict(self) -> dict:
        """The contract's JSON object (plus the project's own additions)."""
        d = {
            "schema_version": SCHEMA_VERSION,
            "source": self.source.to_dict(),
            "order": self.order.to_dict(),
            "references": [r.to_dict() for r in self.references],
            "schools": [s.to_dict() for s in self.schools],
            "persons": [p.to_dict() for p in self.persons],
            "roadmaps": [r.to_dict() for r in self.roadmaps],
            "warnings": list(self.warnings),
        }
        if self.provenance:
            d["provenance"] = self.provenance
        return d

    def to_json(self, indent: int | None = 1) -> str:
        """The contract's JSON text: UTF-8 friendly (no ``\\u`` escapes), stable key order."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)
