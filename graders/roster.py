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
    actions = p.add_subparsers(dest="action", metavar="{import,show,remove}")
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
    rm = actions.add_parser("remove", help=t("help_roster_remove"), description=t("help_roster_remove"))
    rm.add_argument("class_id", metavar="CLASS", help=t("help_arg_class"))
    rm.add_argument("students", metavar="STUDENT", nargs="+", help=t("help_arg_students"))
    rm.add_argument("--force", action="store_true", help=t("help_arg_remove_force"))
    rm.set_defaults(func=run_remove)


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


CSV_ENCODINGS = ["utf_8", "gb18030", "cp950", "big5hkscs"]


def decode_csv(raw: bytes, encoding: str | None = None) -> str | None:
    """The text of a CSV file: UTF-8 (with or without Excel's BOM), or what charset-normalizer
    finds among the encodings Chinese Excel saves in (GB18030 on the mainland, Big5 in Hong
    Kong and Macao). Of the plausible decodings, the first whose rows have a heading we know
    wins: Big5 bytes are nearly always valid GB18030 too, but read as nonsense."""
    if encoding:
        try:
            return raw.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            return None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    ranked = [m.encoding for m in from_bytes(raw, cp_isolation=CSV_ENCODINGS)]
    texts = []
    for enc in ranked + [e for e in CSV_ENCODINGS if e not in ranked]:
        try:
            texts.append(raw.decode(enc))
        except (UnicodeDecodeError, LookupError):
            continue
    for text in texts:
        try:
            find_header(_csv_rows(text))
            return text
        except TeacherError:
            continue
    return texts[0] if texts else None


def _csv_rows(text: str):
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = []
    for number, row in enumerate(csv.reader(io.StringIO(text, newline=""), dialect), start=1):
        rows.append((number, [c.strip() for c in row]))
    return rows


def _read_csv(path: Path, encoding: str | None):
    text = decode_csv(path.read_bytes(), encoding)
    if text is None:
        raise TeacherError("roster_encoding", path=str(path))
    return _csv_rows(text)


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
    first = next((cells for _, cells in rows[:10] if any(c.strip() for c in cells)), [])
    found = ", ".join(repr(c) for c in first if c.strip())[:300]
    raise TeacherError("roster_no_header", found=found or "-")


def normalize_id(value: str) -> str:
    # full-width digits and letters typed with a Chinese input method: １２３ -> 123
    return unicodedata.normalize("NFKC", value).strip()


# roster fields filled from each column ("name" also fills "other_name" when it is empty)
FIELD_OF_COLUMN = {"name": "name", "other_name": "other_name", "email": "email", "language": "language"}


def check_rows(rows, class_language: str, columns_out: dict | None = None
               ) -> tuple[list[dict], list[RowProblem]]:
    from mini_sdk.i18n import normalize_language

    header_index, columns = find_header(rows)
    if columns_out is not None:
        columns_out.update(columns)
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
    columns: dict[str, int] = {}
    students, problems = check_rows(rows, klass.language, columns)
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
    for index, s in enumerate(students):
        old = existing.get(s["id"])
        if old is None:
            result["added"].append(s["id"])
        else:
            # a file without a column (no e-mail, no English name, no language) keeps what the
            # roster already knows for it; a column that is there but empty clears it
            s = {**s, **{f: old.get(f) for f in ("other_name", "email", "language")
                         if f not in columns and f in old}}
            students[index] = s
            if {k: old.get(k) for k in s} != s:
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


def remove_students(klass, student_ids: list[str], force: bool = False) -> list[str]:
    """Take students off the roster and out of the gradebook, or change nothing.

    A student with graded work in the gradebook is kept unless ``force`` (as nbgrader's
    ``db student remove``); their collected files in archive/ are never deleted."""
    from nbgrader.api import MissingEntry
    from .gradebook import open_gradebook

    roster = klass.roster()
    unknown = [sid for sid in student_ids if sid not in roster]
    if unknown:
        raise TeacherError("roster_remove_unknown", class_id=klass.id, students=", ".join(unknown))
    with open_gradebook(klass) as gb:
        if not force:
            graded = []
            for sid in student_ids:
                try:
                    if gb.find_student(sid).submissions:
                        graded.append(sid)
                except MissingEntry:
                    pass
            if graded:
                raise TeacherError("roster_remove_graded", students=", ".join(graded))
        for sid in student_ids:
            try:
                gb.remove_student(sid)
            except MissingEntry:
                pass
    remaining = [s for sid, s in roster.items() if sid not in set(student_ids)]
    write_json(klass.roster_path, {"students": remaining})
    return student_ids


def run_remove(args) -> int:
    from .common import class_lock

    school = School.open(args.school)
    klass = school.get_class(args.class_id)
    with class_lock(klass):
        removed = remove_students(klass, list(dict.fromkeys(args.students)), args.force)
    say("roster_removed", class_id=klass.id, count=len(removed), students=", ".join(removed))
    return 0
