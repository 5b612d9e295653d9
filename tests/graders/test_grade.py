"""`minicourse grade`: nbgrader semantics, one visible status per submission with a reason a
teacher understands, sandboxed parallel workers, re-runs grade only what is new."""
import datetime as dt
import json
import os

import nbformat
import pytest

from graders_helpers import BEFORE
from graders import fabricate
from graders.records import Records
from graders_helpers import copy_school, everything_graded, gradebook_dump

pytestmark = pytest.mark.slow

EXPECTED = {  # student: (status, {question: score}); None: not in the gradebook
    "S001": ("needs_manual_grading", {"test_add": 2, "test_vowels": 3, "test_hidden": 2}),
    "S002": ("needs_manual_grading", {"test_add": 2, "test_vowels": 2, "test_hidden": 0}),
    "S003": ("graded", {"test_add": 0, "test_vowels": 0, "test_hidden": 0, "explain": 0}),
    "S004": ("needs_manual_grading", {"test_add": 0, "test_vowels": 3, "test_hidden": 0}),
    "S005": ("failed_to_grade", None),
    "S006": ("failed_to_grade", None),
    "S007": ("failed_to_grade", None),
    "S008": ("needs_manual_grading", {"test_add": 2, "test_vowels": 3, "test_hidden": 2}),
    "S009": ("needs_manual_grading", {"test_add": 2, "test_vowels": 3, "test_hidden": 2}),
    "S010": ("needs_manual_grading", {"test_add": 2, "test_vowels": 3, "test_hidden": 2}),
}


def test_every_submission_ends_in_one_status_with_scores(graded_template, graded):
    _, out, err, code = graded_template
    school, klass = graded
    assert code == 1  # some failed to grade: the teacher must look
    assert "8c ex1: 1 graded, 6 need manual grading, 3 failed to grade, 0 unchanged since last time" in out
    records = Records.load(klass, "ex1")
    rows = gradebook_dump(klass)["rows"]
    for student, (status, scores) in EXPECTED.items():
        assert records.grading(student)["status"] == status, student
        if scores is None:
            assert student not in rows  # a failed submission never writes the gradebook
        else:
            got = {k: v["score"] for k, v in rows[student]["grades"].items() if k in scores}
            assert got == scores, student
    assert "S011" not in rows and records.grading("S011") is None


@pytest.mark.parametrize("student,message", [
    ("S005", "S005 张伟: failed to grade: infinite loop? stopped after 8 s"),
    ("S006", "S006 黃嘉欣: failed to grade: program crashed: Python stopped while running ex1.ipynb"),
    ("S007", "S007 王浩然: failed to grade: invalid notebook: ex1.ipynb is not a Jupyter notebook"),
])
def test_failures_are_reported_with_a_reason(graded_template, student, message):
    _, out, err, _ = graded_template
    assert message in err


def test_graded_lines(graded_template):
    _, out, _, _ = graded_template
    assert "S003 Emily Wong: graded, 0/9" in out
    assert "S002 陳大文: needs manual grading, 4/9" in out


def test_deleted_test_cells_are_restored(graded):
    school, klass = graded
    nb = nbformat.read(klass.root / "autograded" / "S008" / "ex1" / "ex1.ipynb", as_version=4)
    ids = [c.metadata.get("nbgrader", {}).get("grade_id") for c in nb.cells]
    assert {"test_add", "test_vowels", "test_hidden"} <= set(ids)


def test_each_student_kernel_runs_in_the_students_language(graded):
    school, klass = graded
    for student, lang in [("S001", "zh-Hans"), ("S002", "zh-Hant"), ("S003", "en")]:
        nb = nbformat.read(klass.root / "autograded" / student / "ex1" / "ex1.ipynb", as_version=4)
        setup = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "setup")
        text = "".join(o.get("text", "") for o in setup.outputs)
        assert f"language: {lang}" in text
        assert "mini_sdk importable: True" in text


def _probe(klass):
    nb = nbformat.read(klass.root / "autograded" / "S009" / "ex1" / "ex1.ipynb", as_version=4)
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            if o.get("text", "").startswith("PROBE "):
                return json.loads(o["text"][6:])
    raise AssertionError("no probe output")


def test_sandbox_gives_the_kernel_nothing_to_cheat_with(graded):
    school, klass = graded
    probe = _probe(klass)
    assert probe["nbgrader_env"] is None           # grading is not announced
    assert not [f for f in probe["cwd_files"] if f.endswith(".ipynb")]  # no notebook with hidden tests
    assert probe["cwd_files"] == ["words.txt"] or set(probe["cwd_files"]) <= {"words.txt", ".ipython"}
    assert "MINICOURSE_SCHOOL" not in probe["env_keys"] and "PWD" not in probe["env_keys"]
    assert probe["gradebook"] != "read" and probe["source"] != "read" and probe["school"] != "read"
    assert probe["internet"] != "connected"
    if os.geteuid() == 0:  # as root we can do more: another user, no network, folders hidden
        assert probe["uid"] != 0
        assert probe["interfaces"] == ["lo"]
        assert probe["fixture_source"] == "FileNotFoundError"  # the repository is covered...
        assert probe["repo_git"] == "FileNotFoundError"        # ...git history included


def test_memory_limit_stops_the_allocation_not_the_grading(graded):
    school, klass = graded
    nb = nbformat.read(klass.root / "autograded" / "S010" / "ex1" / "ex1.ipynb", as_version=4)
    errors = [o["ename"] for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert "MemoryError" in errors


def test_rerun_grades_nothing_and_loses_nothing(cli, graded):
    school, klass = graded
    before = gradebook_dump(klass)
    code, out, err = cli("grade", "8c", "ex1", school=school)
    assert "0 graded, 0 need manual grading, 0 failed to grade, 10 unchanged since last time" in out
    assert gradebook_dump(klass) == before


def test_new_submission_is_graded_alone_and_a_failed_one_keeps_the_old_score(cli, graded):
    school, klass = graded
    fabricate.write_inbound(klass, "S002", "ex1", {"ex1.ipynb": fabricate.make_notebook(klass, "ex1", "ex1", "correct")},
                            BEFORE + dt.timedelta(days=5))
    from graded_school import NOT_A_NOTEBOOK  # broken JSON is refused at collect; this gets to grade

    fabricate.write_inbound(klass, "S001", "ex1", {"ex1.ipynb": NOT_A_NOTEBOOK}, BEFORE + dt.timedelta(days=5))
    cli("collect", "8c", "ex1", school=school)
    code, out, err = cli("grade", "8c", "ex1", "--time-limit", 30, school=school)
    assert "0 graded, 1 needs manual grading, 1 failed to grade, 8 unchanged since last time" in out
    rows = gradebook_dump(klass)["rows"]
    assert rows["S002"]["grades"]["test_hidden"]["score"] == 2       # the new one counts
    assert rows["S001"]["grades"]["test_hidden"]["score"] == 2       # the old score is still there
    state = Records.load(klass, "ex1").grading("S001")
    assert state["status"] == "failed_to_grade"
    assert state["history"][-1]["status"] == "needs_manual_grading"  # and the history says so
    assert Records.load(klass, "ex1").count_for("S001") == 2


def test_manual_grade_survives_a_regrade(cli, graded):
    from graders.gradebook import open_gradebook

    school, klass = graded
    with open_gradebook(klass) as gb:  # what formgrader does when the teacher marks an answer
        g = gb.find_grade("explain", "ex1", "ex1", "S001")
        g.manual_score = 1.5
        g.needs_manual_grade = False
        gb.db.commit()
    code, out, err = cli("grade", "8c", "ex1", "--regrade", "--student", "S001", "--time-limit", 30, school=school)
    # the same work, re-graded: the teacher's mark stands, not flagged for review again
    assert "1 graded, 0 need manual grading" in out
    with open_gradebook(klass) as gb:
        g = gb.find_grade("explain", "ex1", "ex1", "S001")
        assert g.manual_score == 1.5 and not g.needs_manual_grade


def test_retry_failed(cli, graded):
    school, klass = graded
    code, out, err = cli("grade", "8c", "ex1", "--retry-failed", "--time-limit", 3, school=school)
    assert "3 failed to grade, 7 unchanged" in out
    assert "infinite loop? stopped after 3 s" in err


def test_bad_limits(cli, graded):
    school, klass = graded
    code, out, err = cli("grade", "8c", "ex1", "--memory-limit", 10, school=school)
    assert code == 2
    assert "--memory-limit at least 256" in err


def _outcomes(klass) -> dict:
    records = Records.load(klass, "ex1")
    rows = gradebook_dump(klass)["rows"]
    out = {}
    for student in EXPECTED:
        state = records.grading(student)
        out[student] = (state["status"], (state.get("reason") or {}).get("key"),
                        {k: v["score"] for k, v in rows.get(student, {}).get("grades", {}).items()})
    return out


def test_the_fork_server_changes_no_status_or_score(graded_template, graded, cli):
    """The same submissions graded with a fresh sandboxed Python each (no fork-server): every
    status, reason and score is the same as with the warm fork-server."""
    from graded_school import MEMORY_MB, TIME_LIMIT

    school, klass = graded
    forked = _outcomes(klass)
    code, out, err = cli("grade", "8c", "ex1", "--regrade", "--no-fork-server", "--time-limit", TIME_LIMIT,
                         "--memory-limit", MEMORY_MB, school=school.root)
    assert code == 1, err
    assert _outcomes(school.get_class("8c")) == forked


def test_grading_refuses_without_its_sandbox_and_blames_no_student(graded, cli, monkeypatch):
    import graders.sandbox

    school, klass = graded
    before = _outcomes(klass)
    monkeypatch.setattr(graders.sandbox, "find_bwrap", lambda: None)
    code, out, err = cli("grade", "8c", "ex1", "--regrade", school=school.root)
    assert code == 2
    assert "bubblewrap, which is not installed" in err and "apt-get install bubblewrap" in err
    assert "--no-sandbox" in err
    assert _outcomes(school.get_class("8c")) == before    # nobody's result touched
    code, out, err = cli("grade", "8c", "ex1", "--regrade", "--no-sandbox", "--time-limit", 8,
                         "--student", "S001", school=school.root)
    assert "S001 李文琪: needs manual grading, 7/9" in out, out + err


def test_a_gradebook_lock_taken_mid_run_is_waited_for(cli, graded):
    """Someone (formgrader saving, a backup) holds the gradebook's write lock for 8 s while a
    run is under way: the run waits and finishes, every submission graded."""
    import sqlite3
    import threading
    import time

    school, klass = graded
    db = klass.root / "gradebook.db"
    autograded = klass.root / "autograded"
    started = {p.stat().st_mtime for p in autograded.glob("*/ex1")}
    held = threading.Event()

    def lock():
        deadline = time.time() + 120
        while time.time() < deadline:  # wait for the run's first saved submission
            if {p.stat().st_mtime for p in autograded.glob("*/ex1")} != started:
                break
            time.sleep(0.05)
        con = sqlite3.connect(db, timeout=60, isolation_level=None)
        con.execute("BEGIN IMMEDIATE")  # the write lock
        held.set()
        time.sleep(8)
        con.execute("COMMIT")
        con.close()

    thread = threading.Thread(target=lock)
    thread.start()
    code, out, err = cli("grade", "8c", "ex1", "--regrade", "--student", "S001", "--student", "S003",
                         "--student", "S004", "--workers", 1, "--time-limit", 20, school=school)
    thread.join()
    assert held.is_set()
    assert "0 failed to grade" in out, out + err
    assert "S003 Emily Wong: graded, 0/9" in out and "S001 李文琪" in out and "S004" in out


def test_nbgraders_preprocessors_and_the_direct_steps_grade_alike(template_school, tmp_path, cli):
    """A class on nbgrader's defaults is graded without nbgrader's preprocessors (the same
    rules computed directly, the rows written in one transaction); a class whose
    nbgrader_config.py has a setting of the teacher's goes through nbgrader's own. The same
    submissions, graded fresh with a late policy and an extension, then again after a
    teacher's mark in formgrader (--regrade): every row, file and outcome is the same."""
    from graded_school import MEMORY_MB, TIME_LIMIT, hand_in
    from graders.gradebook import open_gradebook
    from graders.grade import nbgrader_settings_of_teacher

    results = {}
    for way in ("direct", "nbgrader"):
        school = copy_school(template_school, tmp_path / way)
        klass = school.get_class("8c")
        if way == "nbgrader":   # nbgrader's own default value, written by the teacher
            config = klass.root / "nbgrader_config.py"
            config.write_text(config.read_text(encoding="utf-8") + "\nc.LimitOutput.max_lines = 1000\n",
                              encoding="utf-8")
        assert nbgrader_settings_of_teacher(klass) == (way == "nbgrader")
        upload = hand_in(klass)
        assert cli("collect", "8c", "ex1", school=school)[0] == 0
        assert cli("collect", "8c", "ex1", "--from", upload, school=school)[0] == 0
        # a longer limit than the shared class's: on a loaded machine (the suite on every core)
        # an honest submission must not run out of time in one of the two runs
        code, out, err = cli("grade", "8c", "ex1", "--late-policy", "per-hour:1", "--extend", "S002=1h",
                             "--time-limit", 3 * TIME_LIMIT, "--memory-limit", MEMORY_MB, school=school)
        assert code == 1 and "3 failed to grade" in out, out + err
        fresh = everything_graded(klass, _outcomes(klass))
        with open_gradebook(klass) as gb:   # the teacher marks S001's answer in formgrader
            g = gb.find_grade("explain", "ex1", "ex1", "S001")
            g.manual_score, g.needs_manual_grade = 1.5, False
            gb.db.commit()
        code, out, err = cli("grade", "8c", "ex1", "--regrade", "--student", "S001", "--student", "S002",
                             "--student", "S008", "--time-limit", 3 * TIME_LIMIT, school=school)
        assert code == 0, out + err
        results[way] = (fresh, everything_graded(klass, _outcomes(klass)))
    direct, nbgrader = results["direct"], results["nbgrader"]
    penalties = {row[0]: row[2] for row in direct[0]["rows"]["notebooks"]}
    assert penalties["S002"] == 1.0 and penalties["S001"] is None   # 2 h late, 1 h extension: 1 point
    assert direct[0]["outcomes"]["S008"][0] == "needs_manual_grading"      # deleted tests came back
    for step in (0, 1):
        assert direct[step]["rows"] == nbgrader[step]["rows"]
        assert direct[step]["outcomes"] == nbgrader[step]["outcomes"]
        assert direct[step]["files"].keys() == nbgrader[step]["files"].keys()
        for name, content in direct[step]["files"].items():
            if content != nbgrader[step]["files"][name]:
                import difflib
                diff = difflib.unified_diff(nbgrader[step]["files"][name].decode().splitlines(),
                                            content.decode().splitlines(), "nbgrader", "direct", lineterm="")
                raise AssertionError(f"{name}:\n" + "\n".join(list(diff)[:60]))


def test_a_class_on_nbgraders_defaults_is_graded_without_importing_nbgrader(graded):
    """nbgrader takes seconds to import; a class that sets nothing of its own does not need it."""
    import subprocess
    import sys

    from graded_school import TIME_LIMIT

    school, klass = graded
    program = ("import sys\nfrom graders.cli import main\n"
               f"code = main(['--school', {str(school.root)!r}, '--lang', 'en', 'grade', '8c', 'ex1', "
               f"'--regrade', '--student', 'S001', '--time-limit', '{TIME_LIMIT}'])\n"
               "print('nbgrader imported:', 'nbgrader' in sys.modules, 'exit', code)\n")
    run = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=300)
    assert "S001 李文琪: needs manual grading, 7/9" in run.stdout, run.stdout + run.stderr
    assert "nbgrader imported: False exit 0" in run.stdout, run.stdout + run.stderr
