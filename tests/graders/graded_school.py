"""One graded class shared by the grade, feedback and publish tests (built once per session).

Submissions of ex1 (points: test_add 2, test_vowels 3, test_hidden 2 hidden, explain 2 manual):
  S001 correct                     S002 partly wrong (zh-Hant)       S003 blank (en)
  S004 exception in its code       S005 infinite loop                S006 os._exit (crash)
  S007 not a notebook               S008 deleted the test cells       S009 probes the sandbox
  S010 allocates 3 GB              S011 hands in nothing
S002 arrives late. S001..S006 and S008..S010 come through the exchange, S007 as an upload
(JSON with cells, so collect takes it, but a cell lacks its keys: grade cannot open it).
"""
from __future__ import annotations

import datetime as dt
import json

from graders_helpers import ASSIGNMENTS, BEFORE, DUE, REPO
from graders import fabricate

TIME_LIMIT = 8
NOT_A_NOTEBOOK = b'{"cells": [{"cell_type": "code", "source": "print(1)"}], "nbformat": 4, "nbformat_minor": 5, "metadata": {}}'
MEMORY_MB = 1536

PROBE = r'''
import json, os, socket
probe = {"uid": os.getuid(), "nbgrader_env": os.environ.get("NBGRADER_EXECUTION"),
         "cwd_files": sorted(os.listdir(".")), "interfaces": [n for _, n in socket.if_nameindex()],
         "env_keys": sorted(os.environ)}
for name, path in [("school", SCHOOL), ("gradebook", GRADEBOOK), ("source", SOURCE),
                   ("repo_git", REPO_GIT), ("fixture_source", FIXTURE_SOURCE)]:
    try:
        with open(path, "rb") as fh:
            fh.read(16)
        probe[name] = "read"
    except Exception as exc:
        probe[name] = type(exc).__name__
try:
    socket.create_connection(("1.1.1.1", 53), timeout=2)
    probe["internet"] = "connected"
except Exception as exc:
    probe["internet"] = type(exc).__name__
print("PROBE " + json.dumps(probe))
'''


def probe_notebook(klass) -> bytes:
    nb = json.loads(fabricate.make_notebook(klass, "ex1", "ex1", "correct"))
    code = (PROBE.replace("SCHOOL", repr(str(klass.school.root / "school.json")))
            .replace("GRADEBOOK", repr(str(klass.root / "gradebook.db")))
            .replace("FIXTURE_SOURCE", repr(str(ASSIGNMENTS / "ex1" / "ex1.en.ipynb")))
            .replace("SOURCE", repr(str(klass.root / "source" / "ex1" / "ex1.ipynb")))
            .replace("REPO_GIT", repr(str(REPO / ".git" / "HEAD"))))
    nb["cells"].append({"cell_type": "code", "execution_count": None, "id": "probe", "metadata": {},
                        "outputs": [], "source": code})
    return json.dumps(nb).encode()


def memory_hog(klass) -> bytes:
    nb = json.loads(fabricate.make_notebook(klass, "ex1", "ex1", "correct"))
    nb["cells"].append({"cell_type": "code", "execution_count": None, "id": "hog", "metadata": {},
                        "outputs": [], "source": "big = bytearray(3 * 1024 ** 3)"})
    return json.dumps(nb).encode()


def hand_in(klass):
    kinds = {"S001": "correct", "S002": "partly_wrong", "S003": "blank", "S004": "exception",
             "S005": "infinite_loop", "S006": "crash", "S008": "deleted_test"}
    for i, (student, kind) in enumerate(kinds.items()):
        when = DUE + dt.timedelta(hours=2) if student == "S002" else BEFORE + dt.timedelta(minutes=i)
        fabricate.write_inbound(klass, student, "ex1",
                                {"ex1.ipynb": fabricate.make_notebook(klass, "ex1", "ex1", kind)}, when)
    fabricate.write_inbound(klass, "S009", "ex1", {"ex1.ipynb": probe_notebook(klass)}, BEFORE)
    fabricate.write_inbound(klass, "S010", "ex1", {"ex1.ipynb": memory_hog(klass)}, BEFORE)
    upload = klass.school.root / "upload.zip"
    fabricate.write_upload_zip(upload, [("S007_ex1.ipynb", NOT_A_NOTEBOOK,
                                         dt.datetime(2025, 12, 31, 9, 0))])
    return upload
