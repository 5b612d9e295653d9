"""Python's own errors explained in the student's language, at their line, with "did you mean"
for the JavaScript names lessons show and for typos of the student's own names: from the
phone (the preview's red box), a self-check, and a plain notebook cell (a real kernel, where
importing mini_sdk installs the handler; never while grading)."""
from __future__ import annotations

import queue
import textwrap
import time
from pathlib import Path

import pytest

from mini_sdk import MiniProgram, Page, set_language
from mini_sdk.explain import explain, suggestion
from mini_sdk.selfcheck import check

REPO = Path(__file__).resolve().parents[2]
LANGS = ("en", "zh-Hans", "zh-Hant")
SAYS = {  # per language: did you mean / JavaScript name / cannot read / indentation / line
    "en": ("Did you mean count_total?", "in Python write current_target", "cannot read line",
           "The spaces at the start of line", "line {n}"),
    "zh-Hans": ("你是不是想写 count_total？", "在 Python 里要写 current_target", "读不懂第",
                "行开头的空格不对", "第 {n} 行"),
    "zh-Hant": ("你是不是想寫 count_total？", "在 Python 裡要寫 current_target", "讀不懂第",
                "行開頭的空格不對", "第 {n} 行"),
}


def raised(code: str, **names):
    try:
        exec(compile(code, "<cell>", "exec"), dict(names))
    except Exception as exc:  # noqa: BLE001
        return exc
    raise AssertionError("no error")


def test_suggestions_for_javascript_names_and_typos():
    assert suggestion("currentTarget", ["current_target", "target"]) == ("current_target", True)
    assert suggestion("setData", []) == ("set_data", True)
    assert suggestion("onLoad", []) == ("on_load", True)
    assert suggestion("addItem", ["add_item", "data"]) == ("add_item", True)
    assert suggestion("cuont", ["count", "clock"]) == ("count", False)
    assert suggestion("Count", ["count"]) == ("count", False)
    assert suggestion("zzz", ["count"]) == (None, False)


@pytest.mark.parametrize("lang", LANGS)
def test_each_error_is_explained_in_the_students_language(lang):
    set_language(lang)
    did_you_mean, js, unreadable, indent, _line = SAYS[lang]
    assert did_you_mean in explain(raised("count_total = 1\nprint(count_totl)"))
    event = type("Event", (), {"current_target": None})()
    assert js in explain(raised("event.currentTarget", event=event))
    text = explain(raised("def add(self, event)\n    pass"))
    assert unreadable in text and ("colon" in text or "冒号" in text or "冒號" in text)
    assert indent in explain(raised("def add(self, event):\nreturn 1"))
    assert "(Python says" in explain(raised("{}['x']")) or "Python 的原" in explain(raised("{}['x']"))
    if lang != "en":
        text = explain(raised("total = 'Total: ' + 3"))
        assert not any(w in text.split("（")[0] for w in ("Text", "number")), text


class Menu(Page):
    template = '<button id="add" bindtap="add" data-i="1">+</button>'

    def add(self, event):
        i = event.currentTarget.dataset["i"]
        self.set_data({"i": i})


@pytest.mark.parametrize("lang", LANGS)
def test_a_self_check_explains_the_handlers_error_at_its_line(lang, capsys):
    set_language(lang)
    check(lambda phone: phone.current_page.query("#add").tap(),
          MiniProgram(pages={"pages/index/index": Menu}))
    out = capsys.readouterr().out
    assert SAYS[lang][1] in out and 'i = event.currentTarget.dataset["i"]' in out
    assert "Traceback" not in out


@pytest.mark.parametrize("lang", LANGS)
def test_the_preview_explains_the_handlers_error(lang):
    from mini_sdk.live_preview import preview

    set_language(lang)
    pv = preview(MiniProgram(pages={"pages/index/index": Menu}), live=False)
    try:
        pv.click("#add")
        assert SAYS[lang][1] in pv.errors[0]["message"]
        assert pv.errors[0]["code"] == 'i = event.currentTarget.dataset["i"]'
    finally:
        pv.close()


# a real notebook kernel ------------------------------------------------------------------------
def run_cells(cells: list[str], env: dict) -> list[dict | None]:
    """Run each cell in a fresh kernel; the error content of each (None if it passed)."""
    from jupyter_client.manager import start_new_kernel

    km, kc = start_new_kernel(kernel_name="python3", env=env)
    errors = []
    try:
        for code in cells:
            msg_id = kc.execute(code)
            error, deadline = None, time.monotonic() + 60
            while time.monotonic() < deadline:
                try:
                    msg = kc.get_iopub_msg(timeout=5)
                except queue.Empty:
                    continue
                if msg["parent_header"].get("msg_id") != msg_id:
                    continue
                if msg["msg_type"] == "error":
                    error = msg["content"]
                if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                    break
            errors.append(error)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    return errors


SETUP = f"import sys; sys.path.insert(0, {str(REPO)!r})\nfrom mini_sdk import MiniProgram, Page\nfrom mini_sdk.testing import launch"
CELLS = [
    SETUP,
    "count_total = 1\nprint(count_totl)",
    "def add(self, event)\n    pass",
    "def add(self, event):\nreturn 1",
    textwrap.dedent('''\
        class P(Page):
            template = '<button id="add" bindtap="add">+</button>'
            def add(self, event):
                self.setData({"n": 1})
        with launch(MiniProgram(pages={"pages/index/index": P})) as phone:
            phone.current_page.query("#add").tap()'''),
]


def _shown(error: dict) -> str:
    return "\n".join(error["traceback"])


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
def test_plain_cells_of_a_lesson_notebook_explain_errors(lang):
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("NBGRADER_EXECUTION", "MINICOURSE_LANG")}
    env["JPY_SESSION_NAME"] = f"/home/student/lesson.{lang}.ipynb"
    setup, name, syntax, indent, handler = run_cells(CELLS, env)
    did_you_mean, _js, unreadable, indentation, line = SAYS[lang]
    assert setup is None
    assert name["ename"] == "NameError"  # what nbgrader and nbval read stays Python's
    assert did_you_mean in _shown(name) and line.format(n=2) in _shown(name)
    assert "print(count_totl)" in _shown(name)
    assert syntax["ename"] == "SyntaxError" and unreadable in _shown(syntax)
    assert indent["ename"] == "IndentationError" and indentation in _shown(indent)
    shown = _shown(handler)
    assert handler["ename"] == "AttributeError" and "set_data" in shown and "setData" in shown
    assert 'self.setData({"n": 1})' in shown and line.format(n=4) in shown
    assert "mini_sdk/" not in shown and "site-packages" not in shown


@pytest.mark.slow
def test_never_while_grading():
    import os

    env = dict(os.environ, JPY_SESSION_NAME="/home/student/menu.en.ipynb",
               NBGRADER_EXECUTION="autograde")
    _setup, name = run_cells(CELLS[:2], env)
    assert name["ename"] == "NameError" and "Did you mean count_total?" not in _shown(name)


def test_not_outside_ipython():
    import subprocess
    import sys

    code = ("import mini_sdk, sys; from mini_sdk import explain; "
            "print('IPython' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={"PYTHONPATH": str(REPO), "JPY_SESSION_NAME": "x.en.ipynb",
                               "PATH": "/usr/bin:/bin"}, timeout=60)
    assert done.stdout.strip() == "False", done.stderr


@pytest.mark.slow
def test_a_template_error_in_a_notebook_names_the_line_of_the_students_cell():
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("NBGRADER_EXECUTION", "MINICOURSE_LANG")}
    env["JPY_SESSION_NAME"] = "/home/student/menu.zh-Hant.ipynb"
    page = textwrap.dedent('''\
        class MenuPage(Page):
            drink_rows = """
            <view class="drink">
              <text>{{item.name} {{item.price}}</text>
            </view>
            """
            template = drink_rows + "<view>{{total}}</view>"''')
    _setup, _page, tapped = run_cells([SETUP, page, textwrap.dedent('''\
        with launch(MiniProgram(pages={"pages/index/index": MenuPage})) as phone:
            pass''')], env)
    shown = _shown(tapped)
    assert "{{item.name} 沒有關上" in shown
    assert "儲存格 [2]，第 4 行：<text>{{item.name} {{item.price}}</text>" in shown
    assert shown.count("👉") == 1, shown  # not also the line of the cell that launched it


class NeedsTwo(Page):
    template = '<button id="add" bindtap="add">+</button>'

    def add(self, event, extra):  # a parameter nobody gives
        pass


WHERE = {"en": "👉 test_explain.py, line {line}: {code}", "zh-Hans": "👉 test_explain.py, 第 {line} 行：{code}",
         "zh-Hant": "👉 test_explain.py, 第 {line} 行：{code}"}


@pytest.mark.parametrize("lang", list(WHERE))
def test_a_handler_that_cannot_be_called_points_at_its_def_not_at_the_tests_line(lang):
    """hw1's visible test taps; the student's handler needs a parameter nobody gives: the 👉
    names the student's def (their line), not the test's tap or ``with launch(...)`` line."""
    import inspect

    from mini_sdk.explain import render
    from mini_sdk.testing import launch

    set_language(lang)
    with launch(MiniProgram(pages={"pages/index/index": NeedsTwo})) as phone:
        with pytest.raises(TypeError) as caught:
            phone.current_page.query("#add").tap()
    shown = render(caught.value)[0]
    line = inspect.getsourcelines(NeedsTwo.add)[1]
    expected = WHERE[lang].format(line=line, code="def add(self, event, extra):  # a parameter nobody gives")
    assert expected in shown, shown
    assert "query(\"#add\")" not in shown and "mini_sdk" not in shown


WX_FRO = {"en": ("looked up by a position", "is it inside the wx:for"),
          "zh-Hans": ("列表要用位置来取", "它在 wx:for 里面吗"),
          "zh-Hant": ("列表要用位置來取", "它在 wx:for 裡面嗎")}


class TypoRows(Page):
    """wx:fro for wx:for: one row, whose data-index reads a name that is not there."""
    template = '<view wx:fro="{{drinks}}"><button id="add" bindtap="add" data-index="{{index}}">+</button></view>'
    data = {"drinks": [{"name": "tea", "count": 0}]}

    def add(self, event):
        drinks = self.data["drinks"]
        drinks[event.current_target.dataset["index"]]["count"] += 1


@pytest.mark.parametrize("lang", LANGS)
def test_a_list_looked_up_by_undefined_says_where_undefined_comes_from(lang):
    from mini_sdk.testing import launch

    set_language(lang)
    position, where = WX_FRO[lang]
    with launch(MiniProgram(pages={"pages/index/index": TypoRows})) as phone:
        with pytest.raises(TypeError) as caught:
            phone.current_page.query("#add").tap()
    text = explain(caught.value)
    assert position in text and where in text and "undefined" in text
    by_name = explain(raised("rows['a']", rows=[1, 2]))   # a str position: only the first part
    assert position in by_name and where not in by_name
