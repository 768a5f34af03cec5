"""The pieces of a synthetic document: people (with case forms), positions, schools, and the gold
record that is filled in while the text is written, so every answer holds by construction."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

LEXICONS = Path(__file__).resolve().parent / "lexicons"

CASES = ("nom", "gen", "dat", "acc", "ins")


@lru_cache(maxsize=None)
def lexicon(name: str):
    """A vocabulary file of ``corpora/lexicons`` (``names``, ``municipalities``, ``phrases``)."""
    return json.loads((LEXICONS / f"{name}.json").read_text(encoding="utf-8"))


def decline_surname(surname: str, kind: str, female: bool, case: str) -> str:
    """A surname in ``case``. ``kind``: ``ov`` (Петров/Петрова), ``sky`` (Вишневский/-ая),
    ``cons`` (Шевчак: declines for a man, not for a woman), ``indecl`` (Шевченко, Черных, -дзе)."""
    if case == "nom" or kind == "indecl" or (kind == "cons" and female):
        return surname
    if kind == "ov":
        if female:  # Петрова
            return surname[:-1] + ("у" if case == "acc" else "ой")
        return surname + {"gen": "а", "dat": "у", "acc": "а", "ins": "ым"}[case]
    if kind == "sky":
        stem = surname[:-2]
        if female:
            return stem + ("ую" if case == "acc" else "ой")
        return stem + {"gen": "ого", "dat": "ому", "acc": "ого", "ins": "им"}[case]
    # a man's surname ending in a consonant: Шевчак → Шевчака, Дугляй → Дугляя, Бабич → Бабичем
    if surname.endswith("й"):
        return surname[:-1] + {"gen": "я", "dat": "ю", "acc": "я", "ins": "ем"}[case]
    soft_ins = "ем" if surname[-1] in "жшчщц" else "ом"
    return surname + {"gen": "а", "dat": "у", "acc": "а", "ins": soft_ins}[case]


def decline_first_name(name: str, female: bool, case: str) -> str:
    """A first name in ``case`` (the names of lexicons/names.json follow these regular patterns)."""
    if case == "nom":
        return name
    if female:
        if name.endswith("ь"):  # Любовь
            return name if case == "acc" else name[:-1] + "и"
        stem, soft = (name[:-1], name[-1] == "я") if name[-1] in "ая" else (name, False)
        ends = {"gen": ("ы", "и"), "dat": ("е", "е"), "acc": ("у", "ю"), "ins": ("ой", "ей")}[case]
        if case == "gen" and not soft and stem[-1] in "гкхжшчщ":
            return stem + "и"
        if case in ("dat",) and name.endswith("ия"):
            return stem + "и"
        return stem + ends[soft]
    special = {"Павел": "Павл", "Лев": "Льв", "Петр": "Петр"}
    if name[-1] in "йь":
        stem = name[:-1]
        return stem + {"gen": "я", "dat": "ю", "acc": "я", "ins": "ем"}[case]
    stem = special.get(name, name)
    return stem + {"gen": "а", "dat": "у", "acc": "а", "ins": "ом"}[case]


def decline_patronymic(pat: str, female: bool, case: str) -> str:
    if case == "nom":
        return pat
    if female:  # Ивановна
        return pat[:-1] + {"gen": "ы", "dat": "е", "acc": "у", "ins": "ой"}[case]
    return pat + {"gen": "а", "dat": "у", "acc": "а", "ins": "ем"}[case]


@dataclass
class Person:
    """A named person of the document."""

    surname: str  # nominative
    kind: str  # declension class, see decline_surname
    female: bool
    first_name: str
    patronymic: str

    @property
    def ambiguous_oblique(self) -> bool:
        """Would «Лыкова Р.С.» (a man's surname in the genitive/accusative) read as a woman's
        nominative? Then the text must print the full name for the gold to be decidable."""
        return not self.female and self.kind in ("ov", "sky")

    @property
    def initials(self) -> str:
        return f"{self.first_name[0]}.{self.patronymic[0]}."

    def surname_in(self, case: str) -> str:
        return decline_surname(self.surname, self.kind, self.female, case)

    def printed(self, case: str, style: str) -> str:
        """The name as printed. ``style``: ``init_first`` «И.Д. Коршунова», ``init_after`` «Коршунова И.Д.»,
        ``tight`` «И.Д.Коршунова», ``spaced`` «Коршунова И. Д.», ``full`` «Коршунова Ирина Денисовна»
        (first name and patronymic declined too)."""
        s = self.surname_in(case)
        i = self.initials
        if style == "init_first":
            return f"{i} {s}"
        if style == "tight":
            return f"{i}{s}"
        if style == "spaced":
            return f"{s} {i[:2]} {i[2:]}"
        if style == "full":
            return (f"{s} {decline_first_name(self.first_name, self.female, case)} "
                    f"{decline_patronymic(self.patronymic, self.female, case)}")
        return f"{s} {i}"


# position heads in five cases; the tail («отдела общего образования») never changes
_HEADS: dict[str, tuple[str, str, str, str, str]] = {
    "начальник": ("начальник", "начальника", "начальнику", "начальника", "начальником"),
    "заместитель начальника": ("заместитель начальника", "заместителя начальника", "заместителю начальника",
                               "заместителя начальника", "заместителем начальника"),
    "главный специалист": ("главный специалист", "главного специалиста", "главному специалисту",
                           "главного специалиста", "главным специалистом"),
    "ведущий специалист": ("ведущий специалист", "ведущего специалиста", "ведущему специалисту",
                           "ведущего специалиста", "ведущим специалистом"),
    "методист": ("методист", "методиста", "методисту", "методиста", "методистом"),
    "старший методист": ("старший методист", "старшего методиста", "старшему методисту", "старшего методиста",
                         "старшим методистом"),
    "директор": ("директор", "директора", "директору", "директора", "директором"),
    "заместитель директора": ("заместитель директора", "заместителя директора", "заместителю директора",
                              "заместителя директора", "заместителем директора"),
    "консультант": ("консультант", "консультанта", "консультанту", "консультанта", "консультантом"),
    "председатель": ("председатель", "председателя", "председателю", "председателя", "председателем"),
    "заместитель председателя": ("заместитель председателя", "заместителя председателя",
                                 "заместителю председателя", "заместителя председателя",
                                 "заместителем председателя"),
    "заместитель главы": ("заместитель главы", "заместителя главы", "заместителю главы", "заместителя главы",
                          "заместителем главы"),
    "руководитель": ("руководитель", "руководителя", "руководителю", "руководителя", "руководителем"),
    "заместитель министра": ("заместитель министра", "заместителя министра", "заместителю министра",
                             "заместителя министра", "заместителем министра"),
}


@dataclass(frozen=True)
class Position:
    """A post: a head that declines and a tail that does not."""

    head: str
    tail: str = ""

    def text(self, case: str = "nom") -> str:
        h = _HEADS[self.head][CASES.index(case)]
        return f"{h} {self.tail}".strip()


@dataclass
class SchoolRef:
    """One school: kind, number (or a place name for an unnumbered one), legal form, roles."""

    kind: str
    number: str | None
    place: str | None = None
    legal_form: str | None = None
    roles: list[str] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.number or self.place or "")


@dataclass
class Gold:
    """The answer record, filled while the document is written."""

    order: dict
    references: list[dict] = field(default_factory=list)
    schools: dict = field(default_factory=dict)  # key -> school dict
    persons: dict = field(default_factory=dict)  # (surname, initials) -> person dict
    roadmaps: list[dict] = field(default_factory=list)

    def person(self, p: Person, printed: str, position: str | None, *, full: bool = False) -> dict:
        """Record one mention of ``p`` and return its person-ref."""
        key = (p.surname, p.initials)
        entry = self.persons.setdefault(key, {"surname": p.surname, "initials": p.initials, "first_name": None,
                                              "patronymic": None, "positions": [], "variants": []})
        if full:
            entry["first_name"], entry["patronymic"] = p.first_name, p.patronymic
        if position and position not in entry["positions"]:
            entry["positions"].append(position)
        if printed not in entry["variants"]:
            entry["variants"].append(printed)
        return {"surname": p.surname, "initials": p.initials, "position": position}

    def school(self, s: SchoolRef, name: str) -> None:
        entry = self.schools.get(s.key)
        if entry is None:
            self.schools[s.key] = {"name": name, "kind": s.kind, "number": s.number, "legal_form": s.legal_form,
                                   "roles": list(s.roles)}
        else:
            for r in s.roles:
                if r not in entry["roles"]:
                    entry["roles"].append(r)

    def to_dict(self, source: dict) -> dict:
        order_roles = ["low_results", "500plus", "mentor", "unfavourable"]
        schools = []
        for s in self.schools.values():
            s = dict(s, roles=sorted(s["roles"], key=order_roles.index))
            schools.append(s)
        return {"schema_version": "1.0", "source": source, "order": self.order, "references": self.references,
                "schools": schools, "persons": list(self.persons.values()), "roadmaps": self.roadmaps,
                "warnings": [], "_scored": ["order", "references", "schools", "persons", "roadmaps"]}
