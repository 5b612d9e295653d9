"""Spec §7.3: WXML needs its own mustache-aware tokenizer; parse errors name file, line, column."""
from __future__ import annotations

import pytest

from mini_sdk.wxml.parser import parse_tree
from mini_sdk.wxml.tokenizer import Mustache, SourceFile, StartTag, Text, tokenize
from wxml_helpers import error_of, message, render


def tokens(src):
    return tokenize(SourceFile(src, "t.wxml"))


# ----------------------------------------------------------------------------- tokenizer

def test_spec_7_3_mustache_is_opaque_in_text_lt_and_ampersands():
    """`<` and `&&` inside {{ }} in text do not start a tag or an entity."""
    toks = tokens("<text>{{ a < 3 && b > 1 ? 'x' : 'y' }}</text>")
    text = [t for t in toks if isinstance(t, Text)][0]
    assert text.parts == [Mustache(" a < 3 && b > 1 ? 'x' : 'y' ", 0)]


def test_spec_7_3_mustache_is_opaque_in_attribute_values_quotes_inside():
    """A quote inside {{ }} does not end the attribute value."""
    tag = tokens("""<view class="{{ ok ? "a" : 'b' }}" id='x'/>""")[0]
    assert [a.name for a in tag.attrs] == ["class", "id"]
    assert tag.attrs[0].raw == """{{ ok ? "a" : 'b' }}"""


def test_spec_7_3_attribute_names_keep_their_case():
    """`openType` stays `openType` (html.parser would lower-case it)."""
    tag = tokens('<navigator openType="switchTab" url="/a"/>')[0]
    assert [a.name for a in tag.attrs] == ["openType", "url"]


def test_spec_7_3_valueless_attribute_is_true():
    """A bare `scroll-y` is a valueless attribute."""
    tag = tokens("<scroll-view scroll-y class='s'></scroll-view>")[0]
    assert tag.attrs[0].name == "scroll-y" and tag.attrs[0].raw is True


def test_spec_7_3_single_and_double_quotes_and_bare_values():
    tag = tokens("<view a='1' b=\"2\" c=3 d={{x}}></view>")[0]
    assert [(a.name, a.raw) for a in tag.attrs] == [("a", "1"), ("b", "2"), ("c", "3"), ("d", "{{x}}")]


def test_spec_7_3_self_closing_tags_and_comments_skipped():
    toks = tokens("<!-- a <view> in a comment --><image src='a.png'/><view></view>")
    starts = [t for t in toks if isinstance(t, StartTag)]
    assert [(t.name, t.self_closing) for t in starts] == [("image", True), ("view", False)]


def test_spec_7_3_nested_braces_and_strings_inside_mustache():
    """{{a: {b: 1}}} and {{ '}}' }} end at the right place."""
    toks = tokens("<view data-x=\"{{ {b: 1} }}\">{{ '}}' + a }}</view>")
    assert toks[0].attrs[0].parts[0].source == " {b: 1} "
    assert toks[1].parts[0].source == " '}}' + a "


def test_spec_7_3_wxs_content_is_raw_javascript():
    """`a < b` inside <wxs> is JavaScript, not a tag."""
    tree = parse_tree(SourceFile("<wxs module='m'>var a = b < c && d;</wxs>", "t.wxml"))
    assert tree[0].wxs_source == "var a = b < c && d;"


def test_entities_in_text_are_decoded():
    """Text outside mustache decodes the standard HTML entities."""
    r = render("<text>a &lt; b &amp;&amp; c&nbsp;d &#20013;</text>")
    assert r.vnodes[0].children[0].text == "a < b && c\xa0d 中"


def test_entities_inside_mustache_are_not_decoded():
    r = render("<text>{{ '&lt;' }}</text>")
    assert r.vnodes[0].children[0].text == "&lt;"


def test_lone_less_than_in_text_is_text():
    r = render("<text>1 < 2</text>")
    assert r.one("text").inner_text() == "1 < 2"


def test_line_and_column_tracking():
    src = "<view>\n  <text a='1'>{{x}}</text>\n</view>"
    tree = parse_tree(SourceFile(src, "t.wxml"))
    text_el = tree[0].children[0]
    assert (text_el.line, text_el.column) == (2, 3)


def test_spec_7_2_unknown_tags_are_allowed():
    """XR/Skyline-only tags such as xr-scene parse and render as elements."""
    r = render("<xr-scene id='s'><xr-camera clear-color='0.4 0.8 0.6 1'/></xr-scene>")
    assert r.one("#s").tag == "xr-scene"
    assert r.one("xr-camera").attrs["clear-color"] == "0.4 0.8 0.6 1"


def test_whitespace_between_tags_is_not_content():
    r = render("<view>\n   <text>a</text>\n   <text>b</text>\n</view>")
    assert [c.tag for c in r.vnodes[0].children] == ["text", "text"]


def test_unclosed_input_is_closed_implicitly():
    """HTML habit `<input …>` without a close tag does not break the page."""
    r = render("<view><input placeholder='name'><text>hi</text></view>")
    assert [c.tag for c in r.vnodes[0].children] == ["input", "text"]


# ----------------------------------------------------------------------------- parse errors

def test_parse_error_unclosed_tag_names_tag_file_and_line():
    err = error_of("<view>\n  <text>hi</text>\n", filename="pages/a/a.wxml")
    assert err.message_key == "tpl_unclosed_tag"
    assert err.params["tag"] == "view" and err.params["line"] == 1
    assert err.where.startswith("pages/a/a.wxml:1:1")
    assert "<view>" in err.where                     # the student's own line is shown
    assert "<view> opened on line 1 is never closed" in message(err)


def test_parse_error_mismatched_close_names_both_tags_and_lines():
    err = error_of("<view>\n  <text>hi</view>")
    assert err.message_key == "tpl_mismatched_close"
    assert err.params == {"found": "view", "expected": "text", "open_line": 2}
    assert err.line == 2 and err.column == 11
    assert err.source_line == "  <text>hi</view>"
    assert "</view>" in message(err) and "<text>" in message(err) and "line 2" in message(err)


def test_parse_error_stray_close_tag():
    err = error_of("<view></view></text>")
    assert err.message_key == "tpl_stray_close" and err.params["tag"] == "text"


def test_parse_error_unterminated_mustache_points_at_its_start():
    err = error_of("<view>\n  <text>{{ count </text>\n</view>")
    assert err.message_key == "tpl_unterminated_mustache"
    assert (err.line, err.column) == (2, 9)
    assert "^" in err.where


def test_parse_error_bad_expression_points_into_the_mustache():
    err = error_of("<text>{{ a + * b }}</text>")
    assert err.message_key == "tpl_expr_unexpected"
    assert err.params["token"] == "*" and err.params["expr"] == "{{ a + * b }}"
    assert err.column == 14


def test_parse_error_unterminated_quote():
    err = error_of('<view class="a>\n</view>')
    assert err.message_key == "tpl_unterminated_quote"


def test_parse_error_unterminated_comment():
    assert error_of("<view/><!-- never closed").message_key == "tpl_unterminated_comment"


def test_parse_error_tag_without_closing_bracket():
    assert error_of("<view class='a'").message_key == "tpl_unterminated_tag"


@pytest.mark.parametrize("source, key", [
    ("<text>{{ count = 1 }}</text>", "tpl_expr_assignment"),
    ("<text>{{ }}</text>", "tpl_expr_empty"),
    ("<text>{{ (a + b }}</text>", "tpl_expr_missing"),
    ("<text>{{ 'abc }}</text>", "tpl_expr_unterminated_string"),
    ("<text>{{ a => a }}</text>", "tpl_expr_not_supported"),
    ("<text>{{ a?.b }}</text>", "tpl_expr_not_supported"),
    ("<text>{{ `x` }}</text>", "tpl_expr_not_supported"),
    ("<text>{{ typeof a }}</text>", "tpl_expr_not_supported"),
])
def test_parse_error_expression_mistakes_have_specific_messages(source, key):
    err = error_of(source)
    assert err.message_key == key
    assert err.params["expr"].startswith("{{")
