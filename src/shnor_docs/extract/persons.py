"""Stage: persons (placeholder)."""

from __future__ import annotations


def stage(ctx) -> None:
    """Fill the persons part of the result."""
