"""Lessons 11-14: the same promise as test_exercises.py (❌ on the starter code as shipped,
✅ on a right answer), in a module of their own so the lessons can grow independently."""
from __future__ import annotations

import importlib.util
import sys

import pytest

from tests.courses.test_exercises import LANGUAGES, REPO, run
from tests.courses.test_exercises import (
    test_a_check_run_again_gives_more_help_and_the_answer_only_when_asked as run_again_then_ask)

_spec = importlib.util.spec_from_file_location("courses_build", REPO / "courses" / "build.py")
build = sys.modules.setdefault("courses_build", importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(build)

pytestmark = pytest.mark.slow



def exercise_cell(lesson: str, cell_id: str) -> str:
    """A starter cell as the source writes it (with «keys»), to change into an answer."""
    source = build.parse(REPO / "courses" / lesson / "lesson.source.md")
    cells = [c.text for c in source.cells if c.kind == "code" and c.meta.get("id") == cell_id]
    assert len(cells) == 1, (lesson, cell_id)
    return cells[0]


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
    "12-paying": {
        "ex1": '''
my_shop = Backend(API, merchant_name="Shop")
MY_ORDERS = {}

@my_shop.post("/login")
def my_login(request):
    session = request.code2session(request.json["code"])
    return {"token": request.start_session(session["openid"])}

@my_shop.post("/checkout")
def my_checkout(request):
    drink, cups = request.json["drink"], request.json["cups"]
    if drink not in PRICES or cups < 1:
        return 400, {"error": "no such drink"}
    total = PRICES[drink] * cups
    number = f"MY{len(MY_ORDERS) + 1:06d}"
    order = request.pay.create_jsapi_order(
        description=f"Shop x{cups}", out_trade_no=number, total=total,
        openid=request.openid, notify_url=my_shop.url("/pay/notify"))
    MY_ORDERS[number] = {"total": total, "cups": cups, "status": "unpaid"}
    return {"number": number, "payment": request.pay.sign_pay_params(order["prepay_id"])}

my_tea = MiniProgram(pages={"pages/menu/menu": TeaPage}, backend=my_shop)
''',
        "ex2": exercise_cell("12-paying", "ex2").replace("""
    # «c_ex2»
    return 204, None""", """
    transaction = request.pay.parse_notification(request)
    order = N_ORDERS[transaction["out_trade_no"]]
    if transaction["trade_state"] == "SUCCESS" and order["status"] != "paid":
        order["status"] = "paid"
        SOLD["cups"] += order["cups"]
    return 204, None"""),
        "ex3": '''
class SpecialPage(TeaPage):
    def on_share_app_message(self, res):
        return {"title": "«share_title»", "path": "/pages/menu/menu?drink=mango"}

    def on_share_timeline(self):
        return {"title": "«share_title»", "query": "drink=mango"}

special_program = MiniProgram(pages={"pages/menu/menu": SpecialPage}, backend=shop)
''',
    },
    "13-cloud-database": {
        "ex1": '''
class CheapMenuPage(MenuPage):
    def load_menu(self):
        _ = self.db.command
        self.db.collection("menu").where({"price": _.lte(1500)}).order_by("price", "asc").get(
            success=self.show_menu)

cheap_program = MiniProgram(pages={"pages/menu/menu": CheapMenuPage}, app=CanteenApp, cloud=cloud)
''',
        "ex2": '''
class OrderingPage(MenuPage):
    def order(self, event):
        dish = self.data["dishes"][event.current_target.dataset["index"]]
        self.db.collection("orders").add(data={"name": dish["name"], "price": dish["price"], "done": False})
        wx.show_toast(title="«ordered»")

ordering_program = MiniProgram(pages={"pages/menu/menu": OrderingPage}, app=CanteenApp, cloud=cloud)
''',
        "ex3": '''
@cloud.function
def order_count(event, context):
    db = context.database()
    orders = db.collection("orders")
    return {"all": orders.count().total,
            "mine": orders.where({"_openid": context.openid}).count().total}
''',
    },
    "14-capstone": {
        "ex1": exercise_cell("14-capstone", "ex1").replace("""
    def on_load(self, query):
        pass   # «c_ex1»
""", """
    def on_load(self, query):
        wx.cloud.database().collection("menu").order_by("price", "asc").get(success=self.show_menu)

    def show_menu(self, res):
        self.set_data({"drinks": [dict(d, price_text=yuan(d["price"]), cups=0) for d in res.data]})
"""),
        "ex2": exercise_cell("14-capstone", "ex2").replace("""
        pass   # «c_ex2»
""", """
        i = event.current_target.dataset["index"]
        drink = self.data["drinks"][i]
        total = self.data["total"] + drink["price"]
        self.set_data({f"drinks[{i}].cups": drink["cups"] + 1, "cups": self.data["cups"] + 1,
                       "total": total, "total_text": yuan(total)})
"""),
        "ex3": exercise_cell("14-capstone", "ex3").replace("""
    # «c_ex3»
    return 501, {"error": "not written yet"}
""", """
    total = sum(PRICES[item["name"]] * item["cups"] for item in items)
    order = request.pay.create_jsapi_order(
        description="Tea", out_trade_no=number, total=total, openid=request.openid,
        notify_url=backend.url("/pay/notify"))
    ORDERS[number] = {"total": total, "status": "unpaid"}
    return {"number": number, "total": total, "payment": request.pay.sign_pay_params(order["prepay_id"])}
"""),
        "ex4": exercise_cell("14-capstone", "ex4").replace("""
        pass   # «c_ex4»
""", """
        items = [{"name": d["name"], "cups": d["cups"]} for d in self.data["drinks"] if d["cups"]]
        wx.cloud.database().collection("orders").add(
            data={"number": self.bill["number"], "total": self.bill["total"], "items": items},
            success=lambda added: wx.navigate_to(url="/pages/orders/orders"))
"""),
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
    # lesson 12 exercise 2: marks the order paid but counts a repeated notification twice
    ("12-paying", "check2"): ("ex2", ANSWERS["12-paying"]["ex2"].replace(
        '        order["status"] = "paid"\n        SOLD["cups"] += order["cups"]\n',
        '        order["status"] = "paid"\n    SOLD["cups"] += order["cups"]\n'), "SOLD grew by 6"),
    # lesson 12 exercise 3: friends only, not Moments
    ("12-paying", "check3"): ("ex3", ANSWERS["12-paying"]["ex3"].replace(
        "    def on_share_timeline(self):", "    def share_timeline(self):"), "on_share_timeline"),
    # lesson 13 exercise 1: the cheap dishes, but "less than" instead of "at most": ¥15 is left out
    ("13-cloud-database", "check1"): ("ex1", ANSWERS["13-cloud-database"]["ex1"].replace(
        "_.lte(1500)", "_.lt(1500)"), "should show the dishes costing"),
    # lesson 13 exercise 3: "mine" counted on every order, not the caller's
    ("13-cloud-database", "check3"): ("ex3", ANSWERS["13-cloud-database"]["ex3"].replace(
        'orders.where({"_openid": context.openid}).count().total', "orders.count().total"),
        "order_count should answer"),
    # lesson 14 step 3: the server trusts the phone's total
    ("14-capstone", "check3"): ("ex3", ANSWERS["14-capstone"]["ex3"].replace(
        'total = sum(PRICES[item["name"]] * item["cups"] for item in items)',
        'total = request.json["total"]'), "said the total was 1 fen"),
}

#: code of the answers that a first hint must not print (the hints come in levels)
GIVEAWAYS = {
    "11-who-is-the-user": ('request.start_session(session["openid"])', 'if "errcode" in session', 'CARDS[request.openid]',
                           'return 401, {"error"', 'header={"Authorization": token}'),
    "12-paying": ('PRICES[drink] * cups', 'if drink not in PRICES or cups < 1', 'N_ORDERS[transaction["out_trade_no"]]',
                  'order["status"] != "paid"', '"path": "/pages/menu/menu?drink=mango"', '"query": "drink=mango"'),
    "13-cloud-database": ('_.lte(1500)', '.add(data={"name": dish["name"]', 'wx.show_toast(title=',
                          'where({"_openid": context.openid})'),
    "14-capstone": ('order_by("price", "asc").get(success=', 'price_text=yuan(', 'self.data["cups"] + 1',
                    '"total_text": yuan(total)', 'sum(PRICES[item["name"]] * item["cups"]', '"number": self.bill["number"]',
                    'wx.navigate_to(url="/pages/orders/orders")'),
}

CASES = [(lesson, lang) for lesson in ANSWERS for lang in LANGUAGES]


def notebook(lesson: str, lang: str):
    return REPO / "courses" / lesson / f"lesson.{lang}.ipynb"


def answers(lesson: str, lang: str, changed: dict[str, str] | None = None) -> dict[str, str]:
    """The right answers in ``lang``: «key» is the lesson's on-screen string in that language
    (a student types the title the exercise asks for)."""
    strings = build.parse(REPO / "courses" / lesson / "lesson.source.md").strings
    return {cell: build.fill(code, strings, lang)
            for cell, code in {**ANSWERS[lesson], **(changed or {})}.items()}


@pytest.mark.parametrize("lesson,lang", CASES)
def test_starter_code_runs_and_every_check_says_not_yet(lesson, lang):
    out = run(notebook(lesson, lang), {})
    assert sorted(out) == sorted(f"check{ex[2:]}" for ex in ANSWERS[lesson])
    for cell_id, text in out.items():
        assert text.startswith("❌"), (cell_id, text)
        assert "✅" not in text
        # the first ❌ nudges; the code of the answer waits for show_answer()
        for secret in GIVEAWAYS[lesson]:
            assert secret not in text, (cell_id, text)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("lesson,check_id,secret", [
    ("11-who-is-the-user", "check1", 'request.start_session(session["openid"])'),
    ("12-paying", "check1", "PRICES[drink] * cups"),
    ("13-cloud-database", "check1", "_.lte(1500)"),
    ("14-capstone", "check1", 'order_by("price", "asc").get(success=')])
def test_a_check_run_again_gives_more_help_and_the_answer_only_when_asked(lesson, check_id, secret, lang):
    run_again_then_ask(lesson, check_id, secret, lang)


@pytest.mark.parametrize("lesson,lang", CASES)
def test_right_answers_pass_every_check(lesson, lang):
    out = run(notebook(lesson, lang), answers(lesson, lang))
    for cell_id, text in out.items():
        assert text.startswith("✅") and "❌" not in text, (cell_id, text)


@pytest.mark.parametrize("lesson,check_id", sorted(PARTLY_RIGHT))
def test_partly_right_answers_are_refused_with_the_reason(lesson, check_id):
    exercise, code, words = PARTLY_RIGHT[(lesson, check_id)]
    out = run(notebook(lesson, "en"), answers(lesson, "en", {exercise: code}))
    assert out[check_id].startswith("❌") and words in out[check_id], out[check_id]
