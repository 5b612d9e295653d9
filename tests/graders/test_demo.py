"""`minicourse demo`: a demo school, two classes, the whole week, and where the files are."""
import csv

import pytest

pytestmark = pytest.mark.slow


def test_demo_runs_the_whole_week(cli, tmp_path):
    folder = tmp_path / "demo-school"
    code, out, err = cli("demo", "--time-limit", 8, school=folder)
    assert code == 0, err
    assert "The week is done. Published files:" in out
    for class_id in ("8a", "s2c"):
        pub = folder / "classes" / class_id / "published"
        assignment = next(pub.iterdir()).name
        for name in ("scores.xlsx", "scores.csv", "report.html"):
            assert (pub / assignment / name).exists()
            assert str(pub / assignment / name) in out
    assert (folder / "published" / assignment / "summary.html").exists()
    rows = {r["status_code"] for r in csv.DictReader(open(folder / "classes" / "s2c" / "published" / assignment /
                                                          "scores.csv", encoding="utf-8-sig"))}
    assert {"failed_to_grade", "missing", "needs_manual_grading"} <= rows
    assert "S2C99 is not on the class roster" in out
    # running it again rebuilds the demo school; a folder that is not a demo school is refused
    assert cli("demo", "--time-limit", 8, school=folder)[0] == 0
    other = tmp_path / "mine"
    other.mkdir()
    (other / "homework.txt").write_text("keep me")
    code, out, err = cli("demo", school=other)
    assert code == 2 and "is not a demo school" in err
    assert (other / "homework.txt").read_text() == "keep me"
