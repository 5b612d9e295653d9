"""`minicourse publish`: scores.xlsx / scores.csv that open in Excel with Chinese names, an HTML
report with plots, a school summary, feedback released through the exchange, and manual
grades typed in formgrader appear."""
import csv

import pytest
from openpyxl import load_workbook

pytestmark = pytest.mark.slow


@pytest.fixture
def published(cli, graded):
    school, klass = graded
    code, out, err = cli("publish", "8c", "ex1", school=school)
    assert code == 0, err
    return school, klass, out


def read_csv(path):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_csv_statuses_and_scores(published):
    school, klass, out = published
    assert "1 graded, 6 need manual grading, 3 failed, 1 missing; feedback released to 7 student(s)" in out
    rows = {r["student number"]: r for r in read_csv(klass.root / "published" / "ex1" / "scores.csv")}
    assert list(rows) == [f"S{i:03d}" for i in range(1, 12)]
    assert rows["S004"]["name"] == "Smith, John"   # a comma in a name stays one field
    assert rows["S001"]["name"] == "李文琪" and rows["S001"]["English name"] == "Li Wenqi"
    assert rows["S001"]["status_code"] == "needs_manual_grading"
    assert rows["S001"]["explain (2)"] == ""      # waiting for the teacher: blank, not 0
    assert rows["S001"]["total"] == "7" and rows["S001"]["out of"] == "9"
    assert rows["S002"]["status"] == "needs manual grading · late" and rows["S002"]["late by"] == "2.0 h"
    assert rows["S003"]["status_code"] == "graded" and rows["S003"]["total"] == "0"
    assert rows["S005"]["status_code"] == "failed_to_grade" and rows["S005"]["total"] == ""
    assert rows["S005"]["reason"] == "infinite loop? stopped after 8 s"
    assert rows["S006"]["reason"].startswith("program crashed")
    assert rows["S007"]["reason"].startswith("invalid notebook")
    assert rows["S011"]["status_code"] == "missing" and rows["S011"]["total"] == ""


def test_xlsx_opens_with_chinese_names_and_numbers(published):
    school, klass, out = published
    wb = load_workbook(klass.root / "published" / "ex1" / "scores.xlsx")
    ws = wb.worksheets[0]
    header = [c.value for c in ws[1]]
    rows = {r[0]: dict(zip(header, r)) for r in ws.iter_rows(min_row=2, values_only=True)}
    assert rows["S002"]["name"] == "陳大文"
    assert rows["S002"]["total"] == 4 and isinstance(rows["S002"]["test_vowels (3)"], int)
    assert rows["S005"]["status_code"] == "failed_to_grade"


def test_manual_grades_from_formgrader_appear(cli, published):
    from graders.gradebook import open_gradebook

    school, klass, _ = published
    with open_gradebook(klass) as gb:  # exactly what formgrader writes
        g = gb.find_grade("explain", "ex1", "ex1", "S001")
        g.manual_score = 2
        g.needs_manual_grade = False
        gb.db.commit()
    code, out, err = cli("publish", "8c", "ex1", "--no-release", school=school)
    rows = {r["student number"]: r for r in read_csv(klass.root / "published" / "ex1" / "scores.csv")}
    assert rows["S001"]["status_code"] == "graded" and rows["S001"]["total"] == "9"
    assert rows["S001"]["explain (2)"] == "2"
    page = (klass.root / "published" / "ex1" / "feedback" / "S001.html").read_text(encoding="utf-8")
    assert "得分：9 / 9" in page


def test_report_with_plots_and_students_who_need_attention(published):
    school, klass, out = published
    report = (klass.root / "published" / "ex1" / "report.html").read_text(encoding="utf-8")
    assert report.count('<img alt=') == 2 and "data:image/png;base64," in report
    attention = report.split("Students who need attention")[1].split("Score distribution")[0]
    for sid in ("S005", "S006", "S007", "S011", "S002", "S003"):
        assert sid in attention
    assert "nothing handed in" in attention and "late by 2.0 h" in attention


def test_school_summary_across_classes(cli, published):
    from graders_helpers import ASSIGNMENTS

    school, klass, out = published
    cli("class", "add", "s2c", "--name", "中二丙班", "--class-lang", "zh-Hant", school=school)
    cli("release", "s2c", "ex1", "--due", "2030-01-02", "--source", ASSIGNMENTS, school=school)
    code, out, err = cli("publish", "all", "ex1", "--no-release", school=school)
    assert code == 0, err
    summary = (school.root / "published" / "ex1" / "summary.html").read_text(encoding="utf-8")
    assert "初二(3)班" in summary and "中二丙班" in summary
    rows = list(csv.reader(open(school.root / "published" / "ex1" / "summary.csv", encoding="utf-8-sig")))
    assert rows[1][:2] == ["8c", "初二(3)班"] and rows[1][2] == "11"


def test_feedback_released_through_the_exchange(published):
    from nbgrader.utils import notebook_hash

    school, klass, out = published
    secret = (klass.root / "submitted" / "S001" / "ex1" / "submission_secret.txt").read_text()
    released = school.exchange_root / "8c" / "feedback" / f"{notebook_hash(secret=secret, notebook_id='ex1')}.html"
    assert "李文琪" in released.read_text(encoding="utf-8")
    # every exchange submission that was graded (S005 and S006 failed: their page is not released)
    assert len(list((school.exchange_root / "8c" / "feedback").glob("*.html"))) == 7
