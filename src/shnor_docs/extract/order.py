"""Stage: order (placeholder)."""

from __future__ import annotations


def stage(ctx) -> None:
    """Fill the order part of the result."""
