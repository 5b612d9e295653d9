"""Students' JupyterLab (jupyter/students, the config dir the hub gives students): nbgrader's
teacher parts are off and JupyterLab's own menus follow the student's language. A real
JupyterLab server is started with that config dir and asked what a browser would be told."""
from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
TOKEN = "students-test-token"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port: int, path: str) -> tuple[int, str]:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}",
                                     headers={"Authorization": f"token {TOKEN}"})
    try:
        with urllib.request.urlopen(request, timeout=20) as answer:
            return answer.status, answer.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""


@pytest.fixture(params=[("zh-Hant", "zh_TW"), ("zh-Hans", "zh_CN"), ("en", "en")], ids=lambda p: p[0])
def lab(request, tmp_path):
    lang, locale = request.param
    port = free_port()
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(REPO / "jupyter" / "students"),
               MINICOURSE_LANG=lang, HOME=str(tmp_path), JUPYTER_DATA_DIR=str(tmp_path / "data"),
               JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"))
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
         f"--IdentityProvider.token={TOKEN}", f"--ServerApp.root_dir={tmp_path}", "--allow-root"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                if get(port, "/api/status")[0] == 200:
                    break
            except OSError:
                pass
            if server.poll() is not None:
                pytest.fail(server.stderr.read()[-3000:])
            time.sleep(0.5)
        yield port, locale
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_teacher_parts_of_nbgrader_are_off_and_students_parts_on(lab):
    port, _locale = lab
    status, html = get(port, "/lab")
    assert status == 200
    config = json.loads(re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>',
                                  html, re.S).group(1))
    disabled = config.get("disabledExtensions", [])
    for plugin in ("@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment",
                   "@jupyter/nbgrader:course-list", "@jupyter/nbgrader:validate-assignment"):
        assert plugin in disabled, disabled
    assert "@jupyter/nbgrader:assignment-list" not in disabled
    assert get(port, "/formgrader")[0] == 404
    assert get(port, "/formgrader/api/assignments")[0] == 404


def test_jupyterlab_speaks_the_students_language(lab):
    port, locale = lab
    status, body = get(port, "/lab/api/settings/@jupyterlab/translation-extension:plugin")
    assert status == 200
    settings = json.loads(body)
    assert settings["schema"]["properties"]["locale"]["default"] == locale
    status, body = get(port, "/lab/api/translations/")
    assert status == 200
    available = json.loads(body)["data"]
    assert {"zh_CN", "zh_TW"} <= set(available), available
    if locale != "en":
        status, body = get(port, f"/lab/api/translations/{locale}")
        data = json.loads(body)["data"]
        file_menu = data["jupyterlab"][""] if "" in data.get("jupyterlab", {}) else None
        assert status == 200 and data.get("jupyterlab"), list(data)
        assert file_menu is not None or "File" in json.dumps(data["jupyterlab"], ensure_ascii=False)
