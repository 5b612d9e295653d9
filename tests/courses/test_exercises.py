"""The lessons' self-checks are honest: ❌ on the starter code as shipped, ✅ on a right answer.

Each lesson notebook runs in a real kernel (as a student's would, in its own folder, its
language taken from its file name), once as shipped and once with the exercise cells
replaced by the answers below.
"""
from __future__ import annotations

import os
from pathlib import Path
from unittest import mock

import nbformat
import pytest
from nbclient import NotebookClient

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
LANGUAGES = ("zh-Hans", "zh-Hant", "en")

ANSWERS = {
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


def run(path: Path, replace: dict[str, str]) -> dict[str, str]:
    """Run the notebook (with some cells replaced) like JupyterLab would; return each
    self-check cell's printed output, by cell id."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.id in replace:
            cell.source = replace[cell.id].strip("\n")
    # the kernel inherits the environment JupyterLab would give it for this notebook
    with mock.patch.dict(os.environ, {"JPY_SESSION_NAME": str(path)}):
        os.environ.pop("MINICOURSE_LANG", None)
        client = NotebookClient(nb, timeout=120, kernel_name="python3",
                                resources={"metadata": {"path": str(path.parent)}})
        client.execute()
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


@pytest.mark.parametrize("lesson,lang", CASES)
def test_right_answers_pass_every_check(lesson, lang):
    out = run(REPO / "courses" / lesson / f"lesson.{lang}.ipynb", ANSWERS[lesson])
    for cell_id, text in out.items():
        assert text.startswith("✅") and "❌" not in text, (cell_id, text)
    expected = {"en": "Well done", "zh-Hans": "太棒了", "zh-Hant": "做得好"}[lang]
    assert all(expected in text for text in out.values())


def test_exercises_build_on_each_other():
    out = run(REPO / "courses" / "03-taps-and-changes" / "lesson.en.ipynb",
              {"ex1": MINUS_WITHOUT_FLOOR})
    assert out["check1"].startswith("✅")
    assert out["check2"].startswith("❌") and "should keep 0" in out["check2"]
