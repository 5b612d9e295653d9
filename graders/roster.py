"""`minicourse roster`: import a class list from CSV or XLSX, show it.

Columns (found by their heading, in any order, in English or Chinese): student number
(学号 / 學號), name (姓名), optional English name (英文名), email (电邮 / 電郵) and language
(语言 / 語言: 简体, 繁體, English, zh-Hans, zh-HK ...). Every row is checked first; if any row
is wrong, the teacher gets every bad row with its number and reason and *nothing* changes.
Students already on the roster but absent from the file are kept (they may have
submissions).
"""
from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .common import say, t
from .errors import TeacherError
from .school import STUDENT_ID, School, write_json

HEADINGS = {
    "id": ["student_id", "student id", "student number", "student no", "student no.", "id",
           "number", "no", "no.", "学号", "學號", "学生编号", "學生編號", "编号", "編號", "学籍号"],
    "name": ["name", "student name", "full name", "chinese name", "姓名", "名字", "学生姓名",
             "學生姓名", "中文名", "中文姓名"],
    "other_name": ["english name", "other name", "英文名", "英文姓名", "english_name"],
    "email": ["email", "e-mail", "mail", "email address", "电邮", "電郵", "邮箱", "郵箱",
              "电子邮件", "電子郵件", "电子邮箱", "電子郵箱"],
    "language": ["language", "lang", "语言", "語言", "languages"],
}
_LOOKUP = {h.casefold(): field for field, names in HEADINGS.items() for h in names}
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_NAME = 128  # nbgrader's student name columns


@dataclass
class RowProblem:
    row: int
    key: str
    params: dict

    def text(self) -> str:
        return t(self.key, row=self.row, **self.params)


def add_parser(sub) -> None:
    p = sub.add_parser("roster", help=t("help_roster"), description=t("help_roster"))
    actions = p.add_subparsers(dest="action", metavar="{import,show}")
    actions.required = True
    imp = actions.add_parser("import", help=t("help_roster_import"),
                             description=t("help_roster_import"))
    imp.add_argument("class_id", metavar="CLASS", help=t("help_arg_class"))
    imp.add_argument("file", help=t("help_arg_roster_file"))
    imp.add_argument("--encoding", help=t("help_arg_encoding"))
    imp.set_defaults(func=run_import)
    show = actions.add_parser("show", help=t("help_roster_show"), description=t("help_roster_show"))
    show.add_argument("class_id", metavar="CLASS", help=t("help_arg_class"))
    show.set_defaults(func=run_show)


# -- reading ----------------------------------------------------------------------------------
def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # Excel keeps 2023001 as 2023001.0
    return str(value).strip()


def read_rows(path: Path, encoding: str | None = None) -> list[tuple[int, list[str]]]:
    """(spreadsheet row number, cells) for every row of the first sheet / the CSV file."""
    if not path.is_file():
        raise TeacherError("file_missing", path=str(path))
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    if suffix in (".csv", ".txt", ".tsv"):
        return _read_csv(path, encoding)
    raise TeacherError("roster_format", path=str(path))


def _read_xlsx(path: Path):
    import zipfile

    try:
        from openpyxl import load_workbook

        wb = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise TeacherError("roster_unreadable", path=str(path), reason=type(exc).__name__) from None
    try:
        ws = wb.worksheets[0]
        rows = []
        for number, row in enumerate(ws.iter_rows(values_only=True), start=1):
            rows.append((number, [_cell_text(v) for v in row]))
        return rows
    finally:
        wb.close()


def _read_csv(path: Path, encoding: str | None):
    raw = path.read_bytes()
    text = None
    # Excel on a Chinese Windows saves "CSV" as GBK/GB18030, on a Hong Kong one as Big5.
    for enc in ([encoding] if encoding else ["utf-8-sig", "gb18030", "big5"]):
        try:
            text = raw.decode(enc)
            break
        except (UnicodeDecodeError, LookupError):
            continue
    if text is None:
        raise TeacherError("roster_encoding", path=str(path))
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = []
    for number, row in enumerate(csv.reader(io.StringIO(text, newline=""), dialect), start=1):
        rows.append((number, [c.strip() for c in row]))
    return rows


# -- checking ---------------------------------------------------------------------------------
def find_header(rows) -> tuple[int, dict[str, int]]:
    """Index in rows of the heading row and field -> column; the heading may follow a title."""
    for index, (_, cells) in enumerate(rows[:10]):
        columns = {}
        for col, cell in enumerate(cells):
            field = _LOOKUP.get(unicodedata.normalize("NFKC", cell).strip().casefold())
            if field and field not in columns:
                columns[field] = col
        if "id" in columns and "name" in columns:
            return index, columns
    raise TeacherError("roster_no_header")


def normalize_id(value: str) -> str:
    # full-width digits and letters typed with a Chinese input method: １２３ -> 123
    return unicodedata.normalize("NFKC", value).strip()


def check_rows(rows, class_language: str) -> tuple[list[dict], list[RowProblem]]:
    from mini_sdk.i18n import normalize_language

    header_index, columns = find_header(rows)
    students, problems, seen = [], [], {}

    def get(cells, field):
        col = columns.get(field)
        return cells[col].strip() if col is not None and col < len(cells) else ""

    for number, cells in rows[header_index + 1:]:
        if not any(c.strip() for c in cells):
            continue  # blank rows Excel leaves behind
        sid = normalize_id(get(cells, "id"))
        name = unicodedata.normalize("NFC", get(cells, "name"))
        other = unicodedata.normalize("NFC", get(cells, "other_name"))
        email = get(cells, "email")
        lang_raw = get(cells, "language")
        row_ok = True
        if not sid:
            problems.append(RowProblem(number, "row_id_missing", {}))
            row_ok = False
        elif not STUDENT_ID.match(sid):
            problems.append(RowProblem(number, "row_id_invalid", {"student_id": sid}))
            row_ok = False
        elif sid.casefold() in seen:
            problems.append(RowProblem(number, "row_id_duplicate",
                                       {"student_id": sid, "first": seen[sid.casefold()]}))
            row_ok = False
        if not name and not other:
            problems.append(RowProblem(number, "row_name_missing", {}))
            row_ok = False
        elif len(name) > MAX_NAME or len(other) > MAX_NAME:
            problems.append(RowProblem(number, "row_name_too_long", {"limit": MAX_NAME}))
            row_ok = False
        if email and not EMAIL.match(email):
            problems.append(RowProblem(number, "row_email_invalid", {"value": email}))
            row_ok = False
        language = class_language
        if lang_raw:
            language = normalize_language(lang_raw)
            if language is None:
                problems.append(RowProblem(number, "row_language_invalid", {"value": lang_raw}))
                row_ok = False
        if sid and STUDENT_ID.match(sid) and sid.casefold() not in seen:
            seen[sid.casefold()] = number
        if row_ok:
            students.append({"id": sid, "name": name or other, "other_name": other if name else "",
                             "email": email or None, "language": language})
    return students, problems


def import_roster(klass, path: str | Path, encoding: str | None = None) -> dict:
    """Check every row, then add/update all students at once, or change nothing.

    Returns {"added": [...], "updated": [...], "unchanged": [...], "kept": [...]}.
    """
    path = Path(path)
    rows = read_rows(path, encoding)
    students, problems = check_rows(rows, klass.language)
    if problems:
        raise TeacherError("roster_rejected", details=[p.text() for p in problems],
                           path=str(path), count=len(problems))
    if not students:
        raise TeacherError("roster_empty", path=str(path))
    existing = klass.roster()
    # ids differing only by case would be two folders on Linux but one on a teacher's laptop
    folded = {sid.casefold(): sid for sid in existing}
    for s in students:
        if s["id"] not in existing and s["id"].casefold() in folded:
            raise TeacherError("roster_rejected", path=str(path), count=1, details=[
                t("row_id_case_clash", row="-", student_id=s["id"], other=folded[s["id"].casefold()])])
    result = {"added": [], "updated": [], "unchanged": [], "kept": []}
    merged = dict(existing)
    for s in students:
        old = existing.get(s["id"])
        if old is None:
            result["added"].append(s["id"])
        elif {k: old.get(k) for k in s} != s:
            result["updated"].append(s["id"])
        else:
            result["unchanged"].append(s["id"])
        merged[s["id"]] = s
    in_file = {s["id"] for s in students}
    result["kept"] = [sid for sid in existing if sid not in in_file]

    # the gradebook first, in one transaction; the roster file only once that worked
    from nbgrader.api import Student
    from .gradebook import open_gradebook

    with open_gradebook(klass) as gb:
        try:
            for s in students:
                row = gb.db.get(Student, s["id"])
                if row is None:
                    row = Student(id=s["id"])
                    gb.db.add(row)
                row.first_name = s["other_name"] or ""
                row.last_name = s["name"]
                row.email = s["email"]
            gb.db.commit()
        except Exception:
            gb.db.rollback()
            raise
    write_json(klass.roster_path, {"students": list(merged.values())})
    return result


def run_import(args) -> int:
    from .common import class_lock

    school = School.open(args.school)
    klass = school.get_class(args.class_id)
    with class_lock(klass):
        result = import_roster(klass, args.file, args.encoding)
    say("roster_imported", class_id=klass.id, added=len(result["added"]),
        updated=len(result["updated"]), unchanged=len(result["unchanged"]))
    if result["kept"]:
        say("roster_kept", count=len(result["kept"]), students=", ".join(result["kept"][:10]))
    return 0


def run_show(args) -> int:
    school = School.open(args.school)
    klass = school.get_class(args.class_id)
    roster = klass.roster()
    say("roster_header", class_id=klass.id, name=klass.name, count=len(roster))
    for s in roster.values():
        other = f" ({s['other_name']})" if s.get("other_name") else ""
        print(f"  {s['id']:<14} {s['name']}{other}  [{s['language']}]  {s.get('email') or ''}")
    return 0
