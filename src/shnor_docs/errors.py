"""The project's own error class: one line that names the file and the reason."""

from __future__ import annotations


class ShnorError(Exception):
    """An input that cannot be read (missing, empty, corrupt, encrypted, unsupported).

    ``str(err)`` is ``"FILE: reason"``, the line the command-line tool prints after ``shnor-docs:``.
    """

    def __init__(self, file: str, reason: str) -> None:
        super().__init__(f"{file}: {reason}")
        self.file = file
        self.reason = reason


class UnsupportedInput(ShnorError):
    """The file is of a kind the project does not read."""


class CorruptInput(ShnorError):
    """The file claims a kind it is not, or is damaged, encrypted or empty."""
