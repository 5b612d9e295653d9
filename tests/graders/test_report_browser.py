"""The class report as a teacher opens it: headless Chromium at 1280 px, in each of the three
languages. The table fits the page (no horizontal scrolling) and no status cell breaks a
word one character per line; a screenshot of each is kept for people to look at."""
import os
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
SHOTS = Path(os.environ.get("MINICOURSE_SHOTS", "/tmp/minicourse-report-shots"))

pytestmark = [pytest.mark.slow, pytest.mark.browser,
              pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="needs Debian's chromium")]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage"])
        yield b
        b.close()


@pytest.mark.parametrize("lang,heading", [("zh-Hans", "全部学生"), ("zh-Hant", "全部學生"), ("en", "All students")])
def test_report_fits_1280_px_in_each_language(cli, graded, browser, lang, heading):
    school, klass = graded
    klass.language = lang
    klass.save()
    # long names and a long reason, as real classes have
    roster = school.root / "long.csv"
    roster.write_text("学号,姓名,英文名\n2023999001,欧阳娜娜娜娜,Christopher Alexander Montgomery-Smith\n", encoding="utf-8")
    assert cli("roster", "import", "8c", roster, school=school)[0] == 0
    code, out, err = cli("publish", "8c", "ex1", "--no-release", school=school)
    assert code == 0, err
    report = klass.root / "published" / "ex1" / "report.html"
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(report.as_uri())
    page.wait_for_load_state("load")
    assert heading in page.inner_text("body")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 1280, f"the page is {width} px wide"
    tables = page.evaluate("[...document.querySelectorAll('table')].map(t => t.getBoundingClientRect().right)")
    assert max(tables) <= 1280
    # a status cell is one line (or two for 'status · late'), never a column of single characters
    lines = page.evaluate("""[...document.querySelectorAll('td.status')].map(td => {
        const r = document.createRange(); r.selectNodeContents(td);
        return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size; })""")
    assert lines and max(lines) == 1, lines
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"report-{lang}.png"), full_page=True)
    page.close()
