"""`minicourse collect`: take in submissions from the nbgrader exchange, or from a folder or
.zip of uploaded notebooks (how many schools really receive homework).

Every submission is kept in <class>/archive/<assignment>/<student>/<submission id>/ with its
time; nothing there is ever overwritten or deleted. The newest submission of each student is
the one that counts: it is mirrored into nbgrader's submitted/<student>/<assignment>/ (with
timestamp.txt) so formgrader and nbgrader see it too. Late submissions are marked against the
due date.

Everything is checked in memory before anything is written. Refused, with a reason and never
written: paths that escape the upload (`../`, absolute paths, links), zip bombs (too large, too
many files, suspicious compression ratios, sizes that lie), files that are not notebooks,
students not on the roster, encrypted zip entries.

Uploads: `<student id>/<anything>.ipynb` (a folder per student, at any depth), `<student id>
<name>/<renamed>.ipynb`, Moodle's `<Full name>_<n>_assignsubmission_file/...` (the full name is
matched against the roster's names, unless <n> is a student number), or `<student id>_<anything>.ipynb`
/ `<student id>-...` / `<student id> ...` (one file each). The file belongs to the student its
path names; a path naming two students is refused. Zip names: the UTF-8 flag, else Info-ZIP's
Unicode Path field, else one encoding for the archive (UTF-8 as Linux/macOS `zip` writes, or
the Chinese Windows code page). Broken notebooks, oversize ones (MAX_FILE, MAX_CELLS) and
times in the future are refused here, with the reason, not met later at grade.
Times: the zip entry's time or the file's modification time, in the school's time zone.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from . import late
from .common import fmt_seconds, replace_folder, say, t, warn
from .errors import TeacherError
from .school import STUDENT_ID, School, iso, parse_iso

MAX_FILE = 10 * 1024 * 1024        # one notebook (a homework notebook is well under 1 MB)
MAX_CELLS = 1000                   # cells in one notebook (homework has a few dozen)
FUTURE_SLACK = dt.timedelta(minutes=10)  # clocks a little fast are not refused
MAX_TOTAL = 500 * 1024 * 1024      # one upload, uncompressed
MAX_ENTRIES = 5000                 # one upload
MAX_RATIO = 200                    # uncompressed / compressed, for entries over 1 MB
SYSTEM_FILES = re.compile(r"(^|/)(__MACOSX/|\.DS_Store$|Thumbs\.db$|desktop\.ini$|\._|\.ipynb_checkpoints/)",
                          re.IGNORECASE)
EXCHANGE_META = {"timestamp.txt", "submission_secret.txt"}
HUB_ACCOUNT = "minicourse hub user "  # the comment (GECOS) of a hub student's Unix account


@dataclass
class Candidate:
    """One file that might become part of a submission."""
    origin: str              # where it came from, as the teacher would recognise it
    relpath: str             # path inside the upload / exchange folder (POSIX)
    student: str | None = None
    notebook: str | None = None
    received_at: dt.datetime | None = None
    data: bytes | None = None
    exchange_dir: str = ""   # exchange folder it came from (one submission per folder)


@dataclass
class CollectResult:
    new: list[dict] = field(default_factory=list)
    already: int = 0
    refused: list[tuple[str, str, dict]] = field(default_factory=list)  # (origin, key, params)


def add_parser(sub) -> None:
    p = sub.add_parser("collect", help=t("help_collect"), description=t("help_collect"))
    p.add_argument("class_id", metavar="CLASS", help=t("help_arg_classes"))
    p.add_argument("assignment", help=t("help_arg_assignment"))
    p.add_argument("--from", dest="source", metavar="FOLDER_OR_ZIP", help=t("help_arg_from"))
    late.add_extend_argument(p)
    p.set_defaults(func=run)


# -- reading uploads --------------------------------------------------------------------------
def _safe_relpath(name: str) -> str | None:
    """The normalised relative path of an upload entry, or None if it escapes the upload."""
    name = name.replace("\\", "/")
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name) or "\x00" in name:
        return None
    parts = [p for p in PurePosixPath(name).parts if p not in ("", ".")]
    if any(p == ".." for p in parts) or not parts:
        return None
    return "/".join(parts)


UNICODE_PATH_EXTRA = 0x7075  # Info-ZIP Unicode Path Extra Field (APPNOTE 4.6.9)


def _unicode_path(info: zipfile.ZipInfo, raw_name: bytes) -> str | None:
    """The UTF-8 name an Info-ZIP Unicode Path extra field gives, if its CRC matches the
    entry's own name (a stale field, left by a tool that renamed the entry, is ignored)."""
    import zlib

    extra, i = info.extra, 0
    while i + 4 <= len(extra):
        tag, size = int.from_bytes(extra[i:i + 2], "little"), int.from_bytes(extra[i + 2:i + 4], "little")
        body = extra[i + 4:i + 4 + size]
        if tag == UNICODE_PATH_EXTRA and len(body) > 5 and body[0] == 1:
            if int.from_bytes(body[1:5], "little") == zlib.crc32(raw_name):
                try:
                    return body[5:].decode("utf-8")
                except UnicodeDecodeError:
                    return None
        i += 4 + size
    return None


def _names_encoding(path: Path) -> str:
    """The encoding of the zip's names that lack the UTF-8 flag: Info-ZIP (Linux and macOS
    `zip`) writes UTF-8 without setting the flag, Windows' own zip the system code page
    (GBK on the mainland, Big5 in Hong Kong)."""
    raw = b"\n".join(i.filename.encode("cp437") for i in zipfile.ZipFile(path).infolist()
                     if not i.flag_bits & 0x800)
    if not raw:
        return "utf-8"
    try:
        raw.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(raw, cp_isolation=["gb18030", "cp950", "big5hkscs"]).best()
    return best.encoding if best else "gb18030"


def _zip_name(info: zipfile.ZipInfo, encoding: str) -> str:
    if info.flag_bits & 0x800:
        return info.filename
    try:
        raw = info.orig_filename.encode(encoding)
    except UnicodeEncodeError:
        return info.filename
    return _unicode_path(info, raw) or info.filename


def read_zip(path: Path, tz) -> tuple[list[Candidate], list[tuple[str, str, dict]]]:
    refused = []
    try:
        encoding = _names_encoding(path)
        try:
            zf = zipfile.ZipFile(path, metadata_encoding=encoding)
        except UnicodeDecodeError:  # a guess that fails on some name: zip's own cp437
            encoding = "cp437"
            zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise TeacherError("upload_not_zip", path=str(path)) from None
    with zf:
        infos = [i for i in zf.infolist() if not i.is_dir()]
        if len(infos) > MAX_ENTRIES:
            raise TeacherError("upload_too_many", path=str(path), count=len(infos), limit=MAX_ENTRIES)
        declared = sum(i.file_size for i in infos)
        if declared > MAX_TOTAL:
            raise TeacherError("upload_too_big", path=str(path), size=_mb(declared), limit=_mb(MAX_TOTAL))
        out = []
        for info in infos:
            name = _zip_name(info, encoding)
            origin = f"{path.name}:{name}"
            rel = _safe_relpath(name)
            if rel is None:
                refused.append((origin, "refused_path_escape", {}))
                continue
            if SYSTEM_FILES.search(rel):
                continue  # Finder/Explorer litter, silently skipped
            mode = info.external_attr >> 16
            if stat.S_ISLNK(mode):
                refused.append((origin, "refused_link", {}))
                continue
            if not rel.lower().endswith(".ipynb"):
                refused.append((origin, "refused_not_notebook", {}))
                continue
            if info.flag_bits & 0x1:
                refused.append((origin, "refused_encrypted", {}))
                continue
            if info.file_size > MAX_FILE:
                refused.append((origin, "refused_too_big", {"size": _mb(info.file_size), "limit": _mb(MAX_FILE)}))
                continue
            if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                refused.append((origin, "refused_zip_bomb", {"ratio": info.file_size // max(info.compress_size, 1)}))
                continue
            try:
                with zf.open(info) as fh:
                    data = fh.read(MAX_FILE + 1)
            except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, EOFError):
                refused.append((origin, "refused_corrupt", {}))
                continue
            if len(data) > MAX_FILE or len(data) != info.file_size:
                # the header lied about the size: a crafted archive
                refused.append((origin, "refused_zip_bomb", {"ratio": "?"}))
                continue
            try:
                when = dt.datetime(*info.date_time, tzinfo=tz)
            except ValueError:
                when = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.timezone.utc)
            out.append(Candidate(origin, rel, received_at=when.astimezone(dt.timezone.utc), data=data))
        return out, refused


def read_folder(root: Path) -> tuple[list[Candidate], list[tuple[str, str, dict]]]:
    refused, out = [], []
    real_root = os.path.realpath(root)
    total = 0
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        for d in list(dirnames):
            full = os.path.join(dirpath, d)
            if os.path.islink(full):
                refused.append((os.path.relpath(full, root), "refused_link", {}))
                dirnames.remove(d)
        for name in filenames:
            full = os.path.join(dirpath, name)
            rel = os.path.relpath(full, root).replace(os.sep, "/")
            if SYSTEM_FILES.search(rel):
                continue
            st = os.lstat(full)
            if stat.S_ISLNK(st.st_mode):
                refused.append((rel, "refused_link", {}))
                continue
            if not stat.S_ISREG(st.st_mode):
                refused.append((rel, "refused_not_notebook", {}))
                continue
            if not os.path.realpath(full).startswith(real_root + os.sep):
                refused.append((rel, "refused_path_escape", {}))
                continue
            if not name.lower().endswith(".ipynb"):
                refused.append((rel, "refused_not_notebook", {}))
                continue
            if st.st_size > MAX_FILE:
                refused.append((rel, "refused_too_big", {"size": _mb(st.st_size), "limit": _mb(MAX_FILE)}))
                continue
            total += st.st_size
            if total > MAX_TOTAL:
                raise TeacherError("upload_too_big", path=str(root), size=_mb(total), limit=_mb(MAX_TOTAL))
            with open(full, "rb") as fh:
                data = fh.read(MAX_FILE + 1)
            when = dt.datetime.fromtimestamp(st.st_mtime, dt.timezone.utc).replace(microsecond=0)
            out.append(Candidate(rel, rel, received_at=when, data=data))
    return out, refused


NOBODY = 65534  # the overflow uid/gid: what a sandbox or user namespace maps its user to


def _owner(path: Path) -> tuple[int, int, str | None]:
    """(uid, gid, account name or None) of the owner of ``path``; for a hub student's own
    account (graders/hub_spawner.py), the student id it belongs to."""
    st = path.lstat()
    try:
        import pwd

        entry = pwd.getpwuid(st.st_uid)
    except (ImportError, KeyError):
        return st.st_uid, st.st_gid, None
    if entry.pw_gecos.startswith(HUB_ACCOUNT):
        return st.st_uid, st.st_gid, entry.pw_gecos[len(HUB_ACCOUNT):]
    return st.st_uid, st.st_gid, entry.pw_name


def _account_uid(student: str) -> int | None:
    """The uid of the student's own account: one named by the student number, or their hub account."""
    try:
        import pwd
    except ImportError:
        return None
    try:
        return pwd.getpwnam(student).pw_uid
    except KeyError:
        pass
    for entry in pwd.getpwall():
        if entry.pw_gecos.casefold() == (HUB_ACCOUNT + student).casefold():
            return entry.pw_uid
    return None


def owner_problem(path: Path, student: str, roster: dict) -> tuple[str, dict] | None:
    """Whose account wrote this inbound folder, checked as nbgrader's ``check_owner`` does,
    but refusing instead of warning. Accepted: the student's own account (one named by the
    student number), or the account running minicourse and root (a one-account server, where
    nbgrader's exchange is written by the notebook server's user). Refused: a classmate's
    account, and any other account (the sandbox user, nobody/65534, a stranger)."""
    uid, gid, name = _owner(path)
    if name is not None and name != student and name in roster:
        return "refused_other_students_account", {"student_id": student, "owner": name}
    own = _account_uid(student)
    expected = {os.geteuid(), 0} | ({own} if own is not None else set())
    if uid in expected and uid != NOBODY and gid != NOBODY:
        return None
    return "refused_foreign_owner", {"student_id": student, "owner": name or str(uid), "uid": uid, "gid": gid}


def exchange_time(stamp: str, local: dt.tzinfo) -> dt.datetime:
    """The time in an inbound folder's name, in UTC.

    nbgrader writes the student's server's local time with its zone's abbreviation
    ("2026-12-02 08:19:15.8 CST"), which neither dateutil nor nbgrader's own parse_utc can
    resolve ("CST" is also US Central): they take it as UTC, 8 hours off for a school in China,
    and collect would see it as handed in "in the future". A time with a UTC offset, or UTC
    itself, is taken as it says; one with another abbreviation is the school's local time (the
    hub's students' servers run in the school's time zone).
    """
    import warnings

    from dateutil import parser

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")   # dateutil's UnknownTimezoneWarning for "CST"
        when = parser.parse(stamp)
    if when.tzinfo is None:
        zone = stamp.rsplit(" ", 1)[-1] if " " in stamp.strip() else ""
        named = zone.isalpha() and zone.upper() not in ("UTC", "GMT", "Z")
        when = when.replace(tzinfo=local if named else dt.timezone.utc)
    return when.astimezone(dt.timezone.utc)


def read_exchange(klass, assignment: str, roster: dict) -> tuple[list[Candidate], list[tuple[str, str, dict]], dict]:
    """Candidates from <exchange>/<class>/inbound/<student>+<assignment>+<timestamp>[+<random>].

    Like nbgrader's ``CollectApp.check_owner``, the folder's owner is checked against the
    student id it claims; nbgrader only warns, we refuse when the owner is *another student
    of the class* (one student handing in under a classmate's id). On a one-account server
    (every folder owned by the teacher's or a service account) nothing is refused.
    """
    inbound = klass.school.exchange_root / klass.id / "inbound"
    out, refused, secrets = [], [], {}
    if not inbound.is_dir():
        return out, refused, secrets
    for entry in sorted(inbound.iterdir()):
        parts = entry.name.rsplit("+", 3)
        if len(parts) < 3 or parts[1] != assignment:
            continue
        student, stamp = parts[0], parts[2]
        origin = f"exchange:{entry.name}"
        if entry.is_symlink() or not entry.is_dir():
            refused.append((origin, "refused_link", {}))
            continue
        problem = owner_problem(entry, student, roster)
        if problem:
            refused.append((origin, *problem))
            continue
        try:
            received = exchange_time(stamp, klass.school.tz)
        except Exception:
            refused.append((origin, "refused_bad_timestamp", {"value": stamp}))
            continue
        files, bad = read_folder(entry)
        for rel, key, params in bad:
            if rel not in EXCHANGE_META:
                refused.append((f"{origin}/{rel}", key, params))
        secret_path = entry / "submission_secret.txt"
        if secret_path.is_file() and not secret_path.is_symlink():
            secrets[origin] = secret_path.read_text()[:512]
        for c in files:
            c.origin = f"{origin}/{c.relpath}"
            c.received_at = received
            c.student = student
            c.relpath = f"{student}/{c.relpath}"
            c.exchange_dir = origin
            out.append(c)
        if not files and not bad:
            refused.append((origin, "refused_empty", {}))
    return out, refused, secrets


# -- deciding whose and which notebook ---------------------------------------------------------
# Moodle's "Download all submissions": <Full name>_<participant no>_assignsubmission_file[_]/<file>
# in folders, or <Full name>_<participant no>_assignsubmission_file_<file> without
MOODLE = re.compile(r"^(?P<name>.+?)_(?P<number>\d+)_assignsubmission_(?:file|onlinetext)(?:_.*)?$")
ID_PREFIX = re.compile(r"^([A-Za-z0-9][A-Za-z0-9.]*?)(?:[_\-\s]|\.ipynb$)")


def _fold(name: str) -> str:
    import unicodedata

    return "".join(unicodedata.normalize("NFKC", name).casefold().split())


def _named_in(part: str, roster: dict, names: dict[str, list[str]], is_file: bool) -> str | None:
    """The student a path part names: the id itself (a folder), `<id> <name>` / `<id>_...`
    (Moodle's and teachers' own renames), or Moodle's `<Full name>_<n>_assignsubmission_file`,
    where <n> is Moodle's participant number unless it is a student number of the roster."""
    if not is_file and part in roster:
        return part
    m = ID_PREFIX.match(part)
    if m and m.group(1) in roster:
        return m.group(1)
    moodle = MOODLE.match(part)
    if moodle:
        if moodle.group("number") in roster:
            return moodle.group("number")
        matches = names.get(_fold(moodle.group("name")), [])
        if len(matches) == 1:
            return matches[0]
    return None


def roster_names(roster: dict) -> dict[str, list[str]]:
    names: dict[str, list[str]] = {}
    for sid, s in roster.items():
        for n in {s.get("name"), s.get("other_name")}:
            if n:
                names.setdefault(_fold(n), []).append(sid)
    return names


def assign_owner(c: Candidate, roster: dict, notebooks: list[str],
                 names: dict[str, list[str]] | None = None) -> tuple[str, dict] | None:
    """Fill c.student and c.notebook; return (key, params) of a refusal instead.

    A file belongs to the student its outermost naming folder names; a path whose parts name
    two different students (`c03/c04/menu.ipynb`) is refused, never given to either."""
    names = roster_names(roster) if names is None else names
    parts = c.relpath.split("/")
    filename = parts[-1]
    named = [_named_in(p, roster, names, is_file=False) for p in parts[:-1]]
    named.append(_named_in(filename, roster, names, is_file=True))
    found = list(dict.fromkeys(x for x in named if x))
    if c.student is not None and c.student not in found:
        found.insert(0, c.student)
    if len(found) > 1:
        return "refused_two_students", {"students": ", ".join(found)}
    if found:
        c.student = found[0]
    if c.student is None:
        moodle = next((MOODLE.match(p) for p in parts if MOODLE.match(p)), None)
        if moodle:
            return "refused_name_not_on_roster", {"name": moodle.group("name")}
        m = ID_PREFIX.match(filename)
        # only something that looks like a student number (has a digit) is named back
        looks_like_id = lambda x: bool(x and STUDENT_ID.match(x) and any(ch.isdigit() for ch in x))
        guess = m.group(1) if m and looks_like_id(m.group(1)) else None
        folder_guess = next((p for p in parts[:-1] if looks_like_id(p)), None)
        who = guess or folder_guess
        if who:
            return "refused_unknown_student", {"student_id": who}
        return "refused_no_student", {}
    elif c.student not in roster:
        return "refused_unknown_student", {"student_id": c.student}
    stem = filename[:-len(".ipynb")]
    if stem in notebooks:
        c.notebook = stem
    elif len(notebooks) == 1:
        c.notebook = notebooks[0]
    else:
        matches = [n for n in notebooks if n in stem]
        if len(matches) != 1:
            return "refused_which_notebook", {"expected": ", ".join(n + ".ipynb" for n in notebooks)}
        c.notebook = matches[0]
    return None


def check_notebook(data: bytes) -> tuple[str, dict] | None:
    """A refusal (key, params) for a file that is not a notebook grading can open, or None:
    broken JSON is named here, at collect, with where it breaks, not later at grade."""
    import json

    if len(data) > MAX_FILE:
        return "refused_too_big", {"size": _mb(len(data)), "limit": _mb(MAX_FILE)}
    try:
        nb = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return "refused_not_text", {}
    except json.JSONDecodeError as exc:
        return "refused_broken_json", {"line": exc.lineno, "column": exc.colno}
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list) or "nbformat" not in nb:
        return "refused_not_notebook_json", {}
    if len(nb["cells"]) > MAX_CELLS:
        return "refused_too_many_cells", {"count": len(nb["cells"]), "limit": MAX_CELLS}
    return None


def group_submissions(cands: list[Candidate]) -> list[list[Candidate]]:
    """Files of one student become one submission; a second file for the same notebook
    starts another submission (each keeps its own time, the newest counts)."""
    groups: list[list[Candidate]] = []
    by_key: dict[str, list[list[Candidate]]] = {}
    for c in sorted(cands, key=lambda c: (c.student, c.exchange_dir, c.received_at, c.relpath)):
        key = c.student + "\0" + c.exchange_dir
        open_groups = by_key.setdefault(key, [])
        if open_groups and c.notebook not in {x.notebook for x in open_groups[-1]}:
            open_groups[-1].append(c)
        else:
            group = [c]
            open_groups.append(group)
            groups.append(group)
    return groups


# -- writing ------------------------------------------------------------------------------------
def submission_id(group: list[Candidate]) -> tuple[str, dt.datetime]:
    received = max(c.received_at for c in group)
    digest = hashlib.sha256()
    for c in sorted(group, key=lambda c: c.notebook):
        digest.update(c.notebook.encode() + b"\0" + c.data)
    return f"{received.strftime('%Y%m%dT%H%M%SZ')}-{digest.hexdigest()[:10]}", received


def _write_new(path: Path, data: bytes) -> None:
    # O_EXCL: an archive file is never overwritten
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)


def nbgrader_timestamp(ts: dt.datetime) -> str:
    return ts.astimezone(dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f UTC")


def mirror_to_submitted(klass, assignment: str, student: str, entry: dict) -> None:
    """nbgrader's submitted/<student>/<assignment>/ = the submission that counts."""
    src = klass.archive_dir(assignment) / student / entry["id"]
    dest = klass.nbgrader_dir("submitted", student, assignment)
    tmp = dest.with_name(dest.name + ".incoming")
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir(parents=True)
    for name in entry["files"]:
        shutil.copyfile(src / name, tmp / name)
    (tmp / "timestamp.txt").write_text(nbgrader_timestamp(parse_iso(entry["received_at"])))
    if (src / "submission_secret.txt").exists():
        shutil.copyfile(src / "submission_secret.txt", tmp / "submission_secret.txt")
    replace_folder(tmp, dest)


def collect(klass, assignment: str, source: str | Path | None = None) -> CollectResult:
    from .records import Records

    records = Records.load(klass, assignment)
    if not records.release:
        raise TeacherError("not_released", assignment=assignment, class_id=klass.id)
    notebooks = records.release["notebooks"]
    due = records.due()
    roster = klass.roster()
    if not roster:
        raise TeacherError("roster_missing", class_id=klass.id)
    result = CollectResult()
    secrets: dict[str, str] = {}
    if source is None:
        cands, refused, secrets = read_exchange(klass, assignment, roster)
        label = "exchange"
    else:
        path = Path(source)
        if path.is_dir():
            cands, refused = read_folder(path)
        elif path.is_file() and zipfile.is_zipfile(path):
            cands, refused = read_zip(path, klass.school.tz)
        elif path.is_file():
            raise TeacherError("upload_not_zip", path=str(path))
        else:
            raise TeacherError("file_missing", path=str(path))
        label = path.name
    result.refused.extend(refused)
    accepted = []
    names = roster_names(roster)
    latest_allowed = dt.datetime.now(dt.timezone.utc) + FUTURE_SLACK
    for c in cands:
        problem = assign_owner(c, roster, notebooks, names) or check_notebook(c.data)
        if problem is None and c.received_at and c.received_at > latest_allowed:
            problem = ("refused_future_time", {"when": c.received_at.astimezone(klass.school.tz)
                                               .strftime("%Y-%m-%d %H:%M")})
        if problem:
            result.refused.append((c.origin, *problem))
        else:
            accepted.append(c)

    for group in group_submissions(accepted):
        student = group[0].student
        sid, received = submission_id(group)
        origin = group[0].exchange_dir or f"upload:{label}"
        if records.has_submission(sid, student):
            result.already += 1
            continue
        folder = klass.archive_dir(assignment) / student / sid
        folder.mkdir(parents=True, exist_ok=False)
        files = []
        for c in group:
            name = f"{c.notebook}.ipynb"
            _write_new(folder / name, c.data)
            files.append(name)
        if origin in secrets:
            _write_new(folder / "submission_secret.txt", secrets[origin].encode())
        late_by = late.seconds_late(due, received, late.extension_seconds(klass, assignment, student))
        entry = {"id": sid, "student": student, "received_at": iso(received), "origin": origin,
                 "sources": [c.origin for c in group], "files": sorted(files),
                 "late_seconds": late_by, "collected_at": iso(dt.datetime.now(dt.timezone.utc))}
        records.add_submission(entry)
        result.new.append(entry)
    for origin, key, params in result.refused:
        records.add_refusal(origin, key, params)
    newest = records.newest()
    for entry in result.new:
        if newest[entry["student"]]["id"] == entry["id"]:
            mirror_to_submitted(klass, assignment, entry["student"], entry)
    records.save()
    return result


def missing_students(klass, assignment: str) -> list[str]:
    """Students on the roster with no submission collected (by any route) for the assignment."""
    from .records import Records

    handed_in = set(Records.load(klass, assignment).newest())
    return [sid for sid in klass.roster() if sid not in handed_in]


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB"


def run(args) -> int:
    from .common import class_lock

    school = School.open(args.school)
    status = 0
    for klass in school.classes(args.class_id):
        with class_lock(klass):
            late.apply_arguments(klass, args.assignment, args)   # --extend: kept for grade too
            result = collect(klass, args.assignment, args.source)
        roster = klass.roster()
        say("collected", class_id=klass.id, new=len(result.new), already=result.already,
            refused=len(result.refused))
        for entry in result.new:
            name = roster.get(entry["student"], {}).get("name", "")
            late_by = late.late_seconds(klass, args.assignment, entry)
            key = "collected_line_late" if late_by > 0 else "collected_line"
            say(key, student=entry["student"], name=name, files=", ".join(entry["files"]),
                when=parse_iso(entry["received_at"]).astimezone(school.tz).strftime("%Y-%m-%d %H:%M"),
                late=fmt_seconds(late_by))
        for origin, key, params in result.refused:
            warn("refused_line", origin=origin, reason=t(key, **params))
        missing = missing_students(klass, args.assignment)
        if missing:
            say("collected_missing", count=len(missing),
                students=", ".join(f"{sid} {roster[sid]['name']}" for sid in missing))
        if result.refused:
            status = 1
    return status
