"""Stage: schools — every school the text names, once per (kind, number), with its legal form and
its roles (low results, «500+», mentor, unfavourable conditions) read from the context.

A school mention is an optional legal form («МБОУ»), a kind («СОШ», «гимназия», «средней
общеобразовательной школы»), and «№» with one or more numbers («СОШ № 5, 10, 19», «школы №№ 4,
7»). Mentions separated only by commas and short connectors form a list; a legal form printed before
the first school holds for the whole list. A bare «школа № 7» names a school already named with a
proper kind when the number matches.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from .. import paths
from ..records import School

_FORMS_DEFAULT = ["МБОУ ДО", "МАОУ ДО", "МБОУ", "МАОУ", "МОБУ", "МКОУ", "МОУ", "ГБОУ", "ГКОУ", "ГАОУ", "ГОУ",
                  "ЧОУ", "НОУ", "АНОО", "ОГБОУ", "КГБОУ", "КОГОБУ", "МБОУ СОШ"]


def _legal_forms() -> list[str]:
    forms = set(_FORMS_DEFAULT) - {"МБОУ СОШ"}
    try:
        data = json.loads(paths.data_file("legal_forms.json").read_text(encoding="utf-8"))
        forms.update(x for x in data if isinstance(x, str) and "ОУ" in x.upper() and len(x) <= 12)
    except (OSError, ValueError):
        pass
    return sorted(forms, key=len, reverse=True)


# kind → patterns of its printed forms (any case); order matters: specific before generic
_KINDS: list[tuple[str, str]] = [
    ("Школа-интернат", r"школ[аеыуой]{0,2}-интернат\w*"),
    ("СОШ", r"СОШ|[Сс]редн\w{2,3}\s+(?:[Оо]бщеобразовательн\w{2,3}\s+)?[Шш]кол\w{0,2}"),
    ("ООШ", r"ООШ|[Оо]сновн\w{2,3}\s+(?:[Оо]бщеобразовательн\w{2,3}\s+)?[Шш]кол\w{0,2}"),
    ("НОШ", r"НОШ|[Нн]ачальн\w{2,3}\s+(?:[Оо]бщеобразовательн\w{2,3}\s+)?[Шш]кол\w{0,2}"),
    ("Лицей", r"[Лл]ице[йяюеи]\w{0,2}"),
    ("Гимназия", r"[Гг]имнази[яиюей]\w{0,1}"),
    ("ЦО", r"ЦО|[Цц]ентр\w{0,2}\s+образования"),
    ("Школа", r"[Шш]кол[аыуеой]{1,2}|ОУ|ОО"),
]
_KIND_RX = "|".join(f"(?P<k{i}>{p})" for i, (_, p) in enumerate(_KINDS))
# a letter after the number («№ 5а», «№ 12-Б») or an OCR letter for a digit («2l»); not across a line
# break and not an initial («№ 1 Г.И. Петрова»)
_SUFFIX = r"(?:[lI|З](?![А-Яа-яЁёA-Za-z])|[ \t]?[-–]?[ \t]?[А-Яа-я](?![А-Яа-яЁё.]))"
_NUMS = rf"(?P<nums>\d{{1,4}}(?:{_SUFFIX})?(?:\s*(?:,|и)\s*\d{{1,4}}(?:{_SUFFIX})?)*)"
_FORM_RX = "|".join(re.escape(f) for f in _legal_forms())

MENTION = re.compile(
    rf"(?:(?P<form>{_FORM_RX})\s*)?[«\"„]?\s*(?P<kind>{_KIND_RX})\s*(?:[«\"„]?\s*)(?:№\s*№|№|N|№№)\s*{_NUMS}[»\"“]?",
)

# a school named by its place, without a number: «ГБОУ ООШ д. Березовка», «МКОУ СОШ с. Ивановка»
NO_NUMBER = re.compile(
    rf"(?P<form>{_FORM_RX})\s*[«\"„]?\s*(?P<kind>{_KIND_RX})[»\"“]?\s+"
    r"(?P<place>(?:с\.|д\.|п\.|х\.|ст\.|пос\.|пгт\.?|р\.\s?п\.|аул|села|деревни|поселка|хутора|им\.)\s*"
    r"[А-ЯЁ][а-яё]+(?:[-\s][А-ЯЁ][а-яё]+)?[»\"“]?)")

_ROLE_RULES = [
    ("500plus", re.compile(r"500\s*\+|500\s*плюс|«500»", re.I)),
    ("low_results", re.compile(r"ШНОР|ШНРО|ШНОРО|низк\w+\s+(?:образовательн\w+\s+|учебн\w+\s+)?результат|"
                               r"низкими\s+результат|необъективн|слабы\w+\s+результат", re.I)),
    ("mentor", re.compile(r"наставни|школ\w*-партн|высок\w+\s+(?:образовательн\w+\s+)?результат|"
                          r"школ\w*-лидер|ресурсн\w+\s+центр|эффективн\w+\s+школ", re.I)),
    ("unfavourable", re.compile(r"ШССУ|ШФНСУ|неблагоприятн\w+\s+социальн|сложн\w+\s+социальн", re.I)),
]
_PARTICIPLE_AFTER = re.compile(r"^\s*[,»\"]*\s*(?:участвующ|имеющ|показ|вошедш|функционирующ|демонстрирующ|"
                               r"котор|являющ|включенн|отнесенн|работающ)", re.I)


@dataclass
class _Mention:
    start: int
    end: int
    name: str
    kind: str
    numbers: list[str]
    form: str | None
    generic: bool
    list_id: int = 0
    roles: set[str] = field(default_factory=set)


def _kind_of(m: re.Match) -> tuple[str, bool]:
    for i, (kind, _) in enumerate(_KINDS):
        if m.group(f"k{i}"):
            return kind, kind == "Школа"
    return "Школа", True


def _numbers(raw: str) -> list[str]:
    out = []
    for part in re.split(r"\s*(?:,|\bи\b)\s*", raw):
        part = re.sub(r"\s+|[-–]", "", part.strip())
        # OCR letters that stand for digits right after digits («5б» is 56, «2l» is 21, «4З» is 43)
        part = re.sub(r"(?<=\d)[бБ]$", "6", part)
        part = re.sub(r"(?<=\d)[lI|]$", "1", part)
        part = re.sub(r"(?<=\d)[З]$", "3", part)
        if part and part[0].isdigit():
            out.append(part.upper() if not part.isdigit() else str(int(part)))
    return out


def find_school_mentions(text: str) -> list[_Mention]:
    """Every school mention in ``text`` with its list membership."""
    found: list[_Mention] = []
    for m in MENTION.finditer(text):
        kind, generic = _kind_of(m)
        kind_text = m.group("kind")
        if generic and kind_text in ("ОУ", "ОО") and not m.group("form"):
            generic = True
        nums = _numbers(m.group("nums"))
        if not nums:
            continue
        name = " ".join(m.group(0).split()).strip(" ,")
        found.append(_Mention(m.start(), m.end(), name, kind, nums, m.group("form"), generic))
    for m in NO_NUMBER.finditer(text):
        if any(f.start <= m.start() < f.end for f in found):
            continue
        kind, generic = _kind_of(m)
        name = " ".join(m.group(0).split()).strip(" ,")
        found.append(_Mention(m.start(), m.end(), name, kind, [], m.group("form"), False))
    found.sort(key=lambda x: x.start)
    # lists: mentions joined by commas/short connectors without a bracket or a sentence end
    list_id = 0
    for i, mm in enumerate(found):
        if i:
            gap = text[found[i - 1].end:mm.start]
            # one list: separated by commas and «и», or by a year («…, в 2021 году – МБОУ …»)
            joined = re.fullmatch(r"[\s,;»\"]*(?:и|а\s+также)?[\s,»\"]*", gap) or (
                len(gap) <= 30 and re.search(r"\b(?:19|20)\d\d\b", gap) and not re.search(r"[().;:!?]", gap))
            if not joined:
                list_id += 1
        mm.list_id = list_id
    return found


def _context(text: str, mentions: list[_Mention], lid: int) -> str:
    members = [m for m in mentions if m.list_id == lid]
    first, last = members[0], members[-1]
    prev_end = max([m.end for m in mentions if m.list_id < lid] or [0])
    sent_start = max(text.rfind(".", 0, first.start - 1), text.rfind("\n\n", 0, first.start), prev_end - 1)
    # a full stop inside «№ 5.» or an abbreviation does not end a sentence; look a bit further back
    lo = max(sent_start + 1, first.start - 400)
    before = text[lo:first.start]
    after = text[last.end:last.end + 200]
    ctx = before
    if _PARTICIPLE_AFTER.match(after):
        ctx += " " + re.split(r"[.;]", after, maxsplit=1)[0]
    return ctx


def stage(ctx) -> None:
    """Fill ``result.schools``."""
    text = ctx.doc.text()
    mentions = find_school_mentions(text)
    if not mentions:
        return
    for lid in sorted({m.list_id for m in mentions}):
        roles = {r for r, rx in _ROLE_RULES if rx.search(_context(text, mentions, lid))}
        members = [m for m in mentions if m.list_id == lid]
        form = members[0].form
        for m in members:
            m.roles = roles
            if m.form is None and form and not m.generic:
                m.form = form
            elif m.form:
                form = m.form
    schools: dict[tuple[str, str], School] = {}
    by_number: dict[str, list[School]] = {}
    # specific kinds first, so that a bare «школа № 7» can join the school already named
    for m in sorted(mentions, key=lambda x: (x.generic, x.start)):
        if not m.numbers:  # a school without a number is told by its name
            key = (m.kind, "name:" + m.name.lower())
            s = schools.setdefault(key, School(name=m.name, kind=m.kind, number=None, legal_form=m.form, roles=[]))
            s.roles = sorted(set(s.roles) | m.roles)
            continue
        for n in m.numbers:
            if m.generic:
                known = by_number.get(n)
                if known and len(known) == 1:
                    known[0].roles = sorted(set(known[0].roles) | m.roles)
                    continue
                if m.name.split()[0] in ("ОУ", "ОО") or re.match(r"(?:ОУ|ОО)\b", m.name):
                    continue
            key = (m.kind, n)
            s = schools.get(key)
            if s is None:
                name = m.name if len(m.numbers) == 1 else _name_for(m, n)
                s = School(name=name, kind=m.kind, number=n, legal_form=m.form, roles=[])
                schools[key] = s
                by_number.setdefault(n, []).append(s)
            if s.legal_form is None and m.form:
                s.legal_form = m.form
            s.roles = sorted(set(s.roles) | m.roles)
    # printed order
    order = {}
    for m in mentions:
        for n in m.numbers or ["name:" + m.name.lower()]:
            order.setdefault((m.kind, n), m.start)
    ctx.result.schools = sorted(schools.values(),
                                key=lambda s: order.get((s.kind, s.number or "name:" + s.name.lower()), 0))


def _name_for(m: _Mention, number: str) -> str:
    head = re.split(r"№", m.name)[0].strip()
    return f"{head} № {number}"
