"""Late work through the real CLI: the teacher's own late settings in nbgrader_config.py are
honoured by nbgrader's AssignLatePenalties, --late-policy and --extend work, and --regrade keeps
what the teacher marked in formgrader. S002 handed ex1 in 2 hours late (4 of 9 points)."""
import csv

import pytest

from graders_helpers import gradebook_dump

pytestmark = pytest.mark.slow


def s002(klass):
    row = gradebook_dump(klass)["rows"]["S002"]
    return row["score"], row["late_penalty"]


def published_total(klass, sid):
    with open(klass.root / "published" / "ex1" / "scores.csv", encoding="utf-8-sig", newline="") as fh:
        return {r["学号"]: r for r in csv.DictReader(fh)}[sid]


def test_the_teachers_nbgrader_config_late_setting_is_honoured(cli, graded):
    school, klass = graded
    config = klass.root / "nbgrader_config.py"
    config.write_text(config.read_text() + 'c.LateSubmissionPlugin.penalty_method = "zero"\n')
    code, out, err = cli("grade", "8c", "ex1", "--regrade", "--student", "S002", "--time-limit", 20, school=school)
    assert "S002" in out + err
    assert s002(klass) == (0.0, 4.0)  # nbgrader's 'zero': the whole score
    assert 'c.LateSubmissionPlugin.penalty_method = "zero"' in config.read_text()  # kept on rewrite
    cli("publish", "8c", "ex1", "--no-release", school=school)
    assert published_total(klass, "S002")["总分"] == "0"


def test_late_policy_and_an_extension(cli, graded):
    school, klass = graded
    code, out, err = cli("grade", "8c", "ex1", "--regrade", "--student", "S002", "--late-policy", "per-hour:1",
                         "--time-limit", 20, school=school)
    assert s002(klass) == (2.0, 2.0)  # 2 started hours, a point each
    assert "graders.late_plugins.PerHourPenalty" in (klass.root / "nbgrader_config.py").read_text()
    code, out, err = cli("grade", "8c", "ex1", "--regrade", "--student", "S002", "--extend", "S002=3h",
                         "--time-limit", 20, school=school)
    assert s002(klass) == (4.0, 0.0)  # within the extension: not late, no penalty
    cli("publish", "8c", "ex1", "--no-release", school=school)
    row = published_total(klass, "S002")
    assert row["迟交"] == "" and "迟交" not in row["状态"]
    code, out, err = cli("grade", "8c", "ex1", "--late-policy", "half", school=school)
    assert code == 2 and "Unknown late policy 'half'" in err
    code, out, err = cli("grade", "8c", "ex1", "--extend", "S999=1d", school=school, lang="zh-Hant")
    assert code == 2 and "S999 不在 8c 的名冊上" in err
    code, out, err = cli("grade", "8c", "ex1", "--extend", "S002=soon", school=school)
    assert code == 2 and "write it as STUDENT=TIME" in err


def test_regrade_keeps_what_the_teacher_marked(cli, graded):
    from graders.gradebook import open_gradebook

    school, klass = graded
    with open_gradebook(klass) as gb:  # formgrader's write
        g = gb.find_grade("explain", "ex1", "ex1", "S001")
        g.manual_score = 2
        g.needs_manual_grade = False
        gb.db.commit()
    code, out, err = cli("grade", "8c", "ex1", "--regrade", "--student", "S001", "--time-limit", 20, school=school)
    assert "S001 李文琪: graded, 9/9" in out
    row = gradebook_dump(klass)["rows"]["S001"]
    assert row["grades"]["explain"]["score"] == 2 and not row["grades"]["explain"]["needs_manual"]
    cli("publish", "8c", "ex1", "--no-release", school=school)
    assert published_total(klass, "S001")["explain (2)"] == "2"


LATE_LINES = {  # S002 has a day's extension, S003 none: both handed in 5 hours after the due date
    "en": ("S002 陳大文: ex1.ipynb at 2026-01-02 01:00\n", "S003 Emily Wong: ex1.ipynb at 2026-01-02 01:00 (late by 5 hr)"),
    "zh-Hans": ("S002 陳大文：ex1.ipynb，2026-01-02 01:00\n", "S003 Emily Wong：ex1.ipynb，2026-01-02 01:00（迟交 5小时）"),
    "zh-Hant": ("S002 陳大文：ex1.ipynb，2026-01-02 01:00\n", "S003 Emily Wong：ex1.ipynb，2026-01-02 01:00（遲交 5 小時）"),
}


@pytest.mark.parametrize("lang", ["zh-Hans", "zh-Hant", "en"])
def test_collect_counts_lateness_after_the_extension_as_grade_does(klass, lang):
    """collect's "late" and the grade's late policy are one answer (graders.late.late_seconds,
    the due date plus the student's extension, as nbgrader's gradebook counts it)."""
    import datetime as dt

    from graders import fabricate, late
    from graders.records import Records
    from graders_helpers import DUE, minicourse

    nb = fabricate.make_notebook(klass, "ex1", "ex1", "correct")
    for sid in ("S002", "S003"):
        fabricate.write_inbound(klass, sid, "ex1", {"ex1.ipynb": nb}, DUE + dt.timedelta(hours=5))
    code, out, err = minicourse(klass.school.root, "collect", "8c", "ex1", "--extend", "S002=1d", lang=lang)
    on_time, five_hours = LATE_LINES[lang]
    assert on_time in out and five_hours in out
    newest = Records.load(klass, "ex1").newest()
    assert newest["S002"]["late_seconds"] == 0 and newest["S003"]["late_seconds"] == 5 * 3600
    if lang != "en":
        return
    # an extension given later, at grade, counts for collect's records' readers as for nbgrader
    minicourse(klass.school.root, "grade", "8c", "ex1", "--student", "S002", "--student", "S003",
               "--late-policy", "per-hour:1", "--extend", "S003=2h", "--time-limit", 20)
    rows = gradebook_dump(klass)["rows"]
    for sid, hours in (("S002", 0), ("S003", 3)):
        entry = Records.load(klass, "ex1").newest()[sid]
        assert late.late_seconds(klass, "ex1", entry) == rows[sid]["seconds_late"] == hours * 3600
    assert rows["S002"]["late_penalty"] == 0 and rows["S003"]["late_penalty"] == 3
    minicourse(klass.school.root, "feedback", "8c", "ex1")
    pages = klass.root / "published" / "ex1" / "feedback"
    assert "Handed in after the due date (late by 3 hr)." in (pages / "S003.html").read_text(encoding="utf-8")
    assert "在截止時間之後提交" not in (pages / "S002.html").read_text(encoding="utf-8")   # 繁體 roster
