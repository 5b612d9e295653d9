"""WXSS rules (spec §3.8, and what DevTools does where it is silent): ``:host`` styles a
component's own host element; tag names inside ``:is()``/``:not()`` are mapped like any other;
``rpx`` converts inside ``@media`` conditions too; a stray ``}`` drops the rule after it (as a
browser does) and never lets a rule escape the phone's scope into the notebook."""
import re

import tinycss2

from mini_sdk import Component, MiniProgram, Page
from mini_sdk.wxss import compile_wxss


def selectors(css):
    """Every selector of the compiled CSS (inside @media too)."""
    found = []

    def walk(rules):
        for rule in rules:
            if rule.type == "qualified-rule":
                found.extend(s.strip() for s in tinycss2.serialize(rule.prelude).split(","))
            elif rule.type == "at-rule" and rule.content is not None and rule.lower_at_keyword == "media":
                walk(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True))

    walk(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))
    return found


def test_rule_host_styles_the_components_host_element():
    css = compile_wxss(":host { display: block; }\n:host(.on) .dot { color: red; }\n.dot { color: blue; }",
                       "S", host_tags=("star-rating",))
    assert ".S .wx-star-rating { display: block; }" in css
    assert ".S :is(.wx-star-rating.on) .wx-dot" not in css  # .dot is a class, not a tag
    assert ".S :is(.wx-star-rating.on) .dot { color: red; }" in css


def test_rule_host_outside_a_component_is_dropped_not_left_unscoped():
    css = compile_wxss(":host { color: red; }\n.a { color: blue; }", "S")
    assert selectors(css) == [".S .a"]


def test_rule_host_on_the_phone_uses_the_tag_the_page_gives_the_component():
    class Star(Component):
        template = "<text class='dot'>*</text>"
        style = ":host { color: gold; }"

    class Index(Page):
        template = "<star-rating/>"
        using_components = {"star-rating": Star}

    html = MiniProgram(pages={"pages/index/index": Index})._repr_html_()
    assert re.search(r"\.mc-s\d+ \.wx-star-rating \{ color: gold; \}", html)


def test_rule_is_and_not_map_tag_names():
    css = compile_wxss(":is(view, text) .c { y: 2; }\n.x:not(button) { z: 1; }", "S")
    assert ".S :is(.wx-view, .wx-text) .c { y: 2; }" in css
    assert ".S .x:not(.wx-button) { z: 1; }" in css


def test_rule_rpx_in_media_conditions_is_converted():
    css = compile_wxss("@media (min-width: 750rpx) and (max-width: 1500rpx) { .d { width: 100rpx; } }", "S")
    assert "@media (min-width: 375px) and (max-width: 750px)" in css
    assert ".S .d { width: 50px; }" in css


def test_rule_a_stray_brace_never_lets_a_rule_escape_the_scope():
    css = compile_wxss(".a { color: red; } } body { display: none; } .b { color: blue; }\n"
                       "@media (min-width: 1px) { .c { x: 1; } } } .d { y: 2; } }", "S")
    assert all(s.startswith(".S ") for s in selectors(css)), selectors(css)
    assert ".S .a" in selectors(css) and ".S .b" in selectors(css)
    assert "body" not in css.replace(".wx-body", "")
    # balanced braces: the compiled CSS parses back to exactly the rules it wrote
    assert css.count("{") == css.count("}")
