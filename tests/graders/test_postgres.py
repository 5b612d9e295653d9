"""The grade verb against a real PostgreSQL server that this test starts (Debian's postgresql
package; postgres refuses to run as root, so it runs as the `postgres` user when we are root)."""
import datetime as dt
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from graders_helpers import ASSIGNMENTS, BEFORE, DUE, ROSTER
from graders import fabricate

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

PG_BIN = next((p for p in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
               if (p / "initdb").exists()), None) if Path("/usr/lib/postgresql").exists() else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def postgres():
    if PG_BIN is None:
        pytest.skip("PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin "
                    "(Debian package postgresql; scripts/setup.sh test installs it)")
    psycopg2 = pytest.importorskip("psycopg2", reason="psycopg2-binary is not installed")
    as_root = os.geteuid() == 0
    if as_root and shutil.which("runuser") is None:
        pytest.skip("running as root and runuser is missing: cannot start postgres as another user")
    base = Path(tempfile.mkdtemp(prefix="minicourse-pg-"))
    data, sock = base / "data", base / "sock"
    sock.mkdir()
    prefix = ["runuser", "-u", "postgres", "--"] if as_root else []
    if as_root:
        shutil.chown(base, "postgres", "postgres")
        shutil.chown(sock, "postgres", "postgres")
    port = _free_port()
    subprocess.run(prefix + [str(PG_BIN / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres",
                             "-E", "UTF8", "--no-sync"], check=True, capture_output=True)
    subprocess.run(prefix + [str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(base / "log"), "-w", "-t", "60",
                             "-o", f"-p {port} -k {sock} -c listen_addresses=127.0.0.1 -c fsync=off",
                             "start"], check=True, capture_output=True)
    try:
        conn = psycopg2.connect(host="127.0.0.1", port=port, user="postgres", dbname="postgres")
        conn.autocommit = True
        with conn.cursor() as cur:
            cur.execute("CREATE DATABASE gradebook_8p")
        conn.close()
        yield f"postgresql+psycopg2://postgres@127.0.0.1:{port}/gradebook_8p"
    finally:
        subprocess.run(prefix + [str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                       capture_output=True)
        shutil.rmtree(base, ignore_errors=True)


def test_grade_on_postgresql(cli, tmp_path, postgres):
    school = tmp_path / "school"
    code, out, err = cli("class", "add", "8p", "--name", "初二(5)班", "--class-lang", "zh-Hans",
                         "--db-url", postgres, school=school)
    assert code == 0, err
    assert not (school / "classes" / "8p" / "gradebook.db").exists()
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    assert cli("roster", "import", "8p", roster, school=school)[0] == 0
    assert cli("release", "8p", "ex1", "--due", "2030-01-01 20:00", "--source", ASSIGNMENTS, school=school)[0] == 0
    from graders.school import School

    klass = School.open(school).get_class("8p")
    for i, (student, kind) in enumerate([("S001", "correct"), ("S002", "partly_wrong"), ("S003", "blank"),
                                         ("S004", "invalid_json")]):
        fabricate.write_inbound(klass, student, "ex1",
                                {"ex1.ipynb": fabricate.make_notebook(klass, "ex1", "ex1", kind)},
                                BEFORE + dt.timedelta(minutes=i))
    code, out, err = cli("collect", "8p", "ex1", school=school)
    assert code == 1 and "the notebook file is damaged" in err  # S004's broken JSON, refused at collect
    code, out, err = cli("grade", "8p", "ex1", "--time-limit", 30, school=school)
    assert "8p ex1: 1 graded, 2 need manual grading, 0 failed to grade" in out

    import psycopg2  # the submissions really are in PostgreSQL

    conn = psycopg2.connect(postgres.replace("postgresql+psycopg2", "postgresql"))
    with conn.cursor() as cur:
        cur.execute("SELECT student_id FROM submitted_assignment ORDER BY 1")
        assert [r[0] for r in cur.fetchall()] == ["S001", "S002", "S003"]
    conn.close()
    from graders_helpers import gradebook_dump

    rows = gradebook_dump(klass)["rows"]
    assert rows["S001"]["grades"]["test_hidden"]["score"] == 2
    assert rows["S002"]["grades"]["test_hidden"]["score"] == 0
    assert rows["S002"]["grades"]["test_vowels"]["score"] == 2
    assert rows["S003"]["grades"]["explain"]["score"] == 0
    code, out, err = cli("publish", "8p", "ex1", "--no-release", school=school)
    assert code == 0, err


def _create_database(url, name):
    import psycopg2

    conn = psycopg2.connect(url.replace("postgresql+psycopg2", "postgresql").rsplit("/", 1)[0] + "/postgres")
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(f"CREATE DATABASE {name}")
    conn.close()


def test_postgres_urls_one_database_per_class_and_no_password_in_files(cli, tmp_path, postgres):
    school = tmp_path / "school"
    server = postgres.split("@", 1)[1].rsplit("/", 1)[0]           # 127.0.0.1:port
    _create_database(postgres, "gradebook_9a")
    _create_database(postgres, "gradebook_9b")
    # postgres:// as psql, Heroku and Supabase print it; a password in it
    url = f"postgres://postgres:s3cret-Pa55@{server}/gradebook_9a"
    code, out, err = cli("class", "add", "9a", "--name", "Grade 9A", "--class-lang", "en", "--db-url", url, school=school)
    assert code == 0, err
    secrets = school / "secrets" / "pgpass"
    assert f"The database password is kept in {secrets}" in out and "PGPASSFILE" in out
    assert oct(secrets.stat().st_mode & 0o777) == "0o600"
    assert secrets.read_text().strip().endswith(":gradebook_9a:postgres:s3cret-Pa55")
    for path in school.rglob("*"):
        if path.is_file() and path != secrets:
            assert b"s3cret-Pa55" not in path.read_bytes(), path
    assert "postgresql+psycopg2://postgres@" in (school / "classes" / "9a" / "nbgrader_config.py").read_text()
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    assert cli("roster", "import", "9a", roster, school=school)[0] == 0  # the gradebook answers
    # the same database for a second class: refused, whichever way the URL is spelled
    for same in (f"postgresql://postgres@{server}/gradebook_9a", f"postgresql+psycopg2://other@{server}/gradebook_9a"):
        code, out, err = cli("class", "add", "9x", "--name", "X", "--db-url", same, school=school)
        assert code == 2 and "Class 9a already keeps its gradebook in that database" in err
    assert not (school / "classes" / "9x").exists()
    code, out, err = cli("class", "add", "9b", "--name", "Grade 9B", "--db-url",
                         f"postgresql://postgres@{server}/gradebook_9b", school=school)
    assert code == 0, err
