"""Stage: roadmaps — every plan-of-measures table as a roadmap with its items."""

from __future__ import annotations

import re
from collections import Counter

from ..backends.detect import DOCX as DOCX_TYPE
from ..document import Paragraph, Table
from ..records import Deadline, Roadmap, RoadmapItem
from ..tables.roadmap import (
    ColumnMap,
    assign_column_roles,
    infer_roles_from_body,
    is_header_row,
    iter_logical_rows,
    header_width,
    normalise_row,
)
from . import morph
from .responsible import split_responsible

_TITLE_HINT = re.compile(r"дорожн\w+\s+карт|план\w*\s+(?:мероприяти|работ|действи)|циклограмм|^\s*раздел\b|"
                         r"перечень\s+мероприяти|^\s*отч[её]т|комплекс\s+мер|программ\w*\s+мероприят", re.I)
_NOT_TITLE = re.compile(r"^\s*(?:приложение|к\s+приказу|к\s+распоряжению|к\s+постановлению|от\s+\d|утвержд|"
                        r"согласован|№)", re.I)


def grid_rows(table: Table) -> list[list[str]]:
    """Rows as strings on the table's grid: a merged cell stands in its first column, the columns
    it covers are empty (so a merged section row is one cell of text).

    A table read from a page image can have phantom grid lines that split a column in some rows
    and not in others; when every cell has a box, cells are placed by where they stand under the
    header's columns instead of by their count."""
    by_box = _rows_by_boxes(table)
    if by_box is not None:
        return by_box
    out = []
    for row in table.rows:
        cells: list[str] = []
        for c in row:
            cells.append(c.text or "")
            cells.extend([""] * max(0, c.span - 1))
        out.append(cells)
    return out


def _rows_by_boxes(table: Table) -> list[list[str]] | None:
    rows = table.rows
    if not rows or any(c.prov is None or c.prov.box is None for r in rows for c in r):
        return None
    hi = next((i for i, r in enumerate(rows[:3]) if is_header_row([c.text for c in r])), None)
    if hi is None:
        return None
    cols = [(c.prov.box[0], c.prov.box[2]) for c in rows[hi]]
    widths = [max(1.0, b - a) for a, b in cols]
    out = []
    for r in rows:
        cells = [""] * len(cols)
        for c in r:
            x0, x1 = c.prov.box[0], c.prov.box[2]
            overlaps = [max(0.0, min(x1, b) - max(x0, a)) / w for (a, b), w in zip(cols, widths)]
            covered = [j for j, o in enumerate(overlaps) if o > 0.5]
            # a cell across most of the header (a section row) stands in the first column
            j = covered[0] if len(covered) > 1 else max(range(len(cols)), key=lambda k: overlaps[k])
            if c.text.strip():
                cells[j] = f"{cells[j]}\n{c.text}" if cells[j] else c.text
        out.append(cells)
    return out


def one_line(text: str) -> str:
    """A cell's lines as one line: words cut by a hyphen at a line end are joined back."""
    from ..tables.roadmap import join_text

    out = ""
    for line in (text or "").split("\n"):
        line = " ".join(line.split())
        if not line:
            continue
        out = join_text_lines(out, line) if out else line
    return out


def join_text_lines(left: str, right: str) -> str:
    """Join two visual lines of a cell. A word broken without a hyphen because the column was too
    narrow («Монитори» / «нг») is joined back when neither piece is a word and the whole is one;
    so are digits cut apart («202» / «1»)."""
    from ..tables.roadmap import join_text

    if left.endswith("-") or not left:
        return join_text(left, right)
    a = re.search(r"([А-Яа-яЁё]+)$", left)
    b = re.match(r"([А-Яа-яЁё]+)", right)
    if a and b and right[:1].islower():
        wa, wb = a.group(1).lower(), b.group(1).lower()
        if morph.is_known(wa + wb) and not (morph.is_known(wa) and morph.is_known(wb)):
            return left + right
        if not morph.is_known(wa) and re.match(r"[а-яё]{1,2}(?:\s+[А-ЯЁ]\.|[,.]|$)", right):
            return left + right  # the last letters of a name: «Тарвазни» / «к И.Р.»
    if re.search(r"\d$", left) and re.match(r"\d", right) and re.search(r"\d[./]\d{0,3}$", left):
        return left + right
    return f"{left} {right}"


def responsible_text(text: str, layout_breaks: bool = True) -> str:
    """Keep a line break only where a new entry starts (the next line begins with a capital and
    the line before does not end mid-phrase); other breaks are the layout's and become spaces."""
    from .positions import heads

    lines = [" ".join(x.split()) for x in (text or "").split("\n") if x.strip()]
    out: list[str] = []
    for line in lines:
        last = re.search(r"([А-Яа-яЁё]+)\.?$", out[-1]) if out else None
        ends_in_position = bool(last) and any(p.normal_form in heads() for p in morph.parses(last.group(1).lower())[:1])
        # in a PDF or a scan a line break is the layout's: «Администрация» / «ОО» is one name
        abbr_start = layout_breaks and re.match(r"[А-ЯЁA-Z]{2,6}\b", line) and not re.search(
            r"[.,;]$", out[-1] if out else "")
        if out and (line[:1].islower() or not line[:1].isalpha() or abbr_start or out[-1].endswith(("-", "(", "«")) or
                    ends_in_position or
                    re.search(r"\b(?:по|и|в|на|с|для|при|отдела|начальника|директора|заместителя|зам\.)$", out[-1])):
            out[-1] = join_text_lines(out[-1], line)
        else:
            out.append(line)
    return "\n".join(out)


#: below this mean OCR confidence (0–100) a value is flagged in ``warnings``
LOW_CONFIDENCE = 60.0

_ABBR_PAREN = re.compile(r"\(([А-ЯЁA-Z]{2,10})\)\s*[.;]?\s*$")


def split_form(action: str) -> tuple[str, str | None]:
    """Under «Мероприятия (форма)», a parenthesis closing the action is its form — unless it is the
    abbreviation of the words before it («… оценки качества образования (ВСОКО)»)."""
    a = action.rstrip()
    if not a.endswith(")"):
        return action, None
    depth, i = 0, len(a) - 1
    while i >= 0:
        if a[i] == ")":
            depth += 1
        elif a[i] == "(":
            depth -= 1
            if depth == 0:
                break
        i -= 1
    if i <= 0:
        return action, None
    inner = a[i + 1:-1].strip()
    head = a[:i].rstrip()
    if not inner or not head:
        return action, None
    if re.fullmatch(r"[А-ЯЁA-Z]{2,10}", inner):
        initials = "".join(w[0] for w in re.findall(r"[А-Яа-яЁё]+", head)).upper()
        if inner.upper() in initials[-len(inner) - 2:] or inner.upper() == initials[-len(inner):]:
            return action, None
    return head, inner


def _find_header(rows: list[list[str]]) -> int:
    """How many leading rows form the header (0 if the table has none)."""
    n = 0
    for r in rows[:3]:
        if is_header_row(r):
            n += 1
        elif n and all(not c.strip() or len(c) < 40 for c in r) and not any(
                re.match(r"^\s*\d", c) for c in r if c.strip()) and len([c for c in r if c.strip()]) >= 2 \
                and not re.match(r"^\s*(?:раздел|[IVXLC]+\.)", next(c for c in r if c.strip()), re.I) \
                and not any(re.match(r"\s*[а-яё(]", c) for c in r if c.strip()):
            # (sub-headers are capitalised; a row split by the page break goes on in lower case)
            n += 1  # a second header line of sub-headers
            break
        else:
            break
    return n


def _title_for(blocks: list, index: int) -> str | None:
    """The heading nearest above a table: a bold paragraph or one that names a plan."""
    candidates = []
    for j in range(index - 1, -1, -1):
        b = blocks[j]
        if isinstance(b, Table):
            break
        if not isinstance(b, Paragraph) or not b.text.strip() or _NOT_TITLE.match(b.text):
            continue
        candidates.append(b)
        if len(candidates) > 40:
            break
    for b in candidates:
        if _TITLE_HINT.search(b.text) or b.bold:
            return " ".join(b.text.split())
    return " ".join(candidates[0].text.split()) if candidates and len(candidates[0].text) < 300 else None


def _number_text(cell: str) -> str | None:
    """The item number as printed, trailing dot dropped; a number a narrow cell broke over two
    lines («1.1» / «1») is one number."""
    t = cell.strip()
    glued = re.sub(r"\s+", "", t)
    if "\n" in t and re.fullmatch(r"(?:\d{1,3}\.)*\d{1,3}\.?", glued):
        t = glued
    t = " ".join(t.split()).rstrip(".").strip()
    return t or None


_CLEAN_NUM = re.compile(r"^(?:\d{1,3}\.)*\d{1,3}$")


def _digits_fixed(num: str) -> str:
    table = str.maketrans({"З": "3", "з": "3", "О": "0", "о": "0", "б": "6", "l": "1", "I": "1", "|": "1",
                           ",": ".", "Б": "6"})
    return num.translate(table).strip(".'\"")


def _next(num: str) -> str:
    parts = num.split(".")
    return ".".join(parts[:-1] + [str(int(parts[-1]) + 1)])


def repair_numbers(items: list[RoadmapItem]) -> None:
    """Item numbers in a scan, repaired by their neighbours: OCR reads a lone «11.» as «те» or
    «Та.»; a number that does not read as one, or breaks a run its neighbours agree on, takes the
    one the run demands («10», ?, «12» → «11»)."""
    nums = [it.number for it in items]
    fixed = [_digits_fixed(n) if n else None for n in nums]
    ok = [bool(n and _CLEAN_NUM.match(n)) for n in fixed]
    for i, it in enumerate(items):
        prev = fixed[i - 1] if i and ok[i - 1] else None
        nxt = fixed[i + 1] if i + 1 < len(items) and ok[i + 1] else None
        want = _next(prev) if prev else None
        if want and nxt and _next(want) != nxt:
            want = None  # the neighbours do not agree on a run here
        if want is None and nxt and not prev and i == 0 and nxt.split(".")[-1] == "2":
            want = ".".join(nxt.split(".")[:-1] + ["1"])
        if ok[i] and (want is None or fixed[i] == want):
            it.number = fixed[i]
            continue
        if want is not None and it.number != want:
            it.number = want
            fixed[i], ok[i] = want, True
    _fill_runs(items)


def _advance(num: str, k: int) -> str | None:
    parts = num.split(".")
    last = int(parts[-1]) + k
    return ".".join(parts[:-1] + [str(last)]) if last >= 1 else None


def _fill_runs(items: list[RoadmapItem]) -> None:
    """Several misread numbers in a row («2.1», «аа», «203», «го», «2.5»): between two numbers
    that each agree with a neighbour, and within one section, the run is counted through. The
    first and last runs of a section are counted on from their nearest sure number."""
    nums = [it.number for it in items]
    n = len(nums)
    ok = [bool(x and _CLEAN_NUM.match(x)) for x in nums]
    depths = Counter(x.count(".") for x, good in zip(nums, ok) if good)
    if depths:
        # «203» in a table of «2.x» numbers is «2.3» with its stop lost, not a number to count from
        usual = max(depths, key=lambda d: (depths[d], d))  # between equals, a stop lost beats one added
        ok = [good and x.count(".") == usual for x, good in zip(nums, ok)]
    sure = [ok[i] and ((i > 0 and ok[i - 1] and _next(nums[i - 1]) == nums[i])
                       or (i + 1 < n and ok[i + 1] and _next(nums[i]) == nums[i + 1])) for i in range(n)]
    for i in range(n):
        # «2.2» under a section headed «2. …» is sure by itself
        sec = re.match(r"\s*(\d{1,2})[.)]", items[i].section or "")
        if ok[i] and sec and "." in nums[i] and nums[i].split(".")[0] == sec.group(1):
            sure[i] = True
    anchors = [i for i in range(n) if sure[i]]
    if not anchors:
        return
    bounds = [None, *anchors, None]
    for a, b in zip(bounds, bounds[1:]):
        lo, hi = (a + 1 if a is not None else 0), (b if b is not None else n)
        if lo >= hi:
            continue
        if a is not None and b is not None and _advance(nums[a], b - a) == nums[b] and \
                len({items[k].section for k in range(a, b + 1)}) == 1:
            for k in range(lo, hi):
                items[k].number = _advance(nums[a], k - a)
            continue
        for k in range(lo, hi):
            # counted back from the next sure number of the same section, or on from the last one
            if b is not None and all(items[j].section == items[b].section for j in range(k, b)):
                items[k].number = _advance(nums[b], k - b) or items[k].number
            elif a is not None and all(items[j].section == items[a].section for j in range(a, k + 1)):
                items[k].number = _advance(nums[a], k - a)


def build_roadmap(table: Table, cm: ColumnMap | None, ctx, title: str | None) -> tuple[Roadmap | None, ColumnMap | None]:
    """One table's roadmap, or None when the table is not a plan of measures."""
    from .deadlines import parse_deadline

    rows = grid_rows(table)
    if not rows:
        return None, cm
    width = max(len(r) for r in rows)
    nh = _find_header(rows)
    header: list[str] = []
    if nh:
        header = rows[0]
        if nh > 1:
            header = [" ".join(x for x in (rows[k][j] if j < len(rows[k]) else "" for k in range(nh)) if x.strip())
                      for j in range(width)]
        header = header + [""] * (width - len(header))
        hw = header_width(header, rows[nh:])
        if hw < width:
            # rows wider than their header because a converter repeated a merged cell
            # («Руководители ШНОР» twice, the result pushed into an unnamed last column)
            rows = rows[:nh] + [normalise_row(r, hw) if len(r) > hw else r for r in rows[nh:]]
            header, width = header[:hw], hw
        cm = assign_column_roles(header, width, rows[nh:])
    elif cm is None or len(cm.columns) != width:
        cm = infer_roles_from_body(rows, width)
    if "action" not in cm.roles or not ({"deadline", "responsible", "result", "expected_result"} & set(cm.roles)):
        return None, None
    body = rows[nh:]
    items: list[RoadmapItem] = []
    section = None
    canonical = ctx.notes.get("canonical_surnames")
    for lr in iter_logical_rows(body, cm, width):
        if lr.section is not None:
            section = lr.section
            continue
        cells = lr.cells or []
        action = one_line(cm.get(cells, "action"))
        if not action:
            continue
        form = one_line(cm.get(cells, "form")) or None
        if cm.form_in_action:
            action, form2 = split_form(action)
            form = form or form2
        num = _number_text(cm.get(cells, "number")) if "number" in cm.roles else None
        dl_text = one_line(cm.get(cells, "deadline"))
        deadline = parse_deadline(dl_text, year=ctx.year, period=ctx.period) if dl_text else None
        layout = ctx.doc.media_type not in ("text/plain", DOCX_TYPE)
        resp = split_responsible(responsible_text(cm.get(cells, "responsible"), layout), canonical)
        provs = [c.prov for k in lr.source_rows if nh + k < len(table.rows) for c in table.rows[nh + k]
                 if c.prov is not None and c.text.strip()]
        ctx.notes.setdefault("item_prov", {})[id(table), len(items)] = _merge_prov(provs)
        items.append(RoadmapItem(
            action=action, number=num, section=section, form=form, deadline=deadline, responsible=resp,
            result=one_line(cm.get(cells, "result")) or None,
            expected_result=one_line(cm.get(cells, "expected_result")) or None,
        ))
    if not items:
        return None, cm
    if ctx.doc.ocr and "number" in cm.roles:
        repair_numbers(items)
    columns = [one_line(h) for h in header] if nh else []
    return Roadmap(title=title, columns=columns, items=items), cm


def _merge_prov(provs: list) -> dict | None:
    """One provenance for an item: its first cell's page and box, the lowest OCR confidence of
    its cells (the weakest cell is what a reader should check)."""
    if not provs:
        return None
    out = provs[0].to_dict()
    confs = sorted(p.confidence for p in provs if p.confidence is not None)
    if confs:
        # the median cell: one blank-looking number cell should not flag a well-read row
        out["confidence"] = round(confs[len(confs) // 2], 1)
    pages = sorted({p.page for p in provs if p.page is not None})
    if len(pages) > 1:
        out["pages"] = pages
    return out


def stage(ctx) -> None:
    """Fill ``result.roadmaps`` from the document's tables."""
    blocks = ctx.doc.blocks
    cm: ColumnMap | None = None
    prev_rm: Roadmap | None = None
    for i, b in enumerate(blocks):
        if not isinstance(b, Table):
            continue
        title = _title_for(blocks, i)
        rm, new_cm = build_roadmap(b, cm, ctx, title)
        if rm is None:
            if new_cm is None and any(is_header_row(r) for r in grid_rows(b)[:2]):
                ctx.warn(f"table {i + 1}: columns got no roles (not read as a roadmap)")
            cm = None
            continue
        item_provs = [ctx.notes.get("item_prov", {}).get((id(b), j)) for j in range(len(rm.items))]
        if prev_rm is not None and not rm.columns and new_cm is cm and not any(
                isinstance(x, Paragraph) and x.text.strip() for x in blocks[blocks.index(b) - 1:i]):
            base = len(prev_rm.items)
            prev_rm.items.extend(rm.items)  # a table continued without its header
            target = ctx.result.roadmaps.index(prev_rm)
        else:
            base = 0
            ctx.result.roadmaps.append(rm)
            prev_rm = rm
            target = len(ctx.result.roadmaps) - 1
        for j, item in enumerate(rm.items):
            dl = item.deadline
            # a cell with figures in it names a date; when none came out, a reader must look
            if dl is not None and not (dl.start or dl.end or dl.recurrence) and any(ch.isdigit() for ch in dl.text):
                ctx.warn(f"roadmaps[{target}].items[{base + j}].deadline: could not read a date in "
                         f"«{dl.text[:60]}»")
        for j, pv in enumerate(item_provs):
            if pv:
                ctx.result.provenance[f"roadmaps[{target}].items[{base + j}]"] = pv
                if pv.get("confidence") is not None and pv["confidence"] < LOW_CONFIDENCE:
                    ctx.warn(f"roadmaps[{target}].items[{base + j}]: low OCR confidence ({pv['confidence']:.0f}) "
                             f"on page {pv.get('page')}; check this item by hand")
        cm = new_cm
