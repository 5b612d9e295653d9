"""Every message exists in zh-Hans, zh-Hant and en, with the same placeholders."""
import pytest

from mini_sdk import i18n
from mini_sdk.messages import catalogue


def test_every_message_in_three_languages_with_same_placeholders():
    assert catalogue.problems() == []
    assert len(catalogue.messages) > 50


@pytest.mark.parametrize("tag,expected", [
    ("zh_CN.UTF-8", "zh-Hans"), ("zh-HK", "zh-Hant"), ("zh_TW", "zh-Hant"), ("zh-MO", "zh-Hant"),
    ("zh-Hant-HK", "zh-Hant"), ("en_GB", "en"), ("C.UTF-8", None), ("繁體", "zh-Hant"), ("English", "en"),
])
def test_language_tags_normalize(tag, expected):
    assert i18n.normalize_language(tag) == expected


def test_language_from_notebook_file_name(monkeypatch):
    i18n.set_language(None)
    monkeypatch.delenv("MINICOURSE_LANG", raising=False)
    monkeypatch.setenv("JPY_SESSION_NAME", "/home/s/courses/01-hello/lesson.zh-Hant.ipynb")
    assert i18n.get_language() == "zh-Hant"
    monkeypatch.setenv("MINICOURSE_LANG", "en")
    assert i18n.get_language() == "en"


def test_error_messages_follow_the_language():
    from mini_sdk import MiniProgram, ProgramError, set_language

    with pytest.raises(ProgramError) as info:
        MiniProgram(pages={})
    set_language("zh-Hans")
    assert "至少需要一个页面" in str(info.value)
    set_language("zh-Hant")
    assert "至少需要一個頁面" in str(info.value)


def test_language_recorded_in_notebook_metadata(monkeypatch, tmp_path):
    import json

    notebook = tmp_path / "menu.ipynb"  # a released copy: no tag in the name
    notebook.write_text(json.dumps({"metadata": {"minicourse": {"language": "zh-Hant"}}, "cells": [],
                                    "nbformat": 4, "nbformat_minor": 5}), encoding="utf-8")
    i18n.set_language(None)
    monkeypatch.delenv("MINICOURSE_LANG", raising=False)
    monkeypatch.setenv("JPY_SESSION_NAME", str(notebook))
    assert i18n.get_language() == "zh-Hant"
