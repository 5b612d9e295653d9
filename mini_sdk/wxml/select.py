"""CSS-like selectors over VNode trees (what ``page.query("#add")`` uses).

Supported: ``tag``, ``*``, ``#id``, ``.class`` (several), ``[attr]``, ``[attr=value]`` (value
quoted or bare; also ``~= ^= $= *=``), ``[data-x=…]`` matched against the dataset with the
dataset naming rule, the descendant (space) and child (``>``) combinators, and comma lists.
Results come in document order, each node once. Text nodes never match; hidden elements do
(as in the real automator).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from ..errors import TemplateError
from .expr import to_text
from .nodes import VNode, dataset_name

__all__ = ["select_all", "select_one", "matches", "SelectorError", "parse_selector", "id_index",
           "ID_SELECTOR"]


class SelectorError(TemplateError, ValueError):
    """The selector can't be understood."""


_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
   |(?P<comma>,)
   |(?P<child>>)
   |(?P<star>\*)
   |(?P<tag>[A-Za-z_][\w\-]*)
   |(?P<id>\#[\w\-\u0080-\uffff]+)
   |(?P<cls>\.[\w\-\u0080-\uffff]+)
   |(?P<attr>\[\s*(?P<aname>[\w\-:.]+)\s*(?:(?P<op>[~^$*]?=)\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\]\s]+))\s*)?\])
    """,
    re.X,
)


class _Compound:
    __slots__ = ("tag", "id", "classes", "attrs")

    def __init__(self) -> None:
        self.tag: str | None = None
        self.id: str | None = None
        self.classes: list[str] = []
        self.attrs: list[tuple[str, str | None, str | None]] = []

    def match(self, node: VNode) -> bool:
        if node.tag == "#text":
            return False
        if self.tag is not None and node.tag != self.tag:
            return False
        if self.id is not None and node.id != self.id:
            return False
        if self.classes:
            have = node.classes
            for c in self.classes:
                if c not in have:
                    return False
        for name, op, want in self.attrs:
            value = _attr_value(node, name)
            if value is _MISSING:
                return False
            if op is None:
                continue
            text = to_text(value)
            if op == "=":
                ok = text == want
            elif op == "~=":
                ok = want in text.split()
            elif op == "^=":
                ok = bool(want) and text.startswith(want)
            elif op == "$=":
                ok = bool(want) and text.endswith(want)
            else:
                ok = bool(want) and want in text
            if not ok:
                return False
        return True


_MISSING = object()


def _attr_value(node: VNode, name: str):
    if name == "class":
        return " ".join(node.classes) if ("class" in node.attrs or node.classes) else _MISSING
    if name == "id":
        return node.id if ("id" in node.attrs or node.id) else _MISSING
    if name.startswith("data-"):
        return node.dataset.get(dataset_name(name[5:]), _MISSING)
    return node.attrs.get(name, _MISSING)


def _error(selector: str, detail: str) -> SelectorError:
    return SelectorError("tpl_selector_invalid", selector=selector, detail=detail)


@lru_cache(maxsize=512)
def parse_selector(selector: str):
    """``"view.item > text, #a"`` → list of complex selectors, each a list of
    ``(combinator, compound)`` from left to right (the first combinator is None)."""
    if not isinstance(selector, str) or not selector.strip():
        raise _error(str(selector), "empty")
    result = []
    current: list = []
    compound: _Compound | None = None
    pending = None          # combinator waiting for the next compound
    i, n = 0, len(selector)
    while i < n:
        m = _TOKEN.match(selector, i)
        if m is None:
            raise _error(selector, f"'{selector[i]}' at {i + 1}")
        kind = m.lastgroup if m.lastgroup not in ("aname", "op", "dq", "sq", "bare") else "attr"
        if kind == "ws":
            if compound is not None:
                current.append((pending, compound))
                compound, pending = None, " "
        elif kind in ("comma", "child"):
            if compound is not None:
                current.append((pending, compound))
                compound = None
            if kind == "comma":
                if not current or pending == ">":
                    raise _error(selector, "',' needs a selector before it")
                result.append(current)
                current, pending = [], None
            else:
                if not current:
                    raise _error(selector, "'>' needs a selector before it")
                pending = ">"
        else:
            if compound is None:
                compound = _Compound()
            elif kind in ("tag", "star"):
                raise _error(selector, f"'{m.group()}' must come first")
            text = m.group()
            if kind == "tag":
                compound.tag = text
            elif kind == "star":
                pass
            elif kind == "id":
                compound.id = text[1:]
            elif kind == "cls":
                compound.classes.append(text[1:])
            else:
                value = m.group("dq")
                if value is None:
                    value = m.group("sq")
                if value is None:
                    value = m.group("bare")
                compound.attrs.append((m.group("aname"), m.group("op"), value))
        i = m.end()
    if compound is not None:
        current.append((pending, compound))
    elif pending == ">" or (pending is None and not current):
        raise _error(selector, "it ends too early")
    if not current:
        raise _error(selector, "it ends too early")
    result.append(current)
    return result


def _match_complex(parts: list, k: int, node: VNode, ancestors: list) -> bool:
    comb, compound = parts[k]
    if not compound.match(node):
        return False
    if k == 0:
        return True
    if comb == ">":
        if not ancestors:
            return False
        return _match_complex(parts, k - 1, ancestors[-1], ancestors[:-1])
    for j in range(len(ancestors) - 1, -1, -1):
        if _match_complex(parts, k - 1, ancestors[j], ancestors[:j]):
            return True
    return False


def matches(node: VNode, selector: str, ancestors: list | None = None) -> bool:
    """Whether ``node`` (with the given ancestors, outermost first) matches ``selector``."""
    ancestors = ancestors or []
    return any(_match_complex(p, len(p) - 1, node, ancestors) for p in parse_selector(selector))


def _walk(nodes: Iterable[VNode], ancestors: list, enter_components: bool):
    for node in nodes:
        if node.tag == "#text":
            continue
        yield node, ancestors
        if node.children and (enter_components or node.component is None):
            ancestors.append(node)
            yield from _walk(node.children, ancestors, enter_components)
            ancestors.pop()


def select_all(roots, selector: str, *, enter_components: bool = True) -> list[VNode]:
    """Every element under ``roots`` (a VNode or a list of them, roots included) that matches
    ``selector``, in document order. With ``enter_components=False`` the search does not go
    inside custom components (as the real automator's ``page.$$``)."""
    if isinstance(roots, VNode):
        roots = [roots]
    complexes = parse_selector(selector)
    found = []
    for node, ancestors in _walk(roots, [], enter_components):
        for parts in complexes:
            if _match_complex(parts, len(parts) - 1, node, ancestors):
                found.append(node)
                break
    return found


#: a selector that is just ``#some-id``: answered from :func:`id_index`
ID_SELECTOR = re.compile(r"#[\w\-\u0080-\uffff]+")


def id_index(roots, memo=None) -> dict[str, list[VNode]]:
    """id -> the elements under ``roots`` with that id, in document order (components
    entered): what ``select_all(roots, "#id")`` gives, for every id at once.

    ``memo`` (a ``nodes.SubtreeMemo`` kept with the page): the ids under each node are kept,
    so after a re-render only rebuilt nodes are looked into."""
    if isinstance(roots, VNode):
        roots = [roots]
    if memo is not None:
        old, new = memo.start()
        pairs: list = []
        for root in roots:
            _id_pairs(root, old, new, pairs, 0)
        index_: dict[str, list[VNode]] = {}
        for ident, node in pairs:
            found = index_.get(ident)
            if found is None:
                index_[ident] = [node]
            else:
                found.append(node)
        return index_
    index: dict[str, list[VNode]] = {}
    stack = list(reversed(roots))
    while stack:
        node = stack.pop()
        if node.tag == "#text":
            continue
        if node.id:
            found = index.get(node.id)
            if found is None:
                index[node.id] = [node]
            else:
                found.append(node)
        if node.children:
            stack.extend(reversed(node.children))
    return index


def _id_pairs(node: VNode, old: dict, new: dict, out: list, depth: int) -> None:
    """(id, node) of ``node`` and every element under it, in document order, into ``out``."""
    if node.tag == "#text":
        return
    if node.has_components or depth > 64:   # not kept (see nodes.SubtreeMemo); or deep
        for ident, found in id_index([node]).items():
            out.extend((ident, n) for n in found)
        return
    key = id(node)
    hit = old.get(key)
    if hit is not None and hit[0] is node:
        new[key] = hit
        out.extend(hit[1])
        return
    mine: list = [(node.id, node)] if node.id else []
    for child in node.children:
        if child.tag != "#text":
            _id_pairs(child, old, new, mine, depth + 1)
    new[key] = (node, mine)
    out.extend(mine)


def select_one(roots, selector: str, *, enter_components: bool = True) -> VNode | None:
    """The first element matching ``selector``, or None."""
    if isinstance(roots, VNode):
        roots = [roots]
    complexes = parse_selector(selector)
    for node, ancestors in _walk(roots, [], enter_components):
        for parts in complexes:
            if _match_complex(parts, len(parts) - 1, node, ancestors):
                return node
    return None
