"""The school's hub, really run: JupyterHub + configurable-http-proxy on loopback, a student
signing up with a code from the sheet, their own server fetching and submitting through
nbgrader's exchange, grading on submit, the teacher's formgrader, and a clean stop.

Driven over HTTP as the browser would (the login form, nbgrader's Assignment List API, the
formgrader API); tests/browser/test_hub_browser.py does the same in Chromium.
"""
from __future__ import annotations

import json
import os
import pwd
import re
import shutil
import stat
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

requests = pytest.importorskip("requests")

pytestmark = pytest.mark.slow


def codes_on(sheet: str) -> dict[str, str]:
    codes = {}
    for card in sheet.split('<section class="card">')[1:]:
        who = re.search(r'class="id">([^<]+)</b>', card).group(1)
        code = re.search(r'class="code">([A-Z0-9-]+)<', card)
        if code:
            codes[who] = code.group(1)
    return codes


class Browser:
    """A requests session that signs in through the hub's login form like a browser."""

    def __init__(self, base: str):
        self.base = base
        self.s = requests.Session()

    def login(self, name: str, secret: str, new_password: str = "") -> tuple[int, str]:
        self.s.get(self.base + "/hub/login", timeout=30)
        xsrf = next(c.value for c in self.s.cookies if c.name == "_xsrf" and c.path == "/hub/")
        r = self.s.post(self.base + "/hub/login", allow_redirects=False, timeout=60,
                        data={"_xsrf": xsrf, "username": name, "password": secret,
                              "new_password": new_password},
                        headers={"Accept-Language": "en"})
        r.encoding = "utf-8"
        error = re.search(r'class="login_error">(.*?)</p>', r.text, re.S)
        return r.status_code, (error.group(1) if error else "")

    def open_server(self, user: str, timeout: float = 180) -> None:
        """Start the user's server and pass its OAuth, as following the hub's links does."""
        self.s.get(self.base + "/hub/spawn", timeout=60)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            r = self.s.get(f"{self.base}/user/{user}/lab", timeout=60)
            if r.status_code == 200 and "/user/" in r.url and "jupyter-config-data" in r.text:
                return
            time.sleep(2)
        raise AssertionError(f"{user}'s server did not open: {r.status_code} {r.url}")

    def xsrf(self, user: str) -> str:
        return next(c.value for c in self.s.cookies
                    if c.name == "_xsrf" and c.path.startswith(f"/user/{user}"))

    def api(self, method: str, user: str, path: str, **kwargs):
        headers = {"X-XSRFToken": self.xsrf(user)} if method != "GET" else {}
        return self.s.request(method, f"{self.base}/user/{user}/{path}", headers=headers,
                              timeout=120, **kwargs)


@pytest.fixture
def open_school(template_school):
    """The session school, copied where other Unix accounts may pass (students' servers run
    as their own accounts when the tests run as root)."""
    from graders_helpers import copy_school

    base = Path(tempfile.mkdtemp(prefix="minicourse-hub-", dir="/tmp"))
    os.chmod(base, 0o755)
    school = copy_school(template_school, base / "school")
    yield school
    for entry in pwd.getpwall():  # the accounts this hub created
        if entry.pw_dir.startswith(str(base)) and entry.pw_name.startswith("mc-"):
            subprocess.run(["userdel", entry.pw_name], capture_output=True)
    shutil.rmtree(base, ignore_errors=True)


def lab_page_config(browser: Browser, user: str) -> dict:
    html = browser.s.get(f"{browser.base}/user/{user}/lab", timeout=60).text
    return json.loads(re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>',
                                html, re.S).group(1))


TEACHER_PLUGINS = ("@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment",
                   "@jupyter/nbgrader:validate-assignment", "@jupyter/nbgrader:course-list")


def test_hub_sign_up_fetch_submit_graded_feedback_formgrader_and_clean_stop(open_school, cli):
    from graders import fabricate
    from graders.hub import Hub, free_port, hub_settings, processes_of
    from graders.hub_spawner import unix_name
    from graders.records import Records

    school = open_school
    klass = school.get_class("8c")
    assert cli("signup-codes", "8c", school=school)[0] == 0
    assert cli("signup-codes", "8c", "--teacher", "mrwong", school=school)[0] == 0
    sheets = school.root / "hub" / "sheets"
    codes = codes_on((sheets / "8c.html").read_text(encoding="utf-8"))
    teacher_code = codes_on((sheets / "8c-mrwong.html").read_text(encoding="utf-8"))["mrwong"]

    settings = hub_settings(school, "127.0.0.1", free_port(), idle_timeout=600)
    hub = Hub(school, settings)
    base = f"http://127.0.0.1:{settings['port']}"
    try:
        hub.start()
        api = requests.get(base + "/hub/api/", timeout=10).json()
        assert api["version"] == "6.1.1"

        # -- signing up: a wrong code, the right one, the same code again ------------------
        student = Browser(base)
        status, error = student.login("S001", "ABCD-EFGH", "my-own-password")
        assert status == 403 and "not the one for S001" in error and "注册码不是" in error
        status, error = student.login("s001", codes["S001"], "my-own-password")
        assert status == 302, error
        intruder = Browser(base)
        status, error = intruder.login("S001", codes["S001"], "taken-over-1")
        assert status == 403 and "already been used" in error
        assert intruder.login("S001", "my-own-password")[0] == 302
        intruder.s.cookies.clear()

        # -- the student's own server: fetch, work, submit ---------------------------------
        student.open_server("S001")
        # jupyter/students: no teacher parts of nbgrader, JupyterLab in S001's zh-Hans
        disabled = lab_page_config(student, "S001").get("disabledExtensions", [])
        assert set(TEACHER_PLUGINS) <= set(disabled) and "@jupyter/nbgrader:assignment-list" not in disabled
        assert student.api("GET", "S001", "formgrader").status_code == 404
        lab_language = student.api("GET", "S001", "lab/api/settings/@jupyterlab/translation-extension:plugin").json()
        assert lab_language["schema"]["properties"]["locale"]["default"] == "zh_CN"
        assert json.loads(lab_language["raw"]).get("locale", "zh_CN") == "zh_CN"
        listed = student.api("GET", "S001", "assignments", params={"course_id": "8c"}).json()
        assert [(a["assignment_id"], a["status"]) for a in listed["value"]] == [("ex1", "released")]
        fetched = student.api("POST", "S001", "assignments/fetch",
                              data={"course_id": "8c", "assignment_id": "ex1"}).json()
        assert any(a["status"] == "fetched" for a in fetched["value"])
        answer = json.loads(fabricate.make_notebook(klass, "ex1", "ex1", "correct"))
        saved = student.api("PUT", "S001", "api/contents/8c/ex1/ex1.ipynb",
                            json={"type": "notebook", "format": "json", "content": answer})
        assert saved.status_code == 200, saved.text
        submitted = student.api("POST", "S001", "assignments/submit",
                                data={"course_id": "8c", "assignment_id": "ex1"}).json()
        assert submitted.get("success", True), submitted
        t_submit = time.monotonic()

        # -- graded on submit, feedback released to the student's list ---------------------
        deadline = t_submit + 90
        state = None
        while time.monotonic() < deadline:
            state = Records.load(klass, "ex1").grading("S001")
            if state and state.get("status") in ("graded", "needs_manual_grading", "failed"):
                break
            time.sleep(1)
        assert state and state["status"] == "needs_manual_grading", state  # 'explain' is manual
        has_feedback = False
        while time.monotonic() < deadline and not has_feedback:
            listed = student.api("GET", "S001", "assignments", params={"course_id": "8c"}).json()
            assert listed["success"], listed["value"]
            has_feedback = any(s.get("has_exchange_feedback") for a in listed["value"]
                               for s in a.get("submissions", []))
            time.sleep(1)
        assert has_feedback, listed
        waited = time.monotonic() - t_submit
        student.api("POST", "S001", "assignments/fetch_feedback",
                    data={"course_id": "8c", "assignment_id": "ex1"})
        pages = student.api("GET", "S001", "api/contents/8c/ex1/feedback").json()
        page = next(iter(pages["content"]))  # feedback/<timestamp>/ex1.html
        html = student.api("GET", "S001", f"api/contents/{page['path']}/ex1.html").json()["content"]
        assert 'id="provisional"' in html and "暂定成绩" in html  # S001 reads zh-Hans
        print(f"graded and feedback released {waited:.1f} s after submit")
        assert waited < 60

        # -- another student cannot open S001's server or files ----------------------------
        other = Browser(base)
        assert other.login("S003", codes["S003"], "emily-password")[0] == 302
        r = other.s.get(f"{base}/user/S001/api/contents/8c/ex1", timeout=30, allow_redirects=False)
        assert r.status_code in (302, 403) and "cells" not in r.text
        r = other.s.get(f"{base}/services/formgrader-8c/formgrader/api/submissions/ex1", timeout=30,
                        allow_redirects=True)
        assert "S001" not in r.text
        home = school.root / "hub" / "homes" / "S001"
        if settings["isolate"]:
            assert stat.S_IMODE(home.stat().st_mode) == 0o700
            assert home.stat().st_uid == pwd.getpwnam(unix_name("S001")).pw_uid
            # as another Unix account (S003's), S001's notebook cannot be read
            subprocess.run(["useradd", "--system", "--no-create-home", "--home-dir",
                            str(school.root / "hub" / "homes" / "S003"), unix_name("S003")],
                           capture_output=True)  # removed with the school by the fixture
            peek = subprocess.run(["setpriv", "--reuid", unix_name("S003"), "--regid", unix_name("S003"),
                                   "--clear-groups", "cat", str(home / "8c" / "ex1" / "ex1.ipynb")],
                                  capture_output=True, text=True)
            assert peek.returncode != 0 and "Permission denied" in peek.stderr
        print("students in their own Unix accounts:", settings["isolate"])

        # -- the teacher sees the submission in formgrader ---------------------------------
        teacher = Browser(base)
        assert teacher.login("mrwong", teacher_code, "teacher-password")[0] == 302
        r = teacher.s.get(f"{base}/services/formgrader-8c/formgrader", timeout=120)
        assert r.status_code == 200 and "formgrader" in r.url
        subs = teacher.s.get(f"{base}/services/formgrader-8c/formgrader/api/submissions/ex1",
                             timeout=60).json()
        row = next(s for s in subs if s["student"] == "S001")
        assert row["autograded"] and row["needs_manual_grade"]
        # the teacher's own server keeps nbgrader's teacher parts
        teacher.open_server("mrwong")
        disabled = lab_page_config(teacher, "mrwong").get("disabledExtensions", [])
        assert not set(TEACHER_PLUGINS) & set(disabled), disabled
    finally:
        hub.stop()
    assert processes_of(settings["instance"]) == []
    assert hub.proc.poll() is not None


@pytest.mark.skipif(os.geteuid() != 0, reason="creates a Unix account (needs root)")
def test_collect_refuses_a_folder_handed_in_by_another_students_hub_account(school, klass):
    """S003's own hub account writing an inbound folder named for S001 is refused."""
    from graders import fabricate
    from graders.collect import HUB_ACCOUNT, collect
    from graders.hub_spawner import unix_name
    from graders_helpers import BEFORE

    account = unix_name("S003")
    subprocess.run(["userdel", account], capture_output=True)  # one left by an interrupted run
    subprocess.run(["useradd", "--system", "--no-create-home", "--comment", HUB_ACCOUNT + "S003",
                    account], capture_output=True)
    try:
        entry = pwd.getpwnam(account)
        fabricate.write_inbound(klass, "S001", "ex1",
                                {"ex1.ipynb": fabricate.make_notebook(klass, "ex1", "ex1", "correct")},
                                BEFORE)
        inbound = school.exchange_root / "8c" / "inbound"
        for path in [*inbound.iterdir(), *inbound.rglob("*")]:
            os.chown(path, entry.pw_uid, entry.pw_gid)
        result = collect(klass, "ex1")
        assert result.new == []
        assert [key for _, key, _ in result.refused] == ["refused_other_students_account"]
    finally:
        subprocess.run(["userdel", account], capture_output=True)
