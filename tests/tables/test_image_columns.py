"""Tables without ruling lines in a page image: columns from the words' layout (hand-built words,
fast), the negatives that must stay running text, and one page rendered and read end to end."""

from __future__ import annotations

import io
import shutil
from datetime import date
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont
from rapidfuzz import fuzz

from shnor_docs.ocr.base import OcrPage, Word
from shnor_docs.ocr.layout import merge_continued_tables, page_blocks
from shnor_docs.document import Paragraph, Table
from shnor_docs.tables.image_columns import drop_gap_marks, find_borderless_tables
from shnor_docs.tables.image_grid import GridTable

# --- words laid out by hand: 30 px high, 18 px a letter, 12 px a space, a line every 48 px -------

H, CH, SPACE, PITCH = 30, 18, 12, 48


def _words(y: int, x: int, text: str, conf: float = 93.0, line: int = 0) -> list[Word]:
    out = []
    for token in text.split():
        w = len(token) * CH
        out.append(Word(token, (x, y, x + w, y + H), conf, line=line))
        x += w + SPACE
    return out


def _layout(lines: list[list[tuple[int, str]]], top: int = 400, pitch: int = PITCH,
            gaps: dict[int, int] | None = None) -> list[Word]:
    """Words of lines, each line a list of (x, text); ``gaps`` adds space above some lines."""
    words: list[Word] = []
    y = top
    for k, line in enumerate(lines):
        y += (gaps or {}).get(k, 0)
        for x, text in line:
            words.extend(_words(y, x, text, line=k))
        y += pitch
    return words


COLS = [200, 330, 1080, 1420]  # № | Мероприятие | Срок | Ответственный
PLAN = [
    [(COLS[0], "№"), (COLS[1], "Мероприятие"), (COLS[2], "Срок"), (COLS[3], "Ответственный")],
    [(COLS[0], "1."), (COLS[1], "Анкетирование родителей"), (COLS[2], "сентябрь"), (COLS[3], "Крылова Т.А.")],
    [(COLS[1], "выпускных классов")],
    [(COLS[0], "2."), (COLS[1], "Заседание методического"), (COLS[2], "до 20.10.2024"),
     (COLS[3], "Громов П.С.")],
    [(COLS[1], "совета по итогам"), (COLS[3], "Крылова Т.А.")],
    [(COLS[1], "входных работ")],
    [(COLS[0], "3."), (COLS[1], "Открытые уроки"), (COLS[2], "ноябрь"), (COLS[3], "Громов П.С.")],
]


def _cells(words: list[Word], table: GridTable) -> list[list[str]]:
    """The table's rows as texts, the words placed by ``page_blocks`` as the scan path does."""
    (block,) = [b for b in page_blocks(OcrPage(words=words), [table], 1) if isinstance(b, Table)]
    return block.texts()


def test_four_columns_with_multi_line_cells():
    words = _layout(PLAN)
    (table,) = find_borderless_tables(words)
    assert table.borderless and table.n_cols == 4 and len(table.rows) == 4
    assert _cells(words, table) == [
        ["№", "Мероприятие", "Срок", "Ответственный"],
        ["1.", "Анкетирование родителей\nвыпускных классов", "сентябрь", "Крылова Т.А."],
        ["2.", "Заседание методического\nсовета по итогам\nвходных работ", "до 20.10.2024",
         "Громов П.С.\nКрылова Т.А."],
        ["3.", "Открытые уроки", "ноябрь", "Громов П.С."],
    ]
    # the boundaries fall in the gaps between the columns
    assert table.xs[0] < COLS[0] and all(COLS[k - 1] + 60 < table.xs[k] < COLS[k] for k in (1, 2, 3))
    assert table.box[1] < 400 and 400 + 6 * PITCH + H < table.box[3] < 400 + 7 * PITCH


def test_cell_at_finds_the_cell_of_a_continuation_line():
    (table,) = find_borderless_tables(_layout(PLAN))
    # «входных работ» (line 6, column 2) belongs to row 2
    cell = table.cell_at(COLS[1] + 40, 400 + 5 * PITCH + H / 2)
    assert (cell.row, cell.col) == (2, 1)
    assert table.cell_at(COLS[3] + 10, 400 + 4 * PITCH + 10).row == 2
    assert table.cell_at(50, 500) is None


def test_two_line_header_and_a_section_heading_across_the_columns():
    lines = [
        [(COLS[0], "№"), (COLS[1], "Содержание работы"), (COLS[2], "Сроки"), (COLS[3], "Исполнители")],
        [(COLS[0], "п/п")],
        [(COLS[0], "Раздел 1. Работа с педагогическими кадрами и наставничество")],
        [(COLS[0], "1"), (COLS[1], "Курсы повышения"), (COLS[2], "март"), (COLS[3], "Белова Е.Н.")],
        [(COLS[1], "квалификации")],
        [(COLS[0], "2"), (COLS[1], "Взаимопосещение уроков"), (COLS[2], "апрель"), (COLS[3], "Панин К.В.")],
    ]
    words = _layout(lines)
    (table,) = find_borderless_tables(words)
    assert [len(r) for r in table.rows] == [4, 1, 4, 4]
    assert table.rows[1][0].span == 4
    assert _cells(words, table) == [
        ["№\nп/п", "Содержание работы", "Сроки", "Исполнители"],
        ["Раздел 1. Работа с педагогическими кадрами и наставничество"],
        ["1", "Курсы повышения\nквалификации", "март", "Белова Е.Н."],
        ["2", "Взаимопосещение уроков", "апрель", "Панин К.В."],
    ]


# a table without a number column: its header and first two rows, the first row of two lines
UNNUMBERED_COLS = [200, 900, 1250]
UNNUMBERED_HEAD = [
    [(UNNUMBERED_COLS[0], "Мероприятие"), (UNNUMBERED_COLS[1], "Срок"), (UNNUMBERED_COLS[2], "Ответственный")],
    [(UNNUMBERED_COLS[0], "Мониторинг посещаемости"), (UNNUMBERED_COLS[1], "ежемесячно"),
     (UNNUMBERED_COLS[2], "Жукова Л.М.")],
    [(UNNUMBERED_COLS[0], "обучающихся")],
    [(UNNUMBERED_COLS[0], "Совещание при директоре"), (UNNUMBERED_COLS[1], "декабрь"),
     (UNNUMBERED_COLS[2], "Жукова Л.М.")],
]


def test_rows_split_by_vertical_gaps_without_a_number_column():
    cols = UNNUMBERED_COLS
    lines = [
        *UNNUMBERED_HEAD,
        [(cols[0], "Индивидуальные"), (cols[1], "в течение"), (cols[2], "Классные")],
        [(cols[0], "консультации"), (cols[1], "года"), (cols[2], "руководители")],
    ]
    words = _layout(lines, gaps={1: 30, 3: 30, 4: 30})
    (table,) = find_borderless_tables(words)
    assert _cells(words, table) == [
        ["Мероприятие", "Срок", "Ответственный"],
        ["Мониторинг посещаемости\nобучающихся", "ежемесячно", "Жукова Л.М."],
        ["Совещание при директоре", "декабрь", "Жукова Л.М."],
        ["Индивидуальные\nконсультации", "в течение\nгода", "Классные\nруководители"],
    ]


def test_evenly_spaced_rows_start_where_the_first_column_starts_a_sentence():
    cols = UNNUMBERED_COLS
    lines = [
        *UNNUMBERED_HEAD,
    ]
    words = _layout(lines)
    (table,) = find_borderless_tables(words)
    assert _cells(words, table)[1:] == [
        ["Мониторинг посещаемости\nобучающихся", "ежемесячно", "Жукова Л.М."],
        ["Совещание при директоре", "декабрь", "Жукова Л.М."],
    ]


def test_a_row_set_apart_by_spacing_whose_number_was_lost_is_still_a_row():
    lines = [PLAN[0], PLAN[1], PLAN[2],
             [(COLS[1], "Заседание методического"), (COLS[2], "октябрь"), (COLS[3], "Громов П.С.")],
             [(COLS[1], "совета")],
             PLAN[6]]
    words = _layout(lines, gaps={1: 30, 3: 30, 5: 30})
    (table,) = find_borderless_tables(words)
    assert [r[:2] for r in _cells(words, table)] == [
        ["№", "Мероприятие"], ["1.", "Анкетирование родителей\nвыпускных классов"],
        ["", "Заседание методического\nсовета"], ["3.", "Открытые уроки"]]


def test_a_column_taking_up_again_after_a_pause_starts_a_row_whose_number_was_lost():
    # top-aligned cells: a cell's text never pauses, so «Заседание…» after the empty line is a new row
    lines = [PLAN[0], PLAN[1],
             [(COLS[3], "заместитель директора")],
             [(COLS[1], "Заседание совета"), (COLS[2], "октябрь"), (COLS[3], "Громов П.С.")],
             PLAN[6]]
    words = _layout(lines)
    (table,) = find_borderless_tables(words)
    assert _cells(words, table)[1:] == [
        ["1.", "Анкетирование родителей", "сентябрь", "Крылова Т.А.\nзаместитель директора"],
        ["", "Заседание совета", "октябрь", "Громов П.С."],
        ["3.", "Открытые уроки", "ноябрь", "Громов П.С."],
    ]


def test_a_number_broken_over_two_lines_of_a_narrow_column_numbers_one_row():
    lines = [PLAN[0],
             [(COLS[0], "1.1"), (COLS[1], "Проведение мотивационных"), (COLS[2], "май"),
              (COLS[3], "Громов П.С.")],
             [(COLS[0], "1"), (COLS[1], "тренингов")],
             [(COLS[0], "1.1"), (COLS[1], "Внедрение в образовательный"), (COLS[2], "июнь"),
              (COLS[3], "Крылова Т.А.")],
             [(COLS[0], "2"), (COLS[1], "процесс новых приемов")]]
    words = _layout(lines)
    (table,) = find_borderless_tables(words)
    assert [r[:2] for r in _cells(words, table)[1:]] == [
        ["1.1\n1", "Проведение мотивационных\nтренингов"],
        ["1.1\n2", "Внедрение в образовательный\nпроцесс новых приемов"]]


def test_the_end_of_a_row_from_the_page_before_is_not_part_of_the_header():
    lines = [PLAN[0],
             [(COLS[3], "ЦРО Е.М. Хрусталев,")],
             [(COLS[3], "директор ЦОКО")],
             *PLAN[1:]]
    words = _layout(lines)
    (table,) = find_borderless_tables(words)
    assert _cells(words, table)[:3] == [
        ["№", "Мероприятие", "Срок", "Ответственный"],
        ["", "", "", "ЦРО Е.М. Хрусталев,\nдиректор ЦОКО"],
        ["1.", "Анкетирование родителей\nвыпускных классов", "сентябрь", "Крылова Т.А."],
    ]


def test_a_table_without_rulings_continued_on_the_next_page_is_joined_without_its_header():
    second = [PLAN[0],
              [(COLS[1], "и классных руководителей")],  # the end of row 3, begun on page 1
              [(COLS[0], "4."), (COLS[1], "Итоговое совещание"), (COLS[2], "май"),
               (COLS[3], "Громов П.С., заместитель директора")],
              [(COLS[0], "5."), (COLS[1], "Отчет о выполнении"), (COLS[2], "июнь"),
               (COLS[3], "Крылова Т.А.")]]
    pages = {}
    for page, lines in ((1, PLAN), (2, second)):
        words = _layout(lines)
        pages[page] = page_blocks(OcrPage(words=words), find_borderless_tables(words), page)
    # the last column's text ends elsewhere on each page: the tables' right edges differ
    assert pages[1][0].prov.box[2] + 200 < pages[2][0].prov.box[2]
    merge_continued_tables(pages)
    (table,) = pages[1]
    assert table.pages == [1, 2] and pages[2] == []
    assert [r[0] for r in table.texts()] == ["№", "1.", "2.", "3.", "", "4.", "5."]
    # the repeated header is gone, the end of row 3 stays as a row of its own for the roadmap stage
    assert table.texts()[4] == ["", "и классных руководителей", "", ""]


def test_text_above_and_below_stays_outside_the_table():
    above = [[(200, "В целях повышения качества подготовки обучающихся к итоговой аттестации")],
             [(200, "утвердить план мероприятий:")]]
    below = [[(200, "Контроль исполнения приказа оставляю за собой.")]]
    words = _layout(above + PLAN + below)
    (table,) = find_borderless_tables(words)
    blocks = page_blocks(OcrPage(words=words), [table], 1)
    assert [type(b).__name__ for b in blocks] == ["Paragraph", "Paragraph", "Table", "Paragraph"]
    assert blocks[1].text == "утвердить план мероприятий:"
    assert blocks[2].texts()[0] == ["№", "Мероприятие", "Срок", "Ответственный"]


def test_a_ruled_table_keeps_its_words():
    words = _layout(PLAN)
    ruled = GridTable(box=(150, 380, 2000, 800), xs=[150, 2000], ys=[380, 800])
    assert find_borderless_tables(words, ruled=[ruled]) == []


def test_specks_and_dashes_in_a_gap_do_not_break_the_columns_and_are_dropped():
    y = 400 + 3 * PITCH
    specks = [Word("'", (COLS[2] - 40, y + 5, COLS[2] - 34, y + 12), 20.0),  # a speck read as a quote
              Word("i", (COLS[2] - 80, y + 20, COLS[2] - 72, y + 30), 12.0),  # … or as a small letter
              Word("—", (COLS[3] - 70, y + 12, COLS[3] - 40, y + 16), 68.0)]  # a wide gap read as a dash
    words = _layout(PLAN) + specks
    (table,) = find_borderless_tables(words)
    assert table.n_cols == 4 and len(table.rows) == 4
    kept = drop_gap_marks(words, [table])
    assert [w.text for w in specks if w in kept] == ["i"]  # a letter is not dropped, a mark is
    assert _cells(kept, table)[2][2:] == ["до 20.10.2024", "Громов П.С.\nКрылова Т.А."]


# --- negatives: running text stays running text -------------------------------------------------

JUSTIFIED = [
    "В соответствии с приказом министерства образования области и в целях",
    "оказания адресной методической помощи общеобразовательным организациям,",
    "показывающим низкие образовательные результаты по итогам оценочных",
    "процедур, а также для организации сетевого взаимодействия педагогов",
    "и руководителей школ района в текущем учебном году приказываю:",
]


def _justified(lines: list[str], x0: int = 200, x1: int = 1900) -> list[Word]:
    """Lines spread over the full measure, the spaces stretched as a justified paragraph's."""
    words: list[Word] = []
    for k, text in enumerate(lines):
        tokens = text.split()
        ink = sum(len(t) * CH for t in tokens)
        space = (x1 - x0 - ink) / max(1, len(tokens) - 1)
        x = float(x0)
        for t in tokens:
            w = len(t) * CH
            words.append(Word(t, (int(x), 400 + k * PITCH, int(x) + w, 400 + k * PITCH + H), 91.0))
            x += w + space
    return words


def test_justified_paragraph_is_not_a_table():
    words = _justified(JUSTIFIED)
    # some spaces are stretched wider than a word is high, still no table
    assert max(b.box[0] - a.box[2] for a, b in zip(words, words[1:]) if a.box[1] == b.box[1]) > H
    assert find_borderless_tables(words) == []


def test_signature_and_date_number_lines_are_not_tables():
    lines = [
        [(200, "«14» февраля 2024 г."), (1700, "№ 57-од")],
        [(200, "г. Заречный")],
        [(200, "Начальник управления образования"), (1500, "И.Г. Соболев")],
        [(200, "Исполнитель: Крылова Т.А."), (1100, "тел."), (1500, "8 (800) 000-00-00")],
    ]
    assert find_borderless_tables(_layout(lines, pitch=90)) == []


def test_columns_of_signatures_without_header_or_numbers_are_not_a_table():
    lines = [
        [(200, "Заместитель начальника"), (1000, "подпись"), (1500, "А.А. Рябова")],
        [(200, "Главный специалист"), (1000, "подпись"), (1500, "Н.Н. Зуев")],
        [(200, "Юрисконсульт"), (1000, "подпись"), (1500, "О.О. Лисина")],
    ]
    assert find_borderless_tables(_layout(lines)) == []


def test_two_columns_are_not_a_table():
    cols = [200, 1300]
    lines = [[(cols[0], "СОГЛАСОВАНО"), (cols[1], "УТВЕРЖДАЮ")],
             [(cols[0], "Председатель профкома"), (cols[1], "Директор школы")],
             [(cols[0], "Е.В. Сомова"), (cols[1], "Р.Р. Ильин")],
             [(cols[0], "Срок: май"), (cols[1], "Ответственный: Ильин")]]
    assert find_borderless_tables(_layout(lines)) == []


def test_two_lines_are_not_a_table():
    assert find_borderless_tables(_layout(PLAN[:2])) == []


# --- end to end: a page image with a plan of measures printed without rulings -------------------

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
needs_ocr = pytest.mark.skipif(shutil.which("tesseract") is None or not FONT.exists(),
                               reason="tesseract or DejaVu fonts not installed")

PAGE_HEAD = [
    "УПРАВЛЕНИЕ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ ЗАРЕЧНОГО РАЙОНА",
    "",
    "ПРИКАЗ",
]
PAGE_TITLE = [
    "Об утверждении плана работы со школами с низкими результатами",
    "",
    "В целях повышения качества обучения в школах района приказываю:",
    "1. Утвердить план мероприятий на второе полугодие (приложение).",
    "2. Контроль за исполнением приказа оставляю за собой.",
    "",
    "ПЛАН МЕРОПРИЯТИЙ",
]
ROADMAP = [
    ["№\nп/п", "Мероприятие", "Срок", "Ответственный", "Результат"],
    ["1.", "Диагностика предметных\nкомпетенций учителей\nматематики", "до 15.03.2024", "Рябинина Н.С.",
     "Аналитическая\nсправка"],
    ["2.", "Семинар по разбору\nтрудных заданий ОГЭ", "апрель 2024", "Демин А.П.", "Протокол"],
    ["3.", "Посещение уроков\nв 7-9 классах", "до 30.05.2024", "Лаптева О.В.\nДемин А.П.",
     "Справка по\nитогам"],
    ["4.", "Подведение итогов\nреализации плана", "июнь 2024", "Рябинина Н.С.", "Отчет"],
]
# column widths in pixels: the text of the widest cells comes within about 40 px (1.3 word heights)
# of the next column, as in a Word table whose borders are hidden
ROADMAP_COLS = [105, 565, 320, 355, 400]


def _roadmap_page() -> bytes:
    img = Image.new("L", (2480, 3508), 255)
    d = ImageDraw.Draw(img)
    text = ImageFont.truetype(str(FONT), 42)
    cell = ImageFont.truetype(str(FONT), 38)
    x0, y = 220, 220
    for line in PAGE_HEAD:
        d.text((x0, y), line, font=text, fill=0)
        y += 68
    y += 40
    d.text((x0, y), "14.02.2024", font=text, fill=0)  # the date left, the number right
    d.text((1950, y), "№ 57", font=text, fill=0)
    y += 110
    for line in PAGE_TITLE:
        d.text((x0, y), line, font=text, fill=0)
        y += 68
    y += 30
    xs = [x0]
    for w in ROADMAP_COLS:
        xs.append(xs[-1] + w)
    for row in ROADMAP:
        for i, c in enumerate(row):
            d.multiline_text((xs[i] + 8, y), c, font=cell, fill=0, spacing=12)
        y += max(len(c.split("\n")) for c in row) * 50 + 30
    y += 90
    d.text((x0, y), "Начальник управления образования", font=text, fill=0)
    d.text((1700, y), "И.Г. Соболев", font=text, fill=0)
    buf = io.BytesIO()
    img.save(buf, "PNG", dpi=(300, 300))
    return buf.getvalue()


@pytest.fixture(scope="module")
def roadmap_scan():
    from shnor_docs.api import load_document
    from shnor_docs.pipeline import run

    doc = load_document(_roadmap_page(), "plan.png")
    blocks = list(doc.blocks)
    return blocks, run(doc)


@needs_ocr
def test_page_image_table_without_rulings_is_one_table(roadmap_scan):
    blocks, _ = roadmap_scan
    (table,) = [b for b in blocks if isinstance(b, Table)]
    assert table.borderless is True
    assert [len(r) for r in table.rows] == [5] * 5
    assert table.texts()[0][1:] == ["Мероприятие", "Срок", "Ответственный", "Результат"]
    assert [r[2] for r in table.texts()[1:]] == ["до 15.03.2024", "апрель 2024", "до 30.05.2024", "июнь 2024"]
    # provenance as on the ruled path: page, a box in the image's pixels, the words' confidence
    c = table.rows[2][1]
    assert c.prov.page == 1 and 260 < c.prov.box[0] < 333 < 850 < c.prov.box[2] and c.prov.confidence > 80
    assert table.prov.box[0] < 230 and 1870 < table.prov.box[2] < 1965
    # the lines around it stay paragraphs, the date/number line and the signature included
    paras = [b.text for b in blocks if isinstance(b, Paragraph)]
    assert "14.02.2024 № 57" in paras and "ПЛАН МЕРОПРИЯТИЙ" in paras
    assert any("Соболев" in p for p in paras)
    assert blocks.index(table) == paras.index("ПЛАН МЕРОПРИЯТИЙ") + 1


@needs_ocr
def test_page_image_table_without_rulings_gives_the_roadmap(roadmap_scan):
    _, result = roadmap_scan
    (rm,) = result.roadmaps
    assert [it.number for it in rm.items] == ["1", "2", "3", "4"]
    want = [" ".join(r[1].split()) for r in ROADMAP[1:]]
    for item, action in zip(rm.items, want):
        assert fuzz.ratio(item.action, action) >= 85, (item.action, action)
    assert [it.deadline.end for it in rm.items] == [date(2024, 3, 15).isoformat(), "2024-04-30",
                                                    "2024-05-30", "2024-06-30"]
    assert [r.person.surname for r in rm.items[2].responsible] == ["Лаптева", "Демин"]
    assert fuzz.ratio(rm.items[0].result or "", "Аналитическая справка") >= 85
