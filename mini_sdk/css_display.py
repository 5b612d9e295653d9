"""What CSS hides: ``display: none`` from WXSS or an inline style hides an element just as the
``hidden`` attribute does (spec §3.3: ``hidden`` only toggles display). A person sees none of
it and can tap none of it, so the text screen leaves it out and the driver's queries do not
find it, nor anything inside it.

Which rules apply is decided as a browser does, simplified: among the rules whose selector
matches the element and that set ``display``, ``!important`` wins, then the more specific
selector, then the later rule; an inline ``style="display: …"`` beats every rule that is not
``!important``. Stylesheets: app.wxss and the page's own style the page's elements; a
component's WXSS styles the elements of its own template (WeChat's default style isolation).
Rules inside ``@media`` are left out (the simulated phone answers no media query), as are
selectors with pseudo-classes (``:hover``) and pseudo-elements (their box is not an element).
"""
from __future__ import annotations

import os
import re
from itertools import compress
from operator import is_not
from typing import Any

import tinycss2

from . import instance
from .page import Page
from .wxml.nodes import collector_paused, nodes_edited, subtree_memo
from .wxml.parser import FileLoader
from .wxml.select import SelectorError, matches, parse_selector

_PSEUDO = re.compile(r":")
_ID = re.compile(r"#[\w\-\u0080-\uffff]+")
_CLASS_OR_ATTR = re.compile(r"\.[\w\-\u0080-\uffff]+|\[[^\]]*\]")
_TAG = re.compile(r"(?:^|[\s>+~])([A-Za-z][\w\-]*)")
_INLINE_DISPLAY = re.compile(r"(?:^|;)\s*display\s*:\s*([^;!]+?)\s*(!\s*important)?\s*(?:;|$)", re.I)


class Rule:
    __slots__ = ("selector", "value", "important", "specificity", "order")

    def __init__(self, selector: str, value: str, important: bool, order: int) -> None:
        self.selector = selector
        self.value = value
        self.important = important
        self.specificity = (len(_ID.findall(selector)), len(_CLASS_OR_ATTR.findall(selector)),
                            len(_TAG.findall(selector)))
        self.order = order


def display_rules(source: str, filename: str, loader, chain: tuple = ()) -> list[Rule]:
    """The rules of one stylesheet (its ``@import`` files first, where written) that set
    ``display``, in order."""
    rules: list[Rule] = []
    _collect(source, filename, loader, chain + (filename,), rules)
    return rules


def _collect(source: str, filename: str, loader, chain: tuple, out: list) -> None:
    for rule in tinycss2.parse_stylesheet(source, skip_comments=True, skip_whitespace=True):
        if rule.type == "at-rule" and rule.lower_at_keyword == "import" and loader is not None:
            src = next((t.value for t in rule.prelude if t.type in ("string", "url")), None)
            found = None
            if src:
                try:
                    found = loader(src, filename)
                except (OSError, KeyError, ValueError):
                    found = None
            if found and found[1] not in chain:
                _collect(found[0], found[1], loader, chain + (found[1],), out)
            continue
        if rule.type != "qualified-rule":
            continue
        value = important = None
        for decl in tinycss2.parse_declaration_list(rule.content, skip_comments=True,
                                                    skip_whitespace=True):
            if decl.type == "declaration" and decl.lower_name == "display":
                value = tinycss2.serialize(decl.value).strip().lower()
                important = decl.important
        if value is None:
            continue
        for selector in tinycss2.serialize(rule.prelude).split(","):
            selector = selector.strip()
            if not selector or _PSEUDO.search(selector) or re.search(r"(^|[\s>+~])page\b", selector):
                continue
            try:
                parse_selector(selector)
            except SelectorError:
                continue
            out.append(Rule(selector, value, bool(important), len(out)))


def _inline(style: str) -> tuple[str, bool] | None:
    if not style or "display" not in style.lower():
        return None
    found = None
    for m in _INLINE_DISPLAY.finditer(style):
        found = (m.group(1).strip().lower(), bool(m.group(2)))
    return found


def _display(node, ancestors: list, rules: list[Rule]) -> str | None:
    best: tuple | None = None
    value = None
    for order, rule in enumerate(rules):
        if matches(node, rule.selector, ancestors):
            rank = (rule.important, rule.specificity, order)
            if best is None or rank > best:
                best, value = rank, rule.value
    inline = _inline(node.style)
    if inline is not None and (best is None or not best[0] or inline[1]):
        value = inline[0]
    return value


def refresh(page, stylesheets: dict[Any, list[Rule]]) -> set[int]:
    """Mark what CSS hides on ``page`` (``node.hidden``) and return the ids of every node a
    person cannot see (hidden, or inside something hidden).

    ``stylesheets`` maps an owner's class (``"app"`` for app.wxss) to its display rules.
    When no rule can hide anything (only ``hidden`` and inline styles can), what each subtree
    holds is kept per node (``nodes.SubtreeMemo``): after a re-render only rebuilt nodes are
    looked into."""
    before: list = page.__dict__.get("_css_hidden_nodes") or []
    for node in before:
        node.hidden = False
    forced: list = []
    invisible: list = []
    page_rules = _if_any_none(stylesheets.get("app", []) + stylesheets.get(type(page), []))
    stylesheets = {owner: _if_any_none(rules) for owner, rules in stylesheets.items()}
    # a rule's selector may look at ancestors and siblings: subtrees are kept only without any
    old, new = (subtree_memo(page, "css").start()
                if not page_rules and not any(stylesheets.values()) else (None, None))

    def visit(nodes, ancestors: list, under_hidden: bool) -> None:
        for node in nodes:
            if node.tag == "#text":
                if under_hidden:
                    invisible.append(id(node))
                continue
            if new is not None and not node.has_components:
                key = id(node)
                hit = old.get(key)
                if hit is not None and hit[0] is node and hit[1] == under_hidden:
                    new[key] = hit
                    for n in hit[2]:
                        n.hidden = True
                    forced.extend(hit[2])
                    invisible.extend(hit[3])
                    continue
                first_forced, first_invisible = len(forced), len(invisible)
                per_child = look(node, ancestors, under_hidden, kept=True)
                new[key] = (node, under_hidden, forced[first_forced:], invisible[first_invisible:])
                place = node.place
                if place is not None:
                    new[id(place)] = (place, under_hidden, node.hidden, node.children, per_child,
                                      node)
            else:
                look(node, ancestors, under_hidden)

    def look(node, ancestors: list, under_hidden: bool, kept: bool = False):
        """The node itself, then its children; with ``kept`` (no rule can hide anything), the
        children one by one, and {position: (forced, invisible)} of those that hold any
        returned; a node rebuilt where one was before with as many children looks again only
        at the children that changed (those its ``renewal`` names, else those that are not
        the very same nodes)."""
        owner = node.owner
        if owner is None or owner is page or owner.__class__ not in stylesheets:
            rules = page_rules if (owner is None or _is_page(owner)) else []
        else:
            rules = stylesheets[owner.__class__]
        if not node.hidden and (rules or node.style):
            if _display(node, ancestors, rules) == "none":
                node.hidden = True
                forced.append(node)
        hidden = under_hidden or node.hidden
        if hidden:
            invisible.append(id(node))
        kids = node.children
        if not kids:
            return []
        ancestors.append(node)
        try:
            if not kept:
                visit(kids, ancestors, hidden)
                return None
            place = node.place
            before = old.get(id(place)) if place is not None else None
            if (before is not None and before[0] is place and before[1] == under_hidden
                    and before[2] == node.hidden and len(before[3]) == len(kids)):
                renewal = node.renewal
                if renewal is not None and renewal[0] is before[5]:
                    changed: Any = renewal[1]
                else:
                    changed = compress(range(len(kids)), map(is_not, before[3], kids))
                per_child = before[4]   # taken over: the last pass's entry is let go
                for i in changed:
                    first_forced, first_invisible = len(forced), len(invisible)
                    visit((kids[i],), ancestors, hidden)
                    if len(forced) > first_forced or len(invisible) > first_invisible:
                        per_child[i] = (forced[first_forced:], invisible[first_invisible:])
                        del forced[first_forced:], invisible[first_invisible:]
                    else:
                        per_child.pop(i, None)
                first_forced = len(forced)
                for kid_forced, kid_invisible in per_child.values():
                    forced.extend(kid_forced)
                    invisible.extend(kid_invisible)
                for n in forced[first_forced:]:
                    n.hidden = True
                return per_child
            per_child = {}
            for i, child in enumerate(kids):
                first_forced, first_invisible = len(forced), len(invisible)
                visit((child,), ancestors, hidden)
                if len(forced) > first_forced or len(invisible) > first_invisible:
                    per_child[i] = (forced[first_forced:], invisible[first_invisible:])
            return per_child
        finally:
            ancestors.pop()

    with collector_paused():
        visit(page._vnodes or [], [], False)
    page._css_hidden_nodes = forced
    if len(before) != len(forced) or {id(n) for n in before} != {id(n) for n in forced}:
        nodes_edited()   # what CSS hides changed: text worked out from subtrees is stale
    return set(invisible)


def _if_any_none(rules: list[Rule]) -> list[Rule]:
    """The rules, if one of them hides something (else nothing can be hidden by them)."""
    return rules if any(rule.value == "none" for rule in rules) else []


_compiled: dict = {}


def style_sources(phone) -> list[tuple]:
    """The WXSS that styles the current page, in cascade order: app.wxss, then the page's own,
    then each component's on it. Items are ``(key, source, filename, loader, host_tags)``;
    ``key`` is stable for caching a compiled copy; ``host_tags`` are the tags a component's
    host elements have on this page (what its ``:host`` styles), () for app and page."""
    sources: list[tuple] = []
    program = phone.program
    if program is not None and program.style:
        # app.wxss's @import reads files of the project (or, for a program written in a
        # notebook, of the notebook's folder), never outside it
        loader = FileLoader(program.root or os.getcwd(), extension=".wxss")
        sources.append((("app", id(program)), program.style, "app.wxss", loader, ()))
    page = phone.current_page
    if page is None:
        return sources
    order: list[type] = []
    hosts: dict[type, list[str]] = {}
    owners = [page]
    while owners:
        owner = owners.pop(0)
        owners.extend(owner._children.values())
        cls = type(owner)
        if cls not in hosts:
            hosts[cls] = []
            order.append(cls)
        host = getattr(owner, "_host", None)
        if host is not None and host.tag not in hosts[cls]:
            hosts[cls].append(host.tag)
    for cls in order:
        try:
            source = cls._style_source()
        except OSError:
            source = None
        if source:
            path = cls._source_file(".wxss") if cls.style is None else None
            filename = cls._relative(path) if path else f"{cls.__name__}.wxss"
            tags = tuple(hosts[cls])
            sources.append((("cls", cls, source, tags), source, filename, cls._style_loader(), tags))
    return sources


def invisible_nodes(phone) -> set[int]:
    """Ids of the nodes of the current page a person cannot see (``hidden``, ``display:
    none``, or inside one); marks CSS-hidden nodes ``hidden``. Worked out again only after a
    render."""
    page = phone.current_page
    if page is None or not page._vnodes:
        return set()
    sources = style_sources(phone)
    key = (instance.render_count, tuple((k, len(src)) for k, src, _f, _l, _h in sources))
    cached = page.__dict__.get("_css_invisible")
    if cached is not None and cached[0] == key:
        return cached[1]
    sheets: dict = {}
    for source_key, source, filename, loader, _hosts in sources:
        memo = (source_key, source)
        if memo not in _compiled:
            if len(_compiled) > 256:
                _compiled.clear()
            _compiled[memo] = display_rules(source, filename, loader)
        owner = "app" if source_key[0] == "app" else source_key[1]
        sheets.setdefault(owner, []).extend(_compiled[memo])
    invisible = refresh(page, sheets)
    page._css_invisible = (key, invisible)
    return invisible


def _is_page(owner) -> bool:
    return isinstance(owner, Page)
