"""The school hub in a real browser (Debian's Chromium, Playwright): a roster student signs up
with a code from the teacher's sheet (a wrong and a reused code refused), fetches hw1 in
nbgrader's Assignment List, hands it in, and sees the autograded feedback within 60 s; a
second student cannot open the first one's server; the teacher sees the submission in
formgrader."""
from __future__ import annotations

import json
import os
import pwd
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from labkit import ARTIFACTS, CHROMIUM

ROSTER = "学号,姓名,英文名,语言\nS101,李文琪,Li Wenqi,简体\nS102,陳大文,Chan Tai Man,繁體\n"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage"]


def codes_on(sheet: str) -> dict[str, str]:
    codes = {}
    for card in sheet.split('<section class="card">')[1:]:
        who = re.search(r'class="id">([^<]+)</b>', card).group(1)
        code = re.search(r'class="code">([A-Z0-9-]+)<', card)
        if code:
            codes[who] = code.group(1)
    return codes


@pytest.fixture(scope="module")
def hub():
    """A school (class 8h, hw1 released) with its hub running on loopback."""
    import datetime as dt

    from graders.classes import create_class
    from graders.hub import Hub, free_port, hub_settings
    from graders.release import release
    from graders.roster import import_roster
    from graders.school import School
    from graders.signup import issue_codes, sheet_html

    base = Path(tempfile.mkdtemp(prefix="minicourse-hub-browser-", dir="/tmp"))
    os.chmod(base, 0o755)
    school = School.open(base / "school", create=True)
    klass = create_class(school, "8h", "初二(8)班", "zh-Hans")
    (base / "roster.csv").write_text(ROSTER, encoding="utf-8")
    import_roster(klass, base / "roster.csv")
    release(klass, "hw1", dt.datetime(2030, 1, 1, tzinfo=dt.timezone.utc))
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    sheet = sheet_html(school, klass, issue_codes(school, klass), url + "/hub/login", klass.language)
    teacher = codes_on(sheet_html(school, klass, issue_codes(school, klass, "mrlee"), url, "en"))
    settings = hub_settings(school, "127.0.0.1", port, idle_timeout=600)
    running = Hub(school, settings)
    try:
        running.start()
        yield {"url": url, "school": school, "klass": klass, "codes": codes_on(sheet),
               "teacher_code": teacher["mrlee"], "settings": settings}
    finally:
        running.stop()
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(running.log_path, ARTIFACTS / "jupyterhub.log")
        for entry in pwd.getpwall():
            if entry.pw_dir.startswith(str(base)) and entry.pw_name.startswith("mc-"):
                subprocess.run(["userdel", entry.pw_name], capture_output=True)
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def browser(tmp_path, request):
    sync_api = pytest.importorskip("playwright.sync_api")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as playwright:
        contexts = []

        def new_page(name: str):
            context = playwright.chromium.launch_persistent_context(
                str(tmp_path / f"profile-{name}"), executable_path=CHROMIUM, headless=True,
                args=ARGS, viewport={"width": 1280, "height": 900})
            contexts.append((name, context))
            page = context.pages[0] if context.pages else context.new_page()
            page.set_default_timeout(30_000)
            return page

        try:
            yield new_page
        finally:
            report = getattr(request.node, "report_call", None)
            for name, context in contexts:
                if report is not None and report.failed and context.pages:
                    context.pages[0].screenshot(path=str(ARTIFACTS / f"FAILED-hub-{name}.png"),
                                                full_page=True)
                context.close()


def sign_in(page, url: str, name: str, secret: str, new_password: str = "") -> None:
    page.goto(url + "/hub/login")
    page.fill("#username_input", name)
    page.fill("#password_input", secret)
    page.fill("#new_password_input", new_password)
    page.click("#login_submit")


def test_student_signs_up_fetches_submits_and_reads_feedback(hub, browser):
    from graders import fabricate

    url, codes, klass = hub["url"], hub["codes"], hub["klass"]
    page = browser("student")
    # a wrong code, then the code from the sheet with a password of the student's own
    sign_in(page, url, "S101", "ABCD-EFGH", "wenqi-password")
    reason = page.locator("#login-reason p")
    assert "这个注册码不是 S101 的" in reason.first.inner_text()  # S101 reads zh-Hans: first
    assert "not the one for S101" in reason.nth(2).inner_text()
    page.screenshot(path=str(ARTIFACTS / "hub-0-wrong-code.png"))
    sign_in(page, url, "S101", codes["S101"], "wenqi-password")
    page.wait_for_url(re.compile(r".*/user/S101/lab.*"), timeout=180_000)
    page.wait_for_selector("#jp-main-dock-panel", timeout=120_000)
    page.screenshot(path=str(ARTIFACTS / "hub-1-lab.png"))

    # the code cannot be used again, even from another browser
    thief = browser("thief")
    sign_in(thief, url, "S101", codes["S101"], "stolen-password")
    assert "already been used" in thief.locator("#login-reason").inner_text()

    # Nbgrader > Assignment List: only this class, hw1 released; fetch it
    page.get_by_text("Nbgrader", exact=True).click()
    page.get_by_text("Assignment List", exact=True).click()
    released = page.locator("#released_assignments_list")
    released.get_by_text("hw1").wait_for()
    released.get_by_role("button", name="Fetch").click()
    fetched = page.locator("#fetched_assignments_list")
    fetched.get_by_text("hw1").first.wait_for()

    # the student's answers, saved into their fetched notebook through their own server
    answer = json.loads(fabricate.make_notebook(klass, "hw1", "menu", "correct"))
    xsrf = next(c["value"] for c in page.context.cookies()
                if c["name"] == "_xsrf" and c["path"].startswith("/user/S101"))
    saved = page.request.put(f"{url}/user/S101/api/contents/8h/hw1/menu.ipynb",
                             headers={"X-XSRFToken": xsrf, "Content-Type": "application/json"},
                             data=json.dumps({"type": "notebook", "format": "json", "content": answer}))
    assert saved.ok, saved.text()

    fetched.get_by_role("button", name="Submit").first.click()
    submitted_at = time.monotonic()
    submitted = page.locator("#submitted_assignments_list")
    submitted.get_by_text("hw1").first.wait_for()
    page.screenshot(path=str(ARTIFACTS / "hub-2-submitted.png"))

    # graded on submit: nbgrader's list says "feedback available to fetch" within 60 s
    available = submitted.get_by_text("feedback available to fetch").first
    while time.monotonic() - submitted_at < 60 and not available.is_visible():
        page.locator("#refresh_assignments_list").click()
        time.sleep(2)
    assert available.is_visible(), "no feedback within 60 s of submitting"
    waited = time.monotonic() - submitted_at
    fetch_feedback = submitted.get_by_role("button", name="Fetch Feedback").first
    fetch_feedback.click()
    view = submitted.get_by_text("view feedback", exact=False).first
    view.wait_for()
    page.screenshot(path=str(ARTIFACTS / "hub-3-feedback.png"))
    print(f"feedback in the student's list {waited:.1f} s after submitting")

    # a classmate cannot open S101's server or files
    other = browser("classmate")
    sign_in(other, url, "S102", codes["S102"], "taiman-password")
    other.wait_for_url(re.compile(r".*/user/S102/.*"), timeout=180_000)
    answer_page = other.goto(f"{url}/user/S101/api/contents/8h/hw1/menu.ipynb")
    assert answer_page.status in (403, 404) or "/user/S102" in other.url
    assert "cells" not in other.content()

    # the teacher sees the submission in formgrader
    teacher = browser("teacher")
    sign_in(teacher, url, "mrlee", hub["teacher_code"], "teacher-password")
    teacher.wait_for_url(re.compile(r".*/user/mrlee/.*"), timeout=180_000)
    teacher.goto(f"{url}/services/formgrader-8h/formgrader/manage_submissions/hw1")
    teacher.get_by_text("S101").first.wait_for(timeout=60_000)
    teacher.screenshot(path=str(ARTIFACTS / "hub-4-formgrader.png"))
