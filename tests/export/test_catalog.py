"""The catalog: per-document rows replaced atomically, registry tables rebuilt, rows read back in order."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from shnor_docs.export.catalog import Catalog
from shnor_docs.export.json import dumps, json_relpath


def _result(number: str, persons: list[tuple[str, str]]) -> dict:
    return {"source": {"file": "x.txt", "sha256": "a" * 64, "media_type": "text/plain", "pages": None, "ocr": False},
            "order": {"doc_type": "приказ", "issuer": "Отдел образования", "date": "2023-05-02", "number": number,
                      "signatory": {"surname": "Гребнев", "initials": "П.Л.", "position": "начальник"},
                      "directives": [{"number": "1", "text": "Утвердить план."}]},
            "roadmaps": [{"title": "План", "columns": [], "items": [
                {"number": "1", "section": None, "action": "Семинар", "form": None,
                 "deadline": {"text": "май 2023", "start": "2023-05-01", "end": "2023-05-31", "recurrence": None},
                 "responsible": [{"text": "Гребнев П.Л.", "person": {"surname": "Гребнев", "initials": "П.Л."},
                                  "position": None, "org": None},
                                 {"text": "Руководители ОО", "person": None, "position": None,
                                  "org": "Руководители ОО"}],
                 "result": "Протокол", "expected_result": None}]}],
            "schools": [], "references": [], "warnings": ["неуверенно прочитана дата"],
            "persons": [{"surname": s, "initials": i, "first_name": None, "patronymic": None, "positions": [],
                         "variants": []} for s, i in persons]}


def test_record_replace_and_registry(tmp_path: Path):
    with Catalog(tmp_path / "c.sqlite") as cat:
        for f, num in (("a.txt", "1"), ("b.txt", "2")):
            cat.record({"file": f, "sha256": f * 8, "status": "ok", "timings": {"total": 0.5}},
                       _result(num, [("Гребнев", "П.Л.")]))
        # recording a file again replaces its rows, never adds to them
        cat.record({"file": "b.txt", "sha256": "b" * 64, "status": "ok"}, _result("2", [("Гребнев", "П.Л."),
                                                                                      ("Орлова", "Н.Ю.")]))
        cat.record({"file": "bad.pdf", "sha256": None, "status": "error", "error_kind": "CorruptInput",
                    "error": "encrypted PDF"}, None)
        cat.rebuild_registry()
        items = cat.rows("roadmap_items")
        assert [(r["file"], r["responsible_persons"], r["responsible_orgs"], r["deadline_start"]) for r in items] == [
            ("a.txt", "Гребнев П.Л.", "Руководители ОО", "2023-05-01"),
            ("b.txt", "Гребнев П.Л.", "Руководители ОО", "2023-05-01")]
        assert [(r["file"], r["surname"]) for r in cat.rows("persons")] == [
            ("a.txt", "Гребнев"), ("b.txt", "Гребнев"), ("b.txt", "Орлова")]
        reg = {r["surname"]: r["n_orders"] for r in cat.rows("persons_registry")}
        assert reg == {"Гребнев": 2, "Орлова": 1}
        assert cat.rows("errors") == [{"file": "bad.pdf", "sha256": None, "error_kind": "CorruptInput",
                                       "error": "encrypted PDF", "copy_of": None}]
        orders = cat.rows("orders")
        assert orders[0]["signatory"] == "Гребнев П.Л." and orders[0]["directives"] == "1. Утвердить план."
        assert [r["warning"] for r in cat.rows("warnings")] == ["неуверенно прочитана дата"] * 2
        assert cat.result("a.txt")["order"]["number"] == "1"
    db = sqlite3.connect(tmp_path / "c.sqlite")
    assert json.loads(db.execute("SELECT timings FROM documents WHERE file='a.txt'").fetchone()[0]) == {"total": 0.5}
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_json_names_mirror_the_input_path():
    assert json_relpath("sub dir/приказ №5.pdf") == "json/sub dir/приказ №5.pdf.json"
    assert json_relpath("a.pdf") != json_relpath("a.docx")
    assert dumps({"b": "ё", "a": 1}) == '{\n "b": "ё",\n "a": 1\n}\n'
