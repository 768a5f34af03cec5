"""Speed of the scan path: ``shnor-docs extract`` on a multi-page scanned PDF against plain Tesseract.

    .venv/bin/python benchmarks/speed_scan.py [--pages 6] [--json]

Makes an image-only PDF of ``--pages`` A4 pages at 300 dpi (``corpora.render.render_scan`` when it
exists, else pages drawn here with PIL: dense running text and ruled tables, with a little noise),
renders the same pages back to 300-dpi PNG with ``pdftoppm``, then in the same run times

* the baseline: ``OMP_THREAD_LIMIT=1 tesseract PAGE.png - -l rus``, page after page;
* ``.venv/bin/shnor-docs extract FILE`` on the PDF (every core, the whole pipeline: start-up,
  OCR, tables, cleaning and extraction);

and prints both, their ratio (goal ≤ 1.15) and the per-page OCR time the extractor logged.
Exit status 0 either way.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
ENV = dict(os.environ, OMP_THREAD_LIMIT="1")
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
GOAL = 1.15

VOCAB = ("отдел образования администрации округа приказывает утвердить план мероприятий по повышению "
         "качества обучения в школах с низкими результатами руководителям организаций обеспечить "
         "выполнение дорожной карты в установленный срок контроль за исполнением настоящего приказа "
         "оставляю за собой методическая помощь учителям мониторинг анализ диагностических работ").split()


def _draw_pages(n: int):
    """Our own A4 pages at 300 dpi: odd pages dense text, even pages a ruled table and some text."""
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    rnd = random.Random(7)
    f, fs = ImageFont.truetype(FONT, 42), ImageFont.truetype(FONT, 36)

    def sentence(d, width, font):
        words: list[str] = []
        while True:
            w = rnd.choice(VOCAB)
            if d.textlength(" ".join(words + [w]), font=font) > width:
                return " ".join(words)
            words.append(w)

    pages = []
    for i in range(n):
        img = Image.new("L", (2480, 3508), 255)
        d = ImageDraw.Draw(img)
        y = 250
        if i % 2 == 0:
            for k in range(42):
                d.text((290, y), sentence(d, 1900, f), font=f, fill=0)
                y += 68 + (40 if k % 7 == 6 else 0)
        else:
            for _ in range(6):
                d.text((290, y), sentence(d, 1900, f), font=f, fill=0)
                y += 68
            xs = [260, 420, 1250, 1650, 2220]
            d.line([(xs[0], y), (xs[-1], y)], fill=0, width=4)
            for r in range(12):
                h = 150 if r % 3 else 90
                cells = [str(r + 1), sentence(d, 760, fs), sentence(d, 360, fs), sentence(d, 520, fs)]
                for c, text in enumerate(cells):
                    d.text((xs[c] + 18, y + 20), text, font=fs, fill=0)
                    if h > 100 and c == 1:
                        d.text((xs[c] + 18, y + 80), sentence(d, 760, fs), font=fs, fill=0)
                for x in xs:
                    d.line([(x, y), (x, y + h)], fill=0, width=4)
                y += h
                d.line([(xs[0], y), (xs[-1], y)], fill=0, width=4)
        img = img.rotate(0.6, fillcolor=255, resample=Image.Resampling.BICUBIC)
        pages.append(img.filter(ImageFilter.GaussianBlur(0.6)))
    return pages


def make_pdf(n: int, path: Path) -> str:
    try:
        from corpora.render import render_scan  # type: ignore[import-not-found]
    except Exception:
        render_scan = None
    if render_scan is not None:
        try:
            render_scan(path, pages=n)
            return "corpora.render.render_scan"
        except Exception:
            pass
    pages = _draw_pages(n)
    buf = io.BytesIO()
    pages[0].save(buf, "PDF", resolution=300, save_all=True, append_images=pages[1:])
    path.write_bytes(buf.getvalue())
    return "pages drawn by this benchmark"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=6)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmpd = Path(tmp)
        pdf = tmpd / "scan.pdf"
        origin = make_pdf(args.pages, pdf)
        subprocess.run(["pdftoppm", "-r", "300", "-gray", "-png", str(pdf), str(tmpd / "page")], check=True)
        pngs = sorted(tmpd.glob("page*.png"))

        start = time.perf_counter()
        per_page = []
        for png in pngs:
            t = time.perf_counter()
            subprocess.run(["tesseract", str(png), "-", "-l", "rus"], env=ENV, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            per_page.append(time.perf_counter() - t)
        baseline = time.perf_counter() - start

        cli = REPO / ".venv" / "bin" / "shnor-docs"
        start = time.perf_counter()
        proc = subprocess.run([str(cli), "-v", "extract", str(pdf), "-o", str(tmpd / "out.json")],
                              capture_output=True, text=True)
        if proc.returncode != 0:  # -v may not exist: run without it
            start = time.perf_counter()
            proc = subprocess.run([str(cli), "extract", str(pdf), "-o", str(tmpd / "out.json")],
                                  capture_output=True, text=True)
        ours = time.perf_counter() - start
        ocr_times = [float(x) for x in re.findall(r"OCR'd in ([\d.]+) s", proc.stderr)]

    figures = {
        "pages": len(pngs), "source": origin, "cores": os.cpu_count(),
        "tesseract_sequential_s": round(baseline, 2),
        "tesseract_per_page_s": round(baseline / max(1, len(pngs)), 2),
        "shnor_docs_extract_s": round(ours, 2),
        "ratio": round(ours / baseline, 3),
        "goal": GOAL,
        "extract_ok": proc.returncode == 0,
        "ocr_per_page_s": [round(x, 2) for x in ocr_times],
    }
    if args.json:
        print(json.dumps(figures, ensure_ascii=False))
    else:
        print(f"{figures['pages']} pages ({origin}), {figures['cores']} cores")
        per = figures["tesseract_per_page_s"]
        print(f"tesseract -l rus, page after page: {baseline:.2f} s ({per} s/page)")
        print(f"shnor-docs extract:                {ours:.2f} s  (exit {proc.returncode})")
        print(f"ratio: {figures['ratio']} (goal ≤ {GOAL}) {'OK' if figures['ratio'] <= GOAL else 'OVER'}")
        if ocr_times:
            print("per-page OCR in the extractor (s): " + ", ".join(f"{x:.2f}" for x in ocr_times))
        if proc.returncode != 0:
            print("extract failed: " + proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else "")
    return 0


if __name__ == "__main__":
    sys.exit(main())
