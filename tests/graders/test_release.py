"""`minicourse release`: class-language variant, nbgrader's generate_assignment, the exchange
with the course in its path, a due date in the gradebook."""
import datetime as dt
import shutil

import nbformat

from graders_helpers import ASSIGNMENTS, DUE


def test_release_generates_the_student_version_in_the_class_language(klass):
    source = klass.root / "source" / "ex1" / "ex1.ipynb"
    assert "练习 1" in source.read_text(encoding="utf-8")  # zh-Hans class, zh-Hans variant
    released = (klass.root / "release" / "ex1" / "ex1.ipynb").read_text(encoding="utf-8")
    assert "练习 1" in released
    assert "SECRET-HIDDEN-CHECK" not in released       # hidden tests removed
    assert "BEGIN SOLUTION" not in released and "word.lower()" not in released  # solutions removed
    assert "YOUR ANSWER HERE" in released
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
    assert "Exercise 1" in (school.root / "classes" / "8c" / "release" / "ex1" / "ex1.ipynb").read_text()


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
