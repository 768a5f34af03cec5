"""The text-layer PDF backend on real PDFs made by reportlab and by LibreOffice from .docx."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docpdf_builders import (HEADER, blank_pdf, docx_to_pdf, reportlab_canvas_pdf, reportlab_order_pdf, soffice,
                             write_blocks_docx, write_order_docx)

from shnor_docs.backends import load_bytes
from shnor_docs.backends.pdf import page_needs_ocr
from shnor_docs.document import Cell, Paragraph, Table
from shnor_docs.tables.pdf import join_hyphenation

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
needs_soffice = pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")

READABLE = ("Во исполнение приказа министерства образования и в целях оказания адресной методической "
            "поддержки общеобразовательным организациям, имеющим низкие образовательные результаты")


@pytest.mark.parametrize("text, expected", [
    ("", True),
    ("   \n  ", True),
    ("12", True),
    ("- 3 -", True),
    (READABLE, False),
    ("ПРИКАЗ\n12.03.2024 № 57\nОб утверждении плана", False),
    (READABLE + " (ВПР, ЕГЭ, e-mail: school@mail.ru, www.edu.ru)", False),
    ("Hanpapnenue Bo ucnonnenue npukaza mununcmepcmba obpazobaHua u b uenax okazaHua", True),
    ("Пpикaз oб yтвepждeнии плaнa мepoпpиятий пo пoддepжкe шкoл c низкими peзyльтaтaми", True),
    ("Ïðèêàç îá óòâåðæäåíèè ïëàíà ìåðîïðèÿòèé ïî ïîääåðæêå øêîë", True),
    ("(cid:12)(cid:40)(cid:7)(cid:33) (cid:9)(cid:2)(cid:3) приказ (cid:55)(cid:11)(cid:90)(cid:31)", True),
    ("\ufffd\ufffd\ufffd\ufffd \ufffd\ufffdприказ\ufffd\ufffd\ufffd \ufffd\ufffd\ufffd", True),
    ("Прквз бтврждн плн мрпртй п пддржк шкл с нзкм рзльттм брзвн " * 3, True),
])
def test_page_needs_ocr(text, expected):
    assert page_needs_ocr(text) is expected


@pytest.mark.parametrize("text, expected", [
    ("по ме-\nтодическому сопровождению", "по методическому сопровождению"),
    ("образова-\nтельных организаций", "образовательных организаций"),
    ("научно-\nметодический центр", "научно-методический центр"),
    ("информационно-\nаналитическая", "информационно-аналитическая"),
    ("ШНОР -\nшколы", "ШНОР -\nшколы"),
    ("до 2024-\n2025 года", "до 2024-\n2025 года"),
    ("без переноса\nстрока", "без переноса\nстрока"),
])
def test_join_hyphenation(text, expected):
    assert join_hyphenation(text) == expected


# --- reportlab: an order whose ruled table runs over pages -------------------------------------

@pytest.fixture(scope="module")
def rl_pdf() -> bytes:
    return reportlab_order_pdf(40)


@pytest.fixture(scope="module")
def rl_doc(rl_pdf):
    return load_bytes(rl_pdf, "order.pdf")


def test_reportlab_page_count_and_no_ocr(rl_doc, rl_pdf):
    assert rl_doc.pages == len(re.findall(rb"/Type\s*/Page(?!s)", rl_pdf)) >= 3
    assert rl_doc.ocr is False and rl_doc.warnings == []
    assert rl_doc.media_type == "application/pdf"


def test_reportlab_one_table_over_pages_header_once(rl_doc):
    tables = list(rl_doc.tables())
    assert len(tables) == 1
    table = tables[0]
    assert len(table.pages) >= 3 and table.pages == sorted(table.pages)
    texts = table.texts()
    assert texts[0] == HEADER
    assert sum(1 for r in texts if r == HEADER) == 1  # repeated headers dropped
    numbers = [r[0] for r in texts[1:] if r[0]]
    assert numbers == [f"{i}." for i in range(1, 41)]


def test_reportlab_split_row_kept_as_continuation(rl_doc):
    texts = next(rl_doc.tables()).texts()
    i = next(k for k, r in enumerate(texts) if r[0] == "24.")
    assert texts[i][1].startswith("Длинное описание")
    cont = texts[i + 1]
    assert cont[0] == "" and cont[1].startswith("мероприятия") and len(cont) == 4
    assert texts[i + 2][0] == "25."


def test_reportlab_paragraphs_title_wrap_and_page_numbers(rl_doc):
    paras = list(rl_doc.paragraphs())
    texts = [p.text for p in paras]
    assert texts[0] == "ОТДЕЛ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ РАЙОНА"
    assert paras[0].bold and paras[0].centered and paras[1].text == "ПРИКАЗ" and paras[1].centered
    assert not paras[2].centered and not paras[2].bold
    directive = next(t for t in texts if t.startswith("1. "))
    assert directive.endswith("в установленные сроки.")  # three wrapped lines, one paragraph
    assert not any(re.fullmatch(r"\d+", t) for t in texts)  # page numbers dropped
    assert texts[-1] == "Начальник отдела образования А.Б. Петрова"
    assert paras[-1].gap_before  # after the table


def test_reportlab_provenance_everywhere(rl_doc):
    for block in rl_doc.blocks:
        if isinstance(block, Paragraph):
            assert block.prov.page >= 1 and len(block.prov.box) == 4
        else:
            for row in block.rows:
                for cell in row:
                    assert cell.prov.page in block.pages
                    if cell.text:
                        x0, top, x1, bottom = cell.prov.box
                        assert 0 <= x0 < x1 <= 600 and 0 <= top < bottom <= 850


def test_ten_text_pages(rl_doc):
    # the benchmark's shape: ten pages of wrapped numbered paragraphs, one logical line each
    doc = load_bytes(reportlab_order_pdf(5, pages_of_text=8, split_row=False), "long.pdf")
    assert doc.pages >= 10
    texts = [p.text for p in doc.paragraphs()]
    for n in (1, 14, 28):
        found = [t for t in texts if t.startswith(f"{n}. Раздел по ")]
        assert len(found) == 8 and all(t.endswith("методических рекомендаций.") for t in found)


# --- pages without a usable text layer ----------------------------------------------------------

def _ocr_handled(doc, page: int) -> bool:
    return doc.ocr or any(w.startswith(f"page {page} has no text layer") for w in doc.warnings)


def test_page_without_text_goes_to_ocr():
    doc = load_bytes(blank_pdf(), "scan.pdf")
    assert doc.pages == 1
    assert _ocr_handled(doc, 1)


def test_latin_lookalike_layer_goes_to_ocr():
    lines = ["Hanpapnenue Bo ucnonnenue npukaza", "mununcmepcmba obpazobaHua u b uenax",
             "okazaHua metoduyeckou nomowu"]
    doc = load_bytes(reportlab_canvas_pdf(lines, font="Helvetica"), "garbage.pdf")
    assert _ocr_handled(doc, 1)
    assert not any("Hanpapnenue" in p.text for p in doc.paragraphs())


# --- LibreOffice: a Word order converted to PDF ----------------------------------------------------

@pytest.fixture(scope="module")
def lo_pdfs(tmp_path_factory):
    if soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    out = tmp_path_factory.mktemp("lo")
    docs = [write_order_docx(out / "order.docx")]
    seeds: list[tuple[str, list]] = []
    if SHARED.is_dir():
        from shnor_docs.backends.text import parse_lines

        for f in sorted((SHARED / "seeds").glob("*.txt")):
            blocks = parse_lines(f.read_text(encoding="utf-8"))
            if any(isinstance(b, Table) for b in blocks):
                docs.append(write_blocks_docx(blocks, out / f"seed_{f.stem}.docx"))
                seeds.append((f.stem, blocks))
    pdfs = docx_to_pdf(*docs, outdir=out)
    return {"order": pdfs[0], "seeds": list(zip(seeds, pdfs[1:]))}


@pytest.fixture(scope="module")
def lo_doc(lo_pdfs):
    return load_bytes(lo_pdfs["order"].read_bytes(), "order.pdf")


@needs_soffice
def test_libreoffice_heading_and_numbered_directives(lo_doc):
    texts = [p.text for p in lo_doc.paragraphs()]
    paras = list(lo_doc.paragraphs())
    assert texts[:4] == ["КОМИТЕТ ПО ОБРАЗОВАНИЮ", "ПРИКАЗ", "14.11.2023", "№ 902"]
    assert paras[0].bold and paras[0].centered
    assert texts[4].startswith("1. Утвердить план") and texts[4].endswith("согласно приложению.")
    assert texts[5] == "2. Контроль исполнения настоящего приказа оставляю за собой."
    assert texts[-2:] == ["Председатель комитета", "Н.Н. Волкова"]


@needs_soffice
def test_libreoffice_merged_cells(lo_doc):
    small = next(lo_doc.tables())
    assert small.texts()[1] == ["Раздел I. Диагностика"] and small.rows[1][0].span == 4
    assert small.texts()[3][0] == "" and small.texts()[3][1] == "Анализ анкет"  # vertical merge


@needs_soffice
def test_libreoffice_long_table_one_block_header_once(lo_doc):
    tables = list(lo_doc.tables())
    assert len(tables) == 3
    big, wide = tables[1], tables[2]
    texts = big.texts()
    assert len(big.pages) >= 3
    assert sum(1 for r in texts if r == HEADER) == 1
    assert [r[0] for r in texts if r[0]][1:] == [f"{i}." for i in range(1, 46)]
    i = next(k for k, r in enumerate(texts) if r[0] == "31.")
    assert texts[i + 1][0] == "" and texts[i + 1][1]  # the long row's remainder on the next page
    assert wide.texts()[0] == [f"Столбец {c}" for c in range(1, 7)]  # the landscape page
    assert lo_doc.pages == wide.pages[0]


def _rejoin_page_splits(table: Table) -> list[list[str]]:
    """Rows with page-break continuations folded back into the row they continue."""
    out: list[list[Cell]] = []
    prev_page = None
    for row in table.rows:
        page = row[0].prov.page
        if out and page != prev_page and not row[0].text and len(row) == len(out[-1]):
            out[-1] = [Cell(a.text + "\n" + c.text) for a, c in zip(out[-1], row)]
        else:
            out.append(row)
        prev_page = page
    return [[c.text for c in r] for r in out]


def _squash(cells: list[str]) -> list[str]:
    texts = [re.sub(r"[\s\-]+", "", c) for c in cells]
    while texts and not texts[-1]:
        texts.pop()
    return texts


@pytest.mark.seeds
@needs_soffice
def test_seed_tables_survive_docx_to_pdf(lo_pdfs):
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    assert lo_pdfs["seeds"], "no seed with a table"
    for (stem, blocks), pdf in lo_pdfs["seeds"]:
        want = [b for b in blocks if isinstance(b, Table)]
        doc = load_bytes(pdf.read_bytes(), pdf.name)
        got = list(doc.tables())
        assert len(got) == len(want), stem
        for w, g in zip(want, got):
            rows = _rejoin_page_splits(g)
            assert len(rows) == len(w.rows), stem
            same = sum(_squash([c.text for c in a]) == _squash(b) for a, b in zip(w.rows, rows))
            assert same == len(rows), stem


def _slow_path(monkeypatch, data: bytes, name: str):
    import shnor_docs.backends.pdf as pdf_backend

    monkeypatch.setattr(pdf_backend, "read_fast", lambda data: None)
    return load_bytes(data, name)


def test_pdfium_fast_path_reads_like_pdfplumber(monkeypatch):
    data = reportlab_order_pdf(5, pages_of_text=2, split_row=False)
    fast = load_bytes(data, "fast.pdf")
    slow = _slow_path(monkeypatch, data, "slow.pdf")
    assert fast.text() == slow.text()
    hints = [[(p.bold, p.centered, p.gap_before) for p in d.paragraphs()] for d in (fast, slow)]
    assert hints[0] == hints[1]


@needs_soffice
def test_pdfium_fast_path_on_libreoffice_pdf(monkeypatch, lo_pdfs, lo_doc):
    slow = _slow_path(monkeypatch, lo_pdfs["order"].read_bytes(), "order.pdf")
    assert lo_doc.text() == slow.text()
