"""Counts in what a teacher reads take the plural form of the number, through Babel's plural
rules (English: "1 student", "2 students"; Chinese has one form), driven through the real CLI
(`python -m graders.cli`) in the three languages."""
import os
import subprocess
import sys

import pytest

from graders import fabricate
from graders.messages import catalogue, plural_categories
from graders_helpers import BEFORE, REPO

LANGUAGES = ("zh-Hans", "zh-Hant", "en")


def minicourse(school, lang, *args):
    env = dict(os.environ, PYTHONPATH=str(REPO))
    done = subprocess.run([sys.executable, "-m", "graders.cli", "--school", str(school.root), "--lang", lang,
                           *map(str, args)], env=env, capture_output=True, text=True, cwd=REPO)
    assert "Traceback" not in done.stdout + done.stderr
    return done.returncode, done.stdout, done.stderr


def test_no_english_message_says_s_in_brackets():
    """Every count-bearing English sentence has its own singular and plural forms."""
    found = []
    for key, texts in catalogue.messages.items():
        forms = texts["en"].values() if isinstance(texts["en"], dict) else [texts["en"]]
        found += [key for sentence in forms if "(s)" in sentence or "(es)" in sentence]
    assert found == []


def test_plural_forms_follow_babels_rules():
    assert plural_categories("en") == {"one", "other"}
    assert plural_categories("zh-Hans") == plural_categories("zh-Hant") == {"other"}
    assert catalogue.text("fb_penalty", "en", points="1") == "1 point was taken off for handing in late."
    assert catalogue.text("fb_penalty", "en", points="1.5") == "1.5 points were taken off for handing in late."
    assert catalogue.text("fb_penalty", "en", points="0") == "0 points were taken off for handing in late."


EXPECTED = {  # after removing all but two students, then all but one
    "en": ("8c 初二(3)班: 2 students", "8c 初二(3)班: 1 student", "1 new submission, 0 already collected",
           "Nothing handed in yet by 1 student: S002", "2 new submissions, 1 already collected"),
    "zh-Hans": ("8c 初二(3)班：2 名学生", "8c 初二(3)班：1 名学生", "新提交 1 份，已收过 0 份",
                "还有 1 名学生未交：S002", "新提交 2 份，已收过 1 份"),
    "zh-Hant": ("8c 初二(3)班：2 名學生", "8c 初二(3)班：1 名學生", "新提交 1 份，已收過 0 份",
                "還有 1 名學生未交：S002", "新提交 2 份，已收過 1 份"),
}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_counts_in_the_cli_take_their_plural_form(klass, lang):
    school = klass.school
    others = [s for s in klass.roster() if s not in ("S001", "S002")]
    assert minicourse(school, lang, "roster", "remove", "8c", *others)[0] == 0
    code, out, err = minicourse(school, lang, "roster", "show", "8c")
    assert code == 0, err
    two, one, new_one, missing_one, new_two = EXPECTED[lang]
    assert two in out
    # a new submission from S001 only: "1 new submission", "1 student" missing
    nb = fabricate.make_notebook(klass, "ex1", "ex1", "correct")
    fabricate.write_inbound(klass, "S001", "ex1", {"ex1.ipynb": nb}, BEFORE)
    code, out, err = minicourse(school, lang, "collect", "8c", "ex1")
    assert code == 0, err
    assert new_one in out and missing_one in out
    if lang == "en":
        assert "1 new submissions" not in out and "1 students" not in out
    fabricate.write_inbound(klass, "S001", "ex1", {"ex1.ipynb": nb}, BEFORE.replace(hour=1))
    fabricate.write_inbound(klass, "S002", "ex1", {"ex1.ipynb": nb}, BEFORE)
    code, out, err = minicourse(school, lang, "collect", "8c", "ex1")
    assert new_two in out
    assert minicourse(school, lang, "roster", "remove", "8c", "S002", "--force")[0] == 0
    code, out, err = minicourse(school, lang, "roster", "show", "8c")
    assert one in out
    if lang == "en":
        assert "1 students" not in out
