"""Where the project's data files live (lexicons), found the same way in a checkout and a wheel."""

from __future__ import annotations

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


def data_file(name: str) -> Path:
    """The path of a bundled data file such as ``regions.json``."""
    return DATA_DIR / name
