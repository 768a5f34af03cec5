"""One contract JSON file per document, named after the input's path."""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath

from .atomic import write_text_atomic

JSON_DIR = "json"


def dumps(result: dict) -> str:
    """The JSON text of one result, as ``shnor-docs extract`` writes it (stable, UTF-8, indented)."""
    return json.dumps(result, ensure_ascii=False, indent=1) + "\n"


def json_relpath(file: str) -> str:
    """Where the JSON of input ``sub/name.pdf`` goes, relative to the output folder:
    ``json/sub/name.pdf.json`` — the input's full name is kept, so ``a.pdf`` and ``a.docx`` never
    collide, and the path is the same on every run."""
    return str(PurePosixPath(JSON_DIR, *PurePosixPath(file).parts)) + ".json"


def write_result(out_dir: Path | str, file: str, result: dict) -> str:
    """Write ``result`` for input ``file`` atomically; returns its path relative to ``out_dir``."""
    rel = json_relpath(file)
    write_text_atomic(Path(out_dir) / rel, dumps(result))
    return rel
