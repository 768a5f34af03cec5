"""The project's own scorer: an extraction result (as a JSON dict) against a gold answer.

It follows «How answers are scored» in output contract v1 and gives the same figures, part by part
and field by field, as the contract's reference scorer. What is scored, in short:

* ``order`` — eleven header fields right or wrong (issuer, title and municipality at similarity
  ≥ 0.9; persons by surname + initials) plus the F1 of the directives paired at similarity ≥ 0.9;
* ``schools`` — F1 of the (kind, number) keys, precision over the predicted list (duplicates cost);
* ``persons`` — F1 of the (surname, initials) keys × (0.8 + 0.2 × position accuracy);
* ``references`` — F1 of the (date, number) keys, the order's own date and number left out;
* ``roadmaps`` — items paired by action similarity ≥ 0.8, most similar first; F1 of the pairing ×
  (0.5 + 0.5 × mean agreement of number, deadline text, deadline dates, result, responsible).

An empty gold list scores 1 / (1 + number predicted); a missing prediction scores 0 everywhere.
Rounding to three decimals happens at the same points as in the reference, so the figures agree to
the last digit. Unlike the reference, a malformed prediction (a part of the wrong JSON type) is
read as empty instead of raising.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any, Hashable, Iterable, Sequence

from rapidfuzz.distance import Levenshtein

__all__ = ["PARTS", "norm", "sim", "cer", "cer_norm", "f1_counts", "pair_by_similarity", "score",
           "score_dir", "mean_overall", "part_score"]

#: the parts a gold file is scored on unless it lists its own in ``_scored``
PARTS: tuple[str, ...] = ("order", "references", "schools", "persons", "roadmaps")

_FOLD = {ord(c): '"' for c in "«»„“”‟‘’'`"}
_FOLD.update({ord(c): "-" for c in "–—‒―−"})
_SPACES = re.compile(r"\s+")
_EDGE = " .,;:"

# Order fields compared as whole values; the fuzzy ones are right at similarity >= 0.9.
_EXACT_FIELDS = ("doc_type", "issuer", "region", "municipality", "date", "number", "place", "title")
_FUZZY_FIELDS = frozenset({"issuer", "title", "municipality"})
_PERSON_FIELDS = ("signatory", "approved_by", "controller")
_CELL_SHARES = ("number", "deadline_text", "deadline_dates", "result", "responsible_f1")

_FIELD_SIM = 0.9
_DIRECTIVE_SIM = 0.9
_ACTION_SIM = 0.8


# --------------------------------------------------------------------------- text comparison

def norm(value: Any) -> str:
    """A value as comparable text: NFC, case folded, ``ё``→``е``, quotes and dashes unified,
    whitespace runs collapsed, and ``. , ; :`` and spaces stripped at both ends. ``None`` → ``""``."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", str(value)).casefold()
    text = text.replace("ё", "е").translate(_FOLD)
    return _SPACES.sub(" ", text).strip(_EDGE)


def sim(a: Any, b: Any) -> float:
    """Normalised Levenshtein similarity (0–1) of two values after :func:`norm`; two empties → 1."""
    left, right = norm(a), norm(b)
    if not left and not right:
        return 1.0
    return Levenshtein.normalized_similarity(left, right)


def cer_norm(text: str) -> str:
    """Text prepared for CER: hyphenation at a line break joined (before a lower-case letter),
    case and ``ё`` folded, whitespace collapsed."""
    joined = re.sub(r"-\n\s*(?=[а-яёa-z])", "", text)
    return _SPACES.sub(" ", joined.casefold().replace("ё", "е")).strip()


def cer(text: str, clean: str, until: str | None = None) -> float:
    """Character error rate of ``text`` against ``clean``: edit distance / length of the clean text.

    With ``until``, ``text`` is cut just after the first occurrence of that word (to compare only
    the part a clean transcript covers)."""
    if until:
        at = text.find(until)
        if at >= 0:
            text = text[: at + len(until)]
    reference = cer_norm(clean)
    return Levenshtein.distance(cer_norm(text), reference) / max(1, len(reference))


# --------------------------------------------------------------------------- matching helpers

def _r3(x: float) -> float:
    return round(x, 3)


def _dicts(value: Any) -> list[dict]:
    """The dict entries of a JSON list (anything else in a prediction is ignored)."""
    if not isinstance(value, list):
        return []
    return [v for v in value if isinstance(v, dict)]


def _seq(value: Any) -> Iterable:
    """What iterating a JSON value gives (a string's characters, as the reference does); a scalar
    gives nothing."""
    return value if isinstance(value, (list, tuple, str)) and value else []


def _obj(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _harmonic(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def f1_counts(predicted: Sequence[Hashable | None], gold: Iterable[Hashable | None]) -> dict:
    """Precision, recall and F1 of predicted keys against a gold key set (``None`` keys dropped).

    Precision divides the distinct correct keys by the length of the predicted *list*, so a
    duplicate lowers it; an empty gold set gives 1 / (1 + number predicted)."""
    pred = [k for k in predicted if k is not None]
    wanted = {k for k in gold if k is not None}
    if not wanted:
        only = _r3(1.0 / (1 + len(pred)))
        return {"p": only, "r": 1.0, "f1": only, "tp": 0, "pred": len(pred), "gold": 0}
    hits = len(set(pred) & wanted)
    p = hits / len(pred) if pred else 0.0
    r = hits / len(wanted)
    return {"p": _r3(p), "r": _r3(r), "f1": _r3(_harmonic(p, r)), "tp": hits, "pred": len(pred),
            "gold": len(wanted)}


def pair_by_similarity(pred: Sequence[Any], gold: Sequence[Any], threshold: float
                       ) -> list[tuple[int, int, float]]:
    """One-to-one pairs ``(pred index, gold index, similarity)``, most similar first; ties go to the
    lower predicted, then gold index. Pairs below ``threshold`` are not made."""
    # Texts are folded once, not once per pair: the same figures as sim(), for a fraction of the cost.
    left, right = [norm(a) for a in pred], [norm(b) for b in gold]
    grid = []
    for i, a in enumerate(left):
        for j, b in enumerate(right):
            s = Levenshtein.normalized_similarity(a, b) if a or b else 1.0
            if s >= threshold:
                grid.append((s, i, j))
    grid.sort(key=lambda c: (-c[0], c[1], c[2]))
    taken_pred: set[int] = set()
    taken_gold: set[int] = set()
    pairs: list[tuple[int, int, float]] = []
    for s, i, j in grid:
        if i in taken_pred or j in taken_gold:
            continue
        taken_pred.add(i)
        taken_gold.add(j)
        pairs.append((i, j, s))
    return pairs


def _paired_f1(pred: Sequence[Any], gold: Sequence[Any], threshold: float) -> float:
    """F1 of texts paired by similarity; an empty gold list gives 1 / (1 + number predicted)."""
    if not gold:
        return _r3(1.0 / (1 + len(pred)))
    found = len(pair_by_similarity(pred, gold, threshold))
    p = found / len(pred) if pred else 0.0
    return _r3(_harmonic(p, found / len(gold)))


def _person(ref: Any) -> tuple[str, str] | None:
    """A person's identity: (surname, initials) folded; ``None`` without a surname."""
    if not isinstance(ref, dict) or not ref.get("surname"):
        return None
    return norm(ref.get("surname")), norm(ref.get("initials")).replace(" ", "")


def _school(entry: Any) -> tuple[str, str] | None:
    """A school's identity: (kind, number), or (kind, name) for a school without a number."""
    if not isinstance(entry, dict):
        return None
    number = norm(entry.get("number"))
    return norm(entry.get("kind")), number or "name:" + norm(entry.get("name"))


# --------------------------------------------------------------------------- the parts

def _score_order(pred: dict, gold: dict) -> dict:
    fields: dict[str, float] = {}
    for name in _EXACT_FIELDS:
        want, got = gold.get(name), pred.get(name)
        if name in _FUZZY_FIELDS:
            if not want and not got:
                right = True
            else:
                right = bool(want) and bool(got) and sim(want, got) >= _FIELD_SIM
        else:
            right = norm(want) == norm(got)
        fields[name] = 1.0 if right else 0.0
    for name in _PERSON_FIELDS:
        fields[name] = 1.0 if _person(gold.get(name)) == _person(pred.get(name)) else 0.0
    want_texts = [d.get("text") for d in _dicts(gold.get("directives"))]
    got_texts = [d.get("text") for d in _dicts(pred.get("directives"))]
    fields["directives_f1"] = _paired_f1(got_texts, want_texts, _DIRECTIVE_SIM)
    return {"fields": fields, "score": _r3(sum(fields.values()) / len(fields))}


def _score_persons(pred: list[dict], gold: list[dict]) -> dict:
    out = f1_counts([_person(p) for p in pred], [_person(p) for p in gold])
    gold_positions: dict[Any, set[str]] = {}
    for p in gold:
        gold_positions[_person(p)] = {norm(x) for x in _seq(p.get("positions"))}
    # A predicted person counts once per entry, so a duplicate with a wrong position costs.
    checked: list[bool] = []
    for p in pred:
        want = gold_positions.get(_person(p))
        if want:
            checked.append(bool(want & {norm(x) for x in _seq(p.get("positions"))}))
    if checked:
        accuracy = _r3(sum(checked) / len(checked))
    else:
        accuracy = 0.0 if any(gold_positions.values()) else 1.0
    out["position_acc"] = accuracy
    out["score"] = _r3(out["f1"] * (0.8 + 0.2 * accuracy))
    return out


def _score_references(pred: list[dict], gold: list[dict], own_order: dict) -> dict:
    own = (norm(own_order.get("date")), norm(own_order.get("number")))

    def keys(refs: list[dict]) -> list[tuple[str, str]]:
        out = []
        for ref in refs:
            if not (ref.get("date") or ref.get("number")):
                continue
            key = (norm(ref.get("date")), norm(ref.get("number")))
            if key != own:
                out.append(key)
        return out

    return f1_counts(keys(pred), keys(gold))


def _items(roadmaps: Any) -> list[dict]:
    return [item for rm in _dicts(roadmaps) for item in _dicts(rm.get("items") or [])]


def _responsible_keys(item: dict) -> list[tuple[str, ...]]:
    keys: list[tuple[str, ...]] = []
    for entry in _dicts(item.get("responsible") or []):
        who = _person(entry.get("person"))
        if who:
            keys.append(("p", *who))
            continue
        label = entry.get("org") or entry.get("text")
        if label:
            keys.append(("o", norm(label)))
    return keys


def _mean3(values: list[float]) -> float:
    return _r3(sum(values) / len(values)) if values else 0.0


def _score_roadmaps(pred: Any, gold: Any) -> dict:
    got, want = _items(pred), _items(gold)
    if not want:
        only = _r3(1.0 / (1 + len(got)))
        return {"p": only, "r": 1.0, "f1": only, "pred": len(got), "gold": 0, "pairs": {}, "score": only}
    pairs = pair_by_similarity([it.get("action") for it in got], [it.get("action") for it in want],
                               _ACTION_SIM)
    p = len(pairs) / len(got) if got else 0.0
    r = len(pairs) / len(want)
    f1 = _harmonic(p, r)
    shares: dict[str, list[float]] = {"action_sim": []}
    shares.update({k: [] for k in _CELL_SHARES})
    for i, j, similarity in pairs:
        a, b = got[i], want[j]
        dl_a, dl_b = _obj(a.get("deadline")), _obj(b.get("deadline"))
        resp_a, resp_b = _responsible_keys(a), _responsible_keys(b)
        shares["action_sim"].append(similarity)
        shares["number"].append(float(norm(a.get("number")) == norm(b.get("number"))))
        shares["deadline_text"].append(float(sim(dl_a.get("text"), dl_b.get("text")) >= _FIELD_SIM))
        same_dates = dl_a.get("start") == dl_b.get("start") and dl_a.get("end") == dl_b.get("end")
        shares["deadline_dates"].append(float(same_dates))
        shares["result"].append(float(sim(a.get("result"), b.get("result")) >= _FIELD_SIM))
        shares["responsible_f1"].append(f1_counts(resp_a, resp_b)["f1"] if resp_a or resp_b else 1.0)
    means = {k: _mean3(v) for k, v in shares.items()}
    cells = sum(means[k] for k in _CELL_SHARES) / len(_CELL_SHARES)
    return {"p": _r3(p), "r": _r3(r), "f1": _r3(f1), "pred": len(got), "gold": len(want), "pairs": means,
            "score": _r3(f1 * (0.5 + 0.5 * cells))}


def part_score(part: dict) -> float:
    """The single figure of a scored part (``score``, or ``f1`` for the plain F1 parts)."""
    return part["score"] if "score" in part else part["f1"]


def score(pred: dict | None, gold: dict) -> dict:
    """Score one prediction (a dict, or ``None`` for a missing or unreadable one) against its gold.

    Returns one entry per part the gold lists in ``_scored`` (all five by default), each with its
    figures, plus ``overall``: the mean of the parts' scores."""
    scored = gold.get("_scored") or list(PARTS)
    if not isinstance(pred, dict):
        empty: dict[str, Any] = {name: {"score": 0.0} for name in scored}
        empty["overall"] = 0.0
        return empty
    gold_order = _obj(gold.get("order"))
    out: dict[str, Any] = {}
    # The parts go in this order so that the overall mean adds them up as the reference does.
    if "order" in scored:
        out["order"] = _score_order(_obj(pred.get("order")), gold_order)
    if "schools" in scored:
        out["schools"] = f1_counts([_school(s) for s in _list(pred.get("schools"))],
                                   [_school(s) for s in _list(gold.get("schools"))])
    if "persons" in scored:
        out["persons"] = _score_persons(_dicts(pred.get("persons")), _dicts(gold.get("persons")))
    if "references" in scored:
        out["references"] = _score_references(_dicts(pred.get("references")), _dicts(gold.get("references")),
                                              gold_order)
    if "roadmaps" in scored:
        out["roadmaps"] = _score_roadmaps(pred.get("roadmaps"), gold.get("roadmaps"))
    figures = [part_score(v) for v in out.values()]
    out["overall"] = _r3(sum(figures) / len(figures)) if figures else 0.0
    return out


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


# --------------------------------------------------------------------------- files

def _load_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def mean_overall(results: dict[str, dict]) -> float:
    """Mean ``overall`` over scored documents, rounded to three decimals (0 for none)."""
    if not results:
        return 0.0
    return _r3(sum(r["overall"] for r in results.values()) / len(results))


def score_dir(pred_dir: str | Path, gold_dir: str | Path) -> dict:
    """Score ``pred_dir/NAME.json`` against every ``gold_dir/NAME.json`` (a missing or unreadable
    prediction scores 0). Returns ``{"docs": {NAME: figures}, "mean_overall": float}``."""
    pred_dir, gold_dir = Path(pred_dir), Path(gold_dir)
    docs = {g.stem: score(_load_json(pred_dir / g.name), json.loads(g.read_text(encoding="utf-8")))
            for g in sorted(gold_dir.glob("*.json"))}
    return {"docs": docs, "mean_overall": mean_overall(docs)}
