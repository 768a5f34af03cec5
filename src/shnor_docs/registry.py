"""Merge what many documents say into one picture of the backlog.

- The same order arriving twice (a .docx and its scan) is recognised by issuer + date + number,
  normalised; the copies point at one canonical document (``same_as``).
- One person named in twelve orders is one row, keyed by surname + initials, normalised.
- One school is one row, keyed by (municipality, kind, number).
- A reference is resolved to the backlog's document it cites (same date and number, compatible
  document type), giving a graph of which order approves, amends, repeals or cites which.

Everything here works on plain rows (dicts with the columns of :mod:`shnor_docs.export.tables`),
so it runs the same over the SQLite catalog or over results held in memory.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable

from rapidfuzz import fuzz

from .export.tables import SEP, order_label

# Latin letters that OCR and careless typing put into Cyrillic words: folded to Cyrillic so that
# «Иванов» typed with a Latin «о» is still Иванов
_LOOKALIKES = str.maketrans("aeopcxykmthb", "аеорсхукмтнв")
_QUOTES = re.compile(r"[«»\"'“”„‘’`]")
_DASHES = re.compile(r"[‐‑‒–—―−]")
_NONWORD = re.compile(r"[^\w./-]+")

#: issuers of two copies of one order are this similar (0–100) at least, OCR errors allowed
ISSUER_SIMILARITY = 85.0
#: how much a source is trusted when choosing the canonical copy (lower is better)
_MEDIA_RANK = {"application/vnd.openxmlformats-officedocument.wordprocessingml.document": 0, "text/plain": 1,
               "application/pdf": 2}


def fold(text: str | None) -> str:
    """Case-, ё-, quote-, dash- and space-folded text with Latin look-alikes made Cyrillic."""
    if not text:
        return ""
    t = text.casefold().replace("ё", "е").translate(_LOOKALIKES)
    t = _DASHES.sub("-", _QUOTES.sub("", t))
    return " ".join(_NONWORD.sub(" ", t).split())


def number_key(number: str | None) -> str:
    """An order number folded for matching: ``"№ 207-В/24."`` → ``"207-в/24"``."""
    t = fold((number or "").replace("№", " ")).replace(" ", "")
    return t.strip(".-")


def person_key(surname: str | None, initials: str | None) -> str | None:
    """``"коршунова|ид"`` for Коршунова И.Д. (``None`` without a surname)."""
    s = fold(surname).replace(" ", "")
    if not s:
        return None
    letters = "".join(ch for ch in fold(initials) if ch.isalpha())
    return f"{s}|{letters}"


def school_key(municipality: str | None, kind: str | None, number: str | None, name: str | None) -> str:
    """``"заречный городской округ|сош|4"``; a school without a number is keyed by its name."""
    num = "".join(ch for ch in (number or "") if ch.isalnum()).casefold()
    return "|".join([fold(municipality), fold(kind), num or "name:" + fold(name)])


def order_key(order: dict) -> tuple[str, str] | None:
    """``(date, number)`` of an order row, folded; ``None`` when either is missing."""
    date, num = order.get("date"), number_key(order.get("number"))
    return (date, num) if date and num else None


@dataclass
class Registry:
    """What :func:`build_registry` finds: the registry tables plus per-row links back."""

    same_as: dict[str, str] = field(default_factory=dict)  # file -> canonical file of the same order
    duplicates: list[dict] = field(default_factory=list)
    persons_registry: list[dict] = field(default_factory=list)
    schools_registry: list[dict] = field(default_factory=list)
    links: list[dict] = field(default_factory=list)
    resolved: list[str | None] = field(default_factory=list)  # aligned with the references given

    def tables(self) -> dict[str, list[dict]]:
        return {"persons_registry": self.persons_registry, "schools_registry": self.schools_registry,
                "links": self.links, "duplicates": self.duplicates}


def _same_order(a: dict, b: dict) -> bool:
    ta, tb = fold(a.get("doc_type")), fold(b.get("doc_type"))
    if ta and tb and ta != tb:
        return False
    ia, ib = fold(a.get("issuer")), fold(b.get("issuer"))
    if ia and ib:
        return fuzz.ratio(ia, ib) >= ISSUER_SIMILARITY
    ma, mb = fold(a.get("municipality")), fold(b.get("municipality"))
    return not (ma and mb and ma != mb)


def _canonical_rank(o: dict) -> tuple:
    return (int(bool(o.get("ocr"))), _MEDIA_RANK.get(o.get("media_type") or "", 3), o["file"])


def find_duplicates(orders: list[dict]) -> dict[str, str]:
    """``{file: canonical file}`` for every order that is another copy of an order in the list."""
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for o in orders:
        k = order_key(o)
        if k:
            groups[k].append(o)
    same_as: dict[str, str] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        members = sorted(members, key=_canonical_rank)
        parent = list(range(len(members)))

        def root(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for i in range(len(members)):
            for j in range(i + 1, len(members)):
                if _same_order(members[i], members[j]):
                    ri, rj = root(i), root(j)
                    parent[max(ri, rj)] = min(ri, rj)  # the better-ranked copy stays the root
        for i, o in enumerate(members):
            r = root(i)
            if r != i:
                same_as[o["file"]] = members[r]["file"]
    return same_as


def _most_common(values: Iterable[str | None]) -> str | None:
    c = Counter(v for v in values if v)
    if not c:
        return None
    best = max(c.values())
    return min(v for v, n in c.items() if n == best)  # ties broken alphabetically: deterministic


def _unique(values: Iterable[str | None]) -> list[str]:
    seen: dict[str, None] = {}
    for v in values:
        for part in (v or "").split(SEP):
            part = part.strip()
            if part and part not in seen:
                seen[part] = None
    return list(seen)


def build_registry(orders: list[dict], persons: list[dict], schools: list[dict],
                   references: list[dict]) -> Registry:
    """Merge the per-document rows of a backlog into the registry tables (deterministic output)."""
    reg = Registry()
    by_file = {o["file"]: o for o in orders}
    reg.same_as = find_duplicates(orders)

    def canon(file: str) -> str:
        return reg.same_as.get(file, file)

    def label(file: str) -> str:
        o = by_file.get(file) or {}
        return order_label(o.get("date"), o.get("number"), o.get("doc_type"))

    for file in sorted(reg.same_as):
        o = by_file[file]
        reg.duplicates.append({"file": file, "same_as": reg.same_as[file],
                               "order_key": f"{o.get('date')}|{o.get('number')}|{o.get('issuer') or ''}"})

    def owners(rows: list[dict]) -> tuple[int, str, str]:
        files = sorted({r["file"] for r in rows})
        docs = sorted({canon(f) for f in files})
        return len(docs), SEP.join(label(f) for f in docs), SEP.join(files)

    pgroups: dict[str, list[dict]] = defaultdict(list)
    for p in sorted(persons, key=lambda r: r["file"]):
        k = person_key(p.get("surname"), p.get("initials"))
        if k:
            pgroups[k].append(p)
    for k in sorted(pgroups):
        rows = pgroups[k]
        n, orders_txt, files = owners(rows)
        reg.persons_registry.append({
            "person_key": k, "surname": _most_common(r.get("surname") for r in rows),
            "initials": _most_common(r.get("initials") for r in rows),
            "first_name": _most_common(r.get("first_name") for r in rows),
            "patronymic": _most_common(r.get("patronymic") for r in rows),
            "positions": SEP.join(_unique(r.get("positions") for r in rows)),
            "variants": SEP.join(_unique(r.get("variants") for r in rows)),
            "n_orders": n, "orders": orders_txt, "files": files,
        })

    sgroups: dict[str, list[dict]] = defaultdict(list)
    for s in sorted(schools, key=lambda r: r["file"]):
        sgroups[school_key(s.get("municipality"), s.get("kind"), s.get("number"), s.get("name"))].append(s)
    for k in sorted(sgroups):
        rows = sgroups[k]
        n, orders_txt, files = owners(rows)
        reg.schools_registry.append({
            "school_key": k, "municipality": _most_common(r.get("municipality") for r in rows),
            "kind": _most_common(r.get("kind") for r in rows), "number": _most_common(r.get("number") for r in rows),
            "names": SEP.join(_unique(r.get("name") for r in rows)),
            "legal_forms": SEP.join(_unique(r.get("legal_form") for r in rows)),
            "roles": SEP.join(_unique(r.get("roles") for r in rows)),
            "n_orders": n, "orders": orders_txt, "files": files,
        })

    index: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for o in orders:
        k = order_key(o)
        if k and canon(o["file"]) == o["file"]:
            index[k].append(o)
    for ref in references:
        to = _resolve(ref, index, by_file, canon)
        reg.resolved.append(to)
        if to:
            cited = order_label(ref.get("date"), ref.get("number"), ref.get("doc_type"))
            if ref.get("title"):
                cited += f" «{ref['title']}»"
            reg.links.append({"from_file": ref["file"], "from_order": label(ref["file"]),
                              "relation": ref.get("relation") or "cites", "to_file": to, "to_order": label(to),
                              "cited_as": cited})
    reg.links.sort(key=lambda r: (r["from_file"], r["relation"], r["to_file"], r["cited_as"]))
    return reg


def _resolve(ref: dict, index: dict, by_file: dict, canon) -> str | None:
    k = order_key(ref)
    if not k:
        return None
    me = canon(ref["file"])
    rtype = fold(ref.get("doc_type"))
    cands = [o for o in index.get(k, ()) if o["file"] != me
             and not (rtype and fold(o.get("doc_type")) and fold(o.get("doc_type")) != rtype)]
    if len(cands) > 1 and fold(ref.get("issuer")):
        ri = fold(ref.get("issuer"))
        cands = [o for o in cands if fuzz.ratio(ri, fold(o.get("issuer"))) >= ISSUER_SIMILARITY] or cands
    if len(cands) > 1:
        mine = fold((by_file.get(ref["file"]) or {}).get("municipality"))
        cands = [o for o in cands if mine and fold(o.get("municipality")) == mine] or cands
    # two different documents fit equally well: a guess would draw a false edge, so leave it open
    return cands[0]["file"] if len(cands) == 1 else None
