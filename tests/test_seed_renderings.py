"""The seeds rendered at test time to DOCX and to a text-layer PDF (LibreOffice) must score within
0.03 of the same seed as text. Renderings go to a temporary folder and are never committed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from shnor_docs.api import extract, load_document
from shnor_docs.scoring import score

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / ".." / "shared"
SEEDS = sorted((SHARED / "seeds").glob("*.txt")) if (SHARED / "seeds").is_dir() else []

pytestmark = [pytest.mark.seeds,
              pytest.mark.skipif(not SEEDS, reason="../shared/seeds is not present (a fresh clone has none)"),
              pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, dict[str, Path]]:
    from corpora.render import render_docx, render_pdf

    out = tmp_path_factory.mktemp("seed-renderings")
    paths: dict[str, dict[str, Path]] = {}
    for seed in SEEDS:
        doc = load_document(seed, clean=False)
        docx = out / f"{seed.stem}.docx"
        pdf = out / f"{seed.stem}.pdf"
        render_docx(doc, docx)
        render_pdf(docx, pdf)
        paths[seed.stem] = {"txt": seed, "docx": docx, "pdf": pdf}
    return paths


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_rendered_seeds_score_like_their_text(rendered, fmt: str) -> None:
    report = []
    for stem, files in rendered.items():
        gold = json.loads((SHARED / "gold" / f"{stem}.json").read_text(encoding="utf-8"))
        base = score(extract(files["txt"]).to_dict(), gold)["overall"]
        other = score(extract(files[fmt]).to_dict(), gold)["overall"]
        report.append((stem[:3], base, other))
    worst = max(abs(b - o) for _, b, o in report)
    assert worst <= 0.03, f"{fmt}: overall vs txt per seed {report}"
