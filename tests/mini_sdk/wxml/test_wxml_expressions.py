"""Spec §3.1: what may be written inside {{ }}, and JavaScript semantics of the values."""
from __future__ import annotations

import math

import pytest

from mini_sdk.wxml.expr import (
    UNDEFINED, js_string, loose_equals, number_to_string, parse_mustache, strict_equals,
    to_number, to_text, truthy,
)
from wxml_helpers import error_of, message, render


def ev(src, **scope):
    return parse_mustache(src)(scope)


def shown(src, **scope):
    """What {{src}} shows as text."""
    return render("<text>{{" + src + "}}</text>", scope).vnodes[0].children[0].text


# ----------------------------------------------------------------------------- literals, names

@pytest.mark.parametrize("src, value", [
    ("1", 1), ("1.5", 1.5), (".5", 0.5), ("1e3", 1000.0), ("0x1F", 31),
    ("'a'", "a"), ('"b"', "b"), (r"'it\'s'", "it's"), (r"'\u4e2d'", "中"),
    ("true", True), ("false", False), ("null", None),
])
def test_spec_3_1_literals(src, value):
    assert ev(src) == value and type(ev(src)) is type(value)


def test_spec_3_1_undefined_literal_and_missing_names_are_undefined():
    assert ev("undefined") is UNDEFINED
    assert ev("nothing") is UNDEFINED


def test_spec_3_1_missing_name_renders_as_empty_string():
    assert shown("nothing") == ""
    assert shown("a.b.c") == ""          # a missing path never raises


def test_spec_3_1_data_paths_dot_bracket_length():
    scope = {"user": {"name": "李文琪", "tags": ["a", "b", "c"]}, "k": "name", "i": 1}
    assert ev("user.name", **scope) == "李文琪"
    assert ev("user[k]", **scope) == "李文琪"
    assert ev("user['name']", **scope) == "李文琪"
    assert ev("user.tags[i]", **scope) == "b"
    assert ev("user.tags.length", **scope) == 3
    assert ev("user.name.length", **scope) == 3
    assert ev("user.tags[9]", **scope) is UNDEFINED
    assert ev("user.tags['0']", **scope) == "a"


# ----------------------------------------------------------------------------- operators

def test_spec_3_1_arithmetic_and_string_concatenation():
    assert ev("a + b", a=1, b=2) == 3
    assert ev("'hello ' + name", name="Li") == "hello Li"
    assert ev("'n' + 1 + 2") == "n12"
    assert ev("1 + 2 + 'n'") == "3n"
    assert ev("a * b - c / d % 3", a=3, b=4, c=10, d=2) == 10


def test_spec_3_1_only_mustache_parts_are_evaluated():
    """`{{a + b}} + {{c}} + d` renders `3 + 3 + d` (official example)."""
    r = render("<text>{{a + b}} + {{c}} + d</text>", {"a": 1, "b": 2, "c": 3})
    assert r.vnodes[0].children[0].text == "3 + 3 + d"


@pytest.mark.parametrize("src, text", [
    ("3.0", "3"), ("6 / 3", "2"), ("1 / 3", "0.3333333333333333"), ("0.1 + 0.2", "0.30000000000000004"),
    ("1 / 0", "Infinity"), ("-1 / 0", "-Infinity"), ("0 / 0", "NaN"), ("1e21", "1e+21"),
    ("123456789012345680000", "123456789012345680000"), ("0.000001", "0.000001"), ("1e-7", "1e-7"),
    ("2.5e-7", "2.5e-7"), ("-7 % 3", "-1"), ("7 % -3", "1"), ("5.5 % 2", "1.5"), ("1 % 0", "NaN"),
])
def test_spec_3_1_js_number_formatting(src, text):
    assert shown(src) == text


@pytest.mark.parametrize("src, value", [
    ("'5' * 2", 10), ("'5' - 2", 3), ("true + 1", 2), ("null + 1", 1), ("'a' * 2", math.nan),
    ("[] + 1", "1"), ("[1,2] + ''", "1,2"), ("'x' + {}", "x[object Object]"),
    ("'x' + undefined", "xundefined"), ("'x' + null", "xnull"), ("-'3'", -3), ("+'4'", 4),
])
def test_spec_3_1_js_coercion_in_operators(src, value):
    got = ev(src)
    if isinstance(value, float) and math.isnan(value):
        assert math.isnan(got)
    else:
        assert got == value and type(got) is type(value)


@pytest.mark.parametrize("src, value", [
    ("1 == '1'", True), ("1 === '1'", False), ("null == undefined", True), ("null === undefined", False),
    ("0 == false", True), ("0 === false", False), ("'' == 0", True), ("1 != '2'", True),
    ("1 !== 1", False), ("2 > 10", False), ("'2' > '10'", True), ("'2' > 10", False),
    ("3 >= 3", True), ("a < b", True), ("NaNx < 1", False), ("[1] == 1", True),
])
def test_spec_3_1_comparisons_with_js_semantics(src, value):
    assert ev(src, a=1, b=2) is value


def test_spec_3_1_logic_returns_operands_with_js_truthiness():
    assert ev("a && b", a=1, b="x") == "x"
    assert ev("a || b", a="", b="fallback") == "fallback"
    assert ev("a || b", a=[], b="no") == []          # [] is truthy
    assert ev("a && b", a={}, b=5) == 5               # {} is truthy
    assert ev("!a", a=0) is True and ev("!!a", a="0") is True
    assert ev("x || 'none'") == "none"


@pytest.mark.parametrize("value, expected", [
    ("", False), (0, False), (0.0, False), (None, False), (UNDEFINED, False), (math.nan, False),
    (False, False), ("0", True), ("false", True), ([], True), ({}, True), (-1, True),
])
def test_spec_3_1_truthiness(value, expected):
    assert truthy(value) is expected


def test_spec_3_1_ternary_and_parentheses():
    assert ev("n > 5 ? 'big' : n > 2 ? 'mid' : 'small'", n=3) == "mid"
    assert ev("(a + b) * c", a=1, b=2, c=3) == 9


def test_spec_3_1_array_literal():
    assert ev("[zero, 1, 2]", zero=0) == [0, 1, 2]
    assert ev("[...a, 3]", a=[1, 2]) == [1, 2, 3]


def test_spec_3_1_object_literal_without_outer_braces():
    """`data="{{a: 1}}"`: the mustache braces are the object's braces."""
    assert ev("for: a, bar: b", a=1, b=2) == {"for": 1, "bar": 2}
    assert ev("'quoted key': 1, 2: 'two'") == {"quoted key": 1, "2": "two"}


def test_spec_3_1_object_spread_and_shorthand():
    obj1, obj2 = {"a": 1, "b": 2}, {"c": 3, "d": 4}
    assert ev("...obj1, ...obj2, e: 5", obj1=obj1, obj2=obj2) == {"a": 1, "b": 2, "c": 3, "d": 4, "e": 5}
    assert ev("foo, bar", foo="my-foo", bar="my-bar") == {"foo": "my-foo", "bar": "my-bar"}
    assert ev("{a: {b: 1}}") == {"a": {"b": 1}}


def test_spec_3_1_object_literal_gives_a_new_object_each_time():
    e = parse_mustache("a: 1")
    assert e({}) is not e({})


# ----------------------------------------------------------------------------- to text

@pytest.mark.parametrize("value, text", [
    (UNDEFINED, ""), ("s", "s"), (True, "true"), (False, "false"), (3, "3"), (3.0, "3"),
    ([1, 2], "1,2"), ([1, None, [2, 3]], "1,,2,3"), ({"a": 1}, "[object Object]"),
])
def test_spec_3_1_js_to_text_rules(value, text):
    assert to_text(value) == text


def test_null_renders_as_empty_string_unverified_choice():
    """UNVERIFIED (documented in expr.to_text): null shows as "" like undefined."""
    assert to_text(None) == ""
    assert js_string(None) == "null"       # but JS String(null) in concatenation is "null"


def test_js_helpers():
    assert number_to_string(-0.0) == "0"
    assert to_number(" 12 ") == 12 and math.isnan(to_number("12px"))
    assert to_number("") == 0 and to_number([]) == 0 and to_number([7]) == 7
    assert strict_equals(1, 1.0) and not strict_equals(True, 1)
    assert loose_equals("1", True) and not loose_equals({}, {})


# ----------------------------------------------------------------------------- calls

def test_spec_3_1_calling_a_method_of_data_is_a_clear_error():
    """{{price.toFixed(2)}} is not allowed: the error says why and what to do."""
    err = error_of("<view>\n  <text>{{price.toFixed(2)}}</text>\n</view>")
    assert err.message_key == "tpl_call_not_allowed"
    assert err.params["call"] == "price.toFixed"
    assert err.line == 2
    text = message(err)
    assert "set_data" in text and "wxs" in text


def test_spec_3_1_calling_a_page_method_is_a_clear_error():
    err = error_of("<text>{{ myMethod() }}</text>")
    assert err.message_key == "tpl_call_not_allowed" and err.params["call"] == "myMethod"


def test_spec_3_1_wxs_module_functions_can_be_called():
    src = """<wxs module="m1">module.exports = {getMax: function (a) { return Math.max.apply(null, a) }}</wxs>
    <text>{{ m1.getMax(array) }}</text>"""
    r = render(src, {"array": [1, 7, 3]}, wxs_modules={"m1": {"getMax": max}})
    assert r.one("text").inner_text() == "7"


def test_wxs_function_receives_none_for_undefined():
    seen = []
    src = "<wxs module='m'/><text>{{ m.f(missing) }}</text>"
    render(src, {}, wxs_modules={"m": {"f": lambda x: seen.append(x)}})
    assert seen == [None]


def test_wxs_function_that_raises_gives_a_template_error_with_the_line():
    def boom(x):
        raise ValueError("bad price")

    err = error_of("<wxs module='fmt'/>\n<text>{{ fmt.price(1) }}</text>", wxs_modules={"fmt": {"price": boom}})
    assert err.message_key == "tpl_wxs_raised"
    assert err.params["name"] == "fmt.price" and "bad price" in err.params["error"]
    assert err.line == 2


def test_calling_something_that_is_not_a_function():
    err = error_of("<wxs module='fmt'/><text>{{ fmt.nope(1) }}</text>", wxs_modules={"fmt": {}})
    assert err.message_key == "tpl_not_a_function"


def test_expressions_are_parsed_once_and_cached():
    assert parse_mustache("a + 1") is parse_mustache("a + 1")


def test_expression_names_are_known_statically():
    assert parse_mustache("a.b + c[d] ? e : 'x'").names == {"a", "c", "d", "e"}
    assert parse_mustache("...obj, k: v, short").names == {"obj", "v", "short"}


def test_evaluator_never_reaches_python_internals():
    """No eval: attribute access on data never exposes Python attributes."""
    assert ev("a.__class__", a={"x": 1}) is UNDEFINED
    assert ev("s.upper", s="abc") is UNDEFINED
    assert ev("m.__secret__", m=type("M", (), {"__secret__": 1})) is UNDEFINED
    # one leading "_" is an ordinary wxs name (real modules export `_style`)
    assert ev("m._style", m=type("M", (), {"_style": 1})) == 1
