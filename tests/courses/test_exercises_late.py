"""Lessons 11-14: the same promise as test_exercises.py (❌ on the starter code as shipped,
✅ on a right answer), in a module of their own so the lessons can grow independently."""
from __future__ import annotations

import pytest

from tests.courses.test_exercises import LANGUAGES, REPO, run

pytestmark = pytest.mark.slow

ANSWERS = {
    "11-who-is-the-user": {
        "ex1": '''
my_backend = Backend(API)

@my_backend.post("/login")
def my_login(request):
    code = request.json["code"]
    session = request.code2session(code)
    if "errcode" in session:
        return 400, {"error": session["errmsg"]}
    return {"token": request.start_session(session["openid"])}

my_login_program = MiniProgram(pages={"pages/index/index": LoginPage}, backend=my_backend)
''',
        "ex2": '''
stamp_backend = Backend(API)
CARDS = {}

@stamp_backend.post("/login")
def stamp_login(request):
    session = request.code2session(request.json["code"])
    return {"token": request.start_session(session["openid"])}

@stamp_backend.get("/stamps")
def stamp_count(request):
    return {"stamps": CARDS.get(request.openid, 0)}

@stamp_backend.post("/stamps")
def stamp_add(request):
    if request.openid is None:
        return 401, {"error": "log in"}
    CARDS[request.openid] = CARDS.get(request.openid, 0) + 1
    return {"stamps": CARDS[request.openid]}

my_stamps = MiniProgram(pages={"pages/index/index": StampPage}, backend=stamp_backend)
''',
        "ex3": '''
class QuickStampPage(StampPage):
    def on_load(self, query):
        token = wx.get_storage_sync("token")
        if token:
            wx.request(url=API + "/stamps", header={"Authorization": token},
                       success=self.show_stamps)
        else:
            wx.login(success=self.got_code)

quick_program = MiniProgram(pages={"pages/index/index": QuickStampPage}, backend=backend)
''',
    },
}

# Partly right answers that a self-check must still refuse, with the words it must say.
PARTLY_RIGHT = {
    # lesson 11 exercise 1: hands the openid and session_key to the phone
    ("11-who-is-the-user", "check1"): ("ex1", ANSWERS["11-who-is-the-user"]["ex1"].replace(
        'return {"token": request.start_session(session["openid"])}',
        'return {"token": request.start_session(session["openid"]), **session}'), "only the token"),
    # lesson 11 exercise 2: stamps per user, but anyone without a token gets stamps too
    ("11-who-is-the-user", "check2"): ("ex2", ANSWERS["11-who-is-the-user"]["ex2"].replace(
        '    if request.openid is None:\n        return 401, {"error": "log in"}\n', ''), "401"),
}

CASES = [(lesson, lang) for lesson in ANSWERS for lang in LANGUAGES]


def notebook(lesson: str, lang: str):
    return REPO / "courses" / lesson / f"lesson.{lang}.ipynb"


@pytest.mark.parametrize("lesson,lang", CASES)
def test_starter_code_runs_and_every_check_says_not_yet(lesson, lang):
    out = run(notebook(lesson, lang), {})
    assert sorted(out) == sorted(f"check{ex[2:]}" for ex in ANSWERS[lesson])
    for cell_id, text in out.items():
        assert text.startswith("❌"), (cell_id, text)
        assert "✅" not in text


@pytest.mark.parametrize("lesson,lang", CASES)
def test_right_answers_pass_every_check(lesson, lang):
    out = run(notebook(lesson, lang), ANSWERS[lesson])
    for cell_id, text in out.items():
        assert text.startswith("✅") and "❌" not in text, (cell_id, text)


@pytest.mark.parametrize("lesson,check_id", sorted(PARTLY_RIGHT))
def test_partly_right_answers_are_refused_with_the_reason(lesson, check_id):
    exercise, code, words = PARTLY_RIGHT[(lesson, check_id)]
    out = run(notebook(lesson, "en"), {**ANSWERS[lesson], exercise: code})
    assert out[check_id].startswith("❌") and words in out[check_id], out[check_id]
