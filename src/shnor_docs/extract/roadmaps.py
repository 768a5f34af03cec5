"""Stage: roadmaps (placeholder)."""

from __future__ import annotations


def stage(ctx) -> None:
    """Fill the roadmaps part of the result."""
