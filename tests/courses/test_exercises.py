"""The lessons' self-checks are honest: ❌ on the starter code as shipped, ✅ on a right answer.

Each lesson notebook runs in a real kernel (as a student's would, in its own folder, its
language taken from its file name), once as shipped and once with the exercise cells
replaced by the answers below.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from unittest import mock

import nbformat
import pytest
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
LANGUAGES = ("zh-Hans", "zh-Hant", "en")

ANSWERS = {
    "00-python-you-need": {
        "ex1": '''
def bill_text(cups, price):
    return f"{cups} × {price} = {cups * price}"
''',
        "ex2": '''
def total(drinks):
    result = 0
    for drink in drinks:
        result = result + drink["price"]
    return result
''',
        "ex3": '''
def what_to_wear(degrees):
    if degrees < 10:
        return "🧣"
    elif degrees > 25:
        return "🥵"
    else:
        return "🙂"
''',
    },
    "01-hello-mini-program": {
        "ex1": '''
class GreetingPage(Page):
    template = """
    <view>
      <view>
        <text>Hi, I am Lin 林</text>
      </view>
      <view>
        <text>🍪 I love egg tarts</text>
      </view>
    </view>
    """

greeting_program = MiniProgram(pages={"pages/index/index": GreetingPage})
''',
        "ex2": '''
greeting_program = MiniProgram(
    pages={"pages/index/index": GreetingPage},
    window={"navigationBarTitleText": "Lin"},
)
''',
        "ex3": '''
class NoticePage(Page):
    template = """
    <view class="board">
      <view class="notice"><text>Sports day</text></view>
      <view class="notice"><text>Library</text></view>
      <view class="notice"><text>Trip</text></view>
      <button>OK</button>
    </view>
    """

notice_program = MiniProgram(pages={"pages/notice/notice": NoticePage})
''',
    },
    "02-showing-data": {
        "ex1": '''
class StudentCard(Page):
    template = """
    <view class="card">
      <view id="name">{{name}}</view>
      <view id="class">{{class_name}}</view>
      <view id="number">No. {{number}}</view>
    </view>
    """
    data = {"name": "Lin", "class_name": "8B", "number": 17}

card_program = MiniProgram(pages={"pages/card/card": StudentCard})
''',
        "ex2": '''
class BillPage(Page):
    template = """
    <view>{{cups}} × {{price}}</view>
    <view id="total">= {{cups * price}}</view>
    """
    data = {"cups": 2, "price": 12}

bill_program = MiniProgram(pages={"pages/bill/bill": BillPage})
''',
        "ex3": '''
class LunchPage(Page):
    template = """
    <view class="menu">
      <view class="dish" wx:for="{{dishes}}" wx:key="name">{{item.name}} · {{item.price}}</view>
    </view>
    """
    data = {"dishes": [{"name": "Rice", "price": 18}, {"name": "Noodles", "price": 20}]}

lunch_program = MiniProgram(pages={"pages/lunch/lunch": LunchPage})
''',
        "ex4": '''
class BoardPage(Page):
    template = """
    <view class="notice" wx:for="{{notices}}" wx:key="title">
      <text>{{item.title}} </text>
      <text class="important" wx:if="{{item.important}}">❗</text>
    </view>
    """
    data = {"notices": [{"title": "A", "important": True}, {"title": "B", "important": False}]}

board_program = MiniProgram(pages={"pages/board/board": BoardPage})
''',
    },
    "03-taps-and-changes": {
        "ex1": '''
class MyCounter(Page):
    template = """
    <view id="count">{{count}}</view>
    <button id="add" bindtap="add">+1</button>
    <button id="minus" bindtap="minus">−</button>
    """
    data = {"count": 0}

    def add(self, event):
        self.set_data({"count": self.data["count"] + 1})

    def minus(self, event):
        if self.data["count"] > 0:
            self.set_data({"count": self.data["count"] - 1})

my_counter = MiniProgram(pages={"pages/index/index": MyCounter})
''',
        "ex3": '''
class SugarPage(Page):
    template = """
    <view id="sugar">{{sugar}}%</view>
    <button class="level" data-level="0" bindtap="choose">0</button>
    <button class="level" data-level="50" bindtap="choose">50</button>
    <button class="level" data-level="100" bindtap="choose">100</button>
    """
    data = {"sugar": 100}

    def choose(self, event):
        level = int(event.current_target.dataset["level"])
        self.set_data({"sugar": level})

sugar_program = MiniProgram(pages={"pages/order/order": SugarPage})
''',
        "ex4": '''
class TripPage(Page):
    template = """
    <view class="option" wx:for="{{options}}" wx:key="name">
      <text>{{item.name}} </text>
      <text class="votes">🗳 {{item.votes}}</text>
      <button class="vote" data-index="{{index}}" bindtap="vote">Vote</button>
    </view>
    """
    data = {"options": [{"name": "Park", "votes": 0}, {"name": "Museum", "votes": 0},
                        {"name": "Zoo", "votes": 0}]}

    def vote(self, event):
        i = event.current_target.dataset["index"]
        self.set_data({f"options[{i}].votes": self.data["options"][i]["votes"] + 1})

trip_program = MiniProgram(pages={"pages/vote/vote": TripPage})
''',
    },
    "04-forms": {
        "ex1": '''
class BadgePage(Page):
    template = """
    <input id="name" bindinput="typed"/>
    <view id="badge">«hello»{{name}}</view>
    """
    data = {"name": ""}

    def typed(self, event):
        self.set_data({"name": event.detail["value"]})

badge_program = MiniProgram(pages={"pages/index/index": BadgePage})
''',
        "ex2": '''
class JoinPage(Page):
    template = """
    <form bindsubmit="join">
      <input id="nickname" name="nickname"/>
      <input id="age" name="age" type="number"/>
      <button id="join" form-type="submit">OK</button>
    </form>
    <view id="message">{{message}}</view>
    """
    data = {"message": ""}

    def join(self, event):
        form = event.detail["value"]
        nickname = form["nickname"].strip()
        age = form["age"]
        if nickname == "":
            self.set_data({"message": "«err_name»"})
        elif not age.isdigit() or int(age) < 10 or int(age) > 18:
            self.set_data({"message": "«err_age»"})
        else:
            self.set_data({"message": f"«welcome»{nickname}"})

join_program = MiniProgram(pages={"pages/join/join": JoinPage})
''',
        "ex3": '''
class VolumePage(Page):
    template = """
    <slider id="slider" min="0" max="10" model:value="{{volume}}"/>
    <view id="volume">{{volume}}</view>
    """
    data = {"volume": 3}

volume_program = MiniProgram(pages={"pages/index/index": VolumePage})
''',
    },
    "05-talking-back": {
        "ex1": '''
class DiaryPage(Page):
    template = """
    <button id="save" bindtap="save">Save</button>
    """

    def save(self, event):
        wx.show_toast(title="«saved»", icon="success")

diary_program = MiniProgram(pages={"pages/index/index": DiaryPage})
''',
        "ex2": '''
class GroupPage(Page):
    template = """
    <view id="status">{{status}}</view>
    <button id="leave" bindtap="leave">Leave</button>
    """
    data = {"status": "«in_group»"}

    def leave(self, event):
        wx.show_modal(title="«leave_title»", success=self.answered)

    def answered(self, res):
        if res["confirm"]:
            self.set_data({"status": "«left_group»"})

group_program = MiniProgram(pages={"pages/group/group": GroupPage})
''',
        "ex3": '''
class PayPage(Page):
    template = """
    <button id="pay" bindtap="choose">Pay</button>
    <view id="method">{{method}}</view>
    """
    data = {"method": "-", "methods": ["«wechat_pay»", "«octopus»", "«cash»"]}

    def choose(self, event):
        wx.show_action_sheet(item_list=self.data["methods"], success=self.picked)

    def picked(self, res):
        self.set_data({"method": self.data["methods"][res["tap_index"]]})

pay_program = MiniProgram(pages={"pages/pay/pay": PayPage})
''',
    },
    "06-many-pages": {
        "ex1": '''
BOOKS = [{"title": "«book_1»", "pages": 96}, {"title": "«book_2»", "pages": 320},
         {"title": "«book_3»", "pages": 184}]

class BookPage(Page):
    template = """
    <view id="title">{{title}}</view>
    <view id="pages">{{pages}}</view>
    <button id="back" bindtap="back">‹</button>
    """
    data = {"title": "", "pages": 0}

    def on_load(self, query):
        book = BOOKS[int(query["id"])]
        self.set_data({"title": book["title"], "pages": book["pages"]})

    def back(self, event):
        wx.navigate_back()

book_program = MiniProgram(pages={"pages/book/book": BookPage})
''',
        "ex2": '''
class LibraryPage(Page):
    template = """
    <view class="book" wx:for="{{books}}" wx:key="title" data-index="{{index}}" bindtap="open">{{item.title}}</view>
    """
    data = {"books": BOOKS}

    def open(self, event):
        i = event.current_target.dataset["index"]
        wx.navigate_to(url=f"/pages/book/book?id={i}")

library_program = MiniProgram(pages={"pages/library/library": LibraryPage, "pages/book/book": BookPage})
''',
        "ex3": '''
class NewsPage(Page):
    template = """<view>«news»</view>"""

class MePage(Page):
    template = """<view>«me»</view>"""

class_app = MiniProgram(
    pages={"pages/news/news": NewsPage, "pages/me/me": MePage},
    tab_bar={"list": [{"pagePath": "pages/news/news", "text": "«news»"},
                      {"pagePath": "pages/me/me", "text": "«me»"}]},
)
''',
    },
    "07-lists-that-change": {
        "ex1": '''
class ShoppingPage(Page):
    template = """
    <view class="item" wx:for="{{items}}" wx:key="id">{{item.name}}</view>
    <input id="box" value="{{draft}}" bindinput="type_item"/>
    <button id="add" bindtap="add">Add</button>
    """
    data = {"items": [{"id": 1, "name": "🥛 Milk"}], "draft": "", "next_id": 2}

    def type_item(self, event):
        self.set_data({"draft": event.detail["value"]})

    def add(self, event):
        if self.data["draft"] == "":
            return
        new = {"id": self.data["next_id"], "name": self.data["draft"]}
        self.set_data({"items": self.data["items"] + [new], "draft": "",
                       "next_id": self.data["next_id"] + 1})

shopping = MiniProgram(pages={"pages/list/list": ShoppingPage})
''',
        "ex2": '''
class CrossOffPage(Page):
    template = """
    <view class="item" wx:for="{{items}}" wx:key="id">
      <text class="name">{{item.name}}</text>
      <button class="remove" data-index="{{index}}" bindtap="remove">x</button>
    </view>
    """
    data = {"items": [{"id": 1, "name": "Milk"}, {"id": 2, "name": "Bread"}, {"id": 3, "name": "Eggs"}]}

    def remove(self, event):
        i = event.current_target.dataset["index"]
        items = list(self.data["items"])
        items.pop(i)
        self.set_data({"items": items})

cross_off = MiniProgram(pages={"pages/list/list": CrossOffPage})
''',
        "ex3": '''
TIPS = [f"💡 {n}" for n in range(1, 12)]

class TipsPage(Page):
    template = """
    <view class="tip" wx:for="{{tips}}" wx:key="*this">{{item}}</view>
    """
    data = {"tips": TIPS[:5]}

    def on_reach_bottom(self):
        shown = len(self.data["tips"])
        self.set_data({"tips": self.data["tips"] + TIPS[shown:shown + 5]})

tips_program = MiniProgram(pages={"pages/tips/tips": TipsPage})
''',
    },
    "08-remembering": {
        "ex1": '''
class MyWaterPage(Page):
    template = """
    <view id="cups">Glasses: {{cups}}</view>
    <button id="drink" bindtap="drink">+1</button>
    """
    data = {"cups": 0}

    def on_load(self, query):
        self.set_data({"cups": wx.get_storage_sync("cups") or 0})

    def drink(self, event):
        cups = self.data["cups"] + 1
        self.set_data({"cups": cups})
        wx.set_storage_sync("cups", cups)

my_water = MiniProgram(pages={"pages/water/water": MyWaterPage})
''',
        "ex2": '''
class MyApp(App):
    global_data = {"nickname": "friend"}

class MyHomePage(Page):
    template = """
    <view id="hello">Hi {{nickname}}</view>
    <button id="settings" bindtap="open_settings">Settings</button>
    """
    data = {"nickname": ""}

    def on_show(self):
        self.set_data({"nickname": get_app().global_data["nickname"]})

    def open_settings(self, event):
        wx.navigate_to(url="/pages/settings/settings")

class MySettingsPage(Page):
    template = """
    <input id="name" bindinput="type_name"/>
    <button id="save" bindtap="save">Save</button>
    """
    data = {"typed": ""}

    def type_name(self, event):
        self.set_data({"typed": event.detail["value"]})

    def save(self, event):
        get_app().global_data["nickname"] = self.data["typed"]
        wx.navigate_back()

my_school = MiniProgram(pages={"pages/home/home": MyHomePage, "pages/settings/settings": MySettingsPage},
                        app=MyApp)
''',
        "ex3": '''
class RememberingPlanner(Page):
    template = """
    <view class="todo" wx:for="{{todos}}" wx:key="id">
      <text class="title">{{item.title}}</text>
      <button class="remove" data-index="{{index}}" bindtap="remove">x</button>
    </view>
    <button id="add" bindtap="add">+</button>
    """
    data = {"todos": []}

    def on_load(self, query):
        saved = wx.get_storage_sync("todos")
        if saved:
            self.set_data({"todos": saved})

    def add(self, event):
        number = max([t["id"] for t in self.data["todos"]], default=0) + 1
        self.set_data({"todos": self.data["todos"] + [{"id": number, "title": f"HW {number}"}]})
        self.save()

    def remove(self, event):
        todos = list(self.data["todos"])
        todos.pop(event.current_target.dataset["index"])
        self.set_data({"todos": todos})
        self.save()

    def save(self):
        wx.set_storage_sync("todos", self.data["todos"])

remembering = MiniProgram(pages={"pages/planner/planner": RememberingPlanner})
''',
    },
    "09-talking-to-a-server": {
        "ex1": '''
class LunchPage(Page):
    template = """
    <view class="dish" wx:for="{{dishes}}" wx:key="id">{{item.name}}</view>
    """
    data = {"dishes": []}

    def on_load(self, query):
        wx.request(url=SCHOOL + "/lunch", success=self.got_lunch)

    def got_lunch(self, res):
        self.set_data({"dishes": res.data["dishes"]})

lunch_program = MiniProgram(pages={"pages/lunch/lunch": LunchPage}, backend=school_server)
''',
        "ex2": '''
class NewsPage(Page):
    template = """
    <view id="loading" wx:if="{{loading}}">...</view>
    <view id="error" wx:elif="{{error}}">{{error}}</view>
    <block wx:else>
      <view class="news" wx:for="{{news}}" wx:key="*this">{{item}}</view>
    </block>
    """
    data = {"loading": True, "error": "", "news": []}

    def on_load(self, query):
        wx.request(url=SCHOOL + "/news", success=self.got_news)

    def got_news(self, res):
        if res.status_code == 200:
            self.set_data({"loading": False, "news": res.data["news"]})
        else:
            self.set_data({"loading": False, "error": "Sorry"})

news_program = MiniProgram(pages={"pages/news/news": NewsPage}, backend=school_server)
''',
        "ex3": '''
class IdeaPage(Page):
    template = """
    <input id="idea" value="{{idea}}" bindinput="type_idea"/>
    <button id="send" bindtap="send">Send</button>
    <view id="thanks" wx:if="{{number}}">Thanks {{number}}</view>
    <view id="error" wx:if="{{error}}">{{error}}</view>
    """
    data = {"idea": "fruit", "number": 0, "error": ""}

    def type_idea(self, event):
        self.set_data({"idea": event.detail["value"]})

    def send(self, event):
        wx.request(url=SCHOOL + "/ideas", method="POST", data={"text": self.data["idea"]},
                   timeout=3000, success=self.sent, fail=self.failed)

    def sent(self, res):
        if res.status_code == 201:
            self.set_data({"number": res.data["number"], "error": ""})

    def failed(self, res):
        self.set_data({"error": res.err_msg})

idea_program = MiniProgram(pages={"pages/ideas/ideas": IdeaPage}, backend=school_server)
''',
    },
    "10-components": {
        "ex1": '''
class NameBadge(Component):
    template = """
    <view class="badge">
      <text>{{name}} · {{grade}}</text>
    </view>
    """
    properties = {"name": str, "grade": int}

class ClassPage(Page):
    using_components = {"name-badge": NameBadge}
    template = """
    <name-badge name="Lin" grade="{{7}}"/>
    <name-badge name="Chan" grade="{{8}}"/>
    """

class_program = MiniProgram(pages={"pages/class/class": ClassPage})
''',
        "ex2": '''
class LikeButton(Component):
    template = """
    <button class="like" bindtap="toggle">
      <text wx:if="{{liked}}">L</text><text wx:else>-</text> {{likes}}
    </button>
    """
    properties = {"likes": {"type": int, "value": 0}}
    data = {"liked": False}

    def toggle(self, event):
        liked = not self.data["liked"]
        change = 1 if liked else -1
        self.set_data({"liked": liked, "likes": self.data["likes"] + change})
        self.trigger_event("like", {"liked": liked})

class PostsPage(Page):
    using_components = {"like-button": LikeButton}
    template = """
    <view class="post" wx:for="{{posts}}" wx:key="text">
      <text>{{item.text}} </text><like-button likes="{{item.likes}}" bind:like="on_like"/>
    </view>
    <view id="liked">Liked: {{liked}}</view>
    """
    data = {"posts": [{"text": "a", "likes": 12}, {"text": "b", "likes": 3}], "liked": 0}

    def on_like(self, event):
        change = 1 if event.detail["liked"] else -1
        self.set_data({"liked": self.data["liked"] + change})

posts_program = MiniProgram(pages={"pages/posts/posts": PostsPage})
''',
        "ex3": '''
class CardFrame(Component):
    template = """
    <view class="frame">
      <view class="head">{{title}}</view>
      <view class="body">
        <slot></slot>
      </view>
    </view>
    """
    properties = {"title": str}

class FramePage(Page):
    using_components = {"card-frame": CardFrame}
    template = """
    <card-frame title="Lunch"><text class="inside">Rice</text></card-frame>
    """

frame_program = MiniProgram(pages={"pages/frame/frame": FramePage})
''',
    },
}

# Lesson 3, exercise 1 done but exercise 2 not yet: the − goes below zero.
MINUS_WITHOUT_FLOOR = ANSWERS["03-taps-and-changes"]["ex1"].replace(
    '        if self.data["count"] > 0:\n            self.set_data', '        self.set_data')


#: this test process's kernels' sockets (one kernel at a time; jupyter_client numbers them)
_SOCKETS = tempfile.TemporaryDirectory(prefix="minicourse-kernels-")


def _kernel_over_sockets() -> KernelManager:
    """A kernel manager over Unix sockets, not TCP ports: a port jupyter_client picked (and let
    go) can be taken by another test's socket before the kernel binds it, and the kernel dies at
    start (jupyter/jupyter_client#487); the suite runs several workers at once."""
    return KernelManager(kernel_name="python3", transport="ipc",
                         ip=os.path.join(_SOCKETS.name, "kernel"))


def execute(nb, path: Path) -> None:
    """Run every cell of ``nb`` in a new kernel started in the notebook's folder, then shut that
    kernel down (nbclient leaves a kernel manager it was given running: 148 kernels and 1,300
    descriptors per test worker were left by these tests before)."""
    NotebookClient(nb, km=_kernel_over_sockets(), timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute(cleanup_kc=True)


def _strings(path: Path):
    """The on-screen string table of the lesson's source (answers may use its «keys», as
    the lesson's own cells do, when a right answer must say the lesson's words)."""
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location("courses_build", REPO / "courses" / "build.py")
    build = sys.modules.get("courses_build")
    if build is None:
        build = importlib.util.module_from_spec(spec)
        sys.modules["courses_build"] = build
        spec.loader.exec_module(build)
    return build, build.parse(path.parent / "lesson.source.md").strings


def run(path: Path, replace: dict[str, str]) -> dict[str, str]:
    """Run the notebook (with some cells replaced) like JupyterLab would; return each
    self-check cell's printed output, by cell id."""
    nb = nbformat.read(path, as_version=4)
    lang = nb.metadata["minicourse"]["language"]
    build, strings = _strings(path)
    for cell in nb.cells:
        if cell.id in replace:
            cell.source = build.fill(replace[cell.id].strip("\n"), strings, lang)
    # the kernel inherits the environment JupyterLab would give it for this notebook
    with mock.patch.dict(os.environ, {"JPY_SESSION_NAME": str(path)}):
        os.environ.pop("MINICOURSE_LANG", None)
        execute(nb, path)
    out = {}
    for cell in nb.cells:
        if cell.cell_type == "code":
            errors = [o for o in cell.outputs if o.output_type == "error"]
            assert not errors, (cell.id, errors)
            assert not [o for o in cell.outputs if o.get("name") == "stderr"], cell.id
            if cell.id.startswith("check"):
                out[cell.id] = "".join(o.get("text", "") for o in cell.outputs
                                       if o.output_type == "stream")
    return out


CASES = [(lesson, lang) for lesson in ANSWERS for lang in LANGUAGES]


@pytest.mark.parametrize("lesson,lang", CASES)
def test_starter_code_runs_and_every_check_says_not_yet(lesson, lang):
    out = run(REPO / "courses" / lesson / f"lesson.{lang}.ipynb", {})
    assert out
    for cell_id, text in out.items():
        assert text.startswith("❌"), (cell_id, text)
        assert "✅" not in text
        # the first ❌ nudges; the code of the answer waits for show_answer()
        for secret in GIVEAWAYS.get(lesson, ()):
            assert secret not in text, (cell_id, text)


#: code of the answers that a first hint must not print (lessons whose hints come in levels)
GIVEAWAYS = {
    "00-python-you-need": ("{cups * price}", 'result = result + drink["price"]', "elif degrees > 25"),
    "01-hello-mini-program": ("<view><text>", '"navigationBarTitleText": "', '<view class="notice"><text>',
                              "</button>"),
    "02-showing-data": ("{{class_name}}", "{{cups * price}}", 'wx:for="{{dishes}}"', "{{item.name}}",
                        'wx:if="{{item.important}}"'),
    "03-taps-and-changes": ('<button id="minus" bindtap="minus">', 'if self.data["count"] > 0',
                            'dataset["level"]', 'dataset["index"]'),
    "04-forms": ('bindinput="typed"', 'form["nickname"].strip()', 'model:value="{{volume}}"'),
    "05-talking-back": ("wx.show_toast(title=", "success=self.answered", 'item_list=self.data["methods"]'),
    "06-many-pages": ('BOOKS[int(query["id"])]', "wx.navigate_to(url=", '"pagePath": "pages/news/news"'),
    "07-lists-that-change": ('self.data["items"] + [new]', "items.pop(i)", "TIPS[shown:shown + 5]"),
    "08-remembering": ('wx.set_storage_sync("cups", cups)', 'get_app().global_data["nickname"]',
                       'wx.set_storage_sync("todos"'),
    "09-talking-to-a-server": ('wx.request(url=SCHOOL + "/lunch"', 'self.set_data({"dishes": res.data["dishes"]})',
                               '"loading": False, "news"', '"loading": False, "error"', 'data={"text": self.data["idea"]}',
                               'self.set_data({"number": res.data["number"]', 'self.set_data({"error": res.err_msg})'),
    "10-components": ('"name": str', '{{name}}', 'liked = not self.data["liked"]', 'self.trigger_event("like"',
                      '<slot></slot>'),
}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("lesson,check_id,secret", [("00-python-you-need", "check2", 'result = result + drink["price"]'),
                                                    ("01-hello-mini-program", "check1", "<view><text>"),
                                                    ("02-showing-data", "check3", 'wx:for="{{dishes}}"'),
                                                    ("03-taps-and-changes", "check4", 'dataset["index"]'),
                                                    ("04-forms", "check2", 'form["nickname"].strip()'),
                                                    ("05-talking-back", "check2", "success=self.answered"),
                                                    ("06-many-pages", "check3", '"pagePath": "pages/news/news"'),
                                                    ("07-lists-that-change", "check1", 'self.data["items"] + [new]'),
                                                    ("08-remembering", "check3", 'wx.set_storage_sync("todos"'),
                                                    ("09-talking-to-a-server", "check1", 'wx.request(url=SCHOOL + "/lunch"'),
                                                    ("10-components", "check2", 'liked = not self.data["liked"]')])
def test_a_check_run_again_gives_more_help_and_the_answer_only_when_asked(lesson, check_id, secret, lang):
    """On the starter code: the first ❌ nudges, running the check again gives a bigger hint,
    and only show_answer() prints the code."""
    path = REPO / "courses" / lesson / f"lesson.{lang}.ipynb"
    nb = nbformat.read(path, as_version=4)
    at = next(i for i, cell in enumerate(nb.cells) if cell.id == check_id)
    again = nbformat.v4.new_code_cell(nb.cells[at].source)
    asked = nbformat.v4.new_code_cell("show_answer()")
    nb.cells[at + 1:at + 1] = [again, asked]
    with mock.patch.dict(os.environ, {"JPY_SESSION_NAME": str(path)}):
        os.environ.pop("MINICOURSE_LANG", None)
        execute(nb, path)
    first, second, answer = ("".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")
                             for cell in (nb.cells[at], again, asked))
    hint = [line for line in first.splitlines() if line.startswith("💡")]
    bigger = [line for line in second.splitlines() if line.startswith("💡")]
    assert first.startswith("❌") and second.startswith("❌") and hint and bigger and hint != bigger
    assert secret not in first and secret not in second
    assert "show_answer()" in first and secret in answer and answer.startswith("🔑")


@pytest.mark.parametrize("lesson,lang", CASES)
def test_right_answers_pass_every_check(lesson, lang):
    out = run(REPO / "courses" / lesson / f"lesson.{lang}.ipynb", ANSWERS[lesson])
    for cell_id, text in out.items():
        assert text.startswith("✅") and "❌" not in text, (cell_id, text)
    expected = {"en": "Well done", "zh-Hans": "太棒了", "zh-Hant": "做得好"}[lang]
    assert all(expected in text for text in out.values())


# Lesson 5, exercise 2 half done: it asks, but leaves whatever the answer.
LEAVES_ON_CANCEL = ANSWERS["05-talking-back"]["ex2"].replace(
    '        if res["confirm"]:\n            self.set_data', '        self.set_data')


def test_a_modal_that_ignores_the_answer_is_caught():
    out = run(REPO / "courses" / "05-talking-back" / "lesson.en.ipynb", {"ex2": LEAVES_ON_CANCEL})
    assert out["check2"].startswith("❌") and "after Cancel" in out["check2"], out["check2"]


def test_a_book_page_without_its_back_button_is_caught():
    """Lesson 6: exercise 2 needs exercise 1's back button."""
    no_back = ANSWERS["06-many-pages"]["ex1"].replace("        wx.navigate_back()", "        pass")
    out = run(REPO / "courses" / "06-many-pages" / "lesson.en.ipynb", {"ex1": no_back, "ex2": ANSWERS["06-many-pages"]["ex2"]})
    assert out["check1"].startswith("✅")
    assert out["check2"].startswith("❌") and "should go back to the list" in out["check2"], out["check2"]


def test_an_off_by_one_boundary_is_caught():
    """Lesson 0: 25 degrees is still 🙂 (the check tries both ends of the range)."""
    wrong = ANSWERS["00-python-you-need"]["ex3"].replace("degrees > 25", "degrees >= 25")
    out = run(REPO / "courses" / "00-python-you-need" / "lesson.en.ipynb", {"ex3": wrong})
    assert out["check3"].startswith("❌") and "at 25 degrees" in out["check3"], out["check3"]


def test_exercises_build_on_each_other():
    out = run(REPO / "courses" / "03-taps-and-changes" / "lesson.en.ipynb",
              {"ex1": MINUS_WITHOUT_FLOOR})
    assert out["check1"].startswith("✅")
    assert out["check2"].startswith("❌") and "should keep 0" in out["check2"]
