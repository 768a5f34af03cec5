"""The cleaning stage over whole documents: hyphen merging, OCR detection, seeds, synthetic damage."""

from __future__ import annotations

import difflib
import importlib.util
import re
from pathlib import Path

import pytest
from rapidfuzz.distance import Levenshtein

from shnor_docs.api import load_document
from shnor_docs.clean import clean_document, clean_text, looks_like_ocr
from shnor_docs.clean.synthetic import SAMPLE, damage
from shnor_docs.document import Cell, Document, Paragraph, Table

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
SEED_001 = "001_87d3c604736e3f68"
CLEAN_SEEDS = ["000_bad5b6982bec67cd", "002_efb8faf17fecbb90", "003_9dbc94721a6e9c09", "004_65f4778714f3eea3"]


def cer(text: str, clean: str) -> float:
    """The contract's character error rate (hyphenation joined, case and ё folded, spaces collapsed)."""

    def norm(s: str) -> str:
        s = re.sub(r"-\n\s*(?=[а-яёa-z])", "", s)
        return re.sub(r"\s+", " ", s.casefold().replace("ё", "е")).strip()

    return Levenshtein.distance(norm(text), norm(clean)) / max(1, len(norm(clean)))


def _doc(*blocks, ocr: bool = True) -> Document:
    return Document(file="t.txt", media_type="text/plain", sha256="0", blocks=list(blocks), ocr=ocr)


def test_paragraphs_split_inside_a_word_are_merged():
    doc = _doc(Paragraph("в приложении к плану по ме-"), Paragraph("тодической поддержке школ"),
               Paragraph("Итоги года"))
    clean_document(doc)
    assert [b.text for b in doc.blocks] == ["в приложении к плану по методической поддержке школ",
                                            "Итоги года"]


def test_paragraphs_not_merged_before_a_capital_or_a_dash():
    doc = _doc(Paragraph("Совет директоров-"), Paragraph("Председатель совета"),
               Paragraph("работа по плану -"), Paragraph("- провести анализ"))
    clean_document(doc)
    assert len(doc.blocks) == 4


def test_compound_keeps_its_hyphen_when_merged():
    doc = _doc(Paragraph("открыты школы-"), Paragraph("интернаты и лицеи"))
    clean_document(doc)
    assert doc.blocks[0].text == "открыты школы-интернаты и лицеи"


def test_cells_and_noise_lines():
    doc = _doc(Paragraph("ПРИКАЗ"), Paragraph("й", gap_before=True), Paragraph("СОШ Jф 5"),
               Table(rows=[[Cell("1"), Cell("прик€в УО от 14.0l.202l Ns 7")]]))
    clean_document(doc)
    assert [b.text for b in doc.paragraphs()] == ["ПРИКАЗ", "СОШ № 5"]
    assert doc.blocks[1].gap_before  # the dropped line's gap stays
    assert doc.blocks[2].rows[0][1].text == "приказ УО от 14.01.2021 № 7"


def test_clean_document_leaves_clean_text_alone():
    doc = _doc(Paragraph("СОШ М 8 и «<план>»"), ocr=False)
    clean_document(doc)
    assert doc.blocks[0].text == "СОШ М 8 и «<план>»"


def test_raw_ocr_text_is_detected_without_the_flag():
    text = damage(SAMPLE, seed=1)
    assert looks_like_ocr(text) > 0.5
    assert looks_like_ocr(SAMPLE) < 0.1
    doc = _doc(*[Paragraph(line) for line in text.split("\n")], ocr=False)
    clean_document(doc)
    assert "№ 317" in doc.text()


@pytest.mark.parametrize("seed", range(5))
def test_synthetic_damage_is_mostly_repaired(seed):
    damaged = damage(SAMPLE, seed=seed)
    before, after = cer(damaged, SAMPLE), cer(clean_text(damaged), SAMPLE)
    assert before > 0.03
    assert after <= before / 4
    assert after < 0.015


@pytest.mark.parametrize("seed", range(3))
def test_synthetic_cleaning_is_idempotent(seed):
    once = clean_text(damage(SAMPLE, seed=seed))
    assert clean_text(once) == once


# --- the seeds (read from ../shared when it exists) --------------------------------------------

def _seed(name: str) -> Path:
    path = SHARED / "seeds" / f"{name}.txt"
    if not path.exists():
        pytest.skip("../shared is absent")
    return path


@pytest.mark.seeds
@pytest.mark.parametrize("name", CLEAN_SEEDS)
def test_clean_seeds_come_out_unchanged(name):
    doc = load_document(_seed(name), clean=False)
    before = doc.text()
    assert looks_like_ocr(before) < 0.5
    after = clean_document(doc).text()
    sm = difflib.SequenceMatcher(None, before, after, autojunk=False)
    changed = sum(max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in sm.get_opcodes() if op != "equal")
    assert changed <= len(before) // 2000


@pytest.mark.seeds
def test_seed_001_cer():
    path = _seed(SEED_001)
    gold = SHARED / "gold" / f"{SEED_001}.clean.txt"
    scorer = SHARED / "contract" / "score.py"
    if not gold.exists() or not scorer.exists():
        pytest.skip("gold clean text or scorer absent")
    spec = importlib.util.spec_from_file_location("shared_score", scorer)
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    doc = load_document(path)
    raw = path.read_text(encoding="utf-8")
    clean = gold.read_text(encoding="utf-8")
    assert looks_like_ocr(raw) > 0.9
    until = clean.split()[-1]  # the gold text's last word: the contract cuts the raw text there
    before = score.cer(raw, clean, until=until)
    after = score.cer(doc.text(), clean, until=until)
    assert before > 0.03
    assert after <= 0.012


def test_cli_text_trace_names_the_rule_behind_each_change(tmp_path, capsys):
    from shnor_docs.cli import main

    path = tmp_path / "raw.txt"
    path.write_text(damage(SAMPLE, seed=2), encoding="utf-8")
    assert main(["text", "--trace", str(path)]) == 0
    out, err = capsys.readouterr()
    assert "№ 317" in out
    changes = [line for line in err.splitlines() if line]
    assert changes and all(": " in c and " → " in c for c in changes)
    rules = {c.split(":", 1)[0] for c in changes}
    assert "numero_sign" in rules
    # --raw shows the text before cleaning and lists nothing
    assert main(["text", "--raw", "--trace", str(path)]) == 0
    out, err = capsys.readouterr()
    assert "№ 317" not in out and err == ""
