"""Persons F1: natasha's NER alone vs the spaCy EntityRuler vs the project's rules (what ships).

    .venv/bin/python benchmarks/ner.py [--corpus DIR]

Scores (surname, initials) keys of the persons each approach finds against gold, on the seeds
(../shared, when present) and on a generated corpus folder (NAME.txt + NAME.json gold). The README
quotes this table to say which approach is used and why.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from shnor_docs.api import extract, load_document  # noqa: E402
from shnor_docs.scoring import score  # noqa: E402

SHARED = ROOT / ".." / "shared"


def _initials_of(text: str) -> str:
    m = re.search(r"([А-ЯЁ])\.\s?(?:([А-ЯЁ])\.?)?", text)
    return "".join(f"{x}." for x in (m.groups() if m else ()) if x)


def natasha_persons(text: str) -> list[dict]:
    from natasha import Doc, MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter

    global _NAT
    try:
        seg, morph_tagger, ner, vocab = _NAT
    except NameError:
        emb = NewsEmbedding()
        _NAT = seg, morph_tagger, ner, vocab = Segmenter(), NewsMorphTagger(emb), NewsNERTagger(emb), MorphVocab()
    out = []
    for para in text.split("\n"):
        if not para.strip():
            continue
        doc = Doc(para)
        doc.segment(seg)
        doc.tag_morph(morph_tagger)
        doc.tag_ner(ner)
        for span in doc.spans:
            if span.type != "PER":
                continue
            span.normalize(vocab)
            words = [w for w in re.findall(r"[А-ЯЁ][а-яё]+", span.normal or span.text)]
            if not words:
                continue
            out.append({"surname": words[-1] if _initials_of(span.text) and span.text.strip()[1] == "." else words[0],
                        "initials": _initials_of(span.text), "positions": []})
    return out


def spacy_persons(text: str) -> list[dict]:
    from shnor_docs.extract.spacy_rules import annotate

    out = []
    for label, _, _, t in annotate(text):
        if label != "PER":
            continue
        surname = re.sub(r"[А-ЯЁ]\.\s?", "", t).strip()
        out.append({"surname": surname, "initials": _initials_of(t), "positions": []})
    return out


def _dedupe(persons: list[dict]) -> list[dict]:
    seen, out = set(), []
    for p in persons:
        k = (p["surname"].lower(), p["initials"])
        if k not in seen:
            seen.add(k)
            out.append(p)
    return out


def run(pairs: list[tuple[Path, Path]]) -> dict[str, list[float]]:
    rows: dict[str, list[float]] = {"natasha NER": [], "spaCy EntityRuler": [], "project rules": []}
    for src, gold_path in pairs:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = load_document(src).text()
        for name, persons in (("natasha NER", natasha_persons(text)), ("spaCy EntityRuler", spacy_persons(text)),
                              ("project rules", [p.to_dict() for p in extract(src).persons])):
            pred = {"persons": _dedupe(persons)}
            rows[name].append(score(pred, gold | {"_scored": ["persons"]})["persons"]["f1"])
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, help="folder of NAME.txt with NAME.json gold")
    args = ap.parse_args(argv)
    sets: dict[str, list[tuple[Path, Path]]] = {}
    if (SHARED / "seeds").is_dir():
        sets["seeds"] = [(p, SHARED / "gold" / f"{p.stem}.json") for p in sorted((SHARED / "seeds").glob("*.txt"))]
    if args.corpus:
        sets["corpus"] = [(p, p.with_suffix(".json")) for p in sorted(args.corpus.glob("*.txt"))
                          if p.with_suffix(".json").is_file()]
    print(f"{'set':8} {'approach':20} {'docs':>5} {'mean persons F1':>16} {'min':>6}")
    for set_name, pairs in sets.items():
        for name, f1s in run(pairs).items():
            if f1s:
                print(f"{set_name:8} {name:20} {len(f1s):5d} {sum(f1s) / len(f1s):16.3f} {min(f1s):6.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
