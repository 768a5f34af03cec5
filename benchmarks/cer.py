"""Character error rate before and after the OCR-cleaning stage.

    .venv/bin/python benchmarks/cer.py [--tesseract] [--seeds N]

Prints, as a table: seed 001 of ../shared (raw OCR text against its gold clean text, cut after
the first occurrence of the gold text's last word, as the contract's scorer does) when ../shared
exists; the synthetic set (the genre sample of shnor_docs.clean.synthetic damaged with N seeds);
with ``--tesseract``, a round trip: the sample rendered with PIL at 300 dpi, lightly degraded,
read by Tesseract, then cleaned. Also the cleaning time per document.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rapidfuzz.distance import Levenshtein

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / ".." / "shared"
SEED_001 = "001_87d3c604736e3f68"


def norm(s: str) -> str:
    """The contract's CER normalisation: hyphenation joined, case and ё folded, spaces collapsed."""
    s = re.sub(r"-\n\s*(?=[а-яёa-z])", "", s)
    return re.sub(r"\s+", " ", s.casefold().replace("ё", "е")).strip()


def cer(text: str, clean: str, until: str | None = None) -> float:
    if until and until in text:
        text = text[: text.index(until) + len(until)]
    a, b = norm(text), norm(clean)
    return Levenshtein.distance(a, b) / max(1, len(b))


def seed_001() -> list[tuple[str, float, float, float]]:
    from shnor_docs.api import load_document
    from shnor_docs.clean import clean_document

    path = SHARED / "seeds" / f"{SEED_001}.txt"
    gold = SHARED / "gold" / f"{SEED_001}.clean.txt"
    if not path.exists() or not gold.exists():
        return []
    clean = gold.read_text(encoding="utf-8")
    doc = load_document(path, clean=False)
    raw = doc.text()
    t = time.perf_counter()
    clean_document(doc)
    dt = time.perf_counter() - t
    until = clean.split()[-1]  # the gold text's last word
    return [("seed 001 (raw Tesseract, until the gold's last word)", cer(raw, clean, until),
             cer(doc.text(), clean, until), dt)]


def synthetic(n: int) -> list[tuple[str, float, float, float]]:
    from shnor_docs.clean import clean_text
    from shnor_docs.clean.synthetic import SAMPLE, damage

    rows = []
    for rate in (0.5, 1.0, 1.5):
        before = after = total = 0.0
        for seed in range(n):
            damaged = damage(SAMPLE, seed=seed, rate=rate)
            t = time.perf_counter()
            cleaned = clean_text(damaged)
            total += time.perf_counter() - t
            before += cer(damaged, SAMPLE)
            after += cer(cleaned, SAMPLE)
        rows.append((f"synthetic, damage rate {rate} (mean of {n})", before / n, after / n, total / n))
    return rows


def tesseract_round_trip() -> list[tuple[str, float, float, float]]:
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    from shnor_docs.clean import clean_text
    from shnor_docs.clean.synthetic import SAMPLE

    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", 36)
    page = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(page)
    y = 150
    for para in SAMPLE.split("\n"):
        line = ""
        for word in para.split():
            if draw.textlength(f"{line} {word}", font=font) > 2100:
                draw.text((190, y), line, font=font, fill=0)
                y += 52
                line = word
            else:
                line = f"{line} {word}".strip()
        draw.text((190, y), line, font=font, fill=0)
        y += 70
    rows = []
    for label, img in (("Tesseract round trip, clean render", page),
                       ("Tesseract round trip, blurred JPEG-40 at 200 dpi",
                        page.resize((1653, 2339)).filter(ImageFilter.GaussianBlur(1.1)))):
        buf = io.BytesIO()
        img.save(buf, format="JPEG", quality=40)
        with tempfile.TemporaryDirectory() as tmp:
            src = Path(tmp) / "page.jpg"
            src.write_bytes(buf.getvalue())
            out = subprocess.run(["tesseract", str(src), "stdout", "-l", "rus"], capture_output=True,
                                 text=True, env={**os.environ, "OMP_THREAD_LIMIT": "1"}, check=True).stdout
        t = time.perf_counter()
        cleaned = clean_text(out)
        rows.append((label, cer(out, SAMPLE), cer(cleaned, SAMPLE), time.perf_counter() - t))
    return rows


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--tesseract", action="store_true", help="also render, OCR and clean the sample")
    p.add_argument("--seeds", type=int, default=20, help="damage seeds for the synthetic set")
    args = p.parse_args(argv)
    rows = seed_001() + synthetic(args.seeds)
    if args.tesseract:
        rows += tesseract_round_trip()
    print(f"{'text':52} {'CER raw':>8} {'cleaned':>8} {'clean s':>8}")
    for label, before, after, dt in rows:
        print(f"{label:52} {before:8.2%} {after:8.2%} {dt:8.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
