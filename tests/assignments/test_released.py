"""Every released assignment can be done the usual nbgrader way, and then gets full marks.

nbgrader's student version replaces each solution region with a stub, its comment in the
class's language (``minicourse release`` sets it, graders.release.stub_values)::

    # YOUR CODE HERE            (# 在这里写你的代码, # 在這裡寫你的程式碼)
    raise NotImplementedError()

and students replace the ``raise`` line with their code. That only works if the stub is real
Python at a place where a statement may go: a stub inside a string (a template) or a WXML
comment is never run, and what the student types there lands inside the string or the comment
(the page stays empty and every test fails: homework 1 once gave 0/11 to a correct student).

For every ``assignments/*.source.md`` and each of its languages, with real nbgrader:

* each solution region of the source is a whole Python block (it parses on its own);
* each stub in the generated student version is a ``raise NotImplementedError()`` statement;
* the student version, with every stub's ``raise`` line replaced by its region's code (as a
  student would type it, at the stub's indentation) and every written answer filled in, is
  autograded with full marks on every autograded cell, and no cell outside the tests fails.
"""
from __future__ import annotations

import ast
import importlib.util
import json
import sys
import textwrap
from pathlib import Path

import nbformat
import pytest

import homework
from chinese_text import stray_spaces

REPO = Path(__file__).resolve().parents[2]
LANGUAGES = ("en", "zh-Hans", "zh-Hant")


def _load_builder():
    spec = importlib.util.spec_from_file_location("courses_build", REPO / "courses" / "build.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("courses_build", module)
    spec.loader.exec_module(module)
    return module


build = _load_builder()
ASSIGNMENTS = sorted(REPO.glob("assignments/*.source.md"))


def _id(path: Path) -> str:
    return path.name.removesuffix(".source.md")


def solution_regions(cell_source: str) -> list[str]:
    """The code between each ``### BEGIN SOLUTION`` and ``### END SOLUTION`` line, dedented;
    the whole cell when it has no markers (nbgrader then stubs the whole cell)."""
    lines = cell_source.split("\n")
    regions, current = [], None
    for line in lines:
        if "BEGIN SOLUTION" in line:
            current = []
        elif "END SOLUTION" in line:
            regions.append(textwrap.dedent("\n".join(current)))
            current = None
        elif current is not None:
            current.append(line)
    return regions or [cell_source]


def complete(stubbed: str, regions: list[str], lang: str) -> str:
    """Replace the k-th stub's ``raise`` line with the k-th region, at the stub's indentation."""
    stubs = list(homework.stub_pattern(lang).finditer(stubbed))
    assert len(stubs) == len(regions), (len(stubs), len(regions), stubbed)
    out, last = [], 0
    for match, region in zip(stubs, regions):
        indent = match.group("indent")
        out.append(stubbed[last:match.start()])
        out.append(f"{indent}{homework.stub_comment(lang)}\n" + textwrap.indent(region, indent, lambda line: True))
        last = match.end()
    out.append(stubbed[last:])
    return "".join(out)


def raise_lines(code: str) -> set[int]:
    """Line numbers of ``raise NotImplementedError()`` statements in code."""
    return {node.lineno for node in ast.walk(ast.parse(code))
            if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)
            and getattr(node.exc.func, "id", None) == "NotImplementedError"}


def _nbgrader_meta(cell) -> dict:
    return cell.metadata.get("nbgrader", {})


@pytest.mark.parametrize("source_path", ASSIGNMENTS, ids=_id)
def test_solution_regions_are_whole_python_blocks(source_path):
    source = build.parse(source_path)
    for cell in source.cells:
        if cell.kind != "code" or not cell.meta.get("nbgrader", {}).get("solution"):
            continue
        for region in solution_regions(build.fill(cell.text, source.strings, "en")):
            try:
                ast.parse(region)
            except SyntaxError as exc:
                pytest.fail(f"{source_path.name}:{cell.line}: a solution region is not a whole "
                            f"Python block (inside a string or a comment?): {exc.msg}\n{region}")


def completed_stub_by_stub(release, source, kind, lang):
    """The student version with every stub's ``raise`` line replaced by its region's code and
    every written answer filled in, as a student doing it the usual nbgrader way hands it in."""
    student = nbformat.from_dict(json.loads(json.dumps(release)))
    by_id = {cell.id: cell for cell in source.cells}
    for cell in student.cells:
        meta = _nbgrader_meta(cell)
        if not meta.get("solution"):
            continue
        if cell.cell_type == "markdown":
            assert homework.answer_stub(lang) in cell.source, cell.source
            cell.source = by_id[cell.id].source
        else:
            cell.source = complete(cell.source, solution_regions(by_id[cell.id].source), lang)
    return student


# graded in the same nbgrader autograde call as the homework tests' own submissions
for _path in ASSIGNMENTS:
    homework.hands_in(_id(_path), {lang: ["stub_by_stub"] for lang in LANGUAGES},
                      completed_stub_by_stub)


@pytest.fixture(scope="module", params=[
    pytest.param((path, lang), id=f"{_id(path)}-{lang}",
                 marks=pytest.mark.xdist_group(f"{_id(path)}-{lang}"))
    for path in ASSIGNMENTS for lang in LANGUAGES])
def completed(request, tmp_path_factory):
    """One assignment in one language: released by nbgrader, completed stub by stub, autograded
    (homework.py generates and grades it once per session)."""
    source_path, lang = request.param
    # nbgrader generates from the committed notebook, which is exactly what the builder makes
    # of the source (tests/courses/test_build.py checks that)
    done = homework.graded(tmp_path_factory, _id(source_path), lang)
    return {"lang": lang, "source": done.source, "release": done.release, "grades": done.grades["stub_by_stub"],
            "graded": done.autograded["stub_by_stub"]}


def test_every_stub_is_a_statement_students_can_replace(completed):
    stubs = 0
    for cell in completed["release"].cells:
        if cell.cell_type != "code" or not _nbgrader_meta(cell).get("solution"):
            continue
        code = cell.source
        found = {code.count("\n", 0, m.end()) + 1
                 for m in homework.stub_pattern(completed["lang"]).finditer(code)}
        assert found, f"solution cell {cell.id} has no stub"
        assert found <= raise_lines(code), (
            f"in cell {cell.id} the stub is not Python code (inside a string or a comment?):\n{code}")
        stubs += len(found)
    assert stubs


def test_completed_stub_by_stub_gets_full_marks(completed):
    auto = {name: (score, top) for name, (score, top, manual) in completed["grades"].items()
            if not manual}
    assert auto, completed["grades"]
    assert all(score == top for score, top in auto.values()), auto


def test_completed_cells_run_without_errors(completed):
    failed = [cell.id for cell in completed["graded"].cells if cell.cell_type == "code"
              and any(out.output_type == "error" for out in cell.outputs)]
    assert failed == []


# -- Chinese typography (tests/chinese_text.py) ----------------------------------------------------
def test_the_stray_space_check_sees_them():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(text) for text in (
        "点一下第一个 “+” 以后", "学号 “{number}” 应该", "出现在 我的午饭 下面", "按「清除」 之後")])
    assert len(stray_spaces(nb)) == 4
    fine = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(text) for text in (
        "点“+”以后，第 1 课用 `wx:for` 和 **dataset**", "| `x` | “这是表格” |", "按「+」之後")])
    assert stray_spaces(fine) == []


@pytest.mark.parametrize("source_path", ASSIGNMENTS, ids=_id)
@pytest.mark.parametrize("lang", ["zh-Hans", "zh-Hant"])
def test_chinese_text_has_no_stray_spaces(source_path, lang):
    """Chinese is written without spaces between its characters or beside its quotation marks
    (“+”, 「+」); spaces stay only beside code, numbers and Latin words, as in the lessons."""
    nb = nbformat.read(homework.source_path(_id(source_path), lang), as_version=4)
    assert stray_spaces(nb) == []
