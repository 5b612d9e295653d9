"""Red team: cheating and hostile submissions of homework 1, graded through the real CLI
beside honest ones, as a teacher would (collect, grade, feedback).

Every attack starts from a blank (or partly right) notebook and adds what a cheating student
would. For each one we check: no undeserved points; nothing of the hidden tests or of a
classmate in what the student sees (their feedback page); no other student's result changed
(the honest controls get exactly what they get when graded alone); nothing left running or
written outside the job.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import nbformat
import pytest

from graders_helpers import REPO

pytestmark = pytest.mark.slow

MARK = "REDTEAM-9f3c"            # in every attack's processes and files, to find leftovers
HIDDEN_BITS = ["Test soda", "Test juice", "(2, 2, 1)", "[0, 2, 2, 3, 1, 3]", "(0, 0, 2)",
               "BEGIN HIDDEN", "other = [", "expected += "]
TIME_LIMIT = 30
CELL_TIME_LIMIT = 5

# name -> (starting point, code of the cell the cheater adds before the tests)
ATTACKS: dict[str, tuple[str, str]] = {
    # -- rebinding what tests use -----------------------------------------------------------
    "rebind_launch": ("blank", """
        import mini_sdk.testing as t
        class Fake:
            def __getattr__(self, name): return self
            def __call__(self, *a, **k): return self
            def __enter__(self): return self
            def __exit__(self, *a): return True
            def __iter__(self): return iter([self] * 4)
            def __len__(self): return 4
            def __eq__(self, other): return True
            def __contains__(self, x): return True
            text = "Bubble tea Lemon tea Mango Cocoa 12 10 15 8 0"
        t.launch = lambda *a, **k: Fake()
        launch = t.launch
        """),
    "rebind_helpers": ("blank", """
        import mini_sdk.selfcheck as s
        numbers_in = lambda text: list(range(1000)); number_in = lambda text: 0
        s.numbers_in = numbers_in; s.number_in = number_in
        tr = lambda *a, **k: ""
        """),
    "rebind_constants": ("blank", """
        DRINKS = []
        len = lambda x: 0
        """),
    "rebind_by_timer": ("blank", """
        import threading, mini_sdk.testing as t
        def later():
            import time
            while True:
                t.launch = lambda *a, **k: None
                globals()["launch"] = t.launch
                time.sleep(0.001)
        threading.Thread(target=later, daemon=True).start()
        """),
    "gc_code_swap": ("blank", """
        import gc, types
        def yes(*a, **k): return True
        for obj in gc.get_objects():
            if isinstance(obj, types.FunctionType) and getattr(obj, "__module__", "") and \\
                    obj.__module__.startswith(("mini_sdk", "builtins")):
                try:
                    obj.__code__ = yes.__code__
                except Exception:
                    pass
        """),
    "input_transformer": ("blank", """
        ip = get_ipython()
        ip.input_transformers_post.append(lambda lines: ["pass\\n"])
        ip.input_transformers_cleanup.append(lambda lines: ["pass\\n"])
        """),
    "ast_transformer": ("blank", """
        import ast
        class Nothing(ast.NodeTransformer):
            def visit_Module(self, node):
                return ast.Module(body=[ast.Pass()], type_ignores=[])
        get_ipython().ast_transformers.append(Nothing())
        """),
    "post_run_cell_hook": ("blank", """
        def clear(result):
            result.error_in_exec = None
            result.error_before_exec = None
        get_ipython().events.register("post_run_cell", clear)
        get_ipython().events.register("pre_run_cell", lambda info: None)
        """),
    "publish_results": ("blank", """
        from IPython.display import display
        def always(result):
            display(2); print(2)
            get_ipython().display_pub.publish({"text/plain": "3"})
        get_ipython().events.register("post_run_cell", always)
        """),
    "patch_session_send": ("blank", """
        try:
            from jupyter_client.session import Session
            Session.send = lambda self, *a, **k: None
        except Exception:
            pass
        import sys
        sys.displayhook = lambda v: None
        """),
    "forge_frames": ("blank", """
        import json, os, struct, threading
        def frame(msg):
            data = json.dumps(msg).encode()
            return struct.pack(">I", len(data)) + data
        fake = frame({"ok": {"v": None}}) + frame({"test_over": True, "reason": "ended"})
        def flood():
            for _ in range(2000):
                for fd in range(3, 40):
                    try:
                        os.write(fd, fake)
                    except OSError:
                        pass
        flood()
        threading.Thread(target=flood, daemon=True).start()
        """),
    "read_channel": ("blank", """
        import os, threading
        def steal():
            while True:
                for fd in range(3, 40):
                    try:
                        os.read(fd, 65536)
                    except OSError:
                        pass
        threading.Thread(target=steal, daemon=True).start()
        """),
    "liar_objects": ("blank", """
        class Liar(str):
            def __eq__(self, other): return True
            def __contains__(self, x): return True
            def __hash__(self): return 0
        import mini_sdk.testing as t
        t.Element.text = property(lambda self: Liar("12 10 15 8 0"))
        t.PageView.data = property(lambda self: {"total": Liar("0")})
        """),
    "detect_grading": ("blank", """
        import os, socket
        graded = os.getuid() != 0 or not os.path.exists("/etc/shadow") or os.environ.get("HOME") != os.path.expanduser("~root")
        try:
            socket.create_connection(("1.1.1.1", 53), timeout=1)
        except OSError:
            graded = True
        if graded:
            print("grading detected: behaving")
        """),
    # -- leaking the hidden tests or a classmate --------------------------------------------
    "leak_by_exception": ("blank", """
        import linecache, sys, inspect
        from mini_sdk import Page
        class Leak(Page):
            template = '<view class="drink" wx:for="{{drinks}}"><button class="add" bindtap="add">+</button></view><view id="total">0</view><button id="clear" bindtap="add">c</button>'
            data = {"drinks": [{"name": "x"}] * 4}
            def add(self, event):
                frames = [repr(f.frame.f_locals)[:3000] for f in inspect.stack()]
                text = repr(In) + repr(list(linecache.cache)) + "".join(frames)
                raise type("Leaked_" + str(abs(hash(text))), (Exception,), {})(text)
        from mini_sdk import MiniProgram
        program = MiniProgram(pages={"pages/menu/menu": Leak})
        """),
    "leak_through_screen": ("blank", """
        from mini_sdk import Page, MiniProgram
        import inspect
        class Echo(Page):
            template = '<view class="drink" wx:for="{{drinks}}"><text class="count">{{said}}</text><button class="add" bindtap="add">+</button></view><view id="total">{{said}}</view><button id="clear" bindtap="add">c</button>'
            data = {"drinks": [{"name": "x"}] * 4, "said": ""}
            def add(self, event):
                seen = repr([f.frame.f_locals.get("request") for f in inspect.stack()])
                self.set_data({"said": seen[:5000]})
        program = MiniProgram(pages={"pages/menu/menu": Echo})
        """),
    "solution_after_tests": ("correct", "MOVE_SOLUTION_AFTER_TESTS"),
    "find_classmates": ("blank", """
        import os, glob
        found = []
        for pattern in ["/proc/*/cwd", "/proc/*/cmdline", "/jobs/*", "/tmp/*", "/home/*", "/root/*", "/*/*.ipynb"]:
            found += glob.glob(pattern)
        for path in glob.glob("/jobs/*"):
            try:
                os.makedirs(path + "/.ipython/profile_default/startup", exist_ok=True)
                open(path + "/.ipython/profile_default/startup/00-x.py", "w").write("raise SystemExit")
            except OSError:
                pass
        print("classmates:", found)
        """),
    "write_exchange": ("blank", """
        import os, glob
        for root in ["EXCHANGE", "SCHOOL"]:
            for dirpath in glob.glob(root + "/**/", recursive=True):
                try:
                    os.makedirs(dirpath + "S2+hw1+2029-01-01 00:00:00.000000 UTC+REDTEAM-9f3c", exist_ok=True)
                except OSError:
                    pass
        """),
    "read_secrets": ("blank", """
        secrets = []
        for path in ["SOURCE_MD", "SCHOOL/school.json", "GRADEBOOK", "/etc/shadow", "REPO_GIT", "UPLOADS"]:
            try:
                secrets.append(open(path, "rb").read(200))
            except OSError as exc:
                secrets.append(type(exc).__name__)
        print(secrets)
        """),
    # -- harming the machine -----------------------------------------------------------------
    "double_fork_daemon": ("blank", """
        import os, subprocess, sys, time
        subprocess.Popen([sys.executable, "-c",
                          "import time, os\\nwhile True:\\n    open('/tmp/REDTEAM-9f3c-daemon', 'a').write('x')\\n    time.sleep(0.2)",
                          "REDTEAM-9f3c"], start_new_session=True)
        if os.fork() == 0:
            os.setsid()
            if os.fork() == 0:
                while True:
                    time.sleep(0.2)
            os._exit(0)
        """),
    "memory_by_children": ("blank", """
        import os, time
        for _ in range(6):
            if os.fork() == 0:
                block = b"x" * (700 * 1024 * 1024)   # every page written, at C speed
                time.sleep(60)
                os._exit(0)
        time.sleep(60)
        """),
    "fork_bomb": ("blank", """
        import os
        children = 0
        try:
            while True:
                if os.fork() == 0:
                    import time
                    time.sleep(60)
                    os._exit(0)
                children += 1
        except OSError:
            print("stopped at", children)
        """),
    "host_sockets": ("blank", """
        import socket, glob
        reached = []
        for path in glob.glob("/run/**/*.sock", recursive=True) + glob.glob("/tmp/**", recursive=True) + ["HOST_SOCKET"]:
            try:
                s = socket.socket(socket.AF_UNIX); s.settimeout(1); s.connect(path); reached.append(path)
            except OSError:
                pass
        for name in ["\\0/tmp/.X11-unix/X0", "\\0REDTEAM-9f3c"]:
            try:
                s = socket.socket(socket.AF_UNIX); s.connect(name); reached.append(name)
            except OSError:
                pass
        try:
            socket.create_connection(("127.0.0.1", 22), timeout=1); reached.append("tcp")
        except OSError:
            pass
        print("reached", reached)
        """),
    "write_everywhere": ("blank", """
        import os
        for folder in ["/tmp", "/dev/shm", "/home", "/", "/opt/minicourse/site", "/usr", "SCHOOL", "EXCHANGE"]:
            try:
                open(os.path.join(folder, "REDTEAM-9f3c-file"), "w").write("x")
            except OSError:
                pass
        """),
    "exit_in_cell": ("blank", "import os\nos._exit(0)"),
    "endless_loop": ("blank", "while True:\n    pass"),
    "endless_handler": ("blank", """
        from mini_sdk import Page, MiniProgram
        class Stuck(Page):
            template = '<view class="drink" wx:for="{{drinks}}"><text class="count">0</text><button class="add" bindtap="add">+</button></view><view id="total">0</view><button id="clear" bindtap="add">c</button>'
            data = {"drinks": [{"name": "x"}] * 4}
            def add(self, event):
                while True:
                    pass
        program = MiniProgram(pages={"pages/menu/menu": Stuck})
        """),
    "systemexit_and_interrupt": ("blank", "import sys\ntry:\n    raise KeyboardInterrupt\nfinally:\n    sys.exit(3)"),
    "fake_grade_cell": ("blank", "FAKE_GRADE_CELL"),
    "edit_teacher_cell": ("blank", "EDIT_SETUP_CELL"),
    "huge_output": ("blank", "print('x' * 50_000_000)"),
}
HONEST = {"honest_correct": "correct", "honest_partly": "partly_wrong", "honest_blank": "blank",
          "honest_pasted_test_twice": "correct"}


def _cell(source: str) -> dict:
    return nbformat.v4.new_code_cell(source)


def _build(klass, name: str, start: str, code: str, paths: dict) -> bytes:
    from graders import fabricate

    nb = nbformat.reads(fabricate.make_notebook(klass, "hw1", "menu", start).decode(), as_version=4)
    tests = [i for i, c in enumerate(nb.cells) if c.get("metadata", {}).get("nbgrader", {}).get("grade")
             and not c.metadata["nbgrader"].get("solution") and c.cell_type == "code"]
    first_test = tests[0]
    if code == "MOVE_SOLUTION_AFTER_TESTS":
        solution = next(c for c in nb.cells if c.get("metadata", {}).get("nbgrader", {}).get("solution")
                        and c.cell_type == "code")
        nb.cells.remove(solution)
        nb.cells.append(solution)
    elif code == "FAKE_GRADE_CELL":
        fake = _cell("pass")
        fake.metadata["nbgrader"] = {"grade": True, "solution": False, "locked": True, "points": 50,
                                     "grade_id": "bonus_points", "schema_version": 3}
        nb.cells.insert(first_test, fake)
        twin = _cell("pass")
        twin.metadata["nbgrader"] = dict(nb.cells[first_test + 1].metadata["nbgrader"])
        nb.cells.insert(first_test, twin)
    elif code == "EDIT_SETUP_CELL":
        setup = next(c for c in nb.cells if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") == "setup")
        setup.source = setup.source.split("DRINKS")[0] + "DRINKS = []\n"
    else:
        for key, value in paths.items():
            code = code.replace(key, value)
        nb.cells.insert(first_test, _cell(textwrap.dedent(code)))
    if name == "honest_pasted_test_twice":
        copy = nbformat.from_dict(json.loads(json.dumps(nb.cells[tests[1]])))
        copy.id = "pasted"
        nb.cells.insert(tests[1] + 1, copy)
    return nbformat.writes(nb).encode()


@pytest.fixture(scope="module")
def red_team(tmp_path_factory):
    import socket

    from graders import fabricate
    from graders.classes import create_class
    from graders.cli import main
    from graders.release import release
    from graders.roster import import_roster
    from graders.school import School

    root = tmp_path_factory.mktemp("redteam") / "school"
    school = School.open(root, create=True)
    klass = create_class(school, "9r", "Red team", "en")
    students = list(ATTACKS) + list(HONEST)
    ids = {name: f"R{i:03d}" for i, name in enumerate(students, start=1)}
    roster = root.parent / "roster.csv"
    roster.write_text("student number,name,language\n" + "".join(
        f"{sid},{name},en\n" for name, sid in ids.items()), encoding="utf-8")
    import_roster(klass, roster)
    due = dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=1)
    release(klass, "hw1", due, REPO / "assignments")
    host_socket = root.parent / "host.sock"
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(host_socket))
    listener.listen()
    uploads = root.parent / "uploads"
    uploads.mkdir()
    (uploads / "classmate.ipynb").write_text("CLASSMATE-SECRET-CODE")
    paths = {"EXCHANGE": str(school.exchange_root), "SCHOOL": str(root),
             "SOURCE_MD": str(REPO / "assignments" / "hw1.source.md"),
             "GRADEBOOK": str(klass.root / "gradebook.db"), "REPO_GIT": str(REPO / ".git" / "HEAD"),
             "UPLOADS": str(uploads / "classmate.ipynb"), "HOST_SOCKET": str(host_socket)}
    when = dt.datetime.now(dt.timezone.utc) - dt.timedelta(hours=1)   # handed in, on time
    for name in students:
        start, code = ATTACKS.get(name, (HONEST.get(name), ""))
        data = _build(klass, name, start, code, paths) if name in ATTACKS or name == "honest_pasted_test_twice" \
            else fabricate.make_notebook(klass, "hw1", "menu", start)
        fabricate.write_inbound(klass, ids[name], "hw1", {"menu.ipynb": data}, when)
    before_inbound = sorted(p.name for p in (school.exchange_root / "9r" / "inbound").iterdir())

    def cli(*args):
        return main(["--school", str(root), "--lang", "en", *args])

    assert cli("collect", "9r", "hw1") == 0
    cli("grade", "9r", "hw1", "--time-limit", str(TIME_LIMIT), "--cell-time-limit", str(CELL_TIME_LIMIT),
        "--workers", "2")
    cli("feedback", "9r", "hw1")
    listener.close()
    from graders.records import Records

    records = Records.load(school.get_class("9r"), "hw1")
    return {"school": school, "root": root, "ids": ids, "records": records, "paths": paths,
            "before_inbound": before_inbound, "klass": school.get_class("9r")}


@pytest.fixture(scope="module")
def controls_alone(tmp_path_factory):
    """The honest controls graded on their own, as the reference for their scores."""
    from graders import fabricate
    from graders.classes import create_class
    from graders.cli import main
    from graders.records import Records
    from graders.release import release
    from graders.roster import import_roster
    from graders.school import School

    root = tmp_path_factory.mktemp("controls") / "school"
    school = School.open(root, create=True)
    klass = create_class(school, "9c", "Controls", "en")
    roster = root.parent / "roster.csv"
    roster.write_text("student number,name,language\n" + "".join(
        f"C{i}, {name},en\n" for i, name in enumerate(HONEST)), encoding="utf-8")
    import_roster(klass, roster)
    due = dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=1)
    release(klass, "hw1", due, REPO / "assignments")
    for i, (name, kind) in enumerate(HONEST.items()):
        data = _build(klass, name, kind, "", {}) if name == "honest_pasted_test_twice" else \
            fabricate.make_notebook(klass, "hw1", "menu", kind)
        fabricate.write_inbound(klass, f"C{i}", "hw1", {"menu.ipynb": data},
                                dt.datetime.now(dt.timezone.utc) - dt.timedelta(hours=1))
    main(["--school", str(root), "collect", "9c", "hw1"])
    main(["--school", str(root), "grade", "9c", "hw1", "--time-limit", str(TIME_LIMIT),
          "--cell-time-limit", str(CELL_TIME_LIMIT)])
    records = Records.load(school.get_class("9c"), "hw1")
    return {name: records.grading(f"C{i}") for i, name in enumerate(HONEST)}


def _grades(klass, student: str) -> dict[str, float]:
    from graders.gradebook import open_gradebook

    with open_gradebook(klass) as gb:
        sub = gb.find_submission("hw1", student)
        return {g.name: (g.auto_score or 0) for nb in sub.notebooks for g in nb.grades if g.auto_score is not None}


def test_the_red_team_is_big_enough():
    assert len(ATTACKS) >= 30


def test_honest_controls_get_exactly_their_points(red_team, controls_alone):
    ids, records = red_team["ids"], red_team["records"]
    correct = records.grading(ids["honest_correct"])
    assert correct["status"] == "needs_manual_grading" and correct["score"] == 9, correct
    assert records.grading(ids["honest_blank"])["score"] == 0
    assert records.grading(ids["honest_pasted_test_twice"])["score"] == 9
    partly = records.grading(ids["honest_partly"])
    assert 0 < partly["score"] < 9
    for name in HONEST:   # the same as when graded alone: no attack changed a classmate's result
        assert records.grading(ids[name])["score"] == controls_alone[name]["score"], name
        assert records.grading(ids[name])["status"] == controls_alone[name]["status"], name


@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_no_undeserved_points(red_team, attack):
    student = red_team["ids"][attack]
    state = red_team["records"].grading(student)
    start = ATTACKS[attack][0]
    if state["status"] == "failed_to_grade":
        assert state["reason"]["key"] in ("reason_timeout", "reason_memory", "reason_crashed",
                                          "reason_cell_timeout"), state
        return
    baseline = 9 if start == "correct" and attack != "solution_after_tests" else 0
    assert state["score"] <= baseline, (attack, state)
    grades = _grades(red_team["klass"], student)
    assert all(v <= 3 for v in grades.values()) and "bonus_points" not in grades, grades


@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_nothing_hidden_or_of_a_classmate_reaches_the_student(red_team, attack):
    student = red_team["ids"][attack]
    klass = red_team["klass"]
    seen = ""
    for path in (klass.root / "feedback").rglob("*") if (klass.root / "feedback").exists() else []:
        if student in path.parts and path.is_file():
            seen += path.read_text(encoding="utf-8", errors="replace")
    for path in klass.root.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".ipynb") and "feedback" in path.parts and student in path.parts:
            seen += path.read_text(encoding="utf-8", errors="replace")
    for bit in HIDDEN_BITS + ["CLASSMATE-SECRET-CODE"]:
        assert bit not in seen, (attack, bit)
    others = [sid for name, sid in red_team["ids"].items() if sid != student]
    for sid in others:
        assert f"/{sid}/" not in seen and f"{sid}+hw1" not in seen, (attack, sid)


def test_students_saw_nothing_of_the_host(red_team):
    """What the probing attacks printed into their own notebooks (the teacher's formgrader copy)."""
    klass, ids = red_team["klass"], red_team["ids"]

    def printed(attack):
        nb = nbformat.read(klass.nbgrader_dir("autograded", ids[attack], "hw1") / "menu.ipynb", as_version=4)
        return "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))

    from graders.sandbox import Zygote

    # its own home only (and, when Python itself lives under /tmp, Python's folder there)
    python_in_tmp = sorted({"/tmp/" + Path(p).parts[2] for p in Zygote.python_in_tmp()})
    assert f"classmates: {python_in_tmp + ['/home/student']}" in printed("find_classmates")
    secrets = printed("read_secrets")
    assert "FileNotFoundError" in secrets and "CLASSMATE" not in secrets and "tea" not in secrets.lower()
    assert "reached []" in printed("host_sockets")


def test_nothing_left_running_or_written_outside(red_team):
    leftovers = []
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                cmd = open(f"/proc/{entry.name}/cmdline", "rb").read()
            except OSError:
                continue
            if MARK.encode() in cmd and b"pytest" not in cmd:
                leftovers.append(cmd)
    assert leftovers == []
    written = [str(p) for folder in ("/tmp", "/dev/shm", "/home", "/", str(red_team["root"]),
                                     str(red_team["school"].exchange_root))
               if os.path.isdir(folder) for p in Path(folder).glob(f"*{MARK}*")]
    assert written == []
    inbound = red_team["school"].exchange_root / "9r" / "inbound"
    assert sorted(p.name for p in inbound.iterdir()) == red_team["before_inbound"]
    assert not list(red_team["school"].exchange_root.rglob(f"*{MARK}*"))


def test_every_failure_names_its_real_cause(red_team):
    records, ids = red_team["records"], red_team["ids"]
    assert records.grading(ids["endless_loop"])["reason"]["key"] == "reason_cell_timeout"
    assert records.grading(ids["exit_in_cell"])["reason"]["key"] == "reason_crashed"
    # memory_by_children also sleeps past the 5 s cell limit: here either limit is its real cause
    # (which comes first depends on how fast a busy machine fills pages); memory_alone below
    # leaves it only the memory limit
    assert records.grading(ids["memory_by_children"])["reason"]["key"] in ("reason_memory", "reason_cell_timeout")
    # a handler stuck in a loop fails its tests, not the whole submission
    assert records.grading(ids["endless_handler"])["status"] in ("graded", "needs_manual_grading")


@pytest.fixture(scope="module")
def memory_alone(tmp_path_factory):
    """memory_by_children graded with time limits so wide that only the memory limit can stop
    it (with 2 busy cores its six children fill about 200 MB/s together: 2 GB in about 10 s)."""
    from graders import fabricate
    from graders.classes import create_class
    from graders.cli import main
    from graders.records import Records
    from graders.release import release
    from graders.roster import import_roster
    from graders.school import School

    root = tmp_path_factory.mktemp("memory") / "school"
    school = School.open(root, create=True)
    klass = create_class(school, "9m", "Memory", "en")
    roster = root.parent / "roster.csv"
    roster.write_text("student number,name,language\nM1,memory_by_children,en\nM2,honest_correct,en\n",
                      encoding="utf-8")
    import_roster(klass, roster)
    release(klass, "hw1", dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=1), REPO / "assignments")
    start, code = ATTACKS["memory_by_children"]
    when = dt.datetime.now(dt.timezone.utc) - dt.timedelta(hours=1)
    fabricate.write_inbound(klass, "M1", "hw1", {"menu.ipynb": _build(klass, "memory_by_children", start, code, {})},
                            when)
    fabricate.write_inbound(klass, "M2", "hw1", {"menu.ipynb": fabricate.make_notebook(klass, "hw1", "menu", "correct")},
                            when)
    main(["--school", str(root), "collect", "9m", "hw1"])
    main(["--school", str(root), "grade", "9m", "hw1", "--time-limit", "300", "--cell-time-limit", "240"])
    return Records.load(school.get_class("9m"), "hw1")


def test_a_tree_of_processes_over_the_memory_limit_is_stopped_for_memory(memory_alone):
    state = memory_alone.grading("M1")
    assert state["status"] == "failed_to_grade" and state["reason"]["key"] == "reason_memory", state
    assert state["seconds"] < 60, state   # stopped by the memory watch, not by the student's sleep ending
    honest = memory_alone.grading("M2")
    assert honest["status"] == "needs_manual_grading" and honest["score"] == 9, honest
