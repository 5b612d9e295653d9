"""The course notebooks: built from one source each, three languages that cannot drift.

* every committed notebook is exactly what ``courses/build.py`` makes from its source;
* in the three languages, the code cells are the same (only strings of the source's string
  table may differ), and so are the cells' order, ids and nbgrader metadata;
* the prose really is in its language, and 繁體中文 reads like Hong Kong / Taiwan writing, not
  like 简体 put through a character converter;
* every lesson has the parts a lesson must have (goals, "In real WeChat", 2-4 exercises each
  with a self-check, a recap).
"""
from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import nbformat
import pytest

from chinese_text import stray_spaces

REPO = Path(__file__).resolve().parents[2]
LANGUAGES = ("zh-Hans", "zh-Hant", "en")


def _load_builder():
    spec = importlib.util.spec_from_file_location("courses_build", REPO / "courses" / "build.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("courses_build", module)
    spec.loader.exec_module(module)
    return module


build = _load_builder()
SOURCES = build.find_sources(REPO)
LESSONS = [p for p in SOURCES if p.parent.parent.name == "courses"]


def notebooks(source_path):
    source = build.parse(source_path)
    return source, {lang: nbformat.read(source.output_path(lang), as_version=4) for lang in LANGUAGES}


def _id(path: Path) -> str:
    return path.relative_to(REPO).as_posix()


def test_the_lessons_and_homework_are_there():
    names = [p.parent.name for p in LESSONS]
    assert names == sorted(names)
    for lesson in ("00-python-you-need", "01-hello-mini-program", "02-showing-data", "03-taps-and-changes",
                   "04-forms", "05-talking-back", "06-many-pages", "07-lists-that-change", "08-remembering",
                   "09-talking-to-a-server", "10-components", "11-who-is-the-user", "12-paying",
                   "13-cloud-database", "14-capstone"):
        assert lesson in names
    for homework in ("hw1", "hw2", "hw3", "hw4", "capstone"):
        assert (REPO / "assignments" / f"{homework}.source.md") in SOURCES


def test_committed_notebooks_match_their_sources():
    differ = build.build(SOURCES, check=True)
    assert not differ, ("out of date (run .venv/bin/python courses/build.py): "
                        + ", ".join(_id(p) for p in differ))


def test_lessons_are_found_by_number_and_language():
    for path in LESSONS:
        assert re.fullmatch(r"\d\d-[a-z0-9-]+", path.parent.name)
        for lang in LANGUAGES:
            assert (path.parent / f"lesson.{lang}.ipynb").is_file()
    for lang in LANGUAGES:
        assert (REPO / "assignments" / "hw1" / f"menu.{lang}.ipynb").is_file()


def _slots(template: str, strings: dict) -> re.Pattern:
    """A pattern for the code cell written once in the source: its literal text must be there
    character for character; each ``«key»`` is a slot holding one of that key's three texts."""
    parts = build.PLACEHOLDER.split(template)
    pattern = "".join(
        re.escape(part) if i % 2 == 0
        else "(" + "|".join(sorted({re.escape(v) for v in strings[part].values()}, key=len, reverse=True)) + ")"
        for i, part in enumerate(parts))
    return re.compile(pattern, re.DOTALL)


@pytest.mark.parametrize("source_path", SOURCES, ids=_id)
def test_code_cells_agree_across_languages(source_path):
    """Same cells in the same order; code identical except the string table's slots, and each
    slot holds that language's entry."""
    source, nbs = notebooks(source_path)
    shapes = {lang: [(c.cell_type, c.id) for c in nb.cells] for lang, nb in nbs.items()}
    assert shapes["zh-Hans"] == shapes["zh-Hant"] == shapes["en"]
    code_templates = [c.text for c in source.cells if c.kind == "code"]
    for lang in LANGUAGES:
        code_cells = [c for c in nbs[lang].cells if c.cell_type == "code"]
        assert len(code_cells) == len(code_templates)
        for cell, template in zip(code_cells, code_templates):
            match = _slots(template, source.strings).fullmatch(cell.source)
            assert match, f"{lang} cell {cell.id}: code differs from the shared source"
            keys = build.PLACEHOLDER.findall(template)
            for key, value in zip(keys, match.groups()):
                assert value == source.strings[key][lang], (lang, cell.id, key, value)
    for index, cells in enumerate(zip(*(nbs[lang].cells for lang in LANGUAGES))):
        metas = [c.metadata for c in cells]
        assert metas[0] == metas[1] == metas[2], f"cell {index}: metadata differs"


def test_code_cells_without_strings_are_byte_identical():
    """Most code cells have no on-screen strings at all: those are simply the same text."""
    checked = 0
    for source_path in SOURCES:
        source, nbs = notebooks(source_path)
        for index, cell in enumerate(source.cells):
            if cell.kind == "code" and not build.PLACEHOLDER.search(cell.text):
                texts = {nbs[lang].cells[index].source for lang in LANGUAGES}
                assert len(texts) == 1, (source_path.name, index)
                checked += 1
    assert checked >= 10


@pytest.mark.parametrize("source_path", SOURCES, ids=_id)
def test_string_table_is_complete_and_used(source_path):
    source = build.parse(source_path)
    text = "\n".join(c.text if isinstance(c.text, str) else "\n".join(c.text.values())
                     for c in source.cells)
    used = set(build.PLACEHOLDER.findall(text))
    unused = set(source.strings) - used - set(build.COMMON_STRINGS)
    assert not unused, f"strings never used: {sorted(unused)}"
    for lang in LANGUAGES:
        nb = nbformat.read(source.output_path(lang), as_version=4)
        for cell in nb.cells:
            assert "«" not in cell.source, f"unfilled placeholder in {lang}: {cell.source[:80]}"


CJK = re.compile(r"[\u4e00-\u9fff]")
# characters that exist only in one of the two scripts (a converter would swap them)
SIMPLIFIED_ONLY = set("这们说点页数据么为设计过时后没还个来让写运标题单击现读样")
TRADITIONAL_ONLY = set("這們說點頁數據麼為設計過時後沒還個來讓寫運標題單擊現讀樣")
# mainland words that Hong Kong / Taiwan write differently (程序→程式, 数据→資料, ...)
MAINLAND_WORDS = ("程序", "數據", "代碼", "屏幕", "信息", "默認", "文件夾", "項目", "調用", "運行",
                  "單元格", "變量", "字符串", "打印", "鼠標", "視頻")


def _prose(nb) -> str:
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def _strings(nb) -> str:
    return "\n".join(re.findall(r'"([^"\n]*)"', "\n".join(
        c.source for c in nb.cells if c.cell_type == "code")))


@pytest.mark.parametrize("source_path", SOURCES, ids=_id)
def test_each_language_is_written_in_that_language(source_path):
    _, nbs = notebooks(source_path)
    en = _prose(nbs["en"])
    assert len(CJK.findall(en)) < 40, "English prose full of Chinese characters"
    for lang in ("zh-Hans", "zh-Hant"):
        for cell in nbs[lang].cells:
            if cell.cell_type == "markdown" and len(cell.source) > 80:
                assert CJK.search(cell.source), f"{lang}: untranslated cell {cell.source[:60]!r}"
    hans, hant = _prose(nbs["zh-Hans"]), _prose(nbs["zh-Hant"])
    # code cells carry hints for every language, so only prose and strings are judged here
    assert not sorted(set(hans) & TRADITIONAL_ONLY), "traditional characters in 简体中文"
    assert not sorted(set(hant) & SIMPLIFIED_ONLY), "simplified characters in 繁體中文"
    found = [w for w in MAINLAND_WORDS if w in hant]
    assert not found, f"繁體中文 uses mainland words {found}"


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.parent.name)
def test_lessons_have_goals_wechat_notes_exercises_and_recap(lesson):
    _, nbs = notebooks(lesson)
    words = {
        "en": ("In this lesson you will", "In real WeChat", "Recap", "Self-check"),
        "zh-Hans": ("这节课你会", "在真正的微信里", "小结", "自我检查"),
        "zh-Hant": ("這一課你會", "在真正的微信裡", "重點回顧", "自我檢查"),
    }
    for lang, nb in nbs.items():
        goals, wechat, recap, selfcheck = words[lang]
        markdown = [c.source for c in nb.cells if c.cell_type == "markdown"]
        assert goals in markdown[0], lang
        assert sum(wechat in m for m in markdown) >= 2, lang
        assert recap in markdown[-1], lang
        ids = [c.id for c in nb.cells]
        exercises = [i for i in ids if re.fullmatch(r"ex\d", i)]
        checks = [i for i in ids if re.fullmatch(r"check\d", i)]
        assert 2 <= len(checks) <= 4, lang
        for check_id in checks:
            cell = nb.cells[ids.index(check_id)]
            assert cell.source.startswith(f"# ✅ {selfcheck}"), (lang, check_id)
            assert "check(test" in cell.source
        assert all(f"check{e[2:]}" in checks for e in exercises)
        code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
        assert "preview(" in code and "launch(" in code


def test_homework_grade_cells_are_the_same_in_every_language():
    _, nbs = notebooks(REPO / "assignments" / "hw1.source.md")
    grading = {lang: [(c.metadata["nbgrader"]["grade_id"], c.metadata["nbgrader"].get("points"),
                       c.metadata["nbgrader"]["grade"], c.metadata["nbgrader"]["solution"],
                       c.metadata["nbgrader"]["locked"])
                      for c in nb.cells if "nbgrader" in c.metadata]
               for lang, nb in nbs.items()}
    assert grading["en"] == grading["zh-Hans"] == grading["zh-Hant"]
    assert [g[0] for g in grading["en"]] == [
        "setup", "menu_page", "menu_list", "add_drink", "running_total", "clear_all", "explain_set_data"]


def test_homework_3_grade_cells_are_the_same_in_every_language():
    _, nbs = notebooks(REPO / "assignments" / "hw3.source.md")
    grading = {lang: [(c.metadata["nbgrader"]["grade_id"], c.metadata["nbgrader"].get("points"),
                       c.metadata["nbgrader"]["grade"], c.metadata["nbgrader"]["solution"],
                       c.metadata["nbgrader"]["locked"])
                      for c in nb.cells if "nbgrader" in c.metadata]
               for lang, nb in nbs.items()}
    assert grading["en"] == grading["zh-Hans"] == grading["zh-Hant"]
    assert [g[0] for g in grading["en"]] == [
        "setup", "server", "planner_page", "load_tasks", "refresh_and_errors", "add_task",
        "tick_and_remove", "remember", "explain_storage"]


def test_builder_rejects_mistakes(tmp_path):
    bad = tmp_path / "lesson.source.md"
    bad.write_text("::: en\nhello\n:::\n\n::: zh-Hans\n你好\n:::\n", encoding="utf-8")
    with pytest.raises(build.SourceError, match="lacks zh-Hant"):
        build.parse(bad)
    bad.write_text("```python\nprint('«nope»')\n```\n", encoding="utf-8")
    with pytest.raises(build.SourceError, match="not in the string table"):
        build.parse(bad)
    bad.write_text("stray text\n", encoding="utf-8")
    with pytest.raises(build.SourceError, match="outside a prose block"):
        build.parse(bad)
    bad.write_text("<!-- cell: grade_id=x grade -->\n```python\npass\n```\n", encoding="utf-8")
    with pytest.raises(build.SourceError, match="points"):
        build.parse(bad)


def test_builder_is_deterministic(tmp_path):
    src = tmp_path / "lesson.source.md"
    src.write_text(
        "```strings\n[hi]\nen = \"Hi\"\nzh-Hans = \"你好\"\nzh-Hant = \"你好\"\n```\n\n"
        "::: en\n# «hi»\n:::\n::: zh-Hans\n# «hi»\n:::\n::: zh-Hant\n# «hi»\n:::\n\n"
        "<!-- cell: id=ex1 -->\n```python\nprint(\"«hi»\")\n```\n", encoding="utf-8")
    assert build.build([src]) != []
    first = {lang: (tmp_path / f"lesson.{lang}.ipynb").read_text(encoding="utf-8") for lang in LANGUAGES}
    assert build.build([src], check=True) == []
    nb = nbformat.reads(first["zh-Hant"], as_version=4)
    assert nb.cells[0].source == "# 你好" and nb.cells[1].source == 'print("你好")'
    assert nb.cells[1].id == "ex1" and nb.metadata["minicourse"]["language"] == "zh-Hant"


@pytest.mark.parametrize("source_path", SOURCES, ids=_id)
def test_markdown_renders_without_stray_stars(source_path):
    """CommonMark does not close ``**下节课：**让`` (punctuation before the closing stars, a
    letter after): the student would see the stars. Every * must become emphasis."""
    markdown_it = pytest.importorskip("markdown_it")
    md = markdown_it.MarkdownIt("commonmark").enable("table")
    _, nbs = notebooks(source_path)
    for lang, nb in nbs.items():
        for cell in nb.cells:
            if cell.cell_type != "markdown":
                continue
            html = re.sub(r"<(code|pre)>.*?</\1>", "", md.render(cell.source), flags=re.S)
            assert "*" not in html, (lang, cell.source[:80])


CJK_RANGE = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef"


@pytest.mark.parametrize("source_path", SOURCES, ids=_id)
def test_chinese_prose_has_no_line_breaks_that_show_as_spaces(source_path):
    """Markdown shows a line break inside a paragraph as a space: between two Chinese
    characters that is a stray space, so the builder joins those lines."""
    _source, nbs = notebooks(source_path)
    for lang in ("zh-Hans", "zh-Hant"):
        for cell in nbs[lang].cells:
            if cell.cell_type != "markdown":
                continue
            prose = re.sub(r"```.*?```", "", cell.source, flags=re.S)
            found = re.search(rf"[{CJK_RANGE}][*_]*\n(?![#|>\-])[*_]*[{CJK_RANGE}]", prose)
            assert not found, (lang, cell.id, prose[max(0, found.start() - 30):found.end() + 30])
    assert build.join_cjk_lines("你好，\n世界\n### 标题\n段落") == "你好，世界\n### 标题\n段落"
    assert build.join_cjk_lines("Hello\nworld") == "Hello\nworld"


def test_the_stray_space_check_sees_them_in_lesson_code():
    """A lesson's code cell: a self-check's message, a string on the phone, a comment."""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code) for code in (
        'hint = f"应该得到 “{wanted}”"', "title = '卡片标题是 今日特饮'", "# “2” 在 “3” 前面")])
    assert len(stray_spaces(nb)) == 3
    fine = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code) for code in (
        'hint = f"应该得到“{wanted}”"', "page.set_data(title='今日特饮')  # 用 set_data 改",
        "n = 3  # 第 1 课")])
    assert stray_spaces(fine) == []


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.parent.name)
@pytest.mark.parametrize("lang", ["zh-Hans", "zh-Hant"])
def test_lessons_chinese_text_has_no_stray_spaces(lesson, lang):
    """As in the homework (tests/assignments/test_released.py): no space between two Chinese
    characters or beside a Chinese quotation mark, in the prose and in every line of code with
    Chinese in it (what the phone shows, a self-check's hint, a comment)."""
    nb = nbformat.read(build.parse(lesson).output_path(lang), as_version=4)
    assert stray_spaces(nb) == []
