"""The CLI: fast help in three languages, clear messages, never a traceback."""
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from graders.messages import catalogue

REPO = Path(__file__).resolve().parents[2]
VERBS = ["class", "roster", "release", "collect", "grade", "feedback", "publish", "demo",
         "signup-codes", "hub"]


def _help(args):
    env = dict(os.environ, PYTHONPATH=str(REPO))
    done = subprocess.run([sys.executable, "-m", "graders.cli", *args], env=env,
                          capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_help_lists_every_verb():
    out = _help(["--help"])
    for verb in VERBS:
        assert verb in out


@pytest.mark.parametrize("verb", VERBS)
def test_every_verb_has_help(verb):
    assert "usage: minicourse" in _help([verb, "--help"])


# How fast help answers is measured by benchmarks/cli_help.py; what keeps it fast is that
# building the CLI imports none of the heavy libraries, which this test checks.
def test_help_does_not_import_heavy_libraries():
    code = ("import sys; from graders.cli import build_parser; build_parser(); "
            "heavy = [m for m in ('nbgrader', 'nbconvert', 'nbclient', 'openpyxl', 'matplotlib', 'rich', "
            "'sqlalchemy', 'jupyter_client') if m in sys.modules]; print(heavy)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO,
                          env=dict(os.environ, PYTHONPATH=str(REPO)))
    assert done.stdout.strip() == "[]", done.stdout + done.stderr


@pytest.mark.parametrize("lang,text", [("zh-Hans", "自动评分"), ("zh-Hant", "自動評分"), ("en", "autograde")])
def test_help_speaks_the_teachers_language(cli, capsys, lang, text):
    from graders.cli import main

    assert main(["--lang", lang, "grade", "--help"]) == 0
    assert text in capsys.readouterr().out


def test_catalogue_is_complete_in_three_languages():
    assert catalogue.problems() == []


def test_every_message_key_used_in_the_code_exists():
    keys = set()
    calls = re.compile(r"""\b(?:t|say|warn|_st|TeacherError|reason|echo)\(\s*["']([a-z][a-z0-9_-]+)["']""")
    literals = re.compile(r"""["']((?:row|refused|reason|fb|col|attn|tile|isolation|help|demo)_[a-z0-9_-]+)["']""")
    for path in (REPO / "graders").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        keys |= set(calls.findall(text)) | set(literals.findall(text))
    keys = {k for k in keys if not k.endswith("_") and k not in ("demo_data", "reason_data")}  # not keys
    for status in ("graded", "needs_manual_grading", "failed_to_grade", "missing", "not_graded_yet"):
        keys.add("status_" + status)
    for iso in ("memory", "network", "user", "none", "sandbox", "pid", "processes", "folders", "tests-outside"):
        keys.add("isolation_" + iso)
    missing = sorted(k for k in keys if k not in catalogue)
    assert missing == []


def test_unknown_class_is_a_clear_message_and_exit_2(cli, school):
    code, out, err = cli("grade", "9z", "ex1", school=school)
    assert code == 2
    assert "There is no class 9z. Classes: 8c" in err


def test_message_in_chinese(cli, school):
    code, out, err = cli("grade", "9z", "ex1", school=school, lang="zh-Hant")
    assert code == 2
    assert "沒有班別 9z" in err


def test_no_school_here(cli, tmp_path):
    code, out, err = cli("class", "list", school=tmp_path / "nowhere")
    assert code == 2
    assert "No school here" in err


def test_an_internal_bug_is_a_sentence_and_a_log_not_a_traceback(cli, school, monkeypatch):
    import graders.publish

    def boom(*a, **k):
        raise ZeroDivisionError("bug")

    monkeypatch.setattr(graders.publish, "publish", boom)
    code, out, err = cli("publish", "8c", "ex1", school=school)
    assert code == 3
    assert "Something went wrong inside minicourse" in err
    log = Path(err.strip().rsplit(" ", 1)[-1])
    assert "ZeroDivisionError" in log.read_text()
    log.unlink()
