"""The ruled-table finder on a rendered page: grid size, the merged section row, no false tables."""

from __future__ import annotations

from PIL import Image, ImageDraw

from ocr_testpages import COLS, ROWS, gray, table_page, text_page
from shnor_docs.tables.image_grid import find_tables


def test_grid_of_the_rendered_table():
    tables, rules = find_tables(gray(table_page()), 300)
    assert len(tables) == 1
    t = tables[0]
    assert t.n_cols == len(COLS)
    assert len(t.rows) == 1 + len(ROWS)  # header + body rows
    assert rules.any()


def test_section_row_is_one_cell_spanning_all_columns():
    t = find_tables(gray(table_page()), 300)[0][0]
    spans = [[c.span for c in row] for row in t.rows]
    assert spans[3] == [4]
    assert all(s == [1, 1, 1, 1] for i, s in enumerate(spans) if i != 3)


def test_cell_at_finds_cells_by_point():
    t = find_tables(gray(table_page()), 300)[0][0]
    c = t.rows[1][2]
    x, y = (c.box[0] + c.box[2]) / 2, (c.box[1] + c.box[3]) / 2
    assert t.cell_at(x, y) is c
    assert t.cell_at(t.box[0] - 50, y) is None


def test_text_and_underlines_are_not_tables():
    img = text_page().copy()
    d = ImageDraw.Draw(img)
    d.line([(300, 3000), (1000, 3000)], fill=0, width=3)  # a signature line
    assert find_tables(gray(img), 300)[0] == []


def _ruled(size: tuple[int, int], xs: list[int], ys: list[int], width: int = 4):
    """A white image with a full grid of rules at ``xs`` × ``ys``, and its drawing context."""
    img = Image.new("L", size, 255)
    d = ImageDraw.Draw(img)
    for y in ys:
        d.line([(xs[0], y), (xs[-1], y)], fill=0, width=width)
    for x in xs:
        d.line([(x, ys[0]), (x, ys[-1])], fill=0, width=width)
    return img, d


def test_row_spanning_cell_continues_the_cell_above():
    xs, ys = [100, 600, 1100, 1500], [100, 250, 400, 550]
    img, d = _ruled((1600, 900), xs, ys)
    d.rectangle([xs[0] + 3, ys[1] - 3, xs[1] - 3, ys[1] + 3], fill=255)  # first column: rows 1–2 merged
    t = find_tables(gray(img), 300)[0][0]
    assert (len(t.rows), t.n_cols) == (3, 3)
    assert t.rows[1][0].owner == (0, 0)
    assert t.rows[1][1].owner is None


def test_a_tall_letter_stem_inside_a_cell_is_not_a_column():
    # a 60-px stroke floating in a cell (a serif «ф», or «р» over a letter of the next line) is as
    # long as the vertical kernel; a sub-column line, as short, runs from rule to rule
    xs, ys = [100, 600, 1100, 1500], [100, 250, 400, 470]
    img, d = _ruled((1600, 900), xs, ys[:-1])
    d.line([(xs[0], ys[-1]), (xs[-1], ys[-1])], fill=0, width=4)
    d.line([(xs[0], ys[-2]), (xs[0], ys[-1])], fill=0, width=4)
    d.line([(xs[-1], ys[-2]), (xs[-1], ys[-1])], fill=0, width=4)
    d.line([(850, ys[-2]), (850, ys[-1])], fill=0, width=4)  # the last row: two cells, 70 px tall
    d.line([(800, 140), (800, 200)], fill=0, width=5)  # the stem, inside row 0's middle cell
    d.line([(1300, ys[-1] - 60), (1300, ys[-1])], fill=0, width=5)  # a stem resting on the bottom rule
    tables, rules = find_tables(gray(img), 300)
    t = tables[0]
    # columns at 100, 600, 850 (the short sub-column line), 1100, 1500; none at 800 or 1300
    assert [round(x / 10) for x in t.xs] == [10, 60, 85, 110, 150]
    assert [[c.span for c in row] for row in t.rows] == [[1, 2, 1], [1, 2, 1], [2, 2]]
    assert not rules[150:190, 798:803].any()  # the stem stays in the text for OCR


def test_a_stem_in_a_one_line_row_is_not_a_column_but_a_short_ruling_is():
    # a row one text line tall: the stem of «ф» reaches from rule to rule, its bowls hug it on both
    # sides (a real short ruling has white padding beside it: see the test above, at 850 px)
    xs, ys = [100, 600, 1100, 1500], [100, 250, 305, 440]
    img, d = _ruled((1600, 600), xs, ys, width=3)
    d.line([(300, ys[1]), (300, ys[2])], fill=0, width=3)  # the stem, rule to rule in the short row
    d.ellipse([(288, 262), (299, 293)], outline=0, width=3)  # its bowls
    d.ellipse([(302, 262), (313, 293)], outline=0, width=3)
    t = find_tables(gray(img), 300)[0][0]
    assert [round(x / 10) for x in t.xs] == [10, 60, 110, 150]
    assert [len(r) for r in t.rows] == [3, 3, 3]
