"""A class's gradebook database address: PostgreSQL URLs as teachers paste them, one database
per class, and no password written into class.json or nbgrader_config.py.

* `postgres://` (what Heroku, Supabase and psql print) is read as SQLAlchemy's
  `postgresql+psycopg2://`; `postgresql://` gets the psycopg2 driver too.
* Two classes may not share a database: nbgrader's tables have no school-wide key, so a
  second class's release would rewrite the first one's assignments and due dates.
* A password in the URL is moved to <school>/secrets/pgpass (mode 0600, libpq's password file
  format); the URL kept has none. libpq finds it through PGPASSFILE, which minicourse sets for
  itself; to start formgrader or `nbgrader` by hand, set PGPASSFILE=<school>/secrets/pgpass
  (or keep the password in your own ~/.pgpass). The school's `classes list` never shows it.
"""
from __future__ import annotations

import os
from pathlib import Path

from .errors import TeacherError


def normalize(url: str) -> str:
    url = url.strip()
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg2://" + url[len(prefix):]
    return url


def identity(url: str, default_sqlite: str | None = None) -> tuple:
    """What names the database itself (server, port, database name; a SQLite file's path),
    without the user or password."""
    from sqlalchemy.engine import make_url

    u = make_url(normalize(url))
    if u.get_backend_name() == "sqlite":
        return ("sqlite", os.path.realpath(u.database or default_sqlite or ""))
    return (u.get_backend_name(), (u.host or "localhost").lower(), u.port or 5432, u.database)


def pgpass_path(school) -> Path:
    return school.root / "secrets" / "pgpass"


def _escape(field: str) -> str:
    return str(field).replace("\\", "\\\\").replace(":", "\\:")


def store_password(school, url: str) -> tuple[str, Path | None]:
    """(the URL without its password, the pgpass file it went to, or None if it had none)."""
    from sqlalchemy.engine import make_url

    u = make_url(url)
    if not u.password or u.get_backend_name() != "postgresql":
        return url, None
    path = pgpass_path(school)
    path.parent.mkdir(parents=True, exist_ok=True)
    os.chmod(path.parent, 0o700)
    line = ":".join(_escape(x) for x in (u.host or "localhost", u.port or 5432, u.database or "*",
                                         u.username or "*", u.password)) + "\n"
    old = path.read_text(encoding="utf-8").splitlines(keepends=True) if path.exists() else []
    key = line.rsplit(":", 1)[0]
    lines = [l for l in old if l.rsplit(":", 1)[0] != key] + [line]
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.writelines(lines)
    os.chmod(path, 0o600)
    return u._replace(password=None).render_as_string(hide_password=False), path


def use_passwords(school) -> None:
    """Let libpq (psycopg2, here and in nbgrader) read the school's password file."""
    path = pgpass_path(school)
    if path.is_file():
        os.environ.setdefault("PGPASSFILE", str(path))


def check_not_shared(school, class_id: str, url: str) -> None:
    mine = identity(url)
    for other_id in school.class_ids():
        if other_id == class_id:
            continue
        other = school.get_class(other_id)
        if identity(other.gradebook_url) == mine:
            raise TeacherError("class_db_shared", class_id=class_id, other=other_id)
