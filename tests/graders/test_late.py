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
