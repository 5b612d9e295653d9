"""Homework under real nbgrader, generated once and graded once per session (shared helpers).

For one assignment (``assignments/hw1`` ...) in one language:

1. its committed notebook is copied into ``source/<assignment>/<notebook>.ipynb`` of a
   temporary course (as ``minicourse release`` does) and ``nbgrader generate_assignment``
   makes the student version;
2. every submission asked for is written to ``submitted/<kind>/<assignment>/`` and ONE
   ``nbgrader autograde`` call grades them all;
3. the scores are read back from nbgrader's gradebook, with the autograded notebooks.

Which submissions: each test module registers how it builds its own (``hands_in``) at
import, that is when pytest collects it, before any test runs: test_hw1.py ... their model
solutions and typical mistakes, test_released.py the student version completed the usual
nbgrader way. The first test that needs an (assignment, language) generates it and grades
every registered submission at once; the others read the same result. Under pytest-xdist
each language of each assignment is one ``xdist_group`` (``params``), so all the tests that
read it run on the same worker and it is graded once.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import nbformat
import pytest

REPO = Path(__file__).resolve().parents[2]
LANGUAGES = ("en", "zh-Hans", "zh-Hant")

#: assignment -> [(submission kinds per language, build(release, source, kind, lang) -> notebook)]
_HANDED_IN: dict[str, list[tuple[dict[str, list[str]], Callable]]] = {}
_GRADED: dict[tuple[str, str], "Graded"] = {}


def nbgrader(course: Path, *args: str, lang: str) -> subprocess.CompletedProcess:
    # nbgrader runs `alembic` (beside the venv's python) when it creates a gradebook
    path = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    env = dict(os.environ, MINICOURSE_LANG=lang, PYTHONPATH=str(REPO), PATH=path)
    env.pop("JPY_SESSION_NAME", None)
    return subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course, env=env,
                          capture_output=True, text=True, timeout=900)


def _what_went_wrong(done: subprocess.CompletedProcess) -> str:
    """nbgrader's own account of a failed command: each traceback and error line it logged
    (they come long before its closing "see the above traceback"), then the end of its log."""
    log = done.stdout + done.stderr
    lines = log.splitlines()
    picked = [i for i, line in enumerate(lines)
              if "Traceback" in line or "| ERROR]" in line or "Error:" in line]
    shown = []
    for i in picked[:20]:
        shown.extend(lines[max(0, i - 2):i + 25])
        shown.append("...")
    return "\n".join(shown) + "\n--- end of the log ---\n" + log[-2000:]


def cell_by_id(nb, grade_id: str):
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == grade_id:
            return cell
    raise KeyError(grade_id)


def copy(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    return nbformat.from_dict(json.loads(json.dumps(nb)))


def source_path(assignment: str, lang: str) -> Path:
    """The committed notebook, ``assignments/hw1/menu.en.ipynb`` (what ``minicourse release``
    copies)."""
    found = sorted((REPO / "assignments" / assignment).glob(f"*.{lang}.ipynb"))
    assert len(found) == 1, (assignment, lang, found)
    return found[0]


def params(assignment: str, languages=LANGUAGES) -> list:
    """Fixture/parametrize params, one per language, each its own xdist group."""
    return [pytest.param(lang, id=lang, marks=pytest.mark.xdist_group(f"{assignment}-{lang}"))
            for lang in languages]


def hands_in(assignment: str, submissions: dict[str, list[str]], build: Callable) -> None:
    """Register a homework test's submissions: ``submissions[lang]`` are the kinds graded in
    that language, ``build(release, source, kind, lang)`` makes one (release: the student
    version nbgrader generated; source: the teacher's notebook)."""
    _HANDED_IN.setdefault(assignment, []).append((submissions, build))


@dataclass
class Graded:
    assignment: str
    lang: str
    course: Path
    source: nbformat.NotebookNode       # the teacher's notebook nbgrader generated from
    release: nbformat.NotebookNode      # the student version
    #: kind -> grade_id -> (score, max_score, needs_manual_grade), from nbgrader's gradebook
    grades: dict[str, dict[str, tuple]] = field(default_factory=dict)
    autograded: dict[str, nbformat.NotebookNode] = field(default_factory=dict)

    def scores(self, kinds, points) -> dict[str, dict[str, float]]:
        return {kind: {name: g[0] for name, g in self.grades[kind].items() if name in points}
                for kind in kinds}

    def manual(self, kinds, manual) -> dict[str, dict[str, tuple]]:
        return {kind: {name: (g[2], g[1]) for name, g in self.grades[kind].items() if name in manual}
                for kind in kinds}


def graded(tmp_path_factory, assignment: str, lang: str) -> Graded:
    """The assignment generated and every registered submission graded (once per session)."""
    key = (assignment, lang)
    if key not in _GRADED:
        _GRADED[key] = _generate_and_grade(tmp_path_factory, assignment, lang)
    return _GRADED[key]


def code_stub(lang: str) -> str:
    """nbgrader's Python stub in the student version of ``lang``: a comment saying where to
    write ("# YOUR CODE HERE", "# 在这里写你的代码") above ``raise NotImplementedError()``."""
    from graders.release import stub_values

    return stub_values(lang)["code_stub"]["python"]


def stub_comment(lang: str) -> str:
    """The code stub's first line, the comment a student keeps ("# 在这里写你的代码")."""
    return code_stub(lang).split("\n")[0]


def answer_stub(lang: str) -> str:
    """nbgrader's stub of a written answer in ``lang`` ("YOUR ANSWER HERE", "在这里写你的答案")."""
    from graders.release import stub_values

    return stub_values(lang)["text_stub"]


def stub_pattern(lang: str) -> re.Pattern:
    """A code stub in a cell, at any indentation (group ``indent``)."""
    comment, line = code_stub(lang).split("\n")
    return re.compile(rf"^(?P<indent>[ \t]*){re.escape(comment)}\n(?P=indent){re.escape(line)}[ \t]*$",
                      re.MULTILINE)


def _stub_lines(lang: str) -> str:
    """The stubs ``minicourse release`` gives a class in ``lang`` (graders.release), so the
    student version here is the one students of that language get."""
    from graders.release import stub_values

    return "".join(f"c.ClearSolutions.{key} = {value!r}\n" for key, value in stub_values(lang).items())


def _generate_and_grade(tmp_path_factory, assignment, lang) -> Graded:
    name = source_path(assignment, lang).name.removesuffix(f".{lang}.ipynb")
    course = tmp_path_factory.mktemp(f"{assignment}-{lang}")
    (course / "nbgrader_config.py").write_text(textwrap.dedent(f"""
        c = get_config()
        c.CourseDirectory.root = {str(course)!r}
        c.CourseDirectory.course_id = "{assignment}test"
        c.CourseDirectory.db_url = "sqlite:///{(course / 'gradebook.db').as_posix()}"
        c.Execute.timeout = 120
        # kernels over Unix sockets in this course's folder, not TCP ports: a port jupyter_client
        # picked (and let go) can be taken by another test's socket before the kernel binds it,
        # and the kernel dies at start (jupyter/jupyter_client#487); two workers grade at once
        c.KernelManager.transport = "ipc"
        c.KernelManager.ip = {str(course / "kernel")!r}
    """) + _stub_lines(lang), encoding="utf-8")
    (course / "source" / assignment).mkdir(parents=True)
    shutil.copyfile(source_path(assignment, lang), course / "source" / assignment / f"{name}.ipynb")
    source = nbformat.read(source_path(assignment, lang), as_version=4)

    done = nbgrader(course, "generate_assignment", assignment, "--force", lang=lang)
    assert done.returncode == 0, done.stdout + done.stderr
    release = nbformat.read(course / "release" / assignment / f"{name}.ipynb", as_version=4)

    submissions = {}
    for kinds, build in _HANDED_IN.get(assignment, ()):
        for kind in kinds.get(lang, ()):
            assert kind not in submissions, f"{assignment}: two submissions named {kind}"
            submissions[kind] = build(release, source, kind, lang)
    for kind, nb in submissions.items():
        folder = course / "submitted" / kind / assignment
        folder.mkdir(parents=True)
        nbformat.write(nb, folder / f"{name}.ipynb")
    result = Graded(assignment, lang, course, source, release)
    if not submissions:
        return result
    done = nbgrader(course, "autograde", assignment, "--force", lang=lang)
    assert done.returncode == 0, _what_went_wrong(done)

    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{(course / 'gradebook.db').as_posix()}") as gb:
        for kind in submissions:
            nb = gb.find_submission_notebook(name, assignment, kind)
            result.grades[kind] = {g.name: (g.score, g.max_score, g.needs_manual_grade)
                                   for g in nb.grades}
    result.autograded = {
        kind: nbformat.read(course / "autograded" / kind / assignment / f"{name}.ipynb", as_version=4)
        for kind in submissions}
    return result
