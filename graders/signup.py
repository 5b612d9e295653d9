"""Hub accounts: one-time sign-up codes, the passwords students and teachers choose, and
who teaches which class. `minicourse signup-codes CLASS` prints a sheet of codes.

Everything lives in ``<school>/hub/accounts.json`` (mode 0600, only the hub's user reads it)::

    {"users": {"<roster id or teacher name>": {
        "role": "student" | "teacher",
        "classes": ["8a"],                  # teachers only; students' classes are the rosters
        "code": "scrypt$<salt>$<hash>",     # the sign-up code, hashed; null once used
        "code_issued": "<iso time>",
        "password": "scrypt$<salt>$<hash>", # set at sign-up
        "signed_up": "<iso time>"}}}

A code is shown once (on the sheet) and stored only hashed. Printing a new sheet replaces
the codes of everyone who has not signed up yet; a student who has signed up keeps their
password and is listed as such. A code works once: signing up consumes it.

Only stdlib at import time.
"""
from __future__ import annotations

import contextlib
import hashlib
import hmac
import html
import os
import secrets
from pathlib import Path

from .common import say, t
from .errors import TeacherError
from .school import STUDENT_ID, School, iso, read_json, utcnow, write_json

# no 0/O, 1/I/L: a code is read off paper by a 12-year-old
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
MIN_PASSWORD = 8
_SCRYPT = {"n": 2 ** 14, "r": 8, "p": 1}


def add_parser(sub) -> None:
    p = sub.add_parser("signup-codes", help=t("help_signup_codes"),
                       description=t("help_signup_codes"))
    p.add_argument("class_id", metavar="CLASS", help=t("help_arg_classes"))
    p.add_argument("--teacher", metavar="NAME", help=t("help_arg_teacher"))
    p.add_argument("--out", metavar="FILE.html", help=t("help_arg_sheet_out"))
    p.add_argument("--url", help=t("help_arg_hub_url"))
    p.set_defaults(func=run)


# -- hashing ----------------------------------------------------------------------------------
def hash_secret(secret: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(secret.encode("utf-8"), salt=salt, **_SCRYPT)
    return f"scrypt${salt.hex()}${digest.hex()}"


def check_secret(secret: str, stored: str | None) -> bool:
    if not stored or not stored.startswith("scrypt$"):
        return False
    _, salt, digest = stored.split("$", 2)
    got = hashlib.scrypt(secret.encode("utf-8"), salt=bytes.fromhex(salt), **_SCRYPT)
    return hmac.compare_digest(got.hex(), digest)


def normalize_code(text: str) -> str:
    """What a student types: lower case, spaces and dashes are forgiven."""
    import unicodedata

    return unicodedata.normalize("NFKC", text or "").upper().replace("-", "").replace(" ", "")


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def show_code(code: str) -> str:
    return code[:4] + "-" + code[4:]


# -- the store --------------------------------------------------------------------------------
class Accounts:
    """``<school>/hub/accounts.json``, changed under an exclusive lock."""

    def __init__(self, school: School):
        self.school = school
        self.dir = school.root / "hub"
        self.path = self.dir / "accounts.json"

    @contextlib.contextmanager
    def locked(self):
        """The data, to read and change; written back when the block ends without error."""
        import fcntl

        self.dir.mkdir(parents=True, exist_ok=True)
        os.chmod(self.dir, 0o711)  # student servers pass through to their homes, nothing more
        with open(self.dir / ".accounts.lock", "a+") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            data = read_json(self.path, {"users": {}})
            before = repr(data)
            yield data
            if repr(data) != before:
                write_json(self.path, data)
                os.chmod(self.path, 0o600)

    def read(self) -> dict:
        return read_json(self.path, {"users": {}})

    def teachers(self) -> dict[str, list[str]]:
        return {name: list(u.get("classes", [])) for name, u in self.read()["users"].items()
                if u.get("role") == "teacher"}


def student_classes(school: School) -> dict[str, list[str]]:
    """roster id -> the classes whose roster has it."""
    out: dict[str, list[str]] = {}
    for class_id in school.class_ids():
        for sid in school.get_class(class_id).roster():
            out.setdefault(sid, []).append(class_id)
    return out


def canonical_name(school: School, typed: str) -> str | None:
    """The account name for what someone typed in the name box (roster ids ignore case)."""
    import unicodedata

    typed = unicodedata.normalize("NFKC", typed or "").strip()
    folded = typed.casefold()
    for name in list(student_classes(school)) + list(Accounts(school).teachers()):
        if name.casefold() == folded:
            return name
    return None


def issue_codes(school: School, klass, teacher: str | None = None) -> list[dict]:
    """New codes for everyone of `klass` not signed up yet (or for one teacher).

    Returns [{"id", "name", "code" (None if already signed up), "signed_up"}] in roster order.
    """
    now = iso(utcnow())
    rows = []
    with Accounts(school).locked() as data:
        users = data["users"]
        if teacher is not None:
            if not STUDENT_ID.match(teacher):
                raise TeacherError("teacher_name_invalid", name=teacher)
            if teacher in klass.roster():
                raise TeacherError("teacher_is_student", name=teacher, class_id=klass.id)
            entry = users.setdefault(teacher, {"role": "teacher", "classes": []})
            if entry.get("role") != "teacher":
                raise TeacherError("teacher_is_student", name=teacher, class_id=klass.id)
            if klass.id not in entry["classes"]:
                entry["classes"].append(klass.id)
            people = [(teacher, teacher)]
        else:
            people = [(sid, s.get("name") or sid) for sid, s in klass.roster().items()]
            for sid, _ in people:
                if users.get(sid, {}).get("role") == "teacher":
                    raise TeacherError("teacher_is_student", name=sid, class_id=klass.id)
        for account, display in people:
            entry = users.setdefault(account, {"role": "student"})
            if entry.get("password"):
                rows.append({"id": account, "name": display, "code": None,
                             "signed_up": entry.get("signed_up")})
                continue
            code = new_code()
            entry["code"] = hash_secret(code)
            entry["code_issued"] = now
            rows.append({"id": account, "name": display, "code": code, "signed_up": None})
    return rows


class SignUpRefused(Exception):
    """Why a sign-up or login was refused: a message key of graders.messages."""

    def __init__(self, key: str, **params):
        super().__init__(key)
        self.key = key
        self.params = params


def sign_in(school: School, name: str, secret: str, new_password: str = "") -> str:
    """Check a login; on a first login, `secret` is the sign-up code and `new_password` the
    password chosen. Returns the account name; raises SignUpRefused."""
    account = canonical_name(school, name)
    if account is None:
        raise SignUpRefused("hub_unknown_name", name=name)
    with Accounts(school).locked() as data:
        entry = data["users"].setdefault(account, {"role": "student"})
        if entry.get("password"):
            if check_secret(secret, entry["password"]):
                return account
            if new_password or looks_like_code(secret):
                raise SignUpRefused("hub_code_used", name=account)
            raise SignUpRefused("hub_wrong_password", name=account)
        if not entry.get("code"):
            raise SignUpRefused("hub_no_code", name=account)
        if not check_secret(normalize_code(secret), entry["code"]):
            raise SignUpRefused("hub_wrong_code", name=account)
        if not new_password:
            raise SignUpRefused("hub_choose_password", name=account)
        if len(new_password) < MIN_PASSWORD:
            raise SignUpRefused("hub_password_short", limit=MIN_PASSWORD)
        if normalize_code(new_password) == normalize_code(secret):
            raise SignUpRefused("hub_password_is_code")
        entry["password"] = hash_secret(new_password)
        entry["code"] = None  # single use
        entry["signed_up"] = iso(utcnow())
        return account


def looks_like_code(text: str) -> bool:
    code = normalize_code(text)
    return len(code) == CODE_LENGTH and all(ch in CODE_ALPHABET for ch in code)


# -- the sheet --------------------------------------------------------------------------------
def sheet_html(school: School, klass, rows: list[dict], url: str, lang: str) -> str:
    from .messages import catalogue

    def tr(key, **params):
        return html.escape(catalogue.text(key, lang, **params))

    cards = []
    for row in rows:
        if row["code"]:
            code = f'<div class="code">{html.escape(show_code(row["code"]))}</div>'
        else:
            code = f'<div class="done">{tr("sheet_signed_up")}</div>'
        cards.append(
            '<section class="card">'
            f'<div class="who">{html.escape(row["name"])}</div>'
            f'<div class="field">{tr("sheet_login_name")} <b class="id">{html.escape(row["id"])}</b></div>'
            f'<div class="field">{tr("sheet_code")}</div>{code}'
            f'<ol class="steps"><li>{tr("sheet_step_open", url=url)}</li>'
            f'<li>{tr("sheet_step_sign_in")}</li><li>{tr("sheet_step_keep")}</li></ol>'
            '</section>')
    title = tr("sheet_title", name=klass.name, class_id=klass.id)
    return f"""<!DOCTYPE html>
<html lang="{html.escape(lang)}"><head><meta charset="utf-8"><title>{title}</title>
<style>
body {{ font-family: "Noto Sans CJK SC", "WenQuanYi Micro Hei", "PingFang SC", "Microsoft YaHei",
       sans-serif; margin: 1cm; }}
h1 {{ font-size: 16pt; }}
.cards {{ display: grid; grid-template-columns: 1fr 1fr; gap: 0.4cm; }}
.card {{ border: 1px dashed #888; padding: 0.4cm; break-inside: avoid; page-break-inside: avoid; }}
.who {{ font-size: 14pt; font-weight: bold; }}
.code {{ font: bold 20pt monospace; letter-spacing: 0.1em; margin: 0.1cm 0; }}
.steps {{ font-size: 9pt; padding-left: 1.2em; margin: 0.2cm 0 0; }}
@media print {{ .note {{ display: none; }} }}
</style></head><body>
<h1>{title}</h1>
<p class="note">{tr("sheet_note")}</p>
<div class="cards">
{chr(10).join(cards)}
</div></body></html>
"""


def run(args) -> int:
    school = School.open(args.school)
    url = args.url or "http://127.0.0.1:8000"
    for klass in school.classes(args.class_id):
        rows = issue_codes(school, klass, args.teacher)
        lang = klass.language
        out = Path(args.out) if args.out else school.root / "hub" / "sheets" / (
            f"{klass.id}-{args.teacher}.html" if args.teacher else f"{klass.id}.html")
        if args.out and len(school.classes(args.class_id)) > 1:
            out = out.with_name(f"{out.stem}-{klass.id}{out.suffix}")
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(sheet_html(school, klass, rows, url.rstrip("/") + "/hub/login", lang),
                       encoding="utf-8")
        os.chmod(out, 0o600)  # the codes are passwords until used
        issued = sum(1 for r in rows if r["code"])
        say("signup_sheet_written", class_id=klass.id, path=str(out), issued=issued,
            signed_up=len(rows) - issued)
    return 0
