"""From a table's rows to plan-of-measures items: column roles by meaning, section rows,
continuation rows joined back, malformed rows repaired.

Every backend hands over the same thing — rows of cell strings — so this is written once:
``assign_column_roles`` reads the header, ``normalise_row`` repairs duplicated or shifted cells,
``iter_logical_rows`` joins the rows a page break split and tells section rows from items.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

ROLES = ("number", "action", "form", "deadline", "responsible", "result", "expected_result")

# (role, pattern) in priority order: the first that matches a header cell wins.
_ROLE_RULES: list[tuple[str, re.Pattern]] = [
    ("number", re.compile(r"^\s*(?:№|n|no|номер)\s*(?:п\s*/?\s*п\.?)?\s*$|^\s*п\s*/\s*п\.?\s*$|^\s*№\s*п\s*/?\s*п", re.I)),
    ("result", re.compile(r"форм[аы]\s+(?:отч[её]т|представлен|подтвержд|контрол|фиксац)|отч[её]тн|"
                          r"итогов(?:ый|ая|ые)\s+документ|подтверждающ", re.I)),
    ("expected_result", re.compile(r"ожидаем|планируем|целев|показател[ьи]\s+(?:результ|эффект)|индикатор|"
                                   r"результат|продукт|эффект", re.I)),
    ("deadline", re.compile(r"срок|дата|период|время|когда|график", re.I)),
    ("responsible", re.compile(r"ответствен|исполнител|кто\s|ф\.?\s*и\.?\s*о|куратор|соисполн|участник", re.I)),
    ("form", re.compile(r"форм[аы]\s*(?:проведени|работ|реализац|мероприят|участия)?\s*$|^\s*форм[аы]\b|вид\s+мероп", re.I)),
    ("action", re.compile(r"мероприят|наименован|содержани|направлени|действи|вид\w*\s+работ|задач|"
                          r"показател|описани|деятельност|тема|работ[аы]", re.I)),
]

_DEADLINE_WORDS = re.compile(
    r"\b(?:январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр|квартал|полугод|четверт|"
    r"ежегодн|ежекварт|ежемесяч|еженедел|поквартал|постоянн|в\s+течени|до\s+\d|не\s+позднее|не\s+реже|"
    r"по\s+(?:плану|графику|мере|запрос|необход|результат|итогам)|после\s|раз\s+в|учебн\w+\s+год|год[аы]?\b)|"
    r"\b(?:19|20)\d\d\b|\b\d{1,2}\.\d{1,2}\.\d{2,4}\b", re.I)


def looks_like_deadline(text: str) -> bool:
    """Does a cell read like a deadline (a date, a month, a period, a schedule)?"""
    return bool(_DEADLINE_WORDS.search(text))


_NUM = re.compile(r"^\s*((?:\d{1,3}|[IVXLC]{1,5})(?:\.\d{1,3}){0,3})\.?\s*$")
_SECTION_NUM = re.compile(r"^\s*(?:раздел\s+)?(?:\d{1,2}|[IVXLC]{1,5})(?:\.\d{1,2})?\.?\s+\S", re.I)


@dataclass
class ColumnMap:
    """Which column holds which role; ``columns`` are the printed header texts."""

    roles: dict[str, int] = field(default_factory=dict)
    columns: list[str] = field(default_factory=list)
    header_rows: int = 0
    form_in_action: bool = False  # «Мероприятия (форма)»: a trailing parenthesis is the form

    def get(self, row: list[str], role: str) -> str:
        i = self.roles.get(role)
        if i is None or i >= len(row):
            return ""
        return row[i]


def is_header_row(cells: list[str]) -> bool:
    """A header row: short cells, mostly matching column words, no row number."""
    filled = [c for c in cells if c.strip()]
    if len(filled) < 2 or any(len(c) > 120 for c in filled):
        return False
    if _NUM.match(filled[0]) and len(filled[0].strip()) < 6:
        return False
    # the tail of a row split by a page break goes on in lower case; column headings do not
    if sum(1 for c in filled if re.match(r"\s*[а-яё(]", c)) * 2 >= len(filled):
        return False
    hits = sum(1 for c in filled if _role_of(c) not in (None, "number"))
    return hits >= 2 or (hits >= 1 and len(filled) == 2)


def _role_of(text: str) -> str | None:
    t = " ".join(text.split())
    if not t:
        return None
    # a narrow column breaks words without a hyphen («Мероприя» / «тия»): try the lines glued too
    glued = "".join(text.split("\n")) if "\n" in text else t
    for role, rx in _ROLE_RULES:
        if rx.search(t) or rx.search(glued):
            return role
    return None


def assign_column_roles(header: list[str], width: int, body: list[list[str]] | None = None) -> ColumnMap:
    """Map header cells to roles by meaning. Where two columns ask for the same role the first
    keeps it, except results: «форма отчета» is ``result`` and a planned/expected result then
    becomes ``expected_result``; a lone result column of either kind is ``result``."""
    cm = ColumnMap(columns=[" ".join(h.split()) for h in header])
    for i, h in enumerate(header):
        role = _role_of(h)
        if role is None:
            if i == 0 and not h.strip():
                role = "number"
            else:
                continue
        if role in cm.roles:
            if role == "action" and "form" not in cm.roles and re.search(r"форм", h, re.I):
                role = "form"
            elif role == "action" and re.search(r"показател|индикатор", h, re.I) and "expected_result" not in cm.roles:
                role = "expected_result"  # «Показатели» beside «Мероприятия»: what the measure should give
            else:
                continue
        cm.roles[role] = i
        if role == "action" and re.search(r"\(\s*[«ф]?орм", h, re.I):
            cm.form_in_action = True
    if "expected_result" in cm.roles and "result" not in cm.roles:
        cm.roles["result"] = cm.roles.pop("expected_result")
    if "number" not in cm.roles and body:
        # an unnamed first column full of row numbers
        first = [r[0] for r in body if r and r[0].strip()]
        if first and sum(1 for x in first if _NUM.match(x)) >= 0.6 * len(first) and 0 not in cm.roles.values():
            cm.roles["number"] = 0
    if "action" not in cm.roles:
        free = [i for i in range(width) if i not in cm.roles.values()]
        if free:
            cm.roles["action"] = free[0]
    return cm


def infer_roles_from_body(rows: list[list[str]], width: int) -> ColumnMap:
    """Roles for a table without a header row, from what its cells hold."""
    cm = ColumnMap(columns=[""] * width)
    stats = []
    for j in range(width):
        col = [r[j] for r in rows if j < len(r) and r[j].strip()]
        n = max(1, len(col))
        stats.append({
            "num": sum(1 for x in col if _NUM.match(x)) / n,
            "date": sum(1 for x in col if looks_like_deadline(x)) / n,
            "len": sum(len(x) for x in col) / n,
            "name": sum(1 for x in col if re.search(r"[А-ЯЁ]\.\s?[А-ЯЁ]\.", x)) / n,
        })
    for j, s in enumerate(stats):
        if s["num"] > 0.6 and "number" not in cm.roles:
            cm.roles["number"] = j
    for j, s in enumerate(stats):
        if j in cm.roles.values():
            continue
        if s["date"] > 0.5 and "deadline" not in cm.roles:
            cm.roles["deadline"] = j
        elif s["name"] > 0.3 and "responsible" not in cm.roles:
            cm.roles["responsible"] = j
    rest = sorted((j for j in range(width) if j not in cm.roles.values()), key=lambda j: -stats[j]["len"])
    if rest:
        cm.roles["action"] = min(rest[:1])
        rest = [j for j in rest if j != cm.roles["action"]]
    for j in sorted(rest):
        if j > cm.roles.get("action", 0) and "result" not in cm.roles:
            cm.roles["result"] = j
    return cm


def same_text(a: str, b: str) -> bool:
    """Two cells with the same text, up to spacing and a little OCR noise."""
    from rapidfuzz.distance import Levenshtein

    a, b = " ".join(a.split()), " ".join(b.split())
    return bool(a) and (a == b or Levenshtein.normalized_similarity(a, b) >= 0.9)


def header_width(header: list[str], body: list[list[str]]) -> int:
    """The number of columns the header names, when the cells past its last heading hold only
    what a repeated cell pushed there; otherwise the full width."""
    named = max((j for j, h in enumerate(header) if h.strip()), default=len(header) - 1) + 1
    if named >= len(header):
        return len(header)
    repeats = sum(1 for r in body if any(same_text(r[j], r[j - 1]) for j in range(1, len(r)) if r[j].strip()))
    return named if repeats >= max(2, len(body) // 10) else len(header)


def normalise_row(cells: list[str], width: int) -> list[str]:
    """Repair a row that has more cells than the table has columns: a cell repeated next to
    itself (a converter duplicated a merged cell) goes first, then surplus empty cells."""
    row = list(cells)
    i = 1
    while len(row) > width and i < len(row):
        if row[i].strip() and same_text(row[i], row[i - 1]):
            del row[i]
            continue
        i += 1
    while len(row) > width:
        empties = [k for k in range(1, len(row)) if not row[k].strip()]
        if not empties:
            break
        # the empty cell nearest the end but before the last filled one is the surplus one
        del row[empties[-1] if empties[-1] < len(row) - 1 or len(empties) == 1 else empties[-2]]
    if len(row) > width:
        row = row[: width - 1] + [" ".join(x for x in row[width - 1:] if x.strip())]
    return row + [""] * (width - len(row))


def row_number(text: str) -> str | None:
    """The printed item number without its trailing dot, or None when the cell holds none."""
    m = _NUM.match(text)
    if not m:
        return None
    return m.group(1)


def is_section_row(row: list[str], cm: ColumnMap) -> str | None:
    """The section heading a row carries, or None for an ordinary row.

    A section row has text in one cell only (or the same text repeated across merged cells), and
    that text is not a bare row number."""
    filled = [c.strip() for c in row if c.strip()]
    if not filled:
        return None
    distinct = list(dict.fromkeys(filled))
    if len(distinct) == 1:
        only = distinct[0]
        if row_number(only) is not None:
            return None
        first_idx = next(i for i, c in enumerate(row) if c.strip())
        num_col = cm.roles.get("number")
        if first_idx == 0 or first_idx == num_col or len(filled) > 1 or len(row) == 1:
            return " ".join(only.split())
        act = cm.roles.get("action")
        if first_idx == act and num_col is not None and _SECTION_NUM.match(only):
            return " ".join(only.split())
    return None


@dataclass
class LogicalRow:
    """A table row after continuation rows were joined into it: cells by column, or a section."""

    cells: list[str] | None = None
    section: str | None = None
    source_rows: list[int] = field(default_factory=list)


def join_text(left: str, right: str) -> str:
    """Join the parts of a cell split by a page or line break. A word cut by a hyphen is joined
    back when the dictionary knows the whole word («ме-» + «тодическому»); a compound keeps its
    hyphen («педагогов-» + «предметников»)."""
    left, right = left.rstrip(), right.lstrip()
    if not left:
        return right
    if not right:
        return left
    if right == left or left.endswith(right):
        return left
    m = re.search(r"([А-Яа-яЁё]+)-$", left)
    if m and right[:1].islower():
        from ..extract import morph

        word2 = re.match(r"[А-Яа-яЁё]+", right)
        if word2 and morph.is_known((m.group(1) + word2.group(0)).lower()):
            return left[:-1] + right
        return left + right
    return f"{left} {right}"


def iter_logical_rows(rows: list[list[str]], cm: ColumnMap, width: int) -> list[LogicalRow]:
    """Body rows (after the header) as logical rows: continuation rows — first cell empty, or a
    short row of text without a number — are joined cell by cell onto the row above."""
    out: list[LogicalRow] = []
    header_texts = [" ".join(c.split()).lower() for c in cm.columns]
    num_col = cm.roles.get("number")
    for idx, raw in enumerate(rows):
        if not any(c.strip() for c in raw):
            continue
        if any(header_texts) and _same_header([" ".join(c.split()).lower() for c in raw[: len(header_texts)]],
                                              header_texts):
            continue  # header repeated on a new page (OCR may read it slightly differently)
        if all(re.fullmatch(r"\d{1,2}\.?", c.strip()) for c in raw if c.strip()) and len(
                [c for c in raw if c.strip()]) >= max(2, width - 1):
            continue  # the «1 2 3 4 5» row numbering the columns
        sec = is_section_row(raw, cm)
        if sec is not None and not (out and out[-1].cells is not None and num_col is not None
                                    and not raw[num_col].strip() and idx and _is_continuation_piece(raw, cm)):
            if out and out[-1].section is not None and sec[:1].islower():
                out[-1].section = f"{out[-1].section} {sec}"  # a section row split by a page break
            else:
                out.append(LogicalRow(section=sec, source_rows=[idx]))
            continue
        row = normalise_row(raw, width)
        number_cell = row[num_col] if num_col is not None and num_col < len(row) else ""
        prev = out[-1] if out and out[-1].cells is not None else None
        if not re.search(r"\w", number_cell):
            number_cell = ""  # OCR specks («|», «.») in an empty number cell
            if num_col is not None and num_col < len(row):
                row[num_col] = ""
        if prev is not None and num_col is not None and not number_cell and not _looks_like_full_row(row, cm):
            _join_into(prev, row, raw, cm, width)
            prev.source_rows.append(idx)
            continue
        if prev is not None and num_col is not None and number_cell.strip() and row_number(number_cell) is None \
                and len([c for c in raw if c.strip()]) < width - 1 and not _looks_like_item(raw):
            # a continuation printed without its leading empty cell: cells shifted left
            shifted = _realign_shifted(raw, cm, width)
            _join_into(prev, shifted, shifted, cm, width)
            prev.source_rows.append(idx)
            continue
        out.append(LogicalRow(cells=row, source_rows=[idx]))
    return out


def _same_header(row: list[str], header: list[str]) -> bool:
    if row == header:
        return True
    if not is_header_row(row):
        return False
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.normalized_similarity(" ".join(row), " ".join(header)) >= 0.75


def _looks_like_full_row(row: list[str], cm: ColumnMap) -> bool:
    """A row without a number that is still an item of its own, not the rest of the row above:
    it starts with a capital and fills the action and at least one more column (OCR often loses
    a small «12.» in the number cell, and some tables number only some rows)."""
    act = cm.roles.get("action")
    if act is None or act >= len(row) or not row[act].strip():
        return False
    first = row[act].strip()
    if not first[:1].isupper():
        return False
    others = [r for r in ("deadline", "responsible", "result", "expected_result", "form")
              if r in cm.roles and cm.roles[r] < len(row) and row[cm.roles[r]].strip()]
    return len(others) >= 1


def _looks_like_item(raw: list[str]) -> bool:
    return bool(raw and row_number(raw[0]))


def _is_continuation_piece(raw: list[str], cm: ColumnMap) -> bool:
    act = cm.roles.get("action")
    filled = [i for i, c in enumerate(raw) if c.strip()]
    return len(filled) == 1 and filled[0] == act and raw[act][:1].islower()


def _realign_shifted(raw: list[str], cm: ColumnMap, width: int) -> list[str]:
    order = [cm.roles[r] for r in ("action", "deadline", "responsible", "result", "expected_result", "form")
             if r in cm.roles]
    order.sort()
    cells = [c for c in raw]
    row = [""] * width
    if not cells:
        return row
    row[cm.roles.get("action", 0)] = cells[0]
    if len(cells) > 1:
        last_col = max(order)
        row[last_col] = cells[-1]
        middle = [c for c in order if c not in (cm.roles.get("action"), last_col)]
        for c, text in zip(middle, cells[1:-1]):
            row[c] = text
    return row


def _join_into(prev: LogicalRow, row: list[str], raw: list[str], cm: ColumnMap, width: int) -> None:
    assert prev.cells is not None
    dl, resp = cm.roles.get("deadline"), cm.roles.get("responsible")
    for j in range(width):
        piece = row[j] if j < len(row) else ""
        if not piece.strip():
            continue
        target = j
        # a responsible fragment shifted into the deadline column («руководители ШНОР» under
        # «Сроки» while the row above left its responsible cell open with a comma)
        if j == dl and resp is not None and prev.cells[resp].rstrip().endswith(",") \
                and not looks_like_deadline(piece):
            target = resp
        prev.cells[target] = join_text(prev.cells[target], piece)
