"""`minicourse demo`: a demo school, two classes, the whole week, and where the files are."""
import csv

import pytest

pytestmark = pytest.mark.slow


def test_demo_runs_the_whole_week(cli, tmp_path):
    folder = tmp_path / "demo-school"
    code, out, err = cli("demo", "--time-limit", 8, school=folder)
    assert code == 0, err
    assert "The week is done. Published files:" in out
    for class_id in ("8a", "s2c", "g8e"):
        pub = folder / "classes" / class_id / "published"
        assignment = next(pub.iterdir()).name
        for name in ("scores.xlsx", "scores.csv", "report.html"):
            assert (pub / assignment / name).exists()
            assert str(pub / assignment / name) in out
    assert (folder / "published" / assignment / "summary.html").exists()
    published = lambda class_id: folder / "classes" / class_id / "published" / assignment
    rows = {r["狀態"] for r in csv.DictReader(open(published("s2c") / "scores.csv", encoding="utf-8-sig"))}
    assert {"評分失敗", "未交", "需人手評分"} <= rows
    assert "S2C99 is not on the class roster" in out
    # each class's files wholly in its language: 繁體中文 for s2c, English for g8e (from Moodle)
    import re

    def words(path):
        text = path.read_text(encoding="utf-8-sig")
        text = re.sub(r"<style.*?</style>|<img[^>]*>|<[^>]+>", " ", text, flags=re.DOTALL)
        return text

    s2c = words(published("s2c") / "report.html") + words(published("s2c") / "scores.csv")
    for english in ("graded", "missing", "late", "Students", "min", "hr", "status", "students"):
        assert english not in s2c, english
    assert "需要關注的學生" in s2c and "遲交" in s2c
    for simplified in ("学生", "评分", "迟交"):
        assert simplified not in s2c.replace("学号", ""), simplified
    g8e = words(published("g8e") / "report.html") + words(published("g8e") / "scores.csv")
    assert re.findall(r"[\u4e00-\u9fff]", g8e) == []
    assert "Students who need attention" in g8e and "late" in g8e
    assert len(list(csv.DictReader(open(published("g8e") / "scores.csv", encoding="utf-8-sig")))) == 6
    # running it again rebuilds the demo school; a folder that is not a demo school is refused
    assert cli("demo", "--time-limit", 8, school=folder)[0] == 0
    other = tmp_path / "mine"
    other.mkdir()
    (other / "homework.txt").write_text("keep me")
    code, out, err = cli("demo", school=other)
    assert code == 2 and "is not a demo school" in err
    assert (other / "homework.txt").read_text() == "keep me"
