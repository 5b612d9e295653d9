"""`minicourse release`: class-language variant, nbgrader's generate_assignment, the exchange
with the course in its path, a due date in the gradebook."""
import datetime as dt
import shutil
from pathlib import Path

import nbformat
import pytest

from graders_helpers import ASSIGNMENTS, DUE, REPO


def solution_cells(path) -> dict[str, list[str]]:
    """cell type -> the sources of the solution cells of a released notebook (its stubs)."""
    out = {"code": [], "markdown": []}
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.metadata.get("nbgrader", {}).get("solution"):
            out[cell.cell_type].append(cell.source)
    return out


def test_release_generates_the_student_version_in_the_class_language(klass):
    source = klass.root / "source" / "ex1" / "ex1.ipynb"
    assert "练习 1" in source.read_text(encoding="utf-8")  # zh-Hans class, zh-Hans variant
    released = (klass.root / "release" / "ex1" / "ex1.ipynb").read_text(encoding="utf-8")
    assert "练习 1" in released
    assert "SECRET-HIDDEN-CHECK" not in released       # hidden tests removed
    assert "BEGIN SOLUTION" not in released and "word.lower()" not in released  # solutions removed
    # nbgrader's stubs speak the class's language, and students still replace the raise line
    stubs = solution_cells(klass.root / "release" / "ex1" / "ex1.ipynb")
    assert stubs["markdown"] == ["在这里写你的答案"]
    assert stubs["code"] and all("# 在这里写你的代码\n    raise NotImplementedError()" in code
                                 for code in stubs["code"]), stubs
    assert "YOUR ANSWER HERE" not in released and "YOUR CODE HERE" not in released
    outbound = klass.school.exchange_root / "8c" / "outbound" / "ex1"
    assert (outbound / "ex1.ipynb").exists() and (outbound / "words.txt").exists()


def test_due_date_is_in_the_gradebook(klass):
    from graders.gradebook import open_gradebook

    with open_gradebook(klass) as gb:
        assert gb.find_assignment("ex1").duedate == DUE.replace(tzinfo=None)


def test_two_classes_share_an_assignment_name(cli, school, tmp_path):
    code, out, err = cli("class", "add", "s2c", "--name", "中二丙班", "--class-lang", "zh-Hant", school=school)
    assert code == 0, err
    code, out, err = cli("release", "s2c", "ex1", "--due", "2030-01-02 18:00", "--source", ASSIGNMENTS, school=school)
    assert code == 0, err
    assert "Released ex1 to s2c (中二丙班), due 2030-01-02 18:00 CST: ex1" in out
    other = school.get_class("s2c")
    assert "練習 1" in (other.root / "release" / "ex1" / "ex1.ipynb").read_text(encoding="utf-8")
    for class_id in ("8c", "s2c"):
        assert (school.exchange_root / class_id / "outbound" / "ex1" / "ex1.ipynb").exists()
    from graders.gradebook import open_gradebook

    with open_gradebook(other) as gb:  # its own gradebook, its own due date (Shanghai time -> UTC)
        assert gb.find_assignment("ex1").duedate == dt.datetime(2030, 1, 2, 10, 0)


def test_missing_language_variant_falls_back_with_a_note(cli, school, tmp_path):
    src = tmp_path / "assignments" / "ex1"
    shutil.copytree(ASSIGNMENTS / "ex1", src)
    (src / "ex1.zh-Hans.ipynb").unlink()
    code, out, err = cli("release", "8c", "ex1", "--due", "2030-01-05", "--source", src.parent, school=school)
    assert code == 0, err
    assert "Note: ex1 has no zh-Hans version; the en version was released." in err
    released = (school.root / "classes" / "8c" / "release" / "ex1" / "ex1.ipynb").read_text()
    assert "Exercise 1" in released
    # the English notebook gets nbgrader's English stubs, not the class's Chinese ones
    stubs = solution_cells(school.root / "classes" / "8c" / "release" / "ex1" / "ex1.ipynb")
    assert stubs["markdown"] == ["YOUR ANSWER HERE"]
    assert all("# YOUR CODE HERE\n    raise NotImplementedError()" in code for code in stubs["code"])
    assert "在这里" not in released


def test_unknown_assignment(cli, school):
    code, out, err = cli("release", "8c", "hw9", "--due", "2030-01-05", "--source", ASSIGNMENTS, school=school)
    assert code == 2
    assert "There is no assignment hw9" in err and "Assignments: ex1" in err


def test_bad_due_date(cli, school):
    code, out, err = cli("release", "8c", "ex1", "--due", "next friday", "--source", ASSIGNMENTS, school=school)
    assert code == 2
    assert "'next friday' is not a date and time" in err


def test_not_released_yet(cli, school):
    code, out, err = cli("collect", "8c", "hw2", school=school)
    assert code == 2
    assert "hw2 has not been released to class 8c" in err


# -- the course's homework as a Chinese class gets it ------------------------------------------
HOMEWORK = sorted(p.name for p in (REPO / "assignments").iterdir() if p.is_dir())
#: JupyterLab's language pack of each class language (jupyter/students/settings/<lang>)
LOCALES = {"zh-Hans": "zh_CN", "zh-Hant": "zh_TW"}


def lab_menu(locale: str) -> dict[str, str]:
    """What students' JupyterLab shows in ``locale``, from the installed language pack, looked
    up as JupyterLab does: main menu titles (the mainmenu schema's labels) with the "menu"
    context (jupyterlab_server.translation_utils), command labels without one."""
    import gettext
    import importlib

    pack = importlib.import_module(f"jupyterlab_language_pack_{locale}")
    trans = gettext.translation("jupyterlab", localedir=Path(pack.__file__).parent / "locale",
                                languages=[locale])
    return {"Run": trans.pgettext("menu", "Run"), "Kernel": trans.pgettext("menu", "Kernel"),
            "Run All Cells": trans.gettext("Run All Cells"),
            "Restart Kernel and Run All Cells…": trans.gettext("Restart Kernel and Run All Cells…")}


def test_the_course_locale_packs_translate_the_menu_items():
    # the tests below would pass vacuously if the packs gave back the English labels
    for locale in LOCALES.values():
        menu = lab_menu(locale)
        assert menu["Run All Cells"] != "Run All Cells", menu
        assert menu["Restart Kernel and Run All Cells…"] != "Restart Kernel and Run All Cells…", menu


@pytest.fixture(scope="module")
def chinese_releases(tmp_path_factory):
    """Every homework of the course released with `minicourse release` to a zh-Hans and a
    zh-Hant class: {(lang, assignment): [released notebook]}."""
    from graders.classes import create_class
    from graders.release import release
    from graders.school import School

    school = School.open(tmp_path_factory.mktemp("course") / "school", create=True)
    out = {}
    for lang, class_id in (("zh-Hans", "c1"), ("zh-Hant", "c2")):
        klass = create_class(school, class_id, class_id, lang)
        for assignment in HOMEWORK:
            release(klass, assignment, DUE, REPO / "assignments")
            out[lang, assignment] = [nbformat.read(p, as_version=4) for p in
                                     sorted((klass.root / "release" / assignment).glob("*.ipynb"))]
    return out


@pytest.mark.parametrize("lang", list(LOCALES))
def test_chinese_homework_names_the_menus_as_jupyterlab_shows_them(chinese_releases, lang):
    menu = lab_menu(LOCALES[lang])
    run_all = f"**{menu['Run']} → {menu['Run All Cells']}**"
    restart = f"**{menu['Kernel']} → {menu['Restart Kernel and Run All Cells…']}**"
    for assignment in HOMEWORK:
        for nb in chinese_releases[lang, assignment]:
            prose = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
            assert restart in prose, (assignment, restart)
            if assignment != "capstone":  # the capstone only asks for the restart
                assert run_all in prose, (assignment, run_all)
            text = "\n".join(c.source for c in nb.cells)
            for english in ("Run All Cells", "Restart Kernel and Run All", "Restart Kernel"):
                assert english not in text, (assignment, english)


@pytest.mark.parametrize("lang", list(LOCALES))
def test_chinese_homework_stubs_are_chinese(chinese_releases, lang):
    from graders.release import stub_values

    stubs = stub_values(lang)
    comment, raise_line = stubs["code_stub"]["python"].split("\n")
    assert raise_line == "raise NotImplementedError()" and "YOUR" not in comment
    for assignment in HOMEWORK:
        for nb in chinese_releases[lang, assignment]:
            text = "\n".join(c.source for c in nb.cells)
            assert "YOUR CODE HERE" not in text and "YOUR ANSWER HERE" not in text, assignment
            solutions = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution")]
            assert solutions, assignment
            for cell in solutions:
                if cell.cell_type == "markdown":
                    assert cell.source == stubs["text_stub"], (assignment, cell.source)
                else:
                    # each stub: the comment, then the line students replace, at one indent
                    lines = cell.source.split("\n")
                    found = [i for i, line in enumerate(lines) if line.strip() == comment]
                    assert found, (assignment, cell.source)
                    for i in found:
                        indent = lines[i][:len(lines[i]) - len(lines[i].lstrip())]
                        assert lines[i + 1] == indent + raise_line, (assignment, cell.source)


def test_a_teachers_own_stub_in_nbgrader_config_is_kept(cli, school, tmp_path):
    """A teacher who wrote their own ClearSolutions stub in the class's nbgrader_config.py
    keeps it (release, and the file minicourse rewrites); the other stub stays the class's."""
    code, out, err = cli("class", "add", "8s", "--name", "Stubs", "--class-lang", "zh-Hant", school=school)
    assert code == 0, err
    klass = school.get_class("8s")
    config = klass.root / "nbgrader_config.py"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("c = get_config()  # noqa\n", 'c = get_config()  # noqa\n'
                                   'c.ClearSolutions.text_stub = "請用一句話回答"\n', 1), encoding="utf-8")
    code, out, err = cli("release", "8s", "ex1", "--due", "2030-01-02 18:00", "--source", ASSIGNMENTS, school=school)
    assert code == 0, err
    stubs = solution_cells(klass.root / "release" / "ex1" / "ex1.ipynb")
    assert stubs["markdown"] == ["請用一句話回答"]
    assert all("# 在這裡寫你的程式碼\n    raise NotImplementedError()" in code for code in stubs["code"])
    rewritten = config.read_text(encoding="utf-8")
    assert 'c.ClearSolutions.text_stub = "請用一句話回答"' in rewritten
    assert "c.ClearSolutions.text_stub = '在這裡寫你的答案'" not in rewritten
