"""MiniProgram configuration (spec §4.1) and loading a real project folder."""
import json

import pytest

from mini_sdk import MiniProgram, Page, ProgramError
from mini_sdk.testing import launch


class Home(Page):
    template = "<text>home</text>"


class Cart(Page):
    template = "<text>cart</text>"


def test_spec_4_1_tab_bar_needs_two_to_five_items():
    with pytest.raises(ProgramError) as info:
        MiniProgram(pages={"a/a": Home}, tab_bar={"list": [{"pagePath": "a/a", "text": "A"}]})
    assert "at least 2" in str(info.value)
    pages = {f"p{i}/p": type(f"P{i}", (Page,), {"template": "<view/>"}) for i in range(6)}
    with pytest.raises(ProgramError) as info:
        MiniProgram(pages=pages, tab_bar={"list": [{"pagePath": p, "text": p} for p in pages]})
    assert "at most 5" in str(info.value)


def test_spec_4_1_tab_bar_pages_must_be_pages():
    with pytest.raises(ProgramError) as info:
        MiniProgram(pages={"a/a": Home, "b/b": Cart},
                    tab_bar={"list": [{"pagePath": "a/a", "text": "A"}, {"pagePath": "c/c", "text": "C"}]})
    assert "c/c" in str(info.value) and "a/a" in str(info.value)


def test_spec_4_1_first_page_launches_and_window_defaults():
    program = MiniProgram(pages={"pages/cart/cart": Cart, "pages/home/home": Home},
                          window={"navigationBarTitleText": "Tea"})
    assert program.launch_page == "pages/cart/cart"
    assert program.window["navigationBarBackgroundColor"] == "#000000"
    with launch(program) as phone:
        assert phone.current_page.path == "pages/cart/cart"
        assert phone.title == "Tea"


def test_page_config_overrides_window_title():
    class Titled(Page):
        template = "<view/>"
        config = {"navigationBarTitleText": "Menu"}

    with launch(MiniProgram(pages={"p/p": Titled}, window={"navigationBarTitleText": "Shop"})) as phone:
        assert phone.title == "Menu"


def test_pages_must_be_page_classes():
    with pytest.raises(ProgramError) as info:
        MiniProgram(pages={"pages/index/index": "hello"})
    assert "pages/index/index" in str(info.value)


def write_project(root, files):
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text if isinstance(text, str) else json.dumps(text), encoding="utf-8")
    return root


PROJECT = {
    "app.json": {"pages": ["pages/index/index", "pages/about/about"],
                 "window": {"navigationBarTitleText": "茶铺"},
                 "usingComponents": {"price-tag": "/components/price-tag/price-tag"}},
    "app.py": "from mini_sdk import App\nclass Shop(App):\n    global_data = {'shop': 'tea'}\n",
    "app.wxss": "page { background: #fff; }",
    "pages/index/index.py": (
        "from mini_sdk import Page\n"
        "from helpers import double\n"
        "class Index(Page):\n"
        "    data = {'n': 1}\n"
        "    def twice(self, e):\n"
        "        self.set_data({'n': double(self.data['n'])})\n"),
    "pages/index/index.wxml": "<text id='n'>{{n}}</text><button id='b' bindtap='twice'>x2</button><price-tag value='{{n}}'/>",
    "pages/index/index.json": {"navigationBarTitleText": "首页"},
    "pages/about/about.py": "from mini_sdk import Page\nclass About(Page):\n    pass\n",
    "pages/about/about.wxml": "<text>about</text>",
    "components/price-tag/price-tag.py": (
        "from mini_sdk import Component\n"
        "class PriceTag(Component):\n    properties = {'value': int}\n"),
    "components/price-tag/price-tag.wxml": "<text class='tag'>¥{{value}}</text>",
    "helpers.py": "def double(x):\n    return x * 2\n",
}


def test_load_real_project_layout(tmp_path):
    root = write_project(tmp_path / "shop", PROJECT)
    program = MiniProgram.load(root)
    assert list(program.pages) == ["pages/index/index", "pages/about/about"]
    with launch(program) as phone:
        assert phone.title == "首页"
        assert phone.global_data == {"shop": "tea"}
        phone.current_page.query("#b").tap()
        assert phone.current_page.query("#n").text == "2"
        assert phone.current_page.query(".tag").text == "¥2"


def test_load_reports_bad_json_with_line(tmp_path):
    files = dict(PROJECT)
    files["app.json"] = '{\n  "pages": ["pages/index/index",]\n}'
    root = write_project(tmp_path / "shop", files)
    with pytest.raises(ProgramError) as info:
        MiniProgram.load(root)
    assert "app.json" in str(info.value) and "line 2" in str(info.value)


def test_load_reports_missing_page_file(tmp_path):
    files = {k: v for k, v in PROJECT.items() if k != "pages/about/about.wxml"}
    root = write_project(tmp_path / "shop", files)
    with pytest.raises(ProgramError) as info:
        MiniProgram.load(root)
    assert "pages/about/about.wxml" in str(info.value)


def test_load_reports_syntax_error_with_file_and_line(tmp_path):
    files = dict(PROJECT)
    files["pages/about/about.py"] = "from mini_sdk import Page\nclass About(Page)\n    pass\n"
    root = write_project(tmp_path / "shop", files)
    with pytest.raises(ProgramError) as info:
        MiniProgram.load(root)
    assert "pages/about/about.py" in str(info.value) and "line 2" in str(info.value)
