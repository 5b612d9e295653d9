"""`minicourse roster import`: CSV and XLSX, Chinese, Cantonese and English names; a bad row
is reported by row number and reason and nothing is half-imported."""
from pathlib import Path

import pytest
from openpyxl import Workbook

from graders_helpers import gradebook_dump, snapshot


def write_xlsx(path: Path, rows):
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    wb.save(path)
    return path


def test_roster_from_the_session_csv(klass):
    roster = klass.roster()
    assert roster["S002"] == {"id": "S002", "name": "陳大文", "other_name": "Chan Tai Man", "email": None,
                              "language": "zh-Hant"}
    assert roster["S004"]["name"] == "Smith, John"
    assert roster["S005"]["language"] == "zh-Hans"  # empty: the class's language
    assert roster["S006"]["language"] == "zh-Hant"  # zh-HK
    assert roster["S011"]["language"] == "zh-Hant"  # 粵語
    dump = gradebook_dump(klass)
    assert ("S002", "Chan Tai Man", "陳大文", None) in dump["students"]


def test_xlsx_with_a_title_row_numbers_and_fullwidth_digits(cli, klass, tmp_path):
    path = write_xlsx(tmp_path / "more.xlsx", [
        ["中二丙班 學生名單"],
        ["學號", "姓名", "English name", "電郵", "語言"],
        [2023101, "梁美琪", "Leung Mei Kei", None, "繁體"],
        ["２０２３１０２", "Arjun Patel", None, "arjun@example.hk", "English"],
        [None, None, None, None, None],
    ])
    code, out, err = cli("roster", "import", "8c", path, school=klass.school)
    assert code == 0, err
    assert "Roster of 8c: 2 added, 0 updated, 0 unchanged." in out
    assert "11 students already on the roster but not in the file were kept" in out
    roster = klass.roster()
    assert roster["2023101"]["name"] == "梁美琪"
    assert roster["2023102"]["language"] == "en"
    assert len(roster) == 13


def test_gbk_csv_from_a_chinese_excel(cli, klass, tmp_path):
    path = tmp_path / "gbk.csv"
    path.write_bytes("学号,姓名\nS020,欧阳娜娜\n".encode("gb18030"))
    code, out, err = cli("roster", "import", "8c", path, school=klass.school)
    assert code == 0, err
    assert klass.roster()["S020"]["name"] == "欧阳娜娜"


def test_reimport_updates_names(cli, klass, tmp_path):
    path = tmp_path / "fix.csv"
    path.write_text("student number,name,language\nS003,Emily W. Wong,English\n", encoding="utf-8")
    code, out, err = cli("roster", "import", "8c", path, school=klass.school)
    assert "0 added, 1 updated, 0 unchanged" in out
    assert klass.roster()["S003"]["name"] == "Emily W. Wong"


BAD_ROWS = [
    ("S101,张三,,\n", None),
    (",李四,,\n", "row 3: the student number is missing"),
    ("S101,王五,,\n", "row 4: student number S101 already appears on row 2"),
    ("S 102,赵六,,\n", "row 5: student number 'S 102' has characters a student number cannot hold"),
    ("陈七,陈七,,\n", "row 6: student number '陈七' has characters a student number cannot hold"),
    ("S+103,周八,,\n", "row 7: student number 'S+103' has characters"),
    ("S104,,,\n", "row 8: the name is missing"),
    ("S105,吴九,not-an-email,\n", "row 9: 'not-an-email' is not an email address"),
    ("S106,郑十,,Klingon\n", "row 10: unknown language 'Klingon'"),
]


def test_bad_rows_are_all_reported_and_nothing_is_imported(cli, klass, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("学号,姓名,电邮,语言\n" + "".join(row for row, _ in BAD_ROWS), encoding="utf-8")
    before_files = snapshot(klass.root)
    before_gb = gradebook_dump(klass)
    code, out, err = cli("roster", "import", "8c", path, school=klass.school)
    assert code == 2
    assert "8 problems; nothing was imported" in err
    for _, message in BAD_ROWS:
        if message:
            assert message in err
    assert snapshot(klass.root) == before_files
    assert gradebook_dump(klass) == before_gb
    assert "S101" not in klass.roster()


def test_bad_xlsx_rows_are_reported_by_spreadsheet_row(cli, klass, tmp_path):
    path = write_xlsx(tmp_path / "bad.xlsx", [["Class list"], ["Student ID", "Name"], ["A1", "Ann"], ["A1", "Bob"]])
    code, out, err = cli("roster", "import", "8c", path, school=klass.school)
    assert code == 2
    assert "row 4: student number A1 already appears on row 3" in err
    assert "A1" not in klass.roster()


def test_no_heading_row(cli, klass, tmp_path):
    path = tmp_path / "nohead.csv"
    path.write_text("S1,Ann\nS2,Bob\n", encoding="utf-8")
    code, out, err = cli("roster", "import", "8c", path, school=klass.school)
    assert code == 2
    assert "heading row" in err


@pytest.mark.parametrize("name,key", [("roster.docx", "must be a .csv or .xlsx"), ("missing.csv", "There is no file")])
def test_wrong_files(cli, klass, tmp_path, name, key):
    path = tmp_path / name
    if name.endswith(".docx"):
        path.write_bytes(b"PK\x03\x04")
    code, out, err = cli("roster", "import", "8c", path, school=klass.school)
    assert code == 2
    assert key in err


def test_broken_xlsx(cli, klass, tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"this is not a workbook")
    code, out, err = cli("roster", "import", "8c", path, school=klass.school)
    assert code == 2
    assert "cannot be read as an Excel workbook" in err


HK_ROSTER = "學號,姓名,英文名,電郵,語言\r\n2024001,黃嘉欣,Wong Ka Yan,kayan@example.hk,繁體\r\n2024002,梁俊傑,Leung Chun Kit,,English\r\n2024003,陳麗珊,,,\r\n"


def test_big5_csv_saved_by_hong_kong_excel(cli, klass, tmp_path):
    """Hong Kong Excel's "CSV" is Big5 (code page 950) with CRLF; those bytes are also valid
    GB18030, so trying GB18030 first read them as nonsense and found no heading."""
    path = tmp_path / "名單.csv"
    path.write_bytes(HK_ROSTER.encode("cp950"))
    code, out, err = cli("roster", "import", "8c", path, school=klass.school)
    assert code == 0, err
    assert "3 added" in out
    roster = klass.roster()
    assert roster["2024001"] == {"id": "2024001", "name": "黃嘉欣", "other_name": "Wong Ka Yan",
                                 "email": "kayan@example.hk", "language": "zh-Hant"}
    assert roster["2024002"]["name"] == "梁俊傑" and roster["2024002"]["language"] == "en"
    assert roster["2024003"]["name"] == "陳麗珊"


def test_reimport_with_fewer_columns_keeps_what_the_file_does_not_have(cli, klass, tmp_path):
    before = klass.roster()["S001"]
    path = tmp_path / "names-only.csv"
    path.write_text("学号,姓名\nS001,李文琪\nS002,陳大文\n", encoding="utf-8")
    code, out, err = cli("roster", "import", "8c", path, school=klass.school)
    assert code == 0, err
    assert "0 added, 0 updated, 2 unchanged" in out
    assert klass.roster()["S001"] == before
    assert ("S001", "Li Wenqi", "李文琪", "li@example.com") in gradebook_dump(klass)["students"]
    # a column that is there but empty does clear the field
    path.write_text("学号,姓名,电邮\nS001,李文琪,\n", encoding="utf-8")
    code, out, err = cli("roster", "import", "8c", path, school=klass.school)
    assert "1 updated" in out
    assert klass.roster()["S001"]["email"] is None
    assert klass.roster()["S001"]["other_name"] == "Li Wenqi"


def test_roster_remove(cli, klass):
    code, out, err = cli("roster", "remove", "8c", "S010", "S011", school=klass.school)
    assert code == 0, err
    assert "Roster of 8c: 2 removed (S010, S011)." in out
    assert "S010" not in klass.roster() and len(klass.roster()) == 9
    assert "S010" not in [s[0] for s in gradebook_dump(klass)["students"]]
    code, out, err = cli("roster", "remove", "8c", "S010", "S999", school=klass.school)
    assert code == 2 and "Not on the roster of 8c: S010, S999. Nothing was removed." in err
    code, out, err = cli("roster", "remove", "8c", "S001", school=klass.school, lang="zh-Hant")
    assert "8c 名冊：移除了 1 名學生（S001）。" in out


def test_roster_remove_refuses_a_graded_student_without_force(cli, graded):
    school, klass = graded
    code, out, err = cli("roster", "remove", "8c", "S001", school=school)
    assert code == 2 and "S001 already have graded work" in err and "--force" in err
    assert "S001" in klass.roster()
    code, out, err = cli("roster", "remove", "8c", "S001", "--force", school=school)
    assert code == 0, err
    assert "S001" not in klass.roster()
    assert any(p.is_file() for p in (klass.root / "archive" / "ex1" / "S001").rglob("*.ipynb"))


def test_bad_heading_names_what_it_found(cli, klass, tmp_path):
    path = tmp_path / "wrong.csv"
    path.write_text("Klasse,Vorname,Nachname\n8c,Anna,Schmidt\n", encoding="utf-8")
    code, out, err = cli("roster", "import", "8c", path, school=klass.school)
    assert code == 2
    assert "its first row has: 'Klasse', 'Vorname', 'Nachname'" in err
    code, out, err = cli("roster", "import", "8c", path, school=klass.school, lang="zh-Hans")
    assert "它的第一行是：'Klasse', 'Vorname', 'Nachname'" in err
