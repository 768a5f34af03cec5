"""Stage: persons — every person named anywhere in the document, once each, with the positions the
text gives them and every printed form.

Names come from the rules in :mod:`names` over paragraphs and table cells. Spelling variants of one
person («Тарвазник И.Р.» / «Тарвазнин И.Р.») are merged with rapidfuzz when the initials agree; the
surname kept is the one printed most often. natasha's NER is asked, per paragraph and only when a
paragraph holds a capitalised given name the rules did not explain, for full names the rules
cannot see (a name without a patronymic, an unusual order).
"""

from __future__ import annotations

import re
from collections import Counter

from rapidfuzz.distance import Levenshtein

from ..document import Paragraph, Table
from ..records import Person
from . import morph
from .names import Mention, find_mentions
from .positions import clean_position, starts_with_position
from .responsible import split_responsible

_DATIVE_LIST = re.compile(r"([А-ЯЁа-яё]+(?:ям|ам))\b([^()]{0,200}?)(?:\(\s*далее\s*[-–—]?\s*([^)]{2,12})\))?\s*\([^()]*$")
# a line that ends its sentence: what comes after it gives a name no case
_SENTENCE_END = re.compile(r"[.;:!?]\s*$")
_LABEL = re.compile(r"^\s*(?:составил[а]?|исполнитель|исп\.|подготовил[а]?|проект\s+внес\w*)\s*:?\s*", re.I)


class _Acc:
    def __init__(self) -> None:
        self.items: list[dict] = []

    def add(self, m: Mention, position: str | None) -> None:
        self.items.append({"m": m, "pos": position})


def _paragraph_position(text: str, m: Mention) -> str | None:
    """The position printed before a name in running text: «Составил: методист РМК Ларионова Н.П.»,
    «Директор МКУО ЦОКО И.Ф. Гняч», or a list in brackets after a plural dative («кураторам (…)»)."""
    before = text[:m.start]
    dm = _DATIVE_LIST.search(before)
    if dm:
        head = morph.position_nominative(dm.group(1)).lower()
        if starts_with_position(head):
            abbr = dm.group(3)
            return f"{head} {abbr.strip()}" if abbr else head
    seg = re.split(r"[:;()\n]|,\s", before)[-1]
    seg = _LABEL.sub("", seg).strip()
    seg = re.sub(r"^(?:\d{1,2}(?:\.\d{1,2})*[.)]?\s+)", "", seg)  # «3. Директору …» is a point of the order
    if seg and starts_with_position(seg) and len(seg) < 120:
        return clean_position(morph.position_nominative(seg))
    return None


def collect(doc, order) -> list[Person]:
    """The persons of a document (the order stage has run: its people and positions are used)."""
    from ..backends.detect import DOCX, TEXT
    from .roadmaps import responsible_text

    layout = doc.media_type not in (TEXT, DOCX)  # line breaks in PDF and scan cells are the layout's
    acc = _Acc()
    for before, line in _joined_lines(doc.blocks):
        for m in find_mentions(line, before):
            acc.add(m, _paragraph_position(line, m))
    for before, window, cut in _line_breaks(doc.blocks):
        for m in find_mentions(window, before):
            if m.start < cut < m.end:  # «… О.Д.» / «Сухотиновой, …»: a name the layout broke
                acc.add(m, _paragraph_position(window, m))
    for b in doc.blocks:
        if isinstance(b, Paragraph):
            continue
        elif isinstance(b, Table):
            for row in b.rows:
                for c in row:
                    if not c.text.strip():
                        continue
                    text = responsible_text(c.text, layout) if "\n" in c.text else c.text
                    ms = find_mentions(text)
                    if not ms:
                        continue
                    entries = [r for r in split_responsible(text) if r.person]
                    for m in ms:
                        pos = None
                        for r in entries:
                            if r.person and r.person.surname == m.surname and r.person.initials == m.initials:
                                pos = r.position
                                break
                        acc.add(m, pos)
    return _merge(acc.items, order)


def _line_breaks(blocks: list, reach: int = 60) -> list[tuple[str, str, int]]:
    """Each break between two lines of one paragraph (or two OCR lines with no gap between them)
    as ``(the sentence's text before the window, end of the line + " " + start of the next,
    position of the break)``."""
    out: list[tuple[str, str, int]] = []
    prev: str | None = None
    done = ""
    for b in blocks:
        if not isinstance(b, Paragraph):
            prev, done = None, ""
            continue
        lines = b.text.split("\n")
        if prev is not None and not b.gap_before:
            lines = [prev, *lines]
        else:
            done = ""
        for a, c in zip(lines, lines[1:]):
            if a.strip() and c.strip() and not a.rstrip().endswith("-"):
                head = a.rstrip()[-reach:]
                lead = done + a.rstrip()[:-reach] if len(a.rstrip()) > reach else done
                out.append((lead[-200:], f"{head} {c.lstrip()[:reach]}", len(head)))
            done = "" if _SENTENCE_END.search(a) else done + a + "\n"
        prev = lines[-1] if lines else None
    return out


def _joined_lines(blocks: list, reach: int = 200) -> list[tuple[str, str]]:
    """Paragraph lines as ``(the sentence's text before the line, up to reach characters; the
    line)``, with a word cut by a hyphen at a line end («Остробров-» / «кина …») joined to the next
    line, so a name split by the layout is found whole. A PDF or a scan gives each printed line as
    a paragraph of its own: the sentence goes on over lines with no gap between them until one
    ends with a full stop, a colon or a semicolon."""
    out: list[tuple[str, str]] = []
    done = ""
    for b in blocks:
        if not isinstance(b, Paragraph):
            done = ""
            continue
        if b.gap_before or _SENTENCE_END.search(done):
            done = ""
        for line in b.text.split("\n"):
            first = re.match(r"[а-яё]+", line)
            # join only when the next line starts with a fragment, not a word of its own
            # («Остробров-» + «кина» joins; «Рябинина-» + «главный специалист» is a dash)
            if out and re.search(r"[А-Яа-яЁё]-$", out[-1][1]) and first and not morph.is_known(first.group(0)):
                out[-1] = (out[-1][0], out[-1][1][:-1] + line)
            else:
                out.append((done[-reach:], line))
            done += line + "\n"
    return out


def _same_person(a: str, b: str, same_initials: bool) -> bool:
    """Two printed surnames of one person: equal, or (same initials) one letter apart — a typo or
    an OCR slip — but never a masculine/feminine pair («Иванов»/«Иванова»)."""
    a, b = a.lower(), b.lower()
    if a == b:
        return True
    if not same_initials or min(len(a), len(b)) < 4 or a[0] != b[0]:
        return False
    if a + "а" == b or b + "а" == a:
        return False
    if len(a) >= 5 and len(b) >= 5 and (a.startswith(b) or b.startswith(a)):
        return True  # a surname cut at a line end («Остробров-» / «кина»)
    return Levenshtein.distance(a, b) <= 1 or (min(len(a), len(b)) >= 7 and Levenshtein.distance(a, b) <= 2
                                               and a[:4] == b[:4])


def _key(surname: str, initials: str) -> tuple[str, str]:
    return surname.lower().replace("ё", "е"), initials


def _merge(items: list[dict], order) -> list[Person]:
    # group by initials, then by surname similarity
    groups: list[dict] = []
    for it in items:
        m: Mention = it["m"]
        target = None
        for g in groups:
            if g["initials"] != m.initials and m.initials and g["initials"]:
                continue
            for s in g["surnames"]:
                if _same_person(s, m.surname, bool(m.initials) and g["initials"] == m.initials):
                    target = g
                    break
            if target:
                break
        if target is None:
            target = {"initials": m.initials, "surnames": Counter(), "positions": [], "variants": [],
                      "first": None, "patr": None, "order": len(groups)}
            groups.append(target)
        target["surnames"][m.surname] += 1
        if not target["initials"] and m.initials:
            target["initials"] = m.initials
        if it["pos"] and it["pos"] not in target["positions"]:
            target["positions"].append(it["pos"])
        if m.printed not in target["variants"]:
            target["variants"].append(m.printed)
        if m.first_name:
            target["first"], target["patr"] = m.first_name, m.patronymic
    groups = _merge_initial_slips(groups)
    # positions the order stage found (signature, approval, controller)
    refs = [order.signatory, order.approved_by, order.controller]
    people = []
    for g in groups:
        # the most frequent spelling; between equals, the longer (a cut form is a prefix)
        surname = sorted(g["surnames"].items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0][0]
        p = Person(surname=surname, initials=g["initials"], first_name=g["first"], patronymic=g["patr"],
                   positions=list(g["positions"]), variants=list(g["variants"]))
        for r in refs:
            if r and r.position and r.initials == p.initials and r.surname.lower() in {s.lower() for s in g["surnames"]}:
                if r.position not in p.positions:
                    p.positions.insert(0, r.position) if r is order.signatory else p.positions.append(r.position)
        people.append(p)
    return people


# capitals a scan confuses in initials («В.Т.» for «В.Г.»)
_INITIAL_SLIPS = {frozenset(p) for p in ("ГТ", "НИ", "НП", "ПТ", "ШЩ", "ЕС", "ВБ", "ОС")}


def _initials_compatible(a: str, b: str) -> bool:
    """Initials of one person read twice: a dropped initial («С.» / «С.О.», «В.» / «Л.В.») or one
    letter a scan confuses."""
    la, lb = a.replace(".", ""), b.replace(".", "")
    if not la or not lb or la == lb:
        return la == lb
    if len(la) != len(lb):
        short, long = sorted((la, lb), key=len)
        return long.startswith(short) or (len(short) == 1 and long.endswith(short))
    diffs = [(x, y) for x, y in zip(la, lb) if x != y]
    return len(diffs) == 1 and frozenset(diffs[0]) in _INITIAL_SLIPS


def _merge_initial_slips(groups: list[dict]) -> list[dict]:
    """Join a person whose initials a scan misread into the same surname's main reading; the
    reading met more often (the fuller one, between equals) gives the initials."""
    def weight(g: dict) -> tuple[int, int]:
        return sum(g["surnames"].values()), len(g["initials"])

    kept: list[dict] = []
    for g in sorted(groups, key=lambda g: (-weight(g)[0], -weight(g)[1], g["order"])):
        names = {s.lower() for s in g["surnames"]}
        home = next((k for k in kept if names & {s.lower() for s in k["surnames"]}
                     and _initials_compatible(k["initials"], g["initials"])), None)
        if home is None:
            kept.append(g)
            continue
        home["surnames"].update(g["surnames"])
        home["positions"].extend(p for p in g["positions"] if p not in home["positions"])
        home["variants"].extend(v for v in g["variants"] if v not in home["variants"])
        if len(g["initials"]) > len(home["initials"]) and g["initials"].startswith(home["initials"]):
            home["initials"] = g["initials"]
        home["first"], home["patr"] = home["first"] or g["first"], home["patr"] or g["patr"]
        home["order"] = min(home["order"], g["order"])
    return sorted(kept, key=lambda g: g["order"])


def canonical_surnames(persons: list[Person]) -> dict[tuple[str, str], str]:
    """(printed surname, initials) → the surname a merged person goes by."""
    out = {}
    for p in persons:
        for v in p.variants:
            for m in find_mentions(v):
                out[(m.surname, m.initials)] = p.surname
    return out


def stage(ctx) -> None:
    """Fill ``result.persons`` and align surnames elsewhere with the merged spelling."""
    persons = collect(ctx.doc, ctx.result.order)
    ctx.result.persons = persons
    canon = canonical_surnames(persons)
    o = ctx.result.order
    for ref in (o.signatory, o.approved_by, o.controller):
        if ref is not None:
            ref.surname = canon.get((ref.surname, ref.initials), ref.surname)
    for rm in ctx.result.roadmaps:
        for it in rm.items:
            for r in it.responsible:
                if r.person is not None:
                    r.person.surname = canon.get((r.person.surname, r.person.initials), r.person.surname)
