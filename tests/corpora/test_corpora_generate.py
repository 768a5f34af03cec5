"""The synthetic corpus: deterministic, gold valid against the contract, agreeing with its text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpora.deadlines import make_deadline
from corpora.generate import generate_one, write_renderings
from corpora.model import Person, Position, decline_surname
from corpora.render import render_txt
from shnor_docs.backends.text import parse_lines
from shnor_docs.document import Document, Table

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO / ".." / "shared"
SCHEMA = SHARED / "contract" / "extraction-schema.json"
SAMPLE = REPO / "corpora" / "sample"


def _norm(s: str) -> str:
    return " ".join(s.split())


def test_same_seed_same_documents(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    for out in (a, b):
        for i in range(3):
            write_renderings(*generate_one(i, 5), out, ["txt", "docx"], seed=5)
    names = sorted(p.name for p in a.iterdir())
    assert len(names) == 9
    for n in names:
        assert (a / n).read_bytes() == (b / n).read_bytes(), n


def test_different_seeds_differ():
    t1 = render_txt(generate_one(0, 1)[1])
    t2 = render_txt(generate_one(0, 2)[1])
    assert t1 != t2


def test_gold_validates_against_contract(tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    if not SCHEMA.is_file():
        pytest.skip("shared contract not present")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    for i in range(25):
        name, doc, gold = generate_one(i, 3)
        write_renderings(name, doc, gold, tmp_path, ["txt"], seed=3)
        data = json.loads((tmp_path / f"{name}.json").read_text(encoding="utf-8"))
        jsonschema.validate(data, schema)
        assert data["_scored"] == ["order", "references", "schools", "persons", "roadmaps"]


def test_gold_values_are_in_the_text():
    for i in range(25):
        _, doc, gold = generate_one(i, 4)
        text = _norm(render_txt(doc).replace("**", "").replace("\t", " "))
        order = gold["order"]
        assert order["number"] is None or order["number"] in text
        for d in order["directives"]:
            assert _norm(d["text"]) in text
        for rm in gold["roadmaps"]:
            for item in rm["items"]:
                assert item["deadline"] is None or item["deadline"]["text"] in text or \
                    item["deadline"]["text"].split()[0] in text
                for e in item["responsible"]:
                    if e["org"] is None and "\n" not in e["text"]:
                        assert e["person"]["surname"] in text
        for p in gold["persons"]:
            assert any(v in text for v in p["variants"]), p
        keys = [(s["kind"], s["number"] or s["name"]) for s in gold["schools"]]
        assert len(keys) == len(set(keys))


def test_txt_and_docx_sources_match_files(tmp_path):
    import hashlib

    name, doc, gold = generate_one(0, 9)
    write_renderings(name, doc, gold, tmp_path, ["txt", "docx"], seed=9)
    data = json.loads((tmp_path / f"{name}.json").read_text(encoding="utf-8"))
    assert data["source"]["file"] == f"{name}.txt" and data["source"]["pages"] is None
    for fmt, src in data["_sources"].items():
        raw = (tmp_path / src["file"]).read_bytes()
        assert hashlib.sha256(raw).hexdigest() == src["sha256"], fmt


def test_txt_rendering_parses_back_to_the_same_tables():
    for i in range(10):
        _, doc, gold = generate_one(i, 6)
        back = [b for b in parse_lines(render_txt(doc)) if isinstance(b, Table)]
        mine = [b for b in doc.blocks if isinstance(b, Table)]
        assert [len(t.rows) for t in back] == [len(t.rows) for t in mine]
        assert len(mine) == len(gold["roadmaps"])


@pytest.mark.parametrize("surname,kind,female,case,expected", [
    ("Коршунов", "ov", False, "acc", "Коршунова"),
    ("Коршунова", "ov", True, "acc", "Коршунову"),
    ("Коршунова", "ov", True, "dat", "Коршуновой"),
    ("Вишневский", "sky", False, "ins", "Вишневским"),
    ("Вишневская", "sky", True, "acc", "Вишневскую"),
    ("Шевчак", "cons", False, "dat", "Шевчаку"),
    ("Шевчак", "cons", True, "dat", "Шевчак"),
    ("Дугляй", "cons", False, "gen", "Дугляя"),
    ("Бабич", "cons", False, "ins", "Бабичем"),
    ("Шевченко", "indecl", False, "acc", "Шевченко"),
    ("Джапаридзе", "indecl", True, "ins", "Джапаридзе"),
])
def test_surname_cases(surname, kind, female, case, expected):
    assert decline_surname(surname, kind, female, case) == expected


def test_full_name_and_position_cases():
    p = Person("Лыков", "ov", False, "Павел", "Сергеевич")
    assert p.printed("acc", "full") == "Лыкова Павла Сергеевича"
    assert p.printed("dat", "init_first") == "П.С. Лыкову"
    assert Position("заместитель начальника", "управления образования").text("acc") == \
        "заместителя начальника управления образования"


@pytest.mark.parametrize("seed", range(40))
def test_deadline_gold_is_consistent(seed):
    import random

    d = make_deadline(random.Random(seed), 2021, 2021)
    assert d["text"].strip()
    if d["start"] and d["end"]:
        assert d["start"] <= d["end"]
    if d["recurrence"] == "on_event":
        assert d["start"] is None and d["end"] is None


def test_committed_sample_matches_its_gold():
    golds = sorted(SAMPLE.glob("*.json"))
    assert len(golds) >= 10
    import hashlib

    for g in golds:
        data = json.loads(g.read_text(encoding="utf-8"))
        for src in data["_sources"].values():
            raw = (SAMPLE / src["file"]).read_bytes()
            assert hashlib.sha256(raw).hexdigest() == src["sha256"]
