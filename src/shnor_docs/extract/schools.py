"""Stage: schools (placeholder)."""

from __future__ import annotations


def stage(ctx) -> None:
    """Fill the schools part of the result."""
