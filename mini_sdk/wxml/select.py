"""CSS-like selectors over VNode trees (what ``page.query("#add")`` uses).

Supported: ``tag``, ``*``, ``#id``, ``.class`` (several), ``[attr]``, ``[attr=value]`` (value
quoted or bare; also ``~= ^= $= *=``), ``[data-x=…]`` matched against the dataset with the
dataset naming rule, the descendant (space) and child (``>``) combinators, and comma lists.
Results come in document order, each node once. Text nodes never match; hidden elements do
(as in the real automator).
"""
from __future__ import annotations

from itertools import chain, compress
from operator import is_, is_not

import re
from functools import lru_cache
from typing import Iterable

from ..errors import TemplateError
from .expr import to_text
from .nodes import VNode, collector_paused, dataset_name

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
        with collector_paused():
            return _kept_index(roots, memo)
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


_INDEX = "index"   # the memo's entry for the whole index (node entries are under ints)


def _kept_index(roots: list, memo) -> dict[str, list[VNode]]:
    """id_index brought up to date from the one the last pass made: nodes rebuilt in their
    place (a Place) are compared child by child with what was there, and only the ids of
    what changed are taken out of the index and put in."""
    old, new = memo.start()
    top = old.get(_INDEX)
    removed: list = []
    added: list = []
    if top is not None and top[0] is _INDEX and len(top[1]) == len(roots):
        per_root = list(top[2])
        for i in compress(range(len(roots)), map(is_not, top[1], roots)):
            per_root[i] = _renewed(roots[i], top[1][i], top[2][i], old, new, removed, added)
        for i in compress(range(len(roots)), map(is_, top[1], roots)):
            if roots[i].has_components:   # a component may have redrawn inside it
                per_root[i] = _renewed(roots[i], top[1][i], top[2][i], old, new, removed, added)
            else:
                _carry(roots[i], old, new)
        index = top[3]
        if _apply(index, removed, added):
            new[_INDEX] = (_INDEX, list(roots), per_root, index)
            return index
    else:
        per_root = []
        for root in roots:
            mine: list = []
            _id_pairs(root, old, new, mine, 0)
            per_root.append(mine)
    index = {}
    for ident, node in chain.from_iterable(per_root):
        found = index.get(ident)
        if found is None:
            index[ident] = [node]
        else:
            found.append(node)
    new[_INDEX] = (_INDEX, list(roots), per_root, index)
    return index


def _apply(index: dict, removed: list, added: list) -> bool:
    """Take ``removed`` (id, node) pairs out of ``index`` and put ``added`` in; False when
    that cannot keep it exact (then it is built again): an id on several nodes (their order)."""
    for ident, node in removed:
        found = index.get(ident)
        if found is None or len(found) != 1 or found[0] is not node:
            return False
        del index[ident]
    for ident, node in added:
        if ident in index:
            return False
        index[ident] = [node]
    return True


def _carry(node: VNode, old: dict, new: dict) -> None:
    """``node`` is on the page as it was: keep its entries for the next pass."""
    hit = old.get(id(node))
    if hit is not None and hit[0] is node:
        new[id(node)] = hit
    place = node.place
    if place is not None:
        entry = old.get(id(place))
        if entry is not None and entry[0] is place:
            new[id(place)] = entry


def _renewed(node: VNode, before: VNode, before_pairs: list, old: dict, new: dict,
             removed: list, added: list) -> list:
    """The (id, node) pairs under ``node``, which is where ``before`` (with ``before_pairs``)
    was; what differs goes into ``removed``/``added``."""
    place = node.place
    entry = old.get(id(place)) if place is not None else None
    if (node.tag == "#text" or node.has_components or before.place is not place
            or entry is None or entry[0] is not place or entry[4] is not before):
        removed.extend(before_pairs)
        mine: list = []
        _id_pairs(node, old, new, mine, 0)
        added.extend(mine)
        return mine
    _place, own, kids_before, per_before, _node = entry
    removed.extend(own)
    own = [(node.id, node)] if node.id else []
    added.extend(own)
    kids = node.children
    renewal = node.renewal
    if renewal is not None and renewal[0] is before and len(kids) == len(kids_before):
        # the renderer says which children are new: only they are looked at, and the
        # last pass's list is taken over (its entry is let go)
        per_child = per_before
        for i in renewal[1]:
            per_child[i] = _renewed(kids[i], kids_before[i], per_before[i], old, new, removed, added)
    elif len(kids) == len(kids_before):
        per_child = list(per_before)
        for i in compress(range(len(kids)), map(is_not, kids_before, kids)):
            per_child[i] = _renewed(kids[i], kids_before[i], per_before[i], old, new, removed, added)
        # the others are as they were (no component under a kept node: nothing redrew);
        # their own entries are let go: their pairs are in this node's entry
    else:
        removed.extend(chain.from_iterable(per_before))
        per_child = []
        for child in kids:
            sub: list = []
            _id_pairs(child, old, new, sub, 1)
            per_child.append(sub)
        added.extend(chain.from_iterable(per_child))
    mine = _pairs(own, per_child)
    new[id(node)] = (node, mine)
    new[id(place)] = (place, own, kids, per_child, node)
    return mine


class _Pairs:
    """The (id, node) pairs of a node with many children, not made into one list: its own,
    then each child's, in document order when iterated. Made in O(1) from the per-child
    lists, so a one-item change under a 10,000-item list does not copy 10,000 pairs."""

    __slots__ = ("own", "per_child")

    def __init__(self, own: list, per_child: list) -> None:
        self.own = own
        self.per_child = per_child

    def __iter__(self):
        yield from self.own
        for sub in self.per_child:
            yield from sub


def _pairs(own: list, per_child: list):
    """The pairs under a node: one list, or for many children a :class:`_Pairs`."""
    if len(per_child) > 32:
        return _Pairs(own, per_child)
    return own + list(chain.from_iterable(per_child))


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
        _carry(node, old, new)
        out.extend(hit[1])
        return
    own: list = [(node.id, node)] if node.id else []
    per_child = []
    for child in node.children:
        sub: list = []
        if child.tag != "#text":
            _id_pairs(child, old, new, sub, depth + 1)
        per_child.append(sub)
    mine = _pairs(own, per_child)
    new[key] = (node, mine)
    if node.place is not None:
        new[id(node.place)] = (node.place, own, node.children, per_child, node)
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
