"""WXSS → CSS for the HTML phone (spec §3.8).

* ``rpx`` → ``px`` on a 375 px wide screen: px = rpx × 375 / 750 (fractions kept: 1rpx → 0.5px);
* tag selectors become classes: ``view`` → ``.wx-view`` (the HTML from
  :func:`mini_sdk.wxml.nodes.to_html` carries ``wx-<tag>`` classes); ``page`` is the page root,
  ``.wx-page``;
* every rule is scoped under one class, so one phone's styles never leak into the notebook or
  another phone: ``.item`` → ``.<scope> .item``, ``page`` → ``.<scope> .wx-page`` (the phone
  frame carries the scope class, the page's root element is ``<div class="wx-page">``);
* ``@import "common.wxss";`` is inlined through a loader (relative to the importing file);
* ``:host`` (a component's WXSS) styles the component's host elements, ``:host(.x)`` those
  with class ``x``; tag names inside ``:is()``/``:where()``/``:not()``/``:has()`` are mapped;
  ``rpx`` is converted in ``@media`` conditions as well;
* a rule after a stray ``}`` is dropped, as browsers drop it, so nothing escapes the scope;
* comments are dropped; ``@media``/``@supports`` are scoped inside, ``@keyframes`` and
  ``@font-face`` keep their own selectors.

Tokenising is tinycss2's (strings, urls and comments are never mistaken for values).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Callable

import tinycss2
from tinycss2.serializer import serialize_identifier

from .errors import TemplateError

__all__ = ["compile_wxss", "wxss_to_css", "convert_inline_style", "rpx_to_px", "BASE_CSS",
           "SCREEN_WIDTH"]

SCREEN_WIDTH = 375          # px: an iPhone 6-sized phone, where 1rpx = 0.5px


def rpx_to_px(rpx: float, screen_width: float = SCREEN_WIDTH) -> float:
    """``px = rpx * screen_width / 750``."""
    return rpx * screen_width / 750


def _fmt(x: float) -> str:
    s = f"{x:.4f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def _convert_tokens(tokens, width: float) -> str:
    out: list[str] = []
    for t in tokens:
        kind = t.type
        if kind == "dimension" and t.lower_unit == "rpx":
            out.append(_fmt(rpx_to_px(t.value, width)) + "px")
        elif kind == "function":
            out.append(serialize_identifier(t.name) + "(" + _convert_tokens(t.arguments, width) + ")")
        elif kind == "() block":
            out.append("(" + _convert_tokens(t.content, width) + ")")
        elif kind == "[] block":
            out.append("[" + _convert_tokens(t.content, width) + "]")
        elif kind == "{} block":
            out.append("{" + _convert_tokens(t.content, width) + "}")
        elif kind == "comment":
            continue
        else:
            out.append(t.serialize())
    return "".join(out)


@lru_cache(maxsize=4096)
def _convert_inline_cached(style: str, width: float) -> str:
    return _convert_tokens(tinycss2.parse_component_value_list(style, skip_comments=True), width).strip()


def convert_inline_style(style: str, screen_width: float = SCREEN_WIDTH) -> str:
    """One ``style="…"`` value with its rpx converted: ``"width: 100rpx"`` → ``"width: 50px"``."""
    if not style or "rpx" not in style.lower():
        return style
    return _convert_inline_cached(style, screen_width)


def _split_commas(tokens) -> list[list]:
    groups: list[list] = [[]]
    for t in tokens:
        if t.type == "literal" and t.value == ",":
            groups.append([])
        else:
            groups[-1].append(t)
    return groups


def _strip_ws(tokens: list) -> list:
    while tokens and tokens[0].type in ("whitespace", "comment"):
        tokens = tokens[1:]
    while tokens and tokens[-1].type in ("whitespace", "comment"):
        tokens = tokens[:-1]
    return tokens


#: pseudo-classes whose arguments are selectors (their tag names are mapped too)
_SELECTOR_FUNCTIONS = frozenset({"is", "where", "not", "has", "matches"})


def _broken(tokens: list) -> bool:
    """A selector a browser would drop: a parse error in it (a stray ``}``), or a ``;``."""
    return any(t.type == "error" or (t.type == "literal" and t.value in (";", "}", "{"))
               for t in tokens)


def _selector(tokens: list, scope: str, host: str | None = None) -> str | None:
    """One selector, tag names mapped and scoped; ``:host`` becomes ``host`` (the selector of
    the component's host elements). None when it cannot apply (``:host`` outside a
    component)."""
    tokens = _strip_ws(tokens)
    out: list[str] = []
    prev = None
    skip_colon = False
    for i, t in enumerate(tokens):
        is_type_position = prev is None or prev.type == "whitespace" or (
            prev.type == "literal" and prev.value in (">", "+", "~"))
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if t.type == "literal" and t.value == ":" and nxt is not None and (
                (nxt.type == "ident" and nxt.lower_value == "host")
                or (nxt.type == "function" and nxt.lower_name == "host")):
            if host is None:
                return None
            skip_colon = True
            prev = t
            continue
        if skip_colon:
            skip_colon = False
            if t.type == "function":  # :host(.active) -> the host with that class
                inner = tinycss2.serialize(t.arguments).strip()
                out.append(f":is({', '.join(h + inner for h in host.split(', '))})")
            else:
                out.append(f":is({host})" if ", " in host else host)
            prev = t
            continue
        if t.type == "ident" and is_type_position:
            name = t.value
            if name.lower() == "page":
                out.append(".wx-page")
            else:
                out.append(".wx-" + serialize_identifier(name))
        elif t.type == "function" and t.lower_name in _SELECTOR_FUNCTIONS:
            parts = [_selector(group, "", host) for group in _split_commas(t.arguments)]
            out.append(serialize_identifier(t.name) + "(" + ", ".join(p for p in parts if p) + ")")
        elif t.type == "comment":
            continue
        else:
            out.append(t.serialize())
        prev = t
    sel = "".join(out)
    if not scope:
        return sel
    return f".{scope} {sel}"


def _import_path(prelude) -> str | None:
    for t in prelude:
        if t.type in ("string", "url"):
            return t.value
        if t.type == "function" and t.lower_name == "url":
            for a in t.arguments:
                if a.type == "string":
                    return a.value
    return None


def _compile_rules(rules, scope: str, width: float, filename: str, loader, chain: tuple,
                   out: list[str], keyframes: bool = False, host: str | None = None) -> None:
    for rule in rules:
        kind = rule.type
        if kind == "qualified-rule":
            if _broken(rule.prelude):
                continue  # a stray "}" before it: browsers drop the rule; it never escapes the scope
            body = _convert_tokens(rule.content, width).strip()
            if keyframes:
                sel = tinycss2.serialize(_strip_ws(rule.prelude))
            else:
                groups = [_selector(group, scope, host) for group in _split_commas(rule.prelude)
                          if _strip_ws(group)]
                sel = ", ".join(g for g in groups if g)
                if not sel:
                    continue
            out.append(f"{sel} {{ {body} }}" if body else f"{sel} {{ }}")
        elif kind == "at-rule":
            name = rule.lower_at_keyword
            if name == "import":
                src = _import_path(rule.prelude)
                if src:
                    out.extend(_load_import(src, filename, loader, chain, scope, width, host))
                continue
            prelude = _convert_tokens(rule.prelude, width).strip()  # rpx in @media too
            head = f"@{rule.at_keyword}" + (f" {prelude}" if prelude else "")
            if rule.content is None:
                value = _convert_tokens(rule.prelude, width).strip()
                out.append(f"@{rule.at_keyword}" + (f" {value}" if value else "") + ";")
                continue
            if name in ("media", "supports", "document", "layer", "container"):
                inner: list[str] = []
                nested = tinycss2.parse_rule_list(rule.content, skip_comments=True,
                                                  skip_whitespace=True)
                _compile_rules(nested, scope, width, filename, loader, chain, inner, host=host)
                out.append(head + " {\n" + "\n".join("  " + r for r in inner) + "\n}")
            elif name.endswith("keyframes"):
                inner = []
                nested = tinycss2.parse_rule_list(rule.content, skip_comments=True,
                                                  skip_whitespace=True)
                _compile_rules(nested, scope, width, filename, loader, chain, inner,
                               keyframes=True)
                out.append(head + " {\n" + "\n".join("  " + r for r in inner) + "\n}")
            else:  # @font-face, @page …: declarations only
                out.append(head + " { " + _convert_tokens(rule.content, width).strip() + " }")
        # parse errors and stray tokens are dropped, as browsers do


def _load_import(src: str, filename: str, loader, chain: tuple, scope: str, width: float,
                 host: str | None = None):
    from .wxml.parser import resolve_path

    path = resolve_path(src, filename)
    found = None
    if loader is not None:
        try:
            found = loader(src, filename)
        except (OSError, KeyError, ValueError):
            found = None
    if not found:
        raise TemplateError("wxss_file_not_found", where=filename, src=src, path=path)
    source, name = found
    if name in chain:
        raise TemplateError("wxss_import_cycle", where=filename,
                            chain=" → ".join(chain + (name,)))
    out: list[str] = []
    rules = tinycss2.parse_stylesheet(source, skip_comments=True, skip_whitespace=True)
    _compile_rules(rules, scope, width, name, loader, chain + (name,), out, host=host)
    return out


def compile_wxss(source: str, scope_class: str = "", *, filename: str = "app.wxss",
                 loader: Callable[[str, str], "tuple[str, str] | None"] | None = None,
                 screen_width: float = SCREEN_WIDTH, host_tags: "tuple[str, ...]" = ()) -> str:
    """WXSS text → CSS scoped under ``.scope_class`` (no scoping when it is "").

    ``loader(src, relative_to) -> (source, filename)`` reads ``@import`` files (the same
    loaders as templates use, e.g. ``DictLoader(files, extension=".wxss")``). ``host_tags``:
    for a component's WXSS, the tags its host elements have on the page (``:host`` styles
    them; without any, ``:host`` rules are dropped).
    """
    rules = tinycss2.parse_stylesheet(source, skip_comments=True, skip_whitespace=True)
    out: list[str] = []
    host = ", ".join(".wx-" + serialize_identifier(tag) for tag in host_tags) or None
    _compile_rules(rules, scope_class, screen_width, filename, loader, (filename,), out, host=host)
    return "\n".join(out) + ("\n" if out else "")


def wxss_to_css(source: str, scope_class: str = "", **options) -> str:
    """Same as :func:`compile_wxss` (the name the screen module uses)."""
    return compile_wxss(source, scope_class, **options)


# Display defaults of the built-in components for the HTML phone (WeChat's own user-agent
# styles, simplified). Scope with compile_wxss(BASE_CSS, scope) or use as is.
BASE_CSS = """
page { display: block; font-size: 16px; line-height: 1.4; }
view, scroll-view, swiper, swiper-item, form, navigator, picker, textarea, progress,
cover-view, movable-area, movable-view { display: block; }
scroll-view { overflow: auto; }
text, label, icon, checkbox, radio, switch { display: inline; }
text { white-space: pre-wrap; }
button { display: block; margin: 8px auto; padding: 0 14px; line-height: 2.5; border-radius: 5px; border: 1px solid #ddd; background: #f8f8f8; font-size: 18px; width: 100%; }
button[type=primary] { background: #07c160; color: #fff; border-color: #07c160; }
button[type=warn] { background: #fa5151; color: #fff; border-color: #fa5151; }
button[data-size=mini] { display: inline-block; width: auto; margin: 0 4px; padding: 0 12px; line-height: 2.1; font-size: 13px; }
button[disabled] { opacity: 0.6; }
input { display: block; border: 0; border-bottom: 1px solid #ddd; font-size: 16px; }
image { display: inline-block; width: 320px; height: 240px; object-fit: fill; }
"""
