"""Rules of WXS (spec §3.7), its JavaScript run by an embedded engine: inline and ``src=``
modules, ``module.exports``, ``require`` of other .wxs files (singletons), ES5 only,
``getRegExp``/``getDate``, ``x.constructor`` is the type's name, no I/O, a time limit, errors
naming the .wxs file and line; a Python stand-in given by the page wins; a Python module may
have names starting with "_"."""
import pytest

from mini_sdk import MiniProgram, Page, TemplateError
from mini_sdk.testing import launch
from mini_sdk.wxml import DictLoader, RenderContext, compile_template, screen_text

FILES = {
    "utils/format.wxs": (
        "var money = require('./money.wxs');\n"
        "function price(fen) {\n"
        "  return money.yuan(fen) + ' 元';\n"
        "}\n"
        "function kind(x) { return x.constructor; }\n"
        "function digits(s) { return getRegExp('^\\d+$').test(s); }\n"
        "function year(ms) { return getDate(ms).getFullYear(); }\n"
        "module.exports = { price: price, kind: kind, digits: digits, year: year,\n"
        "  _style: function (o) { return Object.keys(o).map(function (k) { return k + ':' + o[k]; }).join(';'); } };\n"
    ),
    "utils/money.wxs": "module.exports.yuan = function (fen) { return (fen / 100).toFixed(2); };\n",
    "utils/bad.wxs": "var a = 1;\nmodule.exports.boom = function () {\n  return nothing.here;\n};\n",
    "utils/es6.wxs": "var ok = 1;\nconst n = 2;\n",
    "utils/spin.wxs": "module.exports.spin = function () { while (true) {} };\n",
    "utils/io.wxs": "module.exports.io = function () { return [typeof setTimeout, typeof fetch, typeof std, typeof os, typeof XMLHttpRequest].join(); };\n",
}


def render(source, data=None, loader=DictLoader(FILES), **ctx):
    template = compile_template(source, "pages/index/index.wxml", loader=loader)
    return screen_text(template.render(data or {}, RenderContext(**ctx)))


def test_rule_src_module_with_require_runs():
    text = render('<wxs module="f" src="../../utils/format.wxs"/><text>{{f.price(p)}}</text>', {"p": 1250})
    assert text == "12.50 元"


def test_rule_inline_module_and_underscore_names():
    source = ('<wxs module="_">\nmodule.exports = { cls: function (a, b) { return a + "-" + b; } };\n</wxs>'
              '<view class="{{_.cls(\'t\', n)}}">{{_.cls("x", n)}}</view>'
              '<wxs module="f" src="/utils/format.wxs"/><text>{{f._style({color: "red", width: "1px"})}}</text>')
    assert render(source, {"n": 3}).split("\n") == ["x-3", "color:red;width:1px"]


def test_rule_constructor_is_the_type_name_and_get_regexp_get_date():
    source = ('<wxs module="f" src="/utils/format.wxs"/>'
              '<text>{{f.kind(list)}} {{f.kind(obj)}} {{f.kind("s")}} {{f.digits("123")}} '
              '{{f.digits("12a")}} {{f.year(0)}}</text>')
    assert render(source, {"list": [1], "obj": {"a": 1}}) == "Array Object String true false 1970"


def test_rule_wxs_is_es5_and_errors_name_the_wxs_line():
    with pytest.raises(TemplateError) as caught:
        render('<wxs module="e" src="/utils/es6.wxs"/><text>{{e.ok}}</text>')
    assert caught.value.message_key == "wxs_not_es5" and "utils/es6.wxs:2" in str(caught.value)
    with pytest.raises(TemplateError) as caught:
        render('<wxs module="b" src="/utils/bad.wxs"/><text>{{b.boom()}}</text>')
    assert "utils/bad.wxs:3" in str(caught.value) and "nothing" in str(caught.value)
    assert "pages/index/index.wxml:1" in str(caught.value)


def test_rule_wxs_has_no_io_and_a_time_limit():
    assert render('<wxs module="i" src="/utils/io.wxs"/><text>{{i.io()}}</text>') == \
        "undefined,undefined,undefined,undefined,undefined"
    with pytest.raises(TemplateError) as caught:
        render('<wxs module="s" src="/utils/spin.wxs"/><text>{{s.spin()}}</text>')
    assert "spin" in str(caught.value)


def test_rule_python_stand_in_wins_and_may_have_underscore_names():
    class Fmt:
        @staticmethod
        def _style(value):
            return f"py:{value}"

    source = '<wxs module="f" src="/utils/missing.wxs"/><text>{{f._style(1)}}</text>'
    assert render(source, wxs_modules={"f": Fmt}) == "py:1"


def test_rule_wxs_on_a_page_get_date_reads_the_phone_clock():
    class Clock(Page):
        template = ('<wxs module="t">module.exports.y = function () { return getDate().getFullYear(); };</wxs>'
                    '<text id="y">{{t.y()}}</text>')

    with launch(MiniProgram(pages={"pages/index/index": Clock})) as phone:
        assert phone.current_page.query("#y").text == "2024"   # the phone's wall clock starts 2024-09-01


def test_rule_a_wxs_function_bound_as_handler_gets_the_event_and_modules_keep_state():
    class Touch(Page):
        template = ('<wxs module="t">var seen = [];\n'
                    'module.exports.touch = function (e, owner) { seen.push(e.type + ":" + e.current_target.dataset.x); };\n'
                    'module.exports.seen = function (tick) { return seen.join(","); };</wxs>'
                    '<view id="v" bindtap="{{t.touch}}" data-x="7">tap</view>'
                    '<text id="seen">{{t.seen(tick)}}</text><button id="redraw" bindtap="redraw">r</button>')
        data = {"tick": 0}

        def redraw(self):
            self.set_data({"tick": self.data["tick"] + 1})

    with launch(MiniProgram(pages={"pages/index/index": Touch})) as phone:
        phone.current_page.query("#v").tap()
        phone.current_page.query("#v").tap()
        phone.current_page.query("#redraw").tap()
        assert phone.current_page.query("#seen").text == "tap:7,tap:7"
        assert phone.errors == []
