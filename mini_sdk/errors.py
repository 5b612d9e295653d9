"""Errors mini_sdk raises, each with a message a 12-year-old can act on, in their language.

Every error carries a message key from the catalogue (``mini_sdk/messages``) and its
parameters, so ``str(error)`` is rendered in the language in force when it is shown. Where the
problem is in the student's own files, ``where`` says which file and line.
"""
from __future__ import annotations

from typing import Any


class MiniProgramError(Exception):
    """Base of every error mini_sdk raises on purpose."""

    def __init__(self, message_key: str, /, *, where: str | None = None, **params: Any) -> None:
        super().__init__(message_key)
        self.message_key = message_key
        self.params = params
        self.where = where

    @property
    def message(self) -> str:
        from .messages import catalogue

        text = catalogue(self.message_key, **self.params) if self.message_key in catalogue else self.message_key
        if self.where:
            text += f"\n  → {self.where}"
        return text

    def __str__(self) -> str:
        return self.message

    def in_language(self, lang: str) -> str:
        from .messages import catalogue

        text = catalogue(self.message_key, lang, **self.params) if self.message_key in catalogue else self.message_key
        return text + (f"\n  → {self.where}" if self.where else "")


class ProgramError(MiniProgramError):
    """The program's configuration is wrong (app.json, tabBar, pages, a missing file)."""


class TemplateError(MiniProgramError):
    """A WXML template cannot be read or rendered; ``where`` names file and line."""


class SetDataError(MiniProgramError):
    """set_data was given something the real framework refuses (not JSON, over 1024 kB, ...)."""


class NavigationError(MiniProgramError):
    """A route API failed; ``err_msg`` is the real framework's string."""

    def __init__(self, message_key: str, /, *, err_msg: str, **params: Any) -> None:
        super().__init__(message_key, **params)
        self.err_msg = err_msg


class WxError(MiniProgramError):
    """A ``wx.*_sync`` API failed (the real ones throw); ``err_msg`` is the real string."""

    def __init__(self, message_key: str, /, *, err_msg: str, **params: Any) -> None:
        super().__init__(message_key, **params)
        self.err_msg = err_msg


class BlockedByDialog(MiniProgramError, AssertionError):
    """A finger cannot reach the page: a dialog (modal, action sheet, pay sheet, a toast or
    loading box with ``mask``) covers it. Answer the dialog first."""
