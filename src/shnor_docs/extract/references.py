"""Stage: references (placeholder)."""

from __future__ import annotations


def stage(ctx) -> None:
    """Fill the references part of the result."""
