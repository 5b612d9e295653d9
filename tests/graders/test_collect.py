"""`minicourse collect`: exchange, folders and .zip uploads; every submission kept with its time,
the newest counts, late marked; unsafe uploads refused with a reason and never written."""
import datetime as dt
import io
import os
import zipfile

import pytest

from graders import collect as collect_module
from graders import fabricate
from graders.records import Records
from graders_helpers import BEFORE, DUE, snapshot


@pytest.fixture
def nb(klass):
    return {kind: fabricate.make_notebook(klass, "ex1", "ex1", kind) for kind in ("correct", "blank")}


def archive_files(klass):
    return sorted(str(p.relative_to(klass.root / "archive")) for p in (klass.root / "archive").rglob("*") if p.is_file())


def test_exchange_keeps_every_submission_and_the_newest_counts(cli, klass, nb):
    fabricate.write_inbound(klass, "S001", "ex1", {"ex1.ipynb": nb["blank"]}, BEFORE)
    fabricate.write_inbound(klass, "S001", "ex1", {"ex1.ipynb": nb["correct"]}, BEFORE + dt.timedelta(hours=2))
    fabricate.write_inbound(klass, "S002", "ex1", {"ex1.ipynb": nb["correct"]}, DUE + dt.timedelta(hours=5))
    code, out, err = cli("collect", "8c", "ex1", school=klass.school)
    assert code == 0, err
    assert "8c: 3 new submissions, 0 already collected, 0 refused." in out
    assert "S002 陳大文: ex1.ipynb at 2026-01-02 01:00 (late by 5 hr)" in out  # Shanghai time
    records = Records.load(klass, "ex1")
    assert [s["student"] for s in records.submissions].count("S001") == 2
    newest = records.newest()
    assert newest["S002"]["late_seconds"] == 5 * 3600
    # nbgrader's submitted/ holds the newest one, with its time
    submitted = klass.root / "submitted" / "S001" / "ex1"
    assert (submitted / "ex1.ipynb").read_bytes() == nb["correct"]
    assert (submitted / "timestamp.txt").read_text().startswith("2025-12-31 14:00:00")
    # both versions are archived
    assert len([f for f in archive_files(klass) if f.startswith("ex1/S001/") and f.endswith(".ipynb")]) == 2
    # collecting again adds nothing and changes nothing
    before = snapshot(klass.root / "archive")
    code, out, err = cli("collect", "8c", "ex1", school=klass.school)
    assert "0 new submissions, 3 already collected" in out
    assert snapshot(klass.root / "archive") == before


def test_exchange_refuses_work_handed_in_from_a_classmates_account(cli, klass, nb, monkeypatch):
    """nbgrader's check_owner: S001's account submitting as S002 is refused; folders written by
    the account running minicourse (a one-account server) are fine."""
    forged = fabricate.write_inbound(klass, "S002", "ex1", {"ex1.ipynb": nb["correct"]}, BEFORE)
    honest = fabricate.write_inbound(klass, "S003", "ex1", {"ex1.ipynb": nb["correct"]}, BEFORE)
    real_owner = collect_module._owner
    monkeypatch.setattr(collect_module, "_owner", lambda path: (
        (4242, 4242, "S001") if path.name == forged.name else real_owner(path)))
    code, out, err = cli("collect", "8c", "ex1", school=klass.school)
    assert "1 new submission, 0 already collected, 1 refused." in out
    assert "handed in as S002 from S001's account" in err
    assert [s["student"] for s in Records.load(klass, "ex1").submissions] == ["S003"]
    assert not (klass.root / "submitted" / "S002").exists()


def test_an_older_submission_arriving_later_does_not_replace_the_newest(cli, klass, nb):
    fabricate.write_inbound(klass, "S003", "ex1", {"ex1.ipynb": nb["correct"]}, BEFORE + dt.timedelta(hours=3))
    cli("collect", "8c", "ex1", school=klass.school)
    zpath = klass.school.root / "old.zip"
    fabricate.write_upload_zip(zpath, [("S003_ex1.ipynb", nb["blank"], dt.datetime(2025, 12, 30, 9, 0))])
    code, out, err = cli("collect", "8c", "ex1", "--from", zpath, school=klass.school)
    assert "1 new submission" in out
    assert (klass.root / "submitted" / "S003" / "ex1" / "ex1.ipynb").read_bytes() == nb["correct"]
    assert Records.load(klass, "ex1").count_for("S003") == 2


def make_zip(path, entries):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries:
            if isinstance(name, zipfile.ZipInfo):
                zf.writestr(name, data)
            else:
                zf.writestr(zipfile.ZipInfo(name, date_time=(2025, 12, 31, 10, 0, 0)), data,
                            compress_type=zipfile.ZIP_DEFLATED)
    return path


def test_unsafe_uploads_are_refused_with_a_reason_and_never_written(cli, klass, nb, tmp_path):
    link = zipfile.ZipInfo("S004_link.ipynb", date_time=(2025, 12, 31, 10, 0, 0))
    link.external_attr = (0o120777 << 16)
    zpath = make_zip(tmp_path / "uploads.zip", [
        ("class/S001/ex1.ipynb", nb["correct"]),          # fine: folder per student
        ("class/S002_陳大文_ex1.ipynb", nb["correct"]),     # fine: id in the file name
        ("../S003_ex1.ipynb", nb["correct"]),              # escapes the upload
        ("/etc/S005_ex1.ipynb", nb["correct"]),            # absolute path
        (link, "/work/main/assignments/ex1/ex1.en.ipynb"),  # a symlink entry
        ("class/S006_photo.jpg", b"\xff\xd8\xff"),         # not a notebook
        ("class/S999_ex1.ipynb", nb["correct"]),           # not on the roster
        ("class/homework.ipynb", nb["correct"]),           # whose?
        ("class/S007_bomb.ipynb", b"0" * (5 * 1024 * 1024)),      # 5 MB that packs to a few KB
        ("class/S008_huge.ipynb", b" " * (11 * 1024 * 1024)),     # over the 10 MB limit
        ("__MACOSX/class/._S001", b"junk"),                 # Finder litter, skipped silently
    ])
    code, out, err = cli("collect", "8c", "ex1", "--from", zpath, school=klass.school)
    assert code == 1
    assert "8c: 2 new submissions, 0 already collected, 8 refused." in out
    expected = {
        "uploads.zip:../S003_ex1.ipynb": "its path leads outside the upload",
        "uploads.zip:/etc/S005_ex1.ipynb": "its path leads outside the upload",
        "uploads.zip:S004_link.ipynb": "it is a link, not a file",
        "uploads.zip:class/S006_photo.jpg": "not a notebook (.ipynb)",
        "uploads.zip:class/S999_ex1.ipynb": "S999 is not on the class roster",
        "uploads.zip:class/homework.ipynb": "cannot tell whose file this is",
        "uploads.zip:class/S007_bomb.ipynb": "looks like a zip bomb",
        "uploads.zip:class/S008_huge.ipynb": "too large (11.0 MB; at most 10.0 MB)",
    }
    for origin, reason in expected.items():
        assert f"refused {origin}: {reason}" in err
    assert archive_files(klass) == sorted([f"ex1/S001/{s['id']}/ex1.ipynb" for s in Records.load(klass, "ex1").submissions
                                           if s["student"] == "S001"] +
                                          [f"ex1/S002/{s['id']}/ex1.ipynb" for s in Records.load(klass, "ex1").submissions
                                           if s["student"] == "S002"])
    for student in ("S003", "S004", "S005", "S006", "S007", "S008", "S999"):
        assert not (klass.root / "submitted" / student).exists()
        assert not (klass.root / "archive" / "ex1" / student).exists()
    assert not (klass.root.parent / "S003_ex1.ipynb").exists()
    refused = Records.load(klass, "ex1").data["refused"]
    assert {r["origin"] for r in refused} == set(expected)


def test_a_zip_whose_header_lies_about_sizes_is_refused(cli, klass, tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr(zipfile.ZipInfo("S001_ex1.ipynb", date_time=(2025, 12, 31, 10, 0, 0)), b"x" * 1000)
    data = bytearray(buf.getvalue())
    # patch the central directory's uncompressed size (offset 24 in the entry) to 10 bytes
    cd = data.rfind(b"PK\x01\x02")
    data[cd + 24:cd + 28] = (10).to_bytes(4, "little")
    path = tmp_path / "liar.zip"
    path.write_bytes(bytes(data))
    code, out, err = cli("collect", "8c", "ex1", "--from", path, school=klass.school)
    assert "0 new submissions" in out
    assert "refused liar.zip:S001_ex1.ipynb:" in err
    assert not (klass.root / "archive" / "ex1").exists() or archive_files(klass) == []


def test_too_many_files_refuses_the_whole_upload(cli, klass, tmp_path, monkeypatch):
    import graders.collect

    monkeypatch.setattr(graders.collect, "MAX_ENTRIES", 3)
    path = make_zip(tmp_path / "many.zip", [(f"S00{i}_ex1.ipynb", b"{}") for i in range(1, 6)])
    code, out, err = cli("collect", "8c", "ex1", "--from", path, school=klass.school)
    assert code == 2
    assert "holds 5 files (at most 3); nothing was taken" in err
    assert archive_files(klass) == []


def test_folder_upload_refuses_links_that_point_outside(cli, klass, nb, tmp_path):
    up = tmp_path / "up"
    (up / "S001").mkdir(parents=True)
    (up / "S001" / "ex1.ipynb").write_bytes(nb["correct"])
    secret = tmp_path / "secret.ipynb"
    secret.write_text("teacher's eyes only")
    os.symlink(secret, up / "S002_ex1.ipynb")
    os.symlink(tmp_path, up / "S003")
    os.utime(up / "S001" / "ex1.ipynb", (DUE.timestamp() + 60, DUE.timestamp() + 60))
    code, out, err = cli("collect", "8c", "ex1", "--from", up, school=klass.school)
    assert "1 new submission" in out
    assert "refused S002_ex1.ipynb: it is a link, not a file" in err
    assert "refused S003: it is a link, not a file" in err
    assert "late by 1 min" in out  # folder uploads: the file's time
    assert b"teacher's eyes only" not in b"".join(snapshot(klass.root).values())


def test_chinese_windows_zip_names(cli, klass, nb, tmp_path):
    gbk = "作业/S001_李文琪_ex1.ipynb".encode("gbk")

    class WindowsName(zipfile.ZipInfo):  # Windows' zip tool: GBK bytes, no UTF-8 flag
        def _encodeFilenameFlags(self):
            return gbk, self.flag_bits

    path = tmp_path / "gbk.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(WindowsName("x", date_time=(2025, 12, 31, 10, 0, 0)), nb["correct"])
    code, out, err = cli("collect", "8c", "ex1", "--from", path, school=klass.school)
    assert code == 0, err
    assert "1 new submission" in out
    assert Records.load(klass, "ex1").submissions[0]["sources"] == ["gbk.zip:作业/S001_李文琪_ex1.ipynb"]


def test_upload_that_is_neither_folder_nor_zip(cli, klass, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("hello")
    code, out, err = cli("collect", "8c", "ex1", "--from", path, school=klass.school)
    assert code == 2
    assert "is neither a folder nor a .zip file" in err


def test_collect_needs_a_roster(cli, school):
    from graders.classes import create_class
    from graders.release import release
    from graders_helpers import ASSIGNMENTS

    k = create_class(school, "empty", "空班", "en")
    release(k, "ex1", DUE, ASSIGNMENTS)
    code, out, err = cli("collect", "empty", "ex1", school=school)
    assert code == 2
    assert "Class empty has no roster yet" in err


def info_zip(folder, zpath):
    """The upload zipped by Info-ZIP, as a Linux or macOS teacher does (UTF-8 names, no flag)."""
    import subprocess

    subprocess.run(["zip", "-q", "-r", str(zpath), "."], cwd=folder, check=True,
                   env={**os.environ, "LC_ALL": "C.UTF-8"})
    return zpath


def put(folder, rel, data, when=BEFORE):
    path = folder / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    os.utime(path, (when.timestamp(), when.timestamp()))


def test_moodle_download_zipped_by_info_zip(cli, klass, nb, tmp_path):
    """Moodle's 'Download all submissions' (folders, and the flat layout), a teacher's own
    `<id> <name>/<renamed>.ipynb`, zipped with Linux `zip`: every name read as UTF-8."""
    up = tmp_path / "moodle"
    put(up, "Chan Tai Man_4471201_assignsubmission_file/作業 ex1 (1).ipynb", nb["correct"])  # other_name
    put(up, "李文琪_4471202_assignsubmission_file_/ex1.ipynb", nb["correct"])               # name
    put(up, "Emily Wong_4471203_assignsubmission_file_homework.ipynb", nb["blank"])         # flat
    put(up, "S005 张伟/我的作业.ipynb", nb["correct"])
    put(up, "Nobody Known_4471209_assignsubmission_file/ex1.ipynb", nb["correct"])
    zpath = info_zip(up, tmp_path / "ex1-下载.zip")
    raw_names = zipfile.ZipFile(zpath).infolist()
    assert not any(i.flag_bits & 0x800 for i in raw_names)  # Info-ZIP sets no UTF-8 flag
    code, out, err = cli("collect", "8c", "ex1", "--from", zpath, school=klass.school)
    assert "4 new submissions, 0 already collected, 1 refused." in out
    assert "refused ex1-下载.zip:Nobody Known_4471209_assignsubmission_file/ex1.ipynb: the name 'Nobody Known' (from the learning platform's download) matches no student" in err
    sources = {s["student"]: s["sources"] for s in Records.load(klass, "ex1").submissions}
    assert sources["S002"] == ["ex1-下载.zip:Chan Tai Man_4471201_assignsubmission_file/作業 ex1 (1).ipynb"]
    assert sources["S005"] == ["ex1-下载.zip:S005 张伟/我的作业.ipynb"]
    assert set(sources) == {"S001", "S002", "S003", "S005"}
    assert (klass.root / "submitted" / "S005" / "ex1" / "ex1.ipynb").read_bytes() == nb["correct"]


def test_info_zip_unicode_path_field_wins_over_the_legacy_name(cli, klass, nb, tmp_path):
    """An archiver that stores a code-page name and the real one in Info-ZIP's Unicode Path
    extra field (0x7075, with the CRC of the legacy name)."""
    import struct
    import zlib

    legacy = "S006_??_ex1.ipynb".encode("ascii")
    real = "S006_黃嘉欣_ex1.ipynb".encode("utf-8")

    class Legacy(zipfile.ZipInfo):
        def _encodeFilenameFlags(self):
            return legacy, self.flag_bits

    info = Legacy("x", date_time=(2025, 12, 31, 10, 0, 0))
    body = b"\x01" + struct.pack("<I", zlib.crc32(legacy)) + real
    info.extra = struct.pack("<HH", 0x7075, len(body)) + body
    path = tmp_path / "unicode-field.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(info, nb["correct"])
    code, out, err = cli("collect", "8c", "ex1", "--from", path, school=klass.school)
    assert code == 0, err
    assert Records.load(klass, "ex1").submissions[0]["sources"] == ["unicode-field.zip:S006_黃嘉欣_ex1.ipynb"]


def test_the_outermost_folder_names_the_student_and_two_students_are_refused(cli, klass, nb, tmp_path):
    up = tmp_path / "up"
    put(up, "S003/S004/ex1.ipynb", nb["blank"])          # S003's folder holding "S004"'s work
    put(up, "S001/S002_ex1.ipynb", nb["blank"])          # folder and file name disagree
    put(up, "8c-uploads/S007/ex1.ipynb", nb["correct"])  # a class folder above is fine
    code, out, err = cli("collect", "8c", "ex1", "--from", up, school=klass.school)
    assert "1 new submission, 0 already collected, 2 refused." in out
    assert "refused S003/S004/ex1.ipynb: its path names two students (S003, S004): refused, given to neither" in err
    assert "refused S001/S002_ex1.ipynb: its path names two students (S001, S002)" in err
    assert [s["student"] for s in Records.load(klass, "ex1").submissions] == ["S007"]
    for sid in ("S001", "S002", "S003", "S004"):
        assert not (klass.root / "submitted" / sid).exists()
    code, out, err = cli("collect", "8c", "ex1", "--from", up, school=klass.school, lang="zh-Hant")
    assert "路徑中出現兩名學生（S003, S004）" in err


def test_damaged_and_oversized_notebooks_are_refused_at_collect(cli, klass, nb, tmp_path):
    import json

    many = json.loads(nb["blank"])
    many["cells"] = many["cells"] * (collect_module.MAX_CELLS // len(many["cells"]) + 1)
    up = tmp_path / "up"
    put(up, "S001_ex1.ipynb", nb["correct"][:-40])             # cut off while downloading
    put(up, "S002_ex1.ipynb", "作业".encode("gbk"))             # not text
    put(up, "S003_ex1.ipynb", b'{"hello": "world"}')           # JSON, not a notebook
    put(up, "S004_ex1.ipynb", json.dumps(many).encode())       # 1000+ cells
    code, out, err = cli("collect", "8c", "ex1", "--from", up, school=klass.school)
    assert "0 new submissions, 0 already collected, 4 refused." in out
    assert "refused S001_ex1.ipynb: the notebook file is damaged (its JSON breaks at line" in err
    assert "refused S002_ex1.ipynb: the notebook file is not text" in err
    assert "refused S003_ex1.ipynb: the file is JSON but not a Jupyter notebook" in err
    assert f"refused S004_ex1.ipynb: the notebook has {len(many['cells'])} cells (at most 1000)" in err
    assert not (klass.root / "archive" / "ex1").exists()


def test_submission_times_in_the_future_are_refused(cli, klass, nb, tmp_path):
    future = dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=3)
    up = tmp_path / "up"
    put(up, "S001_ex1.ipynb", nb["correct"], when=future)
    put(up, "S002_ex1.ipynb", nb["correct"])
    fabricate.write_inbound(klass, "S003", "ex1", {"ex1.ipynb": nb["correct"]}, future)
    code, out, err = cli("collect", "8c", "ex1", "--from", up, school=klass.school)
    assert "1 new submission, 0 already collected, 1 refused." in out
    assert "refused S001_ex1.ipynb: its time (" in err and "is in the future" in err
    code, out, err = cli("collect", "8c", "ex1", school=klass.school, lang="zh-Hans")
    assert "在未来" in err and "S003" in err
    assert [s["student"] for s in Records.load(klass, "ex1").submissions] == ["S002"]


def test_collect_lists_who_handed_nothing_in(cli, klass, nb, tmp_path):
    up = tmp_path / "up"
    for sid in ("S001", "S002", "S003", "S004", "S005", "S006", "S007", "S008", "S009"):
        put(up, f"{sid}_ex1.ipynb", nb["correct"])
    code, out, err = cli("collect", "8c", "ex1", "--from", up, school=klass.school)
    assert "Nothing handed in yet by 2 students: S010 刘子轩, S011 何俊傑" in out
    put(up, "S011_ex1.ipynb", nb["correct"])
    code, out, err = cli("collect", "8c", "ex1", school=klass.school, lang="zh-Hant")  # exchange: still none
    assert "還有 2 名學生未交：S010 刘子轩, S011 何俊傑" in out
    code, out, err = cli("collect", "8c", "ex1", "--from", up, school=klass.school, lang="zh-Hans")
    assert "还有 1 名学生未交：S010 刘子轩" in out


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a folder to another account needs root")
@pytest.mark.parametrize("uid,gid,shown", [(65534, 65534, "nobody"), (23456, 23456, "23456"), (0, 65534, "root")])
def test_inbound_written_by_a_sandbox_user_is_refused(cli, klass, nb, uid, gid, shown):
    forged = fabricate.write_inbound(klass, "S004", "ex1", {"ex1.ipynb": nb["blank"]}, BEFORE)
    fabricate.write_inbound(klass, "S005", "ex1", {"ex1.ipynb": nb["correct"]}, BEFORE)
    os.chown(forged, uid, gid)
    code, out, err = cli("collect", "8c", "ex1", school=klass.school)
    assert "1 new submission, 0 already collected, 1 refused." in out
    assert f"handed in as S004 but written by account {shown} (uid {uid}, gid {gid})" in err
    assert [s["student"] for s in Records.load(klass, "ex1").submissions] == ["S005"]
    assert not (klass.root / "submitted" / "S004").exists()


def test_a_time_nbgrader_wrote_in_the_schools_zone_is_read_in_that_zone(cli, school, klass):
    """On the school hub a student's server runs in the school's time zone and nbgrader names
    the inbound folder with a zone abbreviation ("… CST"), which nbgrader's own parse_utc
    reads as UTC: handed in 'in the future' by 8 hours. It is the school's local time."""
    import datetime as dt

    from graders import fabricate
    from graders.records import Records

    local = dt.datetime.now(klass.school.tz) - dt.timedelta(minutes=5)
    stamp = local.strftime("%Y-%m-%d %H:%M:%S.%f ") + "CST"
    folder = klass.school.exchange_root / klass.id / "inbound" / f"S001+ex1+{stamp}+abc123"
    folder.mkdir(parents=True)
    (folder / "ex1.ipynb").write_bytes(fabricate.make_notebook(klass, "ex1", "ex1", "correct"))
    (folder / "timestamp.txt").write_text(stamp)
    code, out, err = cli("collect", "8c", "ex1", school=school)
    assert code == 0 and "in the future" not in out + err, out + err
    received = Records.load(klass, "ex1").newest()["S001"]["received_at"]
    got = dt.datetime.fromisoformat(received).astimezone(dt.timezone.utc)
    assert abs(got - local.astimezone(dt.timezone.utc)) < dt.timedelta(seconds=1)
