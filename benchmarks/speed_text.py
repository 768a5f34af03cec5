"""Speed of the text paths (no OCR): model load, text-layer PDF pages per second, .txt and .docx
documents per second, and the peak memory of the process.

    .venv/bin/python benchmarks/speed_text.py [--pages 20] [--json]

The inputs are made first (seeds when ../shared exists, else a made-up order; rendered to DOCX and
PDF; a long PDF of about ``--pages`` pages), then ONE fresh process pinned to one core measures:

* model load: ``import shnor_docs`` + a first pass of ``extract`` over the text files minus a later
  pass (natasha, pymorphy3 and spaCy load once per process, on first use);
* pages/s of the long text-layer PDF, once models are loaded (best of the timed runs);
* .txt and .docx documents per second;
* peak resident memory (``ru_maxrss``) of that process.

Targets: ≥ 10 pages/s (goal 20), model load ≤ 2 s, peak ≤ 600 MB. Exit status 0 either way.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common as C  # noqa: E402

TARGET_PAGES_S = 10.0
GOAL_PAGES_S = 20.0
TARGET_LOAD_S = 2.0
TARGET_PEAK_MB = 600.0
MARK = "SPEED-RESULT "


# --------------------------------------------------------------------------- preparing the inputs

def prepare(work: Path, pages: int) -> dict:
    """Write the inputs into ``work`` and return the manifest the measuring process reads."""
    from shnor_docs import Document, load_document

    notes: list[str] = []
    txt_dir = work / "txt"
    txt_dir.mkdir(parents=True)
    if C.SEEDS.is_dir() and any(C.SEEDS.glob("*.txt")):
        texts = sorted(C.SEEDS.glob("*.txt"))
        source = "seeds"
    else:
        texts = []
        for k, rows in enumerate((12, 25, 40)):
            path = txt_dir / f"synthetic_{k}.txt"
            path.write_text(C.synthetic_order(rows, number=k + 1), encoding="utf-8")
            texts.append(path)
        source = "synthetic orders (../shared absent)"
    render_docx, render_pdf, label = C.renderer()
    notes.append(f"inputs: {source}; rendered with {label}")

    docx_paths = []
    for path in texts:
        made, more = C.render_document(path, work / "docx", ["docx"])
        notes += more
        if "docx" in made:
            docx_paths.append(made["docx"])

    long_pdf = None
    if C.soffice() is None:
        notes.append("soffice missing: no PDF timing")
    else:
        long_pdf, pdf_notes = _long_pdf(work / "long", texts, pages, render_docx, render_pdf, Document,
                                        load_document)
        notes += pdf_notes
    return {"txt": [str(p) for p in texts], "docx": [str(p) for p in docx_paths],
            "long_pdf": str(long_pdf) if long_pdf else None,
            "long_pdf_pages": C.pdf_pages(long_pdf) if long_pdf else 0, "notes": notes}


def _long_pdf(out: Path, texts: list[Path], pages: int, render_docx, render_pdf, Document, load_document
              ) -> tuple[Path | None, list[str]]:
    """The clean documents one after another, repeated until the PDF has about ``pages`` pages."""
    out.mkdir(parents=True)
    blocks = []
    for path in texts:
        blocks += load_document(path, clean=False).blocks
    blocks += load_document(C.synthetic_order(60).encode("utf-8"), "pad.txt", clean=False).blocks

    def render(chosen: list, tag: str) -> Path:
        doc = Document(file="long.docx", media_type="", sha256="", blocks=chosen)
        docx_path, pdf_path = out / f"long-{tag}.docx", out / f"long-{tag}.pdf"
        render_docx(doc, docx_path)
        render_pdf(docx_path, pdf_path)
        return pdf_path

    try:
        chosen, pdf = blocks, render(blocks, "0")
        # two corrections at most: cut the block list or repeat it to come near the asked page count
        for attempt in (1, 2):
            have = C.pdf_pages(pdf)
            if pages * 0.8 <= have <= pages * 1.25:
                break
            if have > pages:
                chosen = chosen[: max(1, round(len(chosen) * pages / have))]
            else:
                chosen = chosen * math.ceil(pages / max(1, have))
            pdf = render(chosen, str(attempt))
        return pdf, []
    except Exception as exc:
        return None, [f"long PDF not made: {type(exc).__name__}: {exc}"]


# --------------------------------------------------------------------------- measuring (fresh process)

def _timed(fn, *args) -> float:
    start = time.perf_counter()
    fn(*args)
    return time.perf_counter() - start


def _throughput(extract, paths: list[str], min_seconds: float = 2.0) -> dict:
    """Documents per second over the list, repeated until ``min_seconds`` have passed."""
    for p in paths:  # warm-up: the first file of a kind imports its backend
        extract(p)
    done, spent = 0, 0.0
    while spent < min_seconds or done < len(paths):
        for p in paths:
            spent += _timed(extract, p)
            done += 1
    return {"docs": done, "seconds": round(spent, 3), "docs_per_s": round(done / spent, 2)}


def measure(manifest: dict) -> dict:
    """Run in a fresh process: everything timed here starts from an unloaded ``shnor_docs``."""
    import resource

    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, as the target says
    out: dict = {}
    start = time.perf_counter()
    import shnor_docs  # noqa: F401
    from shnor_docs.api import extract

    out["import_s"] = round(time.perf_counter() - start, 3)
    # A first pass over every text file, then a second: whatever a stage loads lazily (on one kind of
    # document only, say) shows up as the difference between the two.
    first = [_timed(extract, p) for p in manifest["txt"]]
    later = [min(_timed(extract, p) for _ in range(2)) for p in manifest["txt"]]
    out["first_extract_s"] = round(first[0], 3)
    out["later_extract_s"] = round(later[0], 3)
    out["first_pass_s"] = round(sum(first), 3)
    out["later_pass_s"] = round(sum(later), 3)
    out["model_load_s"] = round(out["import_s"] + max(0.0, sum(first) - sum(later)), 3)

    out["txt"] = _throughput(extract, manifest["txt"])
    if manifest["docx"]:
        out["docx"] = _throughput(extract, manifest["docx"])
    if manifest["long_pdf"]:
        pdf, pages = manifest["long_pdf"], manifest["long_pdf_pages"]
        first = _timed(extract, pdf)  # includes importing pdfplumber
        runs = [_timed(extract, pdf) for _ in range(2)]
        best = min(runs)
        out["pdf"] = {"pages": pages, "first_s": round(first, 3), "runs_s": [round(r, 3) for r in runs],
                      "pages_per_s": round(pages / best, 2),
                      "pages_per_s_mean": round(pages / statistics.mean(runs), 2)}
    out["peak_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return out


# --------------------------------------------------------------------------- report

def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def report(m: dict, manifest: dict) -> None:
    rows = [["import shnor_docs", f"{m['import_s']:.2f} s", "", ""],
            ["first extract (first .txt)", f"{m['first_extract_s']:.2f} s", "", ""],
            ["later extract (same file)", f"{m['later_extract_s']:.3f} s", "", ""],
            ["all .txt: first pass / later", f"{m['first_pass_s']:.2f} / {m['later_pass_s']:.2f} s", "", ""],
            ["model load", f"{m['model_load_s']:.2f} s", f"≤ {TARGET_LOAD_S:.0f} s",
             verdict(m["model_load_s"] <= TARGET_LOAD_S)]]
    if "pdf" in m:
        p = m["pdf"]
        rows.append([f"text-layer PDF ({p['pages']} pages)", f"{p['pages_per_s']:.1f} pages/s",
                     f"≥ {TARGET_PAGES_S:.0f} (goal {GOAL_PAGES_S:.0f})",
                     verdict(p["pages_per_s"] >= TARGET_PAGES_S)
                     + (" (goal met)" if p["pages_per_s"] >= GOAL_PAGES_S else "")])
        rows.append(["  runs / first call", f"{', '.join(f'{r:.2f}' for r in p['runs_s'])} / {p['first_s']:.2f} s",
                     "", ""])
    else:
        rows.append(["text-layer PDF", "not measured", f"≥ {TARGET_PAGES_S:.0f}", "—"])
    rows.append([f".txt ({len(manifest['txt'])} files)", f"{m['txt']['docs_per_s']:.1f} docs/s", "", ""])
    if "docx" in m:
        rows.append([f".docx ({len(manifest['docx'])} files)", f"{m['docx']['docs_per_s']:.1f} docs/s", "", ""])
    rows.append(["peak memory (ru_maxrss)", f"{m['peak_mb']:.0f} MB", f"≤ {TARGET_PEAK_MB:.0f} MB",
                 verdict(m["peak_mb"] <= TARGET_PEAK_MB)])
    print(C.table(["measure (one process, one core)", "value", "target", ""], rows))
    for note in manifest["notes"]:
        print(f"note: {note}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=20, help="about how many pages the long PDF has (default 20)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--measure", type=Path, help=argparse.SUPPRESS)  # the fresh measuring process
    args = ap.parse_args(argv)
    if args.measure:
        manifest = json.loads(args.measure.read_text(encoding="utf-8"))
        print(MARK + json.dumps(measure(manifest)))
        return 0
    with tempfile.TemporaryDirectory(prefix="shnor-speed-") as tmp:
        work = Path(tmp)
        manifest = prepare(work, args.pages)
        (work / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
        env = dict(os.environ, OMP_THREAD_LIMIT="1", OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1",
                   MKL_NUM_THREADS="1")
        run = subprocess.run([sys.executable, __file__, "--measure", str(work / "manifest.json")],
                             capture_output=True, text=True, env=env)
    found = [line[len(MARK):] for line in run.stdout.splitlines() if line.startswith(MARK)]
    if run.returncode != 0 or not found:
        print("measuring process failed:\n" + (run.stderr.strip()[-2000:] or run.stdout[-2000:]), file=sys.stderr)
        return 1
    figures = json.loads(found[0])
    if args.json:
        checks = {"model_load": figures["model_load_s"] <= TARGET_LOAD_S,
                  "peak": figures["peak_mb"] <= TARGET_PEAK_MB,
                  "pages_per_s": figures.get("pdf", {}).get("pages_per_s", 0) >= TARGET_PAGES_S}
        print(json.dumps({"figures": figures, "pass": checks, "notes": manifest["notes"]}, ensure_ascii=False,
                         indent=1))
    else:
        report(figures, manifest)
    return 0


if __name__ == "__main__":
    sys.exit(main())
