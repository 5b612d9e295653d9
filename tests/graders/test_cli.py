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


def _run(args, **kw):
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run([sys.executable, "-m", "graders.cli", *args], env=env, capture_output=True,
                          text=True, cwd=REPO, **kw)


def test_school_after_a_nested_verb(tmp_path):
    done = _run(["class", "add", "7b", "--name", "Grade 7B", "--class-lang", "en", "--school", str(tmp_path / "s")])
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "s" / "classes" / "7b" / "class.json").exists()
    done = _run(["roster", "show", "7b", "--school", str(tmp_path / "s"), "--lang", "zh-Hant"])
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("lang,words", [
    ("zh-Hans", ["用法：", "缺少以下参数：CLASS, --name"]),
    ("zh-Hant", ["用法：", "缺少以下參數：CLASS, --name"]),
    ("en", ["usage:", "the following arguments are required: CLASS, --name"]),
])
def test_argparses_own_words_are_in_the_teachers_language(lang, words):
    done = _run(["--lang", lang, "class", "add"])
    assert done.returncode == 2
    for w in words:
        assert w in done.stderr
    helped = _run(["--lang", lang, "roster", "--help"]).stdout
    assert ("选项" if lang == "zh-Hans" else "選項" if lang == "zh-Hant" else "options") in helped


def test_an_unknown_language_is_refused():
    done = _run(["--lang", "xx", "class", "list"])
    assert done.returncode == 2
    assert "Unknown language 'xx': use zh-Hans, zh-Hant or en." in done.stderr


def test_a_reader_that_leaves_early_is_not_a_crash():
    env = dict(os.environ, PYTHONPATH=str(REPO))
    p = subprocess.Popen([sys.executable, "-m", "graders.cli", "--help"], env=env, cwd=REPO,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    p.stdout.close()  # like `| head` that has read what it wanted
    err = p.stderr.read().decode()
    assert p.wait() == 0 and "Traceback" not in err and "BrokenPipe" not in err


def test_demo_help_states_its_own_defaults():
    out = _run(["demo", "--help"]).stdout
    assert "(default 10)" in out and "./demo-school" in out
    assert "(default 60)" in _run(["grade", "--help"]).stdout


def test_a_read_only_school_folder_gets_a_specific_message(tmp_path):
    import shutil

    school = tmp_path / "school"
    assert _run(["--school", str(school), "class", "add", "8c", "--name", "8C", "--class-lang", "en"]).returncode == 0
    unshare = shutil.which("unshare")
    probe = subprocess.run([unshare or "false", "-m", "true"], capture_output=True)
    if not unshare or probe.returncode != 0:
        pytest.skip("needs a mount namespace (unshare -m) to mount the school read-only")
    script = (f"mount --bind {school} {school} && mount -o remount,bind,ro {school} && "
              f"exec {sys.executable} -m graders.cli --school {school} --lang en class add 8d --name 8D")
    done = subprocess.run([unshare, "-m", "sh", "-c", script], env=dict(os.environ, PYTHONPATH=str(REPO)),
                          capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 2, done.stderr
    assert "is on a read-only disk" in done.stderr and "not your fault" not in done.stderr


def test_internal_error_logs_do_not_overwrite_each_other(cli, school, monkeypatch, tmp_path):
    import graders.school

    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))

    def broken(*a, **k):
        raise RuntimeError("a bug of ours")

    monkeypatch.setattr(graders.school.School, "open", broken)
    logs = set()
    for _ in range(2):  # twice within one second
        code, out, err = cli("class", "list", school=school)
        assert code == 3
        logs.add(re.search(r"(/\S+minicourse-error-\S+\.log)", err).group(1))
    assert len(logs) == 2 and all("a bug of ours" in Path(p).read_text() for p in logs)
