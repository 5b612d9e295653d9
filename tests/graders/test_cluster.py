"""`minicourse grade --cluster`: the same sandboxed grading on a Dask cluster, the gradebook
written by the teacher's process only, every result identical to a run on this machine."""
import datetime as dt
import shutil

import pytest

from graders_helpers import ASSIGNMENTS, BEFORE, DUE, everything_graded

pytestmark = pytest.mark.slow

KINDS = ["correct", "partly_wrong", "blank", "exception", "deleted_test"]


def _class_of_twenty(root):
    from graders import fabricate
    from graders.classes import create_class
    from graders.collect import collect
    from graders.release import release, source_variants
    from graders.roster import import_roster
    from graders.school import School

    school = School.open(root, create=True)
    klass = create_class(school, "c20", "Cluster 班", "en")
    roster = root.parent / "roster.csv"
    roster.write_text("student number,name\n" + "".join(f"C{i:02d},Student {i:02d}\n" for i in range(1, 21)),
                      encoding="utf-8")
    import_roster(klass, roster)
    release(klass, "ex1", DUE, ASSIGNMENTS)
    notebooks = sorted(source_variants(ASSIGNMENTS / "ex1"))
    for i in range(1, 21):
        files = fabricate.submission_files(klass, "ex1", KINDS[(i - 1) % len(KINDS)], notebooks)
        when = DUE + dt.timedelta(hours=3) if i == 7 else BEFORE + dt.timedelta(minutes=i)
        fabricate.write_inbound(klass, f"C{i:02d}", "ex1", files, when)
    collect(klass, "ex1")
    return school


def _outcomes(klass) -> dict:
    from graders.records import Records

    records = Records.load(klass, "ex1")
    return {s: (records.grading(s)["status"], records.grading(s).get("score"), records.grading(s).get("reason"))
            for s in (f"C{i:02d}" for i in range(1, 21))}


def test_a_local_cluster_grades_twenty_submissions_exactly_as_this_machine(tmp_path, cli):
    from graders.school import School

    here = _class_of_twenty(tmp_path / "here" / "school")
    there = tmp_path / "cluster" / "school"
    shutil.copytree(here.root, there, symlinks=True)
    config = there / "classes" / "c20" / "nbgrader_config.py"
    config.write_text(config.read_text(encoding="utf-8").replace(str(here.root), str(there)), encoding="utf-8")
    there = School.open(there)
    code, out, err = cli("grade", "c20", "ex1", "--late-policy", "percent-per-day:10", "--time-limit", 20,
                         school=here)
    assert code == 0 and "20 graded" not in out and "0 failed to grade" in out, out + err
    code, out_cluster, err = cli("grade", "c20", "ex1", "--late-policy", "percent-per-day:10", "--time-limit", 20,
                                 "--cluster", "local:2", school=there)
    assert code == 0, out_cluster + err
    assert out_cluster.splitlines()[0].split("(")[0] == out.splitlines()[0].split("(")[0]
    local = everything_graded(here.get_class("c20"), _outcomes(here.get_class("c20")))
    cluster = everything_graded(there.get_class("c20"), _outcomes(there.get_class("c20")))
    assert local["rows"] == cluster["rows"]
    assert local["outcomes"] == cluster["outcomes"]
    assert local["files"] == cluster["files"]
    penalties = {row[0]: row[2] for row in local["rows"]["notebooks"]}
    assert penalties["C07"] is not None and penalties["C07"] > 0   # 3 h late: 10 % of its score


def test_a_cluster_address_that_is_not_one_is_refused_before_anything_is_graded(tmp_path, cli):
    from graders.records import Records

    school = _class_of_twenty(tmp_path / "school")
    for address, words in (("localhost:8786", "tcp://HOST:PORT"), ("local:0", "local:N"),
                           ("tcp://127.0.0.1:9", "Cannot reach the Dask scheduler at tcp://127.0.0.1:9")):
        code, out, err = cli("grade", "c20", "ex1", "--cluster", address, school=school)
        assert code == 2 and words in err, err
    assert Records.load(school.get_class("c20"), "ex1").grading("C01") is None   # nothing graded, nothing lost
