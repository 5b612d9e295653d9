"""Errors a teacher reads: a message key from :mod:`graders.messages` plus its parameters.

Every verb raises :class:`TeacherError` for anything the teacher can act on; the CLI turns
it into one clear line in the teacher's language and a non-zero exit code. Anything else is
a bug of ours: the CLI logs its traceback to a file and still shows a plain message.
"""
from __future__ import annotations


class TeacherError(Exception):
    """A problem the teacher can act on (bad input, missing class, unreleased assignment)."""

    exit_code = 2

    def __init__(self, key: str, details: list[str] | None = None, **params):
        super().__init__(key)
        self.key = key
        self.params = params
        # Extra lines (already in the teacher's language), e.g. one per bad roster row.
        self.details = list(details or [])

    def message(self, lang: str | None = None) -> str:
        from .messages import catalogue

        return catalogue.text(self.key, lang, **self.params)

    def __str__(self) -> str:  # for logs and pytest output
        return self.message("en")
