"""The project's scorer: hand-made cases with known figures, and agreement with the contract's
reference scorer on hundreds of perturbed answers made from the gold files (when ../shared exists)."""

from __future__ import annotations

import copy
import importlib.util
import json
import random
from pathlib import Path
from typing import Callable

import pytest

from shnor_docs.scoring import cer, norm, pair_by_similarity, score, score_dir, sim

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
REFERENCE = SHARED / "contract" / "score.py"
GOLD_DIR = SHARED / "gold"


# --------------------------------------------------------------------------- hand-made cases

def school(kind: str, number: str | None, name: str = "") -> dict:
    return {"name": name or f"МБОУ {kind} № {number}", "kind": kind, "number": number, "legal_form": "МБОУ",
            "roles": []}


def person(surname: str, initials: str, *positions: str) -> dict:
    return {"surname": surname, "initials": initials, "first_name": None, "patronymic": None,
            "positions": list(positions), "variants": []}


def item(action: str, number: str = "1", deadline: str = "март 2022", start: str | None = "2022-03-01",
         end: str | None = "2022-03-31", result: str | None = None, responsible: list | None = None) -> dict:
    return {"number": number, "section": None, "action": action, "form": None,
            "deadline": {"text": deadline, "start": start, "end": end, "recurrence": None},
            "responsible": responsible or [], "result": result, "expected_result": None}


def resp_person(surname: str, initials: str) -> dict:
    return {"text": f"{initials} {surname}", "person": {"surname": surname, "initials": initials},
            "position": None, "org": None}


def resp_org(org: str) -> dict:
    return {"text": org, "person": None, "position": None, "org": org}


def gold_only(part: str, **content) -> dict:
    """A gold file scored on one part only."""
    return {"_scored": [part], **content}


@pytest.mark.parametrize("a, b", [
    ("«Об утверждении»", '"об утверждении"'),
    ("Ёлкин  И.\tИ.", "елкин и. и"),
    ("2021—2022", "2021-2022"),
    ("  ; текст, . ", "текст"),
    ("Приказ №\n76", "приказ № 76"),
])
def test_norm_folds_case_quotes_dashes_and_edges(a: str, b: str) -> None:
    assert norm(a) == norm(b)


def test_norm_of_none_and_numbers() -> None:
    assert norm(None) == ""
    assert norm(76) == "76"


def test_sim_of_two_empties_is_one_and_of_one_empty_zero() -> None:
    assert sim(None, "") == 1.0
    assert sim("", "школа") == 0.0
    assert sim("абвгд", "абвгж") == pytest.approx(0.8)


def test_schools_duplicate_costs_precision() -> None:
    gold = gold_only("schools", schools=[school("СОШ", "4"), school("СОШ", "10")])
    pred = {"schools": [school("СОШ", "4"), school("СОШ", "4"), school("СОШ", "10")]}
    part = score(pred, gold)["schools"]
    assert (part["p"], part["r"], part["f1"]) == (0.667, 1.0, 0.8)
    assert score(pred, gold)["overall"] == 0.8


def test_school_without_number_is_keyed_by_name() -> None:
    gold = gold_only("schools", schools=[school("Школа", None, "Школа при посольстве")])
    assert score({"schools": [school("Школа", None, "школа при посольстве")]}, gold)["schools"]["f1"] == 1.0
    assert score({"schools": [school("Школа", None, "Другая школа")]}, gold)["schools"]["f1"] == 0.0


@pytest.mark.parametrize("n_pred, expected", [(0, 1.0), (1, 0.5), (3, 0.25)])
def test_empty_gold_scores_one_over_one_plus_predicted(n_pred: int, expected: float) -> None:
    gold = gold_only("schools", schools=[])
    pred = {"schools": [school("СОШ", str(k)) for k in range(n_pred)]}
    assert score(pred, gold)["schools"]["f1"] == expected
    roadmap_gold = gold_only("roadmaps", roadmaps=[])
    roadmap_pred = {"roadmaps": [{"title": "", "columns": [], "items": [item(f"мера {k}") for k in range(n_pred)]}]}
    assert score(roadmap_pred, roadmap_gold)["roadmaps"]["score"] == expected


def test_persons_f1_times_position_accuracy() -> None:
    gold = gold_only("persons", persons=[person("Иванова", "А.Б.", "директор"),
                                         person("Петров", "В.Г.", "методист")])
    pred = {"persons": [person("Иванова", "А.Б.", "Директор"), person("Петров", "В.Г.", "учитель"),
                        person("Сидоров", "Д.Е.")]}
    part = score(pred, gold)["persons"]
    assert part["f1"] == 0.8
    assert part["position_acc"] == 0.5
    assert part["score"] == round(0.8 * (0.8 + 0.2 * 0.5), 3)


def test_persons_initials_spaces_do_not_matter() -> None:
    gold = gold_only("persons", persons=[person("Иванова", "А.Б.")])
    assert score({"persons": [person("ИВАНОВА", "А. Б.")]}, gold)["persons"]["score"] == 1.0


def test_references_leave_out_the_orders_own_date_and_number() -> None:
    gold = gold_only("references", order={"date": "2022-01-10", "number": "15"},
                     references=[{"date": "2021-05-04", "number": "300"}, {"date": None, "number": None}])
    pred = {"references": [{"date": "2022-01-10", "number": "15"}, {"date": "2021-05-04", "number": "300"},
                           {"date": None, "number": None, "title": "проект"}]}
    assert score(pred, gold)["references"]["f1"] == 1.0
    pred["references"].append({"date": "2020-01-01", "number": None})
    assert score(pred, gold)["references"]["p"] == 0.5


def test_order_fields_fuzzy_and_exact() -> None:
    order = {"doc_type": "приказ", "issuer": "Управление образования администрации города",
             "region": "Тверская область", "municipality": None, "date": "2022-02-03", "number": "5-п",
             "place": "г. Тверь", "title": "Об утверждении плана мероприятий по поддержке школ",
             "signatory": {"surname": "Орлова", "initials": "Е.А.", "position": "начальник"},
             "approved_by": None, "controller": {"surname": "Орлова", "initials": "Е.А.", "position": None},
             "directives": [{"number": "1", "text": "Утвердить план мероприятий."},
                            {"number": "2", "text": "Контроль оставляю за собой."}]}
    gold = gold_only("order", order=order)
    assert score({"order": order}, gold)["order"]["score"] == 1.0
    pred = copy.deepcopy(order)
    pred["title"] = "Об утверждении плана мероприятии по поддержке школ"  # one letter off: still right
    pred["number"] = "5"  # exact field: wrong
    pred["signatory"]["position"] = "другая должность"  # persons compared by name only
    pred["directives"] = pred["directives"][:1]
    part = score({"order": pred}, gold)["order"]
    assert part["fields"]["title"] == 1.0
    assert part["fields"]["number"] == 0.0
    assert part["fields"]["signatory"] == 1.0
    assert part["fields"]["directives_f1"] == round(2 * 1 * 0.5 / 1.5, 3)
    assert part["score"] == round((10 + round(2 / 3, 3)) / 12, 3)


def test_roadmap_pairs_by_action_and_scores_cells() -> None:
    gold_items = [item("Провести совещание директоров школ", number="1",
                       responsible=[resp_person("Орлова", "Е.А."), resp_org("Администрация ОО")]),
                  item("Организовать курсы повышения квалификации учителей", number="2", result="Сертификаты")]
    gold = gold_only("roadmaps", roadmaps=[{"title": "План", "columns": [], "items": gold_items}])
    pred_items = copy.deepcopy(gold_items)
    pred_items[0]["action"] = "Провести совещание директоров школы"  # similar enough to pair
    pred_items[0]["responsible"] = [resp_person("Орлова", "Е.А.")]  # responsible F1 2/3
    pred_items[1]["number"] = "3"
    pred_items.append(item("Совсем другое мероприятие без пары"))
    part = score({"roadmaps": [{"items": pred_items}]}, gold)["roadmaps"]
    assert (part["p"], part["r"], part["f1"]) == (0.667, 1.0, 0.8)
    assert part["pairs"]["number"] == 0.5
    assert part["pairs"]["responsible_f1"] == round((0.667 + 1.0) / 2, 3)
    cells = (0.5 + 1 + 1 + 1 + part["pairs"]["responsible_f1"]) / 5
    assert part["score"] == round(0.8 * (0.5 + 0.5 * cells), 3)


def test_pairing_is_one_to_one_most_similar_first() -> None:
    pairs = pair_by_similarity(["абвгд", "абвгд"], ["абвгж", "абвгд"], 0.8)
    assert [(i, j) for i, j, _ in pairs] == [(0, 1), (1, 0)]
    assert pair_by_similarity(["совсем иное"], ["абвгд"], 0.8) == []


def test_missing_prediction_scores_zero_in_the_scored_parts() -> None:
    gold = {"_scored": ["order", "schools"], "order": {}, "schools": []}
    assert score(None, gold) == {"order": {"score": 0.0}, "schools": {"score": 0.0}, "overall": 0.0}


def test_malformed_prediction_parts_read_as_empty() -> None:
    gold = gold_only("schools", schools=[school("СОШ", "1")])
    assert score({"schools": "не список", "order": 5}, gold)["schools"]["f1"] == 0.0


def test_cer_joins_hyphenation_and_folds_case() -> None:
    assert cer("Методи-\nческое  ЁЛКА", "методическое елка") == 0.0
    assert cer("Абвгд", "абвгж") == pytest.approx(0.2)
    # a hyphen before a capital is a real dash, not hyphenation: the line break stays a space
    assert cer("Москва-\nТула", "москва-тула") == pytest.approx(1 / 11)


def test_cer_until_cuts_the_text() -> None:
    assert cer("приказываю лишний хвост", "приказываю", until="приказываю") == 0.0
    assert cer("текст", "", until="нет") == 5.0


def test_score_dir_pairs_files_and_zeroes_missing(tmp_path: Path) -> None:
    gold_dir, pred_dir = tmp_path / "gold", tmp_path / "pred"
    gold_dir.mkdir()
    pred_dir.mkdir()
    gold = gold_only("schools", schools=[school("СОШ", "1")])
    for name in ("a", "b", "c"):
        (gold_dir / f"{name}.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    (pred_dir / "a.json").write_text(json.dumps({"schools": [school("СОШ", "1")]}), encoding="utf-8")
    (pred_dir / "b.json").write_text("{not json", encoding="utf-8")
    out = score_dir(pred_dir, gold_dir)
    assert [out["docs"][n]["overall"] for n in "abc"] == [1.0, 0.0, 0.0]
    assert out["mean_overall"] == 0.333


# --------------------------------------------------------------------------- against the reference

def _reference():
    if not REFERENCE.is_file():
        pytest.skip("../shared/contract/score.py not available")
    spec = importlib.util.spec_from_file_location("contract_reference_score", REFERENCE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _golds() -> list[tuple[str, dict]]:
    if not GOLD_DIR.is_dir():
        return []
    return [(p.stem, json.loads(p.read_text(encoding="utf-8"))) for p in sorted(GOLD_DIR.glob("*.json"))]


_LETTERS = "абвгдежзиклмнопрстуфхцчшщыэюяАБВГДЕЖЗИКЛМНОПРСТУФ0123456789 .,-«»"


def edit_text(text: str | None, rng: random.Random, edits: int) -> str:
    """``text`` with ``edits`` random single-character replacements, insertions or deletions."""
    chars = list(text or "")
    for _ in range(edits):
        at = rng.randrange(len(chars) + 1)
        op = rng.choice("rid") if chars else "i"
        if op == "i" or at == len(chars):
            chars.insert(at, rng.choice(_LETTERS))
        elif op == "r":
            chars[at] = rng.choice(_LETTERS)
        else:
            del chars[at]
    return "".join(chars)


def _items(pred: dict) -> list[dict]:
    return [it for rm in pred.get("roadmaps") or [] for it in rm.get("items") or []]


def _pick(seq: list, rng: random.Random) -> list:
    """A random non-empty subset of ``seq`` (or nothing for an empty one)."""
    if not seq:
        return []
    return rng.sample(seq, rng.randint(1, len(seq)))


# Each perturbation edits a deep copy of the gold in place.
def p_drop_schools(d: dict, rng: random.Random) -> None:
    d["schools"] = [s for s in d["schools"] if rng.random() > 0.3]


def p_duplicate_schools(d: dict, rng: random.Random) -> None:
    d["schools"] += copy.deepcopy(_pick(d["schools"], rng))


def p_shuffle_schools(d: dict, rng: random.Random) -> None:
    rng.shuffle(d["schools"])


def p_school_numbers(d: dict, rng: random.Random) -> None:
    for s in _pick(d["schools"], rng):
        s["number"] = rng.choice([None, str(rng.randint(1, 99)), (s.get("number") or "") + "а"])
        s["kind"] = rng.choice([s.get("kind"), "сош", "ООШ", None])


def p_extra_schools(d: dict, rng: random.Random) -> None:
    d["schools"] += [school("СОШ", str(rng.randint(100, 120))) for _ in range(rng.randint(1, 4))]


def p_drop_persons(d: dict, rng: random.Random) -> None:
    d["persons"] = [p for p in d["persons"] if rng.random() > 0.4]


def p_surnames(d: dict, rng: random.Random) -> None:
    for p in _pick(d["persons"], rng):
        p["surname"] = rng.choice([edit_text(p["surname"], rng, 1), p["surname"].upper(), None, ""])


def p_initials(d: dict, rng: random.Random) -> None:
    for p in _pick(d["persons"], rng):
        p["initials"] = rng.choice(["", "А.А.", (p.get("initials") or "").replace(".", ". "), None])


def p_positions(d: dict, rng: random.Random) -> None:
    for p in _pick(d["persons"], rng):
        p["positions"] = rng.choice([[], ["учитель"], [x.upper() for x in p.get("positions") or []],
                                     (p.get("positions") or []) + ["методист"],
                                     [edit_text(x, rng, 2) for x in p.get("positions") or []]])


def p_duplicate_persons(d: dict, rng: random.Random) -> None:
    extra = copy.deepcopy(_pick(d["persons"], rng))
    for p in extra:
        p["positions"] = ["другая должность"]
    d["persons"] += extra


def p_roadmap_drop_items(d: dict, rng: random.Random) -> None:
    for rm in d["roadmaps"]:
        rm["items"] = [it for it in rm["items"] if rng.random() > 0.3]


def p_roadmap_reword(d: dict, rng: random.Random) -> None:
    # a few characters to a quarter of the action: pushes similarity on both sides of 0.8
    for it in _pick(_items(d), rng):
        size = len(it.get("action") or "")
        it["action"] = edit_text(it.get("action"), rng, rng.randint(1, max(2, size // 4)))


def p_roadmap_numbers(d: dict, rng: random.Random) -> None:
    for it in _pick(_items(d), rng):
        it["number"] = rng.choice([None, "1.", (it.get("number") or "") + ".", str(rng.randint(1, 60))])


def p_deadline_text(d: dict, rng: random.Random) -> None:
    for it in _pick(_items(d), rng):
        dl = it.get("deadline") or {}
        it["deadline"] = dict(dl, text=edit_text(dl.get("text"), rng, rng.randint(1, 4)))


def p_deadline_dates(d: dict, rng: random.Random) -> None:
    for it in _pick(_items(d), rng):
        dl = dict(it.get("deadline") or {})
        dl[rng.choice(["start", "end"])] = rng.choice([None, "2021-01-01", "2030-12-31"])
        it["deadline"] = rng.choice([dl, None])


def p_responsible(d: dict, rng: random.Random) -> None:
    for it in _pick(_items(d), rng):
        entries = it.get("responsible") or []
        choice = rng.randrange(5)
        if choice == 0:
            it["responsible"] = entries[1:]
        elif choice == 1:
            it["responsible"] = entries + [resp_org("Руководители ОО")]
        elif choice == 2:
            it["responsible"] = [dict(e, person=None, org=None) for e in entries]
        elif choice == 3:
            it["responsible"] = [dict(e, person=dict(e["person"], initials="Я.Я.")) if e.get("person") else e
                                 for e in entries]
        else:
            it["responsible"] = entries + entries


def p_result(d: dict, rng: random.Random) -> None:
    for it in _pick(_items(d), rng):
        it["result"] = rng.choice([None, "отчет", edit_text(it.get("result"), rng, 2)])


def p_roadmaps_merge_or_empty(d: dict, rng: random.Random) -> None:
    choice = rng.randrange(3)
    if choice == 0:
        d["roadmaps"] = []
    elif choice == 1:
        d["roadmaps"] = [{"title": "всё", "columns": [], "items": _items(d)}]
    else:
        d["roadmaps"] = d["roadmaps"] + copy.deepcopy(d["roadmaps"][:1])


def p_shuffle_items(d: dict, rng: random.Random) -> None:
    for rm in d["roadmaps"]:
        rng.shuffle(rm["items"])


def p_directives(d: dict, rng: random.Random) -> None:
    order = d["order"]
    choice = rng.randrange(4)
    if choice == 0:
        order["directives"] = []
    elif choice == 1:
        order["directives"] = [x for x in order["directives"] if rng.random() > 0.5]
    elif choice == 2:
        for x in _pick(order["directives"], rng):
            x["text"] = edit_text(x.get("text"), rng, rng.randint(1, 1 + len(x.get("text") or "") // 6))
    else:
        order["directives"] = order["directives"] + copy.deepcopy(order["directives"][:2])


def p_order_fields(d: dict, rng: random.Random) -> None:
    order = d["order"]
    for name in _pick(["doc_type", "issuer", "region", "municipality", "date", "number", "place", "title"], rng):
        value = order.get(name)
        order[name] = rng.choice([None, "", edit_text(value, rng, rng.randint(1, 8)),
                                  (value or "").upper() + ".", "«" + (value or "") + "»"])


def p_order_persons(d: dict, rng: random.Random) -> None:
    order = d["order"]
    for name in _pick(["signatory", "approved_by", "controller"], rng):
        ref = order.get(name)
        order[name] = rng.choice([None, {"surname": "Новиков", "initials": "П.П.", "position": None},
                                  dict(ref or {}, initials=""), dict(ref or {}, position="иная")])


def p_references(d: dict, rng: random.Random) -> None:
    refs = d["references"]
    own = {"doc_type": "приказ", "date": d["order"].get("date"), "number": d["order"].get("number")}
    choice = rng.randrange(4)
    if choice == 0:
        d["references"] = refs + [own]
    elif choice == 1:
        d["references"] = [r for r in refs if rng.random() > 0.4]
    elif choice == 2:
        for r in _pick(refs, rng):
            r["date"] = rng.choice([None, "2019-09-01", r.get("date")])
            r["number"] = rng.choice([None, "1", (r.get("number") or "") + "/1"])
    else:
        d["references"] = refs + copy.deepcopy(refs[:3])


def p_missing_keys(d: dict, rng: random.Random) -> None:
    for key in _pick(["order", "references", "schools", "persons", "roadmaps"], rng):
        d.pop(key, None)


def p_empty_lists(d: dict, rng: random.Random) -> None:
    for key in _pick(["references", "schools", "persons", "roadmaps"], rng):
        d[key] = []


PERTURBATIONS: list[Callable[[dict, random.Random], None]] = [
    p_drop_schools, p_duplicate_schools, p_shuffle_schools, p_school_numbers, p_extra_schools,
    p_drop_persons, p_surnames, p_initials, p_positions, p_duplicate_persons, p_roadmap_drop_items,
    p_roadmap_reword, p_roadmap_numbers, p_deadline_text, p_deadline_dates, p_responsible, p_result,
    p_roadmaps_merge_or_empty, p_shuffle_items, p_directives, p_order_fields, p_order_persons,
    p_references, p_missing_keys, p_empty_lists,
]


def perturbed_answers(gold: dict, rng: random.Random, rounds: int = 3) -> list[dict | None]:
    """Answers made from ``gold``: each perturbation alone ``rounds`` times, then random mixes."""
    base = {k: v for k, v in gold.items() if not k.startswith("_")}
    answers: list[dict | None] = [None, {}, copy.deepcopy(base)]
    for _ in range(rounds):
        for perturb in PERTURBATIONS:
            answer = copy.deepcopy(base)
            perturb(answer, rng)
            answers.append(answer)
    for _ in range(len(PERTURBATIONS)):
        answer = copy.deepcopy(base)
        # the ones that remove parts go last, so that the others find what they edit
        mix = sorted(rng.sample(PERTURBATIONS, 4), key=lambda f: f in (p_missing_keys, p_empty_lists))
        for perturb in mix:
            perturb(answer, rng)
        answers.append(answer)
    return answers


@pytest.mark.seeds
@pytest.mark.parametrize("name", [n for n, _ in _golds()] or ["(no gold)"])
def test_agrees_with_reference_on_perturbed_answers(name: str) -> None:
    ref = _reference()
    gold = dict(_golds())[name]
    rng = random.Random(f"shnor-scoring-{name}")
    answers = perturbed_answers(gold, rng)
    overalls = []
    for k, answer in enumerate(answers):
        mine, theirs = score(copy.deepcopy(answer), gold), ref.score(copy.deepcopy(answer), gold)
        assert mine == theirs, f"answer {k} of {name}"
        overalls.append(mine["overall"])
    assert len(answers) >= 100
    # the perturbations really move the figures, over a wide range
    assert max(overalls) == 1.0 and min(overalls) == 0.0
    assert len(set(overalls)) > 20


@pytest.mark.seeds
def test_agrees_with_reference_on_cer() -> None:
    ref = _reference()
    clean_files = sorted(GOLD_DIR.glob("*.clean.txt"))
    if not clean_files:
        pytest.skip("no clean transcript in ../shared/gold")
    rng = random.Random(7)
    for clean_path in clean_files:
        clean = clean_path.read_text(encoding="utf-8")
        for edits in (0, 5, 50, 400):
            noisy = edit_text(clean, rng, edits)
            assert cer(noisy, clean) == ref.cer(noisy, clean)
            assert cer(noisy, clean, until="приказ") == ref.cer(noisy, clean, until="приказ")


@pytest.mark.seeds
def test_score_dir_agrees_with_reference_on_gold_itself(tmp_path: Path) -> None:
    _reference()
    for name, gold in _golds()[:3]:
        (tmp_path / f"{name}.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    out = score_dir(tmp_path, GOLD_DIR)
    assert len(out["docs"]) == len(_golds())
    assert [out["docs"][n]["overall"] for n, _ in _golds()[:3]] == [1.0] * 3
    assert out["mean_overall"] == round(3 / len(_golds()), 3)
