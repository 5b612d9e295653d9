"""Languages: every message a student or a teacher reads exists in 简体中文, 繁體中文 and English.

One catalogue: each area of the product keeps its messages in ``mini_sdk/messages/<area>.py``
(or ``graders/messages.py``) as ``MESSAGES = {key: {"en": ..., "zh-Hans": ..., "zh-Hant": ...}}``
and looks them up through a :class:`Catalogue`. A test checks that every key has all three
languages and the same ``{placeholders}`` in each.

Which language is used, first match wins:

1. :func:`set_language` (for example in a lesson's first cell, or by the preview's switcher);
2. the ``MINICOURSE_LANG`` environment variable (graders set it per student);
3. a language tag in the running notebook's file name, ``lesson.zh-Hant.ipynb`` (JupyterLab
   tells the kernel its notebook in ``JPY_SESSION_NAME``), else the language the notebook
   records in its metadata (``metadata.minicourse.language``);
4. the system locale (``LANG``), read with Babel: ``zh_CN`` -> zh-Hans, ``zh_HK`` -> zh-Hant;
5. English.
"""
from __future__ import annotations

import os
import re
import string
from typing import Mapping

LANGUAGES = ("zh-Hans", "zh-Hant", "en")
LANGUAGE_NAMES = {"zh-Hans": "简体中文", "zh-Hant": "繁體中文", "en": "English"}

_chosen: str | None = None
_TAG_IN_NAME = re.compile(r"\.(zh-Hans|zh-Hant|en)\.ipynb$", re.IGNORECASE)


def normalize_language(tag: str | None) -> str | None:
    """Map any reasonable language tag to one of LANGUAGES, or None.

    Accepts our own tags, BCP 47 / POSIX forms (``zh-CN``, ``zh_TW.UTF-8``, ``zh-Hant-HK``,
    ``en_GB``) and a few names people type in rosters (``简体``, ``繁體``, ``English``).
    """
    if not tag:
        return None
    raw = str(tag).strip()
    folded = raw.casefold()
    for lang in LANGUAGES:
        if folded == lang.casefold():
            return lang
    typed = {
        "简体": "zh-Hans", "简体中文": "zh-Hans", "簡體": "zh-Hans", "簡體中文": "zh-Hans",
        "繁体": "zh-Hant", "繁體": "zh-Hant", "繁體中文": "zh-Hant", "繁体中文": "zh-Hant",
        "中文": "zh-Hans", "chinese": "zh-Hans", "粤语": "zh-Hant", "粵語": "zh-Hant",
        "cantonese": "zh-Hant", "english": "en", "英文": "en", "英語": "en", "英语": "en",
    }
    if folded in typed:
        return typed[folded]
    posix = folded.split(".")[0].split("@")[0].replace("-", "_")
    if posix in ("c", "posix", ""):
        return None
    try:
        from babel import Locale, UnknownLocaleError

        try:
            locale = Locale.parse(posix)
        except (ValueError, UnknownLocaleError):
            return None
    except ImportError:  # pragma: no cover - Babel is a pinned dependency
        return None
    if locale.language == "en":
        return "en"
    if locale.language in ("zh", "yue"):
        script = locale.script
        if script is None:
            # Babel fills in the likely script: zh_HK/zh_MO/zh_TW -> Hant, zh_CN/zh_SG -> Hans.
            from babel.core import get_global

            likely = get_global("likely_subtags").get(
                f"zh_{locale.territory}" if locale.territory else locale.language, ""
            )
            script = "Hant" if "Hant" in likely or locale.language == "yue" else "Hans"
        return "zh-Hant" if script == "Hant" else "zh-Hans"
    return None


def set_language(lang: str | None) -> str:
    """Choose the language for everything mini_sdk says from now on; returns the one in force.

    ``set_language(None)`` goes back to the automatic choice.
    """
    global _chosen
    if lang is None:
        _chosen = None
        return get_language()
    norm = normalize_language(lang)
    if norm is None:
        raise ValueError(
            f"unknown language {lang!r}; use one of: " + ", ".join(LANGUAGES)
        )
    _chosen = norm
    return norm


def get_language() -> str:
    if _chosen:
        return _chosen
    env = normalize_language(os.environ.get("MINICOURSE_LANG"))
    if env:
        return env
    session = os.environ.get("JPY_SESSION_NAME", "")
    m = _TAG_IN_NAME.search(session)
    if m:
        return normalize_language(m.group(1)) or "en"
    recorded = _notebook_language(session) if session.endswith(".ipynb") else None
    if recorded:
        return recorded
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        norm = normalize_language(os.environ.get(var))
        if norm:
            return norm
    return "en"


_notebook_cache: dict[tuple, str | None] = {}


def _notebook_language(session: str) -> str | None:
    """``metadata.minicourse.language`` of the running notebook.

    Course and homework notebooks record their language there, and nbgrader keeps it in the
    released copy (``menu.ipynb``, no tag in the name), as does JupyterLab's "Duplicate".
    JupyterLab gives the path relative to its root; the kernel runs in the notebook's folder.
    """
    for path in (session, os.path.basename(session)):
        try:
            mtime = os.stat(path).st_mtime_ns
        except OSError:
            continue
        key = (os.path.abspath(path), mtime)
        if key not in _notebook_cache:
            language = None
            try:
                import json

                with open(path, encoding="utf-8") as fh:
                    meta = json.load(fh).get("metadata", {})
                language = normalize_language(meta.get("minicourse", {}).get("language"))
            except (OSError, ValueError, AttributeError):
                language = None
            _notebook_cache[key] = language
        return _notebook_cache[key]
    return None


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


class Catalogue:
    """Messages of one area, looked up by key and formatted in the language in force."""

    def __init__(self, *parts: Mapping[str, Mapping[str, str]]):
        self.messages: dict[str, Mapping[str, str]] = {}
        for part in parts:
            for key, texts in part.items():
                if key in self.messages:
                    raise ValueError(f"message key {key!r} defined twice")
                self.messages[key] = texts

    def __contains__(self, key: str) -> bool:
        return key in self.messages

    def text(self, message_key: str, lang: str | None = None, /, **params) -> str:
        texts = self.messages[message_key]
        lang = normalize_language(lang) or get_language()
        template = texts.get(lang) or texts["en"]
        try:
            return template.format(**params)
        except (KeyError, IndexError, ValueError):
            # A message must never hide the real problem behind a formatting error.
            return template + " " + repr(params)

    __call__ = text

    def all_languages(self, message_key: str, /, **params) -> dict[str, str]:
        return {lang: self.text(message_key, lang, **params) for lang in LANGUAGES}

    def problems(self) -> list[str]:
        """What is wrong with this catalogue (missing languages, placeholders that differ)."""
        found = []
        for key, texts in self.messages.items():
            missing = [lang for lang in LANGUAGES if not texts.get(lang)]
            if missing:
                found.append(f"{key}: missing {', '.join(missing)}")
                continue
            names = {lang: placeholders(texts[lang]) for lang in LANGUAGES}
            if len({frozenset(v) for v in names.values()}) != 1:
                found.append(f"{key}: placeholders differ {names}")
        return found
