"""Rendered nodes (:class:`VNode`) and two ways of showing them: text and HTML.

A VNode is what a template renders to: one element (``view``, ``button``, a custom component's
host…) or one piece of text (``tag == "#text"``). The runtime dispatches events on VNodes,
the test driver reads them, the preview turns them into HTML.

VNodes produced by the engine are shared between renders (incremental rendering hands back
the very same subtree when nothing it depends on changed), so treat them as read-only; only
the runtime sets ``component`` and the children of component hosts. Containers that never
change (empty ones, static attributes/classes/dataset) are shared :class:`FrozenDict` /
:class:`FrozenList` objects that raise on mutation; assign a new container to the field
instead.
"""
from __future__ import annotations

import gc
import html
import re
from contextlib import contextmanager
from itertools import chain, compress
from operator import is_not
import unicodedata
from typing import Any, Callable, Iterator, NamedTuple

from .expr import to_text, truthy

__all__ = [
    "VNode", "EventBinding", "FrozenDict", "FrozenList", "screen_text", "to_html", "node_at_path", "node_path",
    "adopt", "SubtreeMemo", "subtree_memo", "nodes_edited", "collector_paused",
    "INLINE_TAGS", "BLOCK_TAGS",
]


class EventBinding(NamedTuple):
    """One event binding on an element: ``bindtap="add"`` → ``EventBinding("bind", "add", page)``.

    ``phase`` is one of "bind", "catch", "capture-bind", "capture-catch", "mut-bind";
    ``handler`` is a method name (str) or, for a wxs function, the Python callable itself;
    ``owner`` is the page or component whose template holds the binding.
    """

    phase: str
    handler: Any
    owner: Any


def _read_only(self, *args, **kwargs):
    raise TypeError(
        "rendered nodes are shared between renders and are read-only: "
        "assign a new dict/list to the VNode field instead of changing this one")


class FrozenDict(dict):
    """A dict that refuses changes: static parts of VNodes are shared, never copied.

    It is a real ``dict`` (json, ``dict(x)``, ``x.get``, ``**x`` all work); copies are plain
    dicts."""

    __slots__ = ()
    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = _read_only
    __ior__ = _read_only

    def __copy__(self):
        return dict(self)

    def copy(self):
        return dict(self)

    def __reduce__(self):
        return (dict, (dict(self),))


class FrozenList(list):
    """A list that refuses changes (see :class:`FrozenDict`); copies are plain lists."""

    __slots__ = ()
    __setitem__ = __delitem__ = append = extend = insert = pop = remove = clear = _read_only
    sort = reverse = __iadd__ = __imul__ = _read_only

    def __copy__(self):
        return list(self)

    def copy(self):
        return list(self)

    def __reduce__(self):
        return (list, (list(self),))


EMPTY_DICT = FrozenDict()
EMPTY_LIST = FrozenList()


class VNode:
    """One rendered node. ``tag == "#text"`` for text (then only ``text`` matters).

    ``tag``         element name as written ("view", "my-counter", "xr-scene") or "#text"
    ``text``        the text of a text node (None for elements)
    ``attrs``       evaluated attributes, without wx:*, bind/catch, data-*, mark:* (typed:
                    ``{{3}}`` is 3, valueless is True); ``model:value`` appears as ``value``.
                    The node's own dict: the runtime may keep UI state in it.
    ``id``          the id as text ("" when none); ``classes`` list of class names;
    ``style``       the inline style as written (rpx not converted)
    ``dataset``     ``data-*`` with the real naming rule (``data-alpha-beta`` → ``alphaBeta``)
    ``marks``       ``mark:*``; ``events`` event type → [EventBinding(phase, handler, owner)]
    ``models``      ``model:value="{{a.b}}"`` → ``{"value": "a.b"}`` (data path to write back)
    ``children``    child VNodes; ``hidden`` the ``hidden`` attribute's truthiness
    ``line``, ``filename``  where in the student's file the element is written
    ``owner``       the page/component whose template made it (ctx.owner)
    ``component``   the component instance, on custom component hosts (set by the runtime)
    ``has_components``  its subtree contains a component host
    ``key``         on the element a ``wx:for`` repeats: the item's wx:key value (or index)
    ``parent``      the :class:`Place` of the element whose ``children`` this node is in
                    (None at the top of a page; a component's top nodes hang from their
                    host's place); ``index`` its position there, a hint: look it up when
                    ``parent.node.children[index] is not node``. A node the page no longer
                    shows keeps stale ones (``events.tree_path`` checks them).
    ``place``       on elements: their own :class:`Place`, which their children point at
    ``renewal``     on an element the renderer rebuilt where another was (same Place, as many
                    children, the list after a one-item set_data): ``(before, positions)``,
                    the element that was there and the positions of the children that are
                    not the very nodes it had; None when not known. What was worked out from
                    ``before`` is brought up to date from those children alone (SubtreeMemo)
    """

    __slots__ = (
        "tag", "text", "attrs", "id", "classes", "style", "dataset", "marks", "events",
        "children", "hidden", "line", "filename", "owner", "component", "has_components",
        "models", "key", "parent", "index", "place", "renewal",
    )

    def __init__(self, tag: str, attrs: dict | None = None, children: list | None = None, *,
                 text: str | None = None, id: str = "", classes: list | None = None,
                 style: str = "", dataset: dict | None = None, marks: dict | None = None,
                 events: dict | None = None, hidden: bool = False, line: int = 0,
                 filename: str = "", owner: Any = None, models: dict | None = None,
                 key: Any = None) -> None:
        self.tag = tag
        self.text = text
        self.attrs = attrs if attrs is not None else {}
        self.id = id
        self.classes = classes if classes is not None else []
        self.style = style
        self.dataset = dataset if dataset is not None else {}
        self.marks = marks if marks is not None else {}
        self.events = events if events is not None else {}
        self.children = children if children is not None else []
        self.hidden = hidden
        self.line = line
        self.filename = filename
        self.owner = owner
        self.component = None
        self.has_components = False
        self.models = models if models is not None else {}
        self.key = key
        self.parent = None
        self.index = 0
        self.place = None
        self.renewal = None
        if children:
            adopt(self, self.children)

    @classmethod
    def text_node(cls, text: str, line: int = 0, filename: str = "", owner: Any = None) -> "VNode":
        return cls("#text", text=text, line=line, filename=filename, owner=owner)

    @property
    def is_text(self) -> bool:
        return self.tag == "#text"

    def attribute(self, name: str):
        """An attribute as the automator's ``element.attribute(name)`` reads it.

        ``class`` is the class string, ``id``/``style`` as rendered, ``data-x-y`` reads the
        dataset (``xY``); any other name gives the evaluated value, or None when absent.
        """
        if name == "class":
            return " ".join(self.classes)
        if name == "id":
            return self.id if "id" in self.attrs else None
        if name == "style":
            return self.style if "style" in self.attrs else None
        if name.startswith("data-"):
            return self.dataset.get(dataset_name(name[5:]))
        return self.attrs.get(name)

    def inner_text(self) -> str:
        """The text a person reads in this element: hidden parts left out, whitespace collapsed,
        block elements (``view``…) on lines of their own."""
        if self.tag == "#text":
            return _collapse(self.text or "").strip().replace("\xa0", " ")
        layout = _Layout(decorate=False)
        layout.children(self)
        return layout.result()

    def iter(self) -> Iterator["VNode"]:
        """This node and every node under it, in document order."""
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            if node.children:
                stack.extend(reversed(node.children))

    def __repr__(self) -> str:
        if self.tag == "#text":
            return f"VNode(#text {self.text!r})"
        bits = [self.tag]
        if self.id:
            bits.append(f"#{self.id}")
        bits.extend(f".{c}" for c in self.classes)
        return f"VNode({''.join(bits)}, {len(self.children)} children)"


class Place:
    """One place in a rendered page where an element is: ``node`` is the element there now.

    A re-render that rebuilds an element at the same place (its attributes or children
    changed) moves ``place.node`` to the new element; children it reuses keep pointing at the
    place, so re-rendering one item of a 10,000-item list touches one item, not 10,000 parent
    links."""

    __slots__ = ("node",)

    def __init__(self, node: "VNode | None" = None) -> None:
        self.node = node


def adopt(parent: "VNode | None", children: list) -> None:
    """Record that ``children`` are now ``parent``'s children (None: the top of a page)."""
    place = None
    if parent is not None:
        place = parent.place
        if place is None:
            place = parent.place = Place(parent)
        place.node = parent
    for i, child in enumerate(children):
        child.parent = place
        child.index = i


# --------------------------------------------------------------------------- subtree memos
#
# Renders hand back the very same VNode for a subtree nothing changed in (render.py), so what
# is worked out from a subtree (the lines of text it shows, the ids in it, what in it is
# hidden) can be kept per node object and reused while the node is on the page: after a
# one-item set_data only the new item and its rebuilt ancestors are looked into again.
# Nodes changed in place (what the user typed or toggled, what CSS hides) move ``_edits``,
# which drops every kept result; subtrees holding a component host are never kept (a
# component redraws its host's children in place).

_edits = [0]


def nodes_edited() -> None:
    """A rendered node was changed in place: what was kept from subtrees is worked out again."""
    _edits[0] += 1


class SubtreeMemo:
    """Results kept per node object from one pass over a page to the next: ``start()`` gives
    (what the last pass kept, where this pass keeps what it uses, so what left the page is
    let go); entries are ``(node, ...)`` under ``id(node)`` (or ``(place, ...)`` under
    ``id(place)``), valid only when ``entry[0]`` is that very object."""

    __slots__ = ("_epoch", "_kept")

    def __init__(self) -> None:
        self._epoch = -1
        self._kept: dict = {}

    def start(self) -> tuple[dict, dict]:
        old = self._kept if self._epoch == _edits[0] else {}
        self._kept = new = {}
        self._epoch = _edits[0]
        return old, new


@contextmanager
def collector_paused():
    """Pause the cyclic garbage collector (restored as it was) while a pass over a page
    makes its memo: the first pass over a 10,000-item page keeps ~100,000 new objects and
    frees nothing cyclic, and collections during it only walk the heap again (as renders
    do, instance.TemplateOwner._render)."""
    collecting = gc.isenabled()
    if collecting:
        gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def subtree_memo(owner: Any, name: str) -> SubtreeMemo:
    """The page's (or component's) memo called ``name``."""
    memos = owner.__dict__.get("_subtree_memos")
    if memos is None:
        memos = owner._subtree_memos = {}
    memo = memos.get(name)
    if memo is None:
        memo = memos[name] = SubtreeMemo()
    return memo


def dataset_name(rest: str) -> str:
    """``data-alpha-beta`` → ``alphaBeta``; ``data-alphaBeta`` → ``alphabeta`` (spec §3.5)."""
    return _DASH_LETTER.sub(lambda m: m.group(1).upper(), rest.lower())


_DASH_LETTER = re.compile(r"-([a-z])")


# --------------------------------------------------------------------------- text screen

INLINE_TAGS = frozenset({
    "text", "button", "input", "icon", "label", "image", "checkbox", "radio", "switch",
    "slider", "rich-text", "span",
})
BLOCK_TAGS = frozenset({
    "view", "form", "scroll-view", "swiper", "swiper-item", "navigator", "picker",
    "picker-view", "picker-view-column", "movable-area", "movable-view", "cover-view",
    "cover-image", "page", "textarea", "progress", "checkbox-group", "radio-group", "video",
    "map", "canvas", "camera", "web-view", "editor", "audio", "ad", "official-account",
})
_TRANSPARENT = frozenset({"slot", "block"})
_SPECIAL_BLOCKS = frozenset({"swiper", "textarea", "progress"})
_MEDIA = {"video": "▶ video", "map": "map", "canvas": "canvas", "camera": "camera",
          "web-view": "web-view", "audio": "♪ audio", "ad": "ad", "live-player": "live",
          "rich-text": "rich-text"}
_WS_RUN = re.compile(r"[ \t\r\n\f\v]+")


def _collapse(s: str) -> str:
    return _WS_RUN.sub(" ", s)


def _flat(v) -> str:
    return to_text(v) if v is not None else ""


class _Layout:
    """Lays out VNodes as lines of text: blocks start lines, inline things flow."""

    def __init__(self, decorate: bool, memo: SubtreeMemo | None = None) -> None:
        self.decorate = decorate
        self.lines: list[str] = []
        self.cur: list[tuple[bool, str]] = []   # (is_widget, text)
        # a block's lines depend on its subtree only: kept per node (see SubtreeMemo)
        self.old, self.new = memo.start() if memo is not None else (None, None)

    def newline(self) -> None:
        if not self.cur:
            return
        out: list[str] = []
        prev_widget = False
        for widget, s in self.cur:
            if out:
                last = out[-1]
                if (widget or prev_widget) and not last.endswith(" ") and not s.startswith(" "):
                    out.append(" ")
            out.append(s)
            prev_widget = widget
        line = _collapse("".join(out)).strip().replace("\xa0", " ")
        if line:
            self.lines.append(line)
        self.cur = []

    def text(self, s: str, pre: bool = False) -> None:
        if pre and "\n" in s:
            first, *rest = s.split("\n")
            self.cur.append((False, first))
            for piece in rest:
                self.newline()
                self.cur.append((False, piece))
        else:
            self.cur.append((False, s))

    def widget(self, s: str) -> None:
        self.cur.append((True, s))

    def result(self) -> str:
        self.newline()
        return "\n".join(self.lines)

    def stacked(self, node: VNode, tag: str) -> list | None:
        """Lay out a block whose children are all blocks (each its own lines: a list, a
        column of cards) child by child, and return each child's lines; None (nothing laid
        out) for any other block. A node rebuilt where one was before (same ``Place``) with
        as many children lays out again only the children that are not the very same."""
        kids = node.children
        if not kids or tag in _SPECIAL_BLOCKS or tag in _MEDIA:
            return None
        place = node.place
        before = self.old.get(id(place)) if place is not None else None
        lines = self.lines
        if before is not None and before[0] is place and len(before[2]) == len(kids):
            renewal = node.renewal
            if renewal is not None and renewal[0] is before[4]:
                changed = renewal[1]   # the renderer says which children are new
            else:
                changed = list(compress(range(len(kids)), map(is_not, before[2], kids)))
            for i in changed:
                if not _stacks(kids[i]):
                    return None
            per_child = before[3]   # taken over: the last pass's entry is let go
            for i in changed:
                start = len(lines)
                self.node(kids[i])
                per_child[i] = lines[start:]
                del lines[start:]
            lines.extend(chain.from_iterable(per_child))
            return per_child
        for child in kids:
            if not _stacks(child):
                return None
        per_child = []
        for child in kids:
            start = len(lines)
            self.node(child)
            per_child.append(lines[start:])
        return per_child

    def children(self, node: VNode, pre: bool = False) -> None:
        for child in node.children:
            self.node(child, pre)

    def inline_text_of(self, node: VNode) -> str:
        sub = _Layout(decorate=False)
        sub.children(node)
        return " ".join(sub.result().split("\n"))

    def node(self, node: VNode, pre: bool = False) -> None:
        tag = node.tag
        if tag == "#text":
            self.text(node.text or "", pre)
            return
        if node.hidden:
            return
        if tag in _TRANSPARENT:
            self.children(node, pre)
            return
        if tag not in INLINE_TAGS:
            self.newline()
            new = self.new
            if new is None or node.has_components:
                self.block(node, tag)
                self.newline()
                return
            key = id(node)
            hit = self.old.get(key)
            if hit is not None and hit[0] is node:
                new[key] = hit
                self.lines.extend(hit[1])
                return
            start = len(self.lines)
            per_child = self.stacked(node, tag)
            if per_child is None:
                self.block(node, tag)
                self.newline()
            lines = self.lines[start:]
            new[key] = (node, lines, node.children, per_child)
            if per_child is not None and node.place is not None:
                new[id(node.place)] = (node.place, lines, node.children, per_child, node)
            return
        if not self.decorate:
            if tag in ("input", "image", "icon", "slider", "switch", "radio") or tag in _MEDIA:
                return
            self.children(node, pre or tag == "text")
            return
        self.inline(node, tag, pre)

    def block(self, node: VNode, tag: str) -> None:
        a = node.attrs
        if tag == "swiper":
            items = [c for c in node.children if c.tag != "#text" and not c.hidden]
            try:
                cur = int(to_text(a.get("current", 0)) or 0)
            except ValueError:
                cur = 0
            if items:
                self.node(items[cur] if 0 <= cur < len(items) else items[0])
            return
        if self.decorate:
            if tag == "textarea":
                self.widget(self.input_box(node))
                return
            if tag == "progress":
                self.widget(f"[progress {_flat(a.get('percent', 0))}%]")
                return
            if tag in _MEDIA:
                src = _flat(a.get("src", ""))
                self.widget(f"[{_MEDIA[tag]}{' ' + src if src else ''}]")
                return
        elif tag == "textarea" or tag in _MEDIA:
            return
        self.children(node)

    def input_box(self, node: VNode) -> str:
        a = node.attrs
        value = _flat(a.get("value", ""))
        password = truthy(a.get("password", False)) or _flat(a.get("type", "")) == "password"
        if value:
            shown = "•" * len(value) if password else value
        else:
            ph = _flat(a.get("placeholder", ""))
            shown = f"{ph}…" if ph else "____"
        if truthy(a.get("disabled", False)):
            shown += " (disabled)"
        return f"[{shown}]"

    def inline(self, node: VNode, tag: str, pre: bool) -> None:
        a = node.attrs
        if tag == "button":
            label = self.inline_text_of(node)
            extra = ""
            if truthy(a.get("loading", False)):
                label = "… " + label
            if truthy(a.get("disabled", False)):
                extra = " (disabled)"
            self.widget(f"[ {label}{extra} ]")
        elif tag == "input":
            self.widget(self.input_box(node))
        elif tag == "image":
            src = _flat(a.get("src", ""))
            self.widget(f"[🖼 {src}]" if src else "[🖼]")
        elif tag == "icon":
            self.widget(f"[icon {_flat(a.get('type', ''))}]".replace(" ]", "]"))
        elif tag == "checkbox":
            self.widget("[x]" if truthy(a.get("checked", False)) else "[ ]")
            self.children(node)
        elif tag == "radio":
            self.widget("(*)" if truthy(a.get("checked", False)) else "( )")
            self.children(node)
        elif tag == "switch":
            self.widget("[on]" if truthy(a.get("checked", False)) else "[off]")
            self.children(node)
        elif tag == "slider":
            self.widget(f"[slider {_flat(a.get('value', 0)) or 0}]")
        elif tag in _MEDIA:
            self.widget(f"[{_MEDIA[tag]}]")
        else:  # text, label, span
            self.children(node, pre or tag == "text")


def _stacks(node: VNode) -> bool:
    """A node that lays out as lines of its own (a block), whatever is around it."""
    tag = node.tag
    return not (tag in INLINE_TAGS or tag in _TRANSPARENT or tag == "#text")


def _display_width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _wrap(line: str, width: int) -> list[str]:
    out: list[str] = []
    while _display_width(line) > width:
        w = 0
        cut = 0
        last_space = -1
        for i, ch in enumerate(line):
            w += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
            if w > width:
                break
            if ch == " ":
                last_space = i
            cut = i + 1
        if last_space > 0:
            out.append(line[:last_space].rstrip())
            line = line[last_space + 1:]
        else:
            out.append(line[:max(cut, 1)].rstrip())
            line = line[max(cut, 1):].lstrip()
    out.append(line)
    return out


def screen_text(vnodes, width: int | None = None, memo: SubtreeMemo | None = None) -> str:
    """The page as a person reads it, as plain text (stable, for tests and terminals).

    Blocks (``view``, ``form``, ``navigator``…) start new lines; ``text``, ``button``,
    ``input``, ``image``… flow. Buttons show as ``[ +1 ]`` (``[ +1 (disabled) ]`` when
    disabled), inputs as ``[value]`` or ``[placeholder…]`` (passwords as dots), checkboxes
    ``[x]``/``[ ]``, radios ``(*)``/``( )``, switches ``[on]``/``[off]``, images ``[🖼 src]``.
    Hidden and ``wx:if``-false things are absent. ``width`` (display columns, Chinese
    characters count 2) wraps long lines; ``None`` keeps each line whole.
    """
    if isinstance(vnodes, VNode):
        vnodes = [vnodes]
    layout = _Layout(decorate=True, memo=memo)
    if memo is None:
        for node in vnodes:
            layout.node(node)
    else:
        with collector_paused():
            for node in vnodes:
                layout.node(node)
    text = layout.result()
    if width:
        text = "\n".join(part for line in text.split("\n") for part in _wrap(line, width))
    return text


# --------------------------------------------------------------------------- HTML

_HTML_TAG = {
    "text": "span", "button": "button", "input": "input", "textarea": "textarea",
    "image": "img", "icon": "span", "label": "label", "checkbox": "span", "radio": "span",
    "switch": "span", "slider": "input", "progress": "progress", "navigator": "div",
    "rich-text": "div", "span": "span", "slot": "div",
}
_VOID = frozenset({"input", "img"})
_SAFE_URL = re.compile(r"^(?:https?:|data:image/|/|\.|[\w\-/.%]+$)", re.I)


def _esc(s: str) -> str:
    return html.escape(s, quote=True)


def node_path(path: tuple[int, ...]) -> str:
    return ".".join(map(str, path))


def node_at_path(vnodes, path: str) -> VNode | None:
    """The node a ``data-mc-node`` path (``"0.2.1"``) points at, or None."""
    if isinstance(vnodes, VNode):
        vnodes = [vnodes]
    node = None
    children = vnodes
    if path == "":
        return None
    for part in path.split("."):
        try:
            i = int(part)
        except ValueError:
            return None
        if not 0 <= i < len(children):
            return None
        node = children[i]
        children = node.children
    return node


def to_html(vnodes, scope_class: str = "", *, wrap: bool = False,
            style_converter: Callable[[str], str] | None = None) -> str:
    """HTML for a phone frame. Each element becomes a ``div``/``span``/``button``/``input``/
    ``img``… with class ``wx-<tag>`` plus its own classes, its id, its inline style (rpx
    converted) and ``data-mc-node="0.2.1"``: the path of child indexes from the root list, so
    a front end can map a click back to its VNode (:func:`node_at_path`). Hidden elements
    get ``display:none``. Every piece of text and every attribute value is escaped.

    WXSS compiled with :func:`mini_sdk.wxss.compile_wxss` (scope ``scope_class``) styles this
    HTML when it sits inside ``<div class="{scope_class}"><div class="wx-page">``; with
    ``wrap=True`` those two wrappers are included.
    """
    if isinstance(vnodes, VNode):
        vnodes = [vnodes]
    if style_converter is None:
        from ..wxss import convert_inline_style as style_converter
    out: list[str] = []
    if wrap:
        out.append(f'<div class="{_esc(scope_class)}"><div class="wx-page">')
    for i, node in enumerate(vnodes):
        _html(node, str(i), out, style_converter)
    if wrap:
        out.append("</div></div>")
    return "".join(out)


def _html(node: VNode, path: str, out: list, conv) -> None:
    tag = node.tag
    if tag == "#text":
        out.append(_esc(node.text or ""))
        return
    a = node.attrs
    h = _HTML_TAG.get(tag) or ("span" if tag in INLINE_TAGS else "div")
    classes = ["wx-" + tag] + list(node.classes)
    attrs = [f'class="{_esc(" ".join(classes))}"']
    if node.id:
        attrs.append(f'id="{_esc(node.id)}"')
    style = conv(node.style) if node.style else ""
    if node.hidden:
        style = (style.rstrip("; ") + ";" if style.strip() else "") + "display:none"
    if style:
        attrs.append(f'style="{_esc(style)}"')
    attrs.append(f'data-mc-node="{path}"')
    disabled = truthy(a.get("disabled", False))
    checked = truthy(a.get("checked", False))
    if tag == "button":
        if disabled:
            attrs.append("disabled")
        btype = _flat(a.get("type", ""))
        if btype:   # primary / default / warn: CSS styles .wx-button[type=primary]
            attrs.append(f'type="{_esc(btype)}"')
        if _flat(a.get("size", "")) == "mini":  # an inline, small button
            attrs.append('data-size="mini"')
    elif tag == "input":
        password = truthy(a.get("password", False)) or _flat(a.get("type", "")) == "password"
        attrs.append(f'type="{"password" if password else "text"}"')
        attrs.append(f'value="{_esc(_flat(a.get("value", "")))}"')
        ph = _flat(a.get("placeholder", ""))
        if ph:
            attrs.append(f'placeholder="{_esc(ph)}"')
        if disabled:
            attrs.append("disabled")
    elif tag == "slider":
        attrs.append('type="range"')
        attrs.append(f'value="{_esc(_flat(a.get("value", 0)))}"')
    elif tag == "textarea":
        if disabled:
            attrs.append("disabled")
        ph = _flat(a.get("placeholder", ""))
        if ph:
            attrs.append(f'placeholder="{_esc(ph)}"')
    elif tag == "image":
        src = _flat(a.get("src", ""))
        if src and _SAFE_URL.match(src) and not src.lower().startswith("javascript"):
            attrs.append(f'src="{_esc(src)}"')
        attrs.append(f'alt="{_esc(src)}"')
    elif tag in ("checkbox", "radio", "switch"):
        role = {"checkbox": "checkbox", "radio": "radio", "switch": "switch"}[tag]
        attrs.append(f'role="{role}" aria-checked="{"true" if checked else "false"}"')
        if disabled:
            attrs.append('aria-disabled="true"')
    elif tag == "progress":
        attrs.append(f'max="100" value="{_esc(_flat(a.get("percent", 0)))}"')
    out.append(f"<{h} {' '.join(attrs)}>")
    if h in _VOID:
        return
    if tag == "checkbox":
        out.append("☑" if checked else "☐")
    elif tag == "radio":
        out.append("◉" if checked else "○")
    elif tag == "switch":
        out.append('<span class="wx-switch-knob"></span>')
    elif tag == "textarea":
        out.append(_esc(_flat(a.get("value", ""))))
    for i, child in enumerate(node.children):
        if tag == "textarea":
            break
        _html(child, f"{path}.{i}", out, conv)
    out.append(f"</{h}>")
