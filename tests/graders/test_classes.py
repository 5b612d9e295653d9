"""`minicourse class`: classes are nbgrader courses with ASCII ids and display names in any script."""
import json

import pytest

from graders.school import School


def test_create_class_makes_an_nbgrader_course(cli, tmp_path):
    root = tmp_path / "school"
    code, out, err = cli("class", "add", "8c", "--name", "初二(3)班", "--class-lang", "zh-Hans", school=root)
    assert code == 0, err
    assert "Created class 8c (初二(3)班, zh-Hans)" in out
    folder = root / "classes" / "8c"
    assert json.loads((folder / "class.json").read_text())["name"] == "初二(3)班"
    assert (folder / "gradebook.db").exists()
    config = (folder / "nbgrader_config.py").read_text()
    assert "c.CourseDirectory.course_id = '8c'" in config
    assert "c.Exchange.path_includes_course = True" in config
    assert oct(folder.stat().st_mode & 0o777) == "0o700"
    code, out, err = cli("class", "list", school=root)
    assert "8c  初二(3)班  [zh-Hans]  0 students" in out


@pytest.mark.parametrize("bad", ["初二3班", "8 c", "a+b", "../x", "", "x.y"])
def test_class_id_must_be_plain_ascii(cli, tmp_path, bad):
    root = tmp_path / "school"
    code, out, err = cli("class", "add", bad, "--name", "初二(3)班", school=root)
    assert code == 2
    assert "cannot be a class id" in err
    assert not (root / "classes").exists() or list((root / "classes").iterdir()) == []


def test_class_twice_is_refused_and_nothing_changes(cli, school):
    before = (school.root / "classes" / "8c" / "class.json").read_bytes()
    code, out, err = cli("class", "add", "8c", "--name", "另一个班", school=school)
    assert code == 2
    assert "Class 8c already exists." in err
    assert (school.root / "classes" / "8c" / "class.json").read_bytes() == before


def test_unknown_language(cli, tmp_path):
    code, out, err = cli("class", "add", "8d", "--name", "x", "--class-lang", "klingon", school=tmp_path / "s")
    assert code == 2
    assert "Unknown language 'klingon'" in err


def test_unreachable_database_leaves_no_half_class(cli, tmp_path):
    root = tmp_path / "school"
    code, out, err = cli("class", "add", "8e", "--name", "x",
                         "--db-url", "postgresql+psycopg2://teacher:secret@127.0.0.1:1/nowhere", school=root)
    assert code == 2
    assert "Cannot open the gradebook of class 8e" in err
    assert "secret" not in err  # the password is never printed
    assert not (root / "classes" / "8e").exists()
