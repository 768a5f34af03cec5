"""Merging a backlog: duplicate orders, one person across orders, schools, the reference graph."""

from __future__ import annotations

import pytest

from shnor_docs.export.tables import document_rows
from shnor_docs.registry import build_registry, fold, number_key, person_key, school_key

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _result(*, file, issuer="Управление образования администрации округа Заречный", date="2022-03-01",
            number="12", doc_type="приказ", municipality="округ Заречный", persons=(), schools=(), refs=(),
            media_type="text/plain", ocr=False) -> dict:
    return {
        "source": {"file": file, "sha256": "0" * 64, "media_type": media_type, "pages": 1, "ocr": ocr},
        "order": {"doc_type": doc_type, "issuer": issuer, "municipality": municipality, "date": date,
                  "number": number, "directives": []},
        "persons": [{"surname": s, "initials": i, "first_name": None, "patronymic": None, "positions": list(p),
                     "variants": [f"{s} {i}"]} for s, i, p in persons],
        "schools": [{"name": f"{k} № {n}", "kind": k, "number": n, "legal_form": "МБОУ", "roles": list(r)}
                    for k, n, r in schools],
        "references": [{"doc_type": t, "issuer": None, "date": d, "number": n, "title": None, "relation": rel}
                       for t, d, n, rel in refs],
        "roadmaps": [], "warnings": [],
    }


def _registry(results: dict[str, dict]):
    tables: dict[str, list[dict]] = {"orders": [], "persons": [], "schools": [], "references": []}
    for file, res in results.items():
        for name, rows in document_rows(file, res).items():
            if name in tables:
                tables[name].extend(rows)
    return build_registry(tables["orders"], tables["persons"], tables["schools"], tables["references"])


@pytest.mark.parametrize("a, b", [
    (("Пасечниковой", "Т.Р."), ("пасечниковой", "Т. Р.")),
    (("Орлова", "Н.Ю."), ("Oрлова", "Н.Ю.")),  # a Latin «O» typed into a Cyrillic name
    (("Семёнов", "А.А."), ("Семенов", "А.А.")),
])
def test_person_keys_fold_spelling_noise(a, b):
    assert person_key(*a) == person_key(*b)


@pytest.mark.parametrize("a, b, same", [
    (("Орлова", "Н.Ю."), ("Орлов", "Н.Ю."), False),
    (("Орлова", "Н.Ю."), ("Орлова", "Н.А."), False),
    (("Орлова", ""), ("Орлова", "Н.Ю."), False),
])
def test_person_keys_keep_different_people_apart(a, b, same):
    assert (person_key(*a) == person_key(*b)) is same


@pytest.mark.parametrize("raw, key", [("№ 207-В/24.", "207-в/24"), ("76", "76"), ("12 – од", "12-од"),
                                      (None, "")])
def test_number_key(raw, key):
    assert number_key(raw) == key


def test_fold_quotes_dashes_and_case():
    assert fold("МО «Заречинский  район» — отдел") == fold('мо "заречинский район" - Отдел')


def test_same_order_as_docx_and_scan_is_linked_to_the_better_copy():
    reg = _registry({
        "scan/order12.pdf": _result(file="order12.pdf", media_type="application/pdf", ocr=True,
                                    issuer="Управление образования администрацни округа Заречный", number="№ 12"),
        "order12.docx": _result(file="order12.docx", media_type=DOCX),
        "other.txt": _result(file="other.txt", number="13"),
        "elsewhere.txt": _result(file="elsewhere.txt", issuer="Комитет по образованию города Нагорска",
                                 municipality="город Нагорск"),
    })
    assert reg.same_as == {"scan/order12.pdf": "order12.docx"}
    assert reg.duplicates == [{"file": "scan/order12.pdf", "same_as": "order12.docx",
                               "order_key": "2022-03-01|№ 12|Управление образования администрацни округа Заречный"}]


def test_one_person_in_many_orders_is_one_registry_row():
    results = {f"o{i}.txt": _result(file=f"o{i}.txt", number=str(i), date=f"2022-0{i}-10",
                                    persons=[("Воронцова", "А.С.", ["методист"] if i % 2 else ["начальник отдела"]),
                                             ("Гребнев", "П.Л.", [])])
               for i in range(1, 6)}
    results["o3.txt"]["persons"][0]["surname"] = "ВОРОНЦОВА"
    reg = _registry(results)
    by_key = {r["person_key"]: r for r in reg.persons_registry}
    assert sorted(by_key) == ["воронцова|ас", "гребнев|пл"]
    v = by_key["воронцова|ас"]
    assert v["surname"] == "Воронцова" and v["initials"] == "А.С." and v["n_orders"] == 5
    assert v["positions"] == "методист; начальник отдела"
    assert v["orders"].split("; ")[0] == "приказ № 1 от 2022-01-10"
    assert v["files"] == "o1.txt; o2.txt; o3.txt; o4.txt; o5.txt"


def test_person_in_both_copies_of_one_order_counts_one_order():
    p = [("Синицын", "Д.К.", [])]
    reg = _registry({"a.docx": _result(file="a.docx", media_type=DOCX, persons=p),
                     "a.pdf": _result(file="a.pdf", media_type="application/pdf", ocr=True, persons=p)})
    [row] = reg.persons_registry
    assert (row["n_orders"], row["files"]) == (1, "a.docx; a.pdf")


def test_schools_merge_by_municipality_kind_and_number():
    reg = _registry({
        "a.txt": _result(file="a.txt", schools=[("СОШ", "4", ["low_results"]), ("ООШ", "4", [])]),
        "b.txt": _result(file="b.txt", number="2", schools=[("СОШ", "4", ["500plus"])]),
        "c.txt": _result(file="c.txt", number="3", municipality="город Нагорск", schools=[("СОШ", "4", [])]),
    })
    keys = [r["school_key"] for r in reg.schools_registry]
    assert keys == [school_key("город Нагорск", "СОШ", "4", None), school_key("округ Заречный", "ООШ", "4", None),
                    school_key("округ Заречный", "СОШ", "4", None)]
    sosh = reg.schools_registry[2]
    assert (sosh["n_orders"], sosh["roles"], sosh["files"]) == (2, "low_results; 500plus", "a.txt; b.txt")


def test_references_resolve_to_backlog_documents():
    reg = _registry({
        "plan.txt": _result(file="plan.txt", number="5", date="2021-09-01"),
        "amend.txt": _result(file="amend.txt", number="40", date="2022-02-01",
                             refs=[("приказ", "2021-09-01", "№5", "amends"),
                                   ("приказ", "2020-01-01", "1", "cites"),       # not in the backlog
                                   ("постановление", "2021-09-01", "5", "cites"),  # another kind of document
                                   ("приказ", "2022-02-01", "40", "cites")]),    # itself
    })
    assert reg.resolved == ["plan.txt", None, None, None]
    assert reg.links == [{"from_file": "amend.txt", "from_order": "приказ № 40 от 2022-02-01", "relation": "amends",
                          "to_file": "plan.txt", "to_order": "приказ № 5 от 2021-09-01",
                          "cited_as": "приказ № 5 от 2021-09-01"}]


def test_ambiguous_reference_is_left_unresolved():
    reg = _registry({
        "x.txt": _result(file="x.txt", issuer="Отдел образования района Первого", municipality="район Первый"),
        "y.txt": _result(file="y.txt", issuer="Комитет образования города Второго", municipality="город Второй"),
        "z.txt": _result(file="z.txt", number="99", municipality="район Третий", issuer="Отдел района Третьего",
                         refs=[("приказ", "2022-03-01", "12", "cites")]),
    })
    assert reg.resolved == [None] and reg.links == []
