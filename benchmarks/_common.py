"""Helpers shared by the benchmarks: where things are, extracting in a process pool, rendering a
document to DOCX / PDF, and plain-text tables.

Nothing here imports ``shnor_docs`` at module level, so that a benchmark can time that import.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import subprocess
import sys
import time
import traceback
import zlib
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Sequence

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO / ".." / "shared").resolve()
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold"
REFERENCE_SCORER = SHARED / "contract" / "score.py"
PARTS = ("order", "references", "schools", "persons", "roadmaps")

# corpora/ lives at the repository root and is not installed; make it importable.
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
# tesseract is 4x slower with its own threads on these machines
os.environ.setdefault("OMP_THREAD_LIMIT", "1")


# --------------------------------------------------------------------------- extraction

@dataclass
class Extracted:
    """One file's extraction: the result as a JSON dict (None when it failed), the error, the time."""

    path: str
    pred: dict | None
    error: str | None
    seconds: float


def extract_one(path: str) -> Extracted:
    """Extract one file in this process; any failure is recorded, not raised."""
    # the api module, not the package attribute: importing the subpackage shnor_docs.extract rebinds that
    from shnor_docs.api import extract

    start = time.perf_counter()
    try:
        pred = json.loads(extract(path).to_json())
        error = None
    except Exception as exc:  # a benchmark scores a crash as 0 and goes on
        pred = None
        last = traceback.extract_tb(exc.__traceback__)[-1:] if exc.__traceback__ else []
        where = f" ({Path(last[0].filename).name}:{last[0].lineno})" if last else ""
        error = f"{type(exc).__name__}: {exc}{where}"
    return Extracted(path, pred, error, time.perf_counter() - start)


def extract_many(paths: Sequence[str | Path], workers: int = 2) -> dict[str, Extracted]:
    """Extract every path with a pool of ``workers`` processes (models load once per process)."""
    paths = [str(p) for p in paths]
    if not paths:
        return {}
    if workers <= 1:
        return {p: extract_one(p) for p in paths}
    # spawn, not fork: the parent has run renderers that start threads (PDFium, PIL), and a child
    # forked while one of them held a lock waits on it for ever
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        return dict(zip(paths, pool.map(extract_one, paths, chunksize=1)))


def write_json(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def load_reference_scorer():
    """The contract's reference scorer as a module, or None when ../shared is absent."""
    if not REFERENCE_SCORER.is_file():
        return None
    import importlib.util

    spec = importlib.util.spec_from_file_location("contract_reference_score", REFERENCE_SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --------------------------------------------------------------------------- rendering

def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def renderer() -> tuple[Any, Any, str]:
    """``(render_docx, render_pdf, label)``: the corpus renderer when it is there, else a minimal
    stand-in (python-docx paragraphs and tables, LibreOffice for the PDF)."""
    try:
        from corpora.render import render_docx, render_pdf

        return render_docx, render_pdf, "corpora.render"
    except ImportError:
        return _plain_docx, _soffice_pdf, "benchmarks stand-in (corpora.render not importable)"


def _plain_docx(doc: Any, path: str | Path) -> None:
    """A DOCX of the document's blocks: one paragraph per Paragraph, one grid table per Table."""
    import docx

    from shnor_docs.document import Table

    out = docx.Document()
    for block in doc.blocks:
        if isinstance(block, Table):
            width = max((sum(c.span for c in row) for row in block.rows), default=1)
            table = out.add_table(rows=len(block.rows), cols=width)
            table.style = "Table Grid"
            for r, row in enumerate(block.rows):
                col = 0
                for cell in row:
                    target = table.cell(r, col)
                    if cell.span > 1:  # merge first, then set the text (python-docx repeats it otherwise)
                        target = target.merge(table.cell(r, min(width, col + cell.span) - 1))
                    target.text = cell.text
                    col += cell.span
        else:
            para = out.add_paragraph()
            run = para.add_run(block.text)
            run.bold = bool(block.bold)
    out.save(str(path))


def _soffice_pdf(docx_path: str | Path, pdf_path: str | Path) -> None:
    """DOCX → PDF with a headless LibreOffice using its own throw-away profile."""
    exe = soffice()
    if exe is None:
        raise RuntimeError("soffice not found")
    docx_path, pdf_path = Path(docx_path), Path(pdf_path)
    work = pdf_path.parent / f".soffice-{os.getpid()}"
    work.mkdir(parents=True, exist_ok=True)
    try:
        subprocess.run([exe, f"-env:UserInstallation=file://{work / 'profile'}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(work), str(docx_path)],
                       check=True, capture_output=True, timeout=180)
        shutil.move(str(work / (docx_path.stem + ".pdf")), str(pdf_path))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def render_document(source: Path, out_dir: Path, formats: Iterable[str]) -> tuple[dict[str, Path], list[str]]:
    """Render a text document to the asked formats (``docx``, ``pdf``) in ``out_dir``.

    Returns the rendered paths by format and notes on what could not be rendered."""
    from shnor_docs import load_document

    formats = set(formats)
    made: dict[str, Path] = {}
    notes: list[str] = []
    scans = formats & {"scan", "tiff", "scan150"}
    if not formats & {"docx", "pdf"} and not scans:
        return made, notes
    render_docx, render_pdf, _ = renderer()
    out_dir.mkdir(parents=True, exist_ok=True)
    docx_path, pdf_path = out_dir / f"{source.stem}.docx", out_dir / f"{source.stem}.pdf"
    try:
        render_docx(load_document(source, clean=False), docx_path)
    except Exception as exc:
        return made, [f"{source.name}: DOCX rendering failed: {type(exc).__name__}: {exc}"]
    if "docx" in formats:
        made["docx"] = docx_path
    if "pdf" in formats or scans:
        if soffice() is None:
            notes.append("soffice missing: no PDF or scan renderings")
            return made, notes
        try:
            render_pdf(docx_path, pdf_path)
        except Exception as exc:
            notes.append(f"{source.name}: PDF rendering failed: {type(exc).__name__}: {exc}")
            return made, notes
        if "pdf" in formats:
            made["pdf"] = pdf_path
    if scans:
        try:
            from corpora.render import render_scan
        except ImportError:
            notes.append("corpora.render missing: no scan renderings")
            return made, notes
        scan_source = pdf_path
        from shnor_docs.clean import looks_like_ocr

        if looks_like_ocr(load_document(source, clean=False).text()) > 0.5:
            # a seed that is itself raw OCR text (001): the scan shows the page as printed, i.e. the
            # cleaned text — scanning OCR garbage would compound two readers' errors no paper has
            clean_docx, scan_source = out_dir / f"{source.stem}.printed.docx", out_dir / f"{source.stem}.printed.pdf"
            try:
                render_docx(load_document(source, clean=True), clean_docx)
                render_pdf(clean_docx, scan_source)
                notes.append(f"{source.name}: raw OCR text; its scans are rendered from the cleaned text")
            except Exception as exc:
                notes.append(f"{source.name}: rendering the cleaned text failed: {type(exc).__name__}: {exc}")
                return made, notes
        seed = zlib.crc32(source.stem.encode())  # the same damage on every run
        plan = {"scan": (".scan.pdf", "light", "pdf"), "tiff": (".scan.tiff", "light", "tiff"),
                "scan150": (".scan150.pdf", "heavy", "pdf")}
        for fmt in sorted(scans):
            suffix, damage, kind = plan[fmt]
            path = out_dir / f"{source.stem}{suffix}"
            try:
                render_scan(scan_source, path, dpi=300, damage=damage, seed=seed, fmt=kind)
                made[fmt] = path
            except Exception as exc:
                notes.append(f"{source.name}: {fmt} rendering failed: {type(exc).__name__}: {exc}")
    return made, notes


def pdf_pages(path: Path) -> int:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(path))
    try:
        return len(pdf)
    finally:
        pdf.close()


# --------------------------------------------------------------------------- printing

def fmt(value: float | None, width: int = 7) -> str:
    return f"{'—' if value is None else f'{value:.3f}':>{width}}"


def table(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """A plain fixed-width table; the first column left-aligned, the rest right-aligned."""
    rows = [[str(c) for c in row] for row in rows]
    widths = [max(len(str(h)), *(len(r[i]) for r in rows)) if rows else len(str(h))
              for i, h in enumerate(header)]
    def line(cells: Sequence[str]) -> str:
        return "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths)))
    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line([str(h) for h in header]), rule, *(line(r) for r in rows)])


# --------------------------------------------------------------------------- synthetic input

_MEASURES = (
    "Провести совещание с руководителями школ о ходе работы по повышению качества обучения",
    "Организовать взаимные посещения уроков учителями школ-партнёров",
    "Проанализировать результаты диагностических работ по математике и русскому языку",
    "Обеспечить участие педагогов в курсах повышения квалификации по предметным компетенциям",
    "Подготовить методические рекомендации по работе с обучающимися группы риска",
    "Разместить на сайтах школ информацию о ходе реализации плана",
    "Провести семинар для заместителей директоров по учебной работе",
    "Сформировать пары школ с высокими и низкими результатами для наставничества",
)
_WHEN = ("январь 2023", "до 15 февраля 2023 г.", "в течение года", "ежеквартально", "март – апрель 2023",
         "по графику", "май 2023", "декабрь 2023")
_WHO = ("Смирнова О.Л., главный специалист", "руководители ОО", "Кузнецов А.В., директор ИМЦ",
        "заместители директоров по УВР", "Белова Н.С., методист")


def synthetic_order(rows: int = 40, number: int = 1) -> str:
    """A made-up order with a plan-of-measures table of ``rows`` rows, in the seeds' text format.

    Used when ../shared is absent and to pad a long PDF; every sentence is written for this file."""
    lines = [
        "Отдел образования администрации Северного муниципального района",
        "",
        "ПРИКАЗ",
        "",
        f"10.01.2023\t№ {number}",
        "пос. Северный",
        "",
        "Об утверждении плана мероприятий по поддержке школ с низкими результатами обучения",
        "",
        "В целях повышения качества образования в школах района",
        "ПРИКАЗЫВАЮ:",
        "1. Утвердить план мероприятий (приложение).",
        "2. Руководителям школ обеспечить выполнение плана.",
        "3. Контроль исполнения приказа оставляю за собой.",
        "",
        "Начальник отдела образования\tГ.Р. Лебедева",
        "",
        "План мероприятий по поддержке школ на 2023 год",
        "",
        "№ п/п\tМероприятие\tСрок исполнения\tОтветственный\tОжидаемый результат",
    ]
    for k in range(rows):
        lines.append(f"{k + 1}.\t{_MEASURES[k % len(_MEASURES)]} (этап {k // len(_MEASURES) + 1})\t"
                     f"{_WHEN[k % len(_WHEN)]}\t{_WHO[k % len(_WHO)]}\tсправка, протокол")
    return "\n".join(lines) + "\n"
