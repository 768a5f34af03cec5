"""Synthetic documents of the genre with gold answers by construction, and renderers to every input format."""
