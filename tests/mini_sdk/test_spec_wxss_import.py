"""Rule (spec §3.8): ``@import "common.wxss";`` in app.wxss and in a page's WXSS brings in
the file it names, relative to the importing file; app.wxss styles every page, on the HTML
phone and in the live preview alike."""
import json

import pytest

from mini_sdk import MiniProgram, Page
from mini_sdk.errors import TemplateError
from mini_sdk.live_preview import preview


def write_project(root, files):
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text if isinstance(text, str) else json.dumps(text), encoding="utf-8")
    return root


PROJECT = {
    "app.json": {"pages": ["pages/index/index"]},
    "app.wxss": "/* reset */\n@import './common/base.wxss';\npage { background: #f7f7f7; }\n",
    "common/base.wxss": "@import 'colors.wxss';\n.card { padding: 20rpx; }\n",
    "common/colors.wxss": ".brand { color: #07c160; }\n",
    "pages/index/index.py": "from mini_sdk import Page\nclass Index(Page):\n    pass\n",
    "pages/index/index.wxml": "<view class='card brand'>tea</view>",
    "pages/index/index.wxss": "@import '/common/colors.wxss';\n.title { font-size: 40rpx; }\n",
}


def test_rule_app_wxss_import_is_in_the_html_phone(tmp_path):
    program = MiniProgram.load(write_project(tmp_path / "shop", PROJECT))
    html = program._repr_html_()
    assert ".card { padding: 10px; }" in html
    assert ".brand { color: #07c160; }" in html      # imported by the imported file
    assert "background: #f7f7f7" in html
    assert "font-size: 20px" in html                  # the page's own, with its /common import


def test_rule_app_wxss_import_is_in_the_live_preview(tmp_path):
    program = MiniProgram.load(write_project(tmp_path / "shop", PROJECT))
    pv = preview(program, live=False)
    css = pv._css_page.value
    assert f".{pv.scope} .card" in css and "padding: 10px" in css
    assert f".{pv.scope} .brand" in css


def test_rule_app_wxss_of_a_notebook_program_imports_from_the_notebook_folder(tmp_path, monkeypatch):
    (tmp_path / "theme.wxss").write_text(".note { color: red; }", encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    class Index(Page):
        template = "<view class='note'>hi</view>"

    program = MiniProgram(pages={"pages/index/index": Index}, style="@import 'theme.wxss';")
    assert ".note { color: red; }" in program._repr_html_()


def test_rule_app_wxss_import_cannot_reach_outside_the_project(tmp_path):
    (tmp_path / "secret.wxss").write_text(".leak { color: red; }", encoding="utf-8")
    files = dict(PROJECT, **{"app.wxss": "@import '../secret.wxss';"})
    program = MiniProgram.load(write_project(tmp_path / "shop", files))
    with pytest.raises(TemplateError) as caught:   # a compile error, as in DevTools
        program._repr_html_()
    assert "../secret.wxss" in str(caught.value) and "app.wxss" in str(caught.value)
