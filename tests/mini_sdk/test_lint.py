"""Template mistakes that still render are warned about, on the phone's console and by checks:
unknown tags, unknown wx: attributes, Python's True/False/None inside {{ }}."""
from __future__ import annotations

import pytest

from mini_sdk import Component, MiniProgram, Page, set_language
from mini_sdk.selfcheck import check, expect
from mini_sdk.testing import launch

SAYS = {
    "en": ("Did you mean <text>?", "Did you mean wx:for?", "write true, not True"),
    "zh-Hans": ("你是不是想写 <text>？", "你是不是想写 wx:for？", "要写 true，不是 True"),
    "zh-Hant": ("你是不是想寫 <text>？", "你是不是想寫 wx:for？", "要寫 true，不是 True"),
}


class Typos(Page):
    template = """<view class="list">
  <view wx:fro="{{items}}">{{item}}</view>
  <txet>{{done == True}}</txet>
</view>"""
    data = {"items": ["a", "b"], "done": True}


@pytest.mark.parametrize("lang", list(SAYS))
def test_the_console_warns_with_the_line(lang):
    set_language(lang)
    tag, attr, constant = SAYS[lang]
    with launch(MiniProgram(pages={"pages/index/index": Typos})) as phone:
        warnings = phone.warnings
    assert any(tag in w and "Typos.template:3" in w for w in warnings), warnings
    assert any(attr in w and "Typos.template:2" in w for w in warnings), warnings
    assert any(constant in w and "Typos.template:3" in w for w in warnings), warnings


def test_a_right_template_gets_no_warning():
    class Card(Component):
        template = "<view><slot/></view>"

    class Good(Page):
        template = """<block wx:for="{{items}}" wx:key="*this"><card wx:if="{{item}}">
        <text>{{item}} {{done === true}}</text></card></block>"""
        data = {"items": ["a"], "done": True}
        using_components = {"card": Card}

    with launch(MiniProgram(pages={"pages/index/index": Good})) as phone:
        assert phone.warnings == []


@pytest.mark.parametrize("lang", list(SAYS))
def test_a_check_that_says_not_yet_shows_the_warnings(lang, capsys):
    set_language(lang)

    def test(phone):
        expect(phone.current_page.query_all("view view") and len(phone.current_page.query_all("view view")) == 2,
               "two rows")

    check(test, MiniProgram(pages={"pages/index/index": Typos}))
    out = capsys.readouterr().out
    assert out.startswith("❌") and SAYS[lang][1] in out and SAYS[lang][0] in out


class Unclosed(Page):
    rows = """
    <view class="drink" wx:for="{{drinks}}">
      <text>{{item.name} · {{item.price}}</text>
    </view>
    """
    template = rows + '<view id="total">{{total}}</view>'
    data = {"drinks": [{"name": "tea", "price": 3}], "total": 0}


NOT_CLOSED = {"en": ("{{item.name} is not closed", "line {n}:"),
              "zh-Hans": ("{{item.name} 没有关上", "第 {n} 行："),
              "zh-Hant": ("{{item.name} 沒有關上", "第 {n} 行：")}


@pytest.mark.parametrize("lang", list(NOT_CLOSED))
def test_an_unclosed_mustache_is_named_plainly_at_the_students_line(lang):
    import inspect

    from mini_sdk import TemplateError

    set_language(lang)
    Unclosed.__dict__.get("_compiled_template") and delattr(Unclosed, "_compiled_template")
    lines, first = inspect.getsourcelines(Unclosed)
    line = first + next(i for i, text in enumerate(lines) if "{{item.name} ·" in text)
    with pytest.raises(TemplateError) as caught:
        with launch(MiniProgram(pages={"pages/index/index": Unclosed})):
            pass
    message = str(caught.value)
    said, at = NOT_CLOSED[lang]
    assert message.startswith(said) and "understand" not in message
    assert at.format(n=line) in message and "<text>{{item.name} · {{item.price}}</text>" in message
