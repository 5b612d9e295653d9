"""Compile a template and render it to VNodes, incrementally.

    template = compile_template(source, filename="pages/index/index.wxml", loader=...)
    vnodes = template.render(scope, ctx)        # list[VNode]

Everything in spec §3.1–3.5: ``{{ }}`` in text and attributes, ``wx:for`` (+ ``wx:for-item``,
``wx:for-index``, ``wx:key``), ``wx:if``/``wx:elif``/``wx:else`` (lazy), ``hidden``, ``<block>``,
``<template name>``/``<template is data>``, ``<import>``/``<include>``, event bindings in every
form, ``data-*`` → dataset, ``mark:*`` → marks, ``model:*`` two-way bindings, wxs modules
(supplied by the page in Python), custom components and ``<slot>``.

Incremental rendering. The runtime's view data is copy-on-write: a change makes new objects
along the changed path and leaves everything else the very same object. So every compiled
node knows (statically) the free names it reads from its scope, and remembers, per position,
the values it read last time and the VNodes it produced. When every value is the same object
(or an equal str/int/float) it hands back the previous VNodes without looking inside. A
``wx:for`` item is remembered by its ``wx:key`` (or its index) and re-rendered only when its
item (or index, if used) or a name from outside the loop changed: a one-item change in a
1000-item list re-renders one item. The memo lives in the :class:`RenderContext`: keep one
context per page or component instance and pass it to every render.
"""
from __future__ import annotations

import re
from typing import Any, Callable

from .expr import UNDEFINED, EvalError, Expr, to_text, truthy
from .nodes import EMPTY_DICT as _ED
from .nodes import EMPTY_LIST as _EL
from .nodes import EventBinding, FrozenDict, FrozenList, Place, VNode, adopt, dataset_name
from .parser import FileUnit, TemplateNode, Value, load_unit
from .wxs import module_exports

__all__ = ["RenderContext", "Template", "compile_template", "SLOTS_NAME"]

_U = UNDEFINED
SLOTS_NAME = " slots"      # pseudo scope name for the slot content (no identifier has a space)
_OUTER = object()          # memo key of a wx:for's values read from outside the loop
_STATE = object()          # memo key of a wx:for's last (list, keys, nodes), for set_data paths
_ITEMS = object()          # memo key of a wx:for's items: key -> (item, index, nodes, memo)
_PLACE = object()          # memo key of an element's Place (kept while it stays in its place)
_MAX_TEMPLATE_DEPTH = 200
_EVENT_ATTR = re.compile(r"^(capture-)?(mut-)?(bind|catch)(:)?(.+)$")


# --------------------------------------------------------------------------- context

class RenderContext:
    """What a render needs from the runtime, and the memo that makes re-renders cheap.

    ``owner``            the page or component whose template this is (handlers live on it)
    ``wxs_modules``      wxs module name -> Python object (the page's ``wxs = {...}``)
    ``components``       tag -> component class (usingComponents)
    ``render_component`` ``(tag, props, slots, key, node) -> VNode`` (the runtime)
    ``slots``            slot name -> list[VNode], when rendering a component's template
    ``warn``             ``warn(key, **params)``; by default warnings collect in ``warnings``
    ``loader``           for the runtime's convenience (compile_template takes its own)

    Keep one context per page/component instance across renders: the memo is in it.
    """

    __slots__ = ("owner", "wxs_modules", "components", "render_component", "slots", "warn",
                 "loader", "warnings", "memo", "_warned", "_events", "_changed", "_scope",
                 "_place", "_patched")

    def __init__(self, owner: Any = None, wxs_modules: dict | None = None,
                 components: dict | None = None,
                 render_component: Callable[..., VNode] | None = None,
                 slots: dict | None = None, warn: Callable[..., None] | None = None,
                 loader: Callable | None = None) -> None:
        self.owner = owner
        self.wxs_modules = wxs_modules if wxs_modules is not None else {}
        self.components = components if components is not None else {}
        self.render_component = render_component
        self.slots = slots
        self.warnings: list[tuple[str, dict]] = []
        self.warn = warn if warn is not None else self._collect
        self.loader = loader
        self.memo: dict = {}
        self._warned: set = set()
        self._events: dict = {}      # per element: its static event bindings for this owner
        self._changed = None         # during a render: the data paths set since the last one
        self._scope = None           # during a render: the top-level scope those paths are in
        self._place = None           # during a render: the Place new nodes are put in
        self._patched = None         # during a render: (items, indexes) a wx:for just patched

    def _collect(self, message_key: str, /, **params) -> None:
        self.warnings.append((message_key, params))

    def forget(self) -> None:
        """Drop the memo: the next render builds every node afresh."""
        self.memo.clear()


def _warn_once(ctx: RenderContext, message_key: str, /, **params) -> None:
    sig = (message_key, tuple(sorted((k, repr(v)) for k, v in params.items())))
    if sig in ctx._warned:
        return
    ctx._warned.add(sig)
    ctx.warn(message_key, **params)


# --------------------------------------------------------------------------- values

def _value_fn(value: Value) -> Callable[[dict], Any]:
    """Typed value of an attribute: single ``{{x}}`` keeps its type, mixed text is a string."""
    if value.kind == "single":
        return value.expr.fn
    return _string_fn(value)


def _string_fn(value: Value) -> Callable[[dict], str]:
    if value.kind == "const":
        c = "" if value.const is True else value.const
        return lambda s: c
    if value.kind == "single":
        f = value.expr.fn
        return lambda s: to_text(f(s))
    parts = [p.fn if isinstance(p, Expr) else p for p in value.parts]
    if len(parts) == 2:
        a, b = parts
        if isinstance(a, str):
            return lambda s: a + to_text(b(s))
        if isinstance(b, str):
            return lambda s: to_text(a(s)) + b
    return lambda s: "".join([p if p.__class__ is str else to_text(p(s)) for p in parts])


def _path_tuple(expr: Expr) -> tuple | None:
    """``a.b[0].c`` as a data path tuple ``("a", "b", 0, "c")`` (as set_data's paths are), or
    None when the expression isn't a plain path."""
    def walk(n):
        if n[0] == "name":
            return (n[1],)
        if n[0] == "member":
            base = walk(n[1])
            key = n[2]
            if base is None or key[0] != "lit":
                return None
            k = key[1]
            if n[3] and isinstance(k, int) and not isinstance(k, bool):
                return base + (k,)
            if isinstance(k, str):
                return base + (k,)
        return None
    return walk(expr.ast)


def _path_of(expr: Expr) -> str | None:
    """``a.b[0].c`` as a data path for ``model:``, or None when it isn't a plain path."""
    def walk(n):
        if n[0] == "name":
            return n[1]
        if n[0] == "member":
            base = walk(n[1])
            if base is None:
                return None
            key = n[2]
            if key[0] != "lit":
                return None
            k = key[1]
            if n[3] and isinstance(k, int) and not isinstance(k, bool):
                return f"{base}[{k}]"
            if isinstance(k, str):
                return f"{base}.{k}"
        return None
    return walk(expr.ast)


# --------------------------------------------------------------------------- memo driver
#
# A memo dict maps a compiled node's uid (or, inside a wx:for, an item's key) to an entry
# (values read, result, memo of its children). Each render builds a new dict holding only the
# entries that were used, so entries of removed nodes and items drop out by themselves.
# ``r.direct`` nodes (text, slot) are cheap enough to rebuild and keep no entry; ``r.multi``
# nodes (block, wx:if chain, wx:for, template) give a list of VNodes, the others one VNode.

def _render_list(rs, scope: dict, prev: dict | None, new: dict, ctx, path: tuple, out: list,
                 dirty: list | None = None) -> None:
    """Render ``rs`` into ``out``. With ``dirty`` (a list), the positions in ``out`` that do
    not hold the very node they held last time are appended to it; a None in it means that
    cannot be told (an output that changed length, a whole wx:for looked at again)."""
    get = scope.get
    append = out.append
    for r in rs:
        if r.direct:
            try:
                res = r.build(scope, None, None, ctx, path)
            except EvalError as err:
                raise r.node.src.error(err.key, r.node.offset, **err.params) from None
            res.index = len(out)
            if dirty is not None:
                dirty.append(res.index)
            append(res)
            continue
        uid = r.uid
        e = prev.get(uid) if prev is not None else None
        names = r.names
        if len(names) == 1:   # most nodes read one name: looked up once, kept if rebuilt
            v = get(names[0], _U)
            if e is not None:
                o = e[0][0]
                c = v.__class__
                if v is o or ((c is str or c is int or c is float) and o.__class__ is c
                              and v == o):
                    new[uid] = e
                    if r.multi:
                        out.extend(e[1])
                    else:
                        append(e[1])
                    continue
            vals = (v,)
        else:
            if e is not None:
                for n, o in zip(names, e[0]):
                    v = get(n, _U)
                    if v is not o:
                        c = v.__class__
                        if (c is str or c is int or c is float) and o.__class__ is c and v == o:
                            continue
                        break
                else:
                    new[uid] = e
                    if r.multi:
                        out.extend(e[1])
                    else:
                        append(e[1])
                    continue
            vals = tuple([get(n, _U) for n in names])
        child_new = {} if r.has_memo else None
        try:
            res = r.build(scope, e[2] if e is not None else None, child_new, ctx, path)
        except EvalError as err:
            raise r.node.src.error(err.key, r.node.offset, **err.params) from None
        new[uid] = (vals, res, child_new)
        if dirty is not None:
            _note_dirty(r, e, res, len(out), ctx, dirty)
        if r.multi:
            out.extend(res)
        else:
            res.index = len(out)
            append(res)


def _note_dirty(r, e, res, start: int, ctx, dirty: list) -> None:
    """Which positions from ``start`` on the rebuilt ``r`` changed: those a wx:for patched,
    the one node of an element; None when its output may not line up with last time's."""
    if e is None:
        dirty.append(None)
    elif not r.multi:
        dirty.append(start)
    elif len(res) != len(e[1]):
        dirty.append(None)
    else:
        patched = ctx._patched
        ctx._patched = None
        if patched is not None and patched[0] is res:
            dirty.extend([start + i for i in patched[1]])
        elif r.__class__ is ForR:
            dirty.append(None)   # every item was looked at: which are new is not known here
        else:
            dirty.extend(range(start, start + len(res)))


def _same(old: tuple, vals: tuple) -> bool:
    for v, o in zip(vals, old):
        if v is not o:
            c = v.__class__
            if (c is str or c is int or c is float) and o.__class__ is c and v == o:
                continue
            return False
    return True


# --------------------------------------------------------------------------- compiled nodes

class R:
    """A compiled template node. ``names``: the scope names its subtree reads."""

    __slots__ = ("uid", "names", "node", "has_memo", "line", "filename", "direct", "multi")

    def __init__(self, node: TemplateNode) -> None:
        self.node = node
        self.uid = node.uid
        self.has_memo = True
        self.direct = False
        self.multi = True
        self.line = node.line
        self.filename = node.src.name

    @property
    def where(self) -> str:
        return f"{self.filename}:{self.line}"

    def build(self, scope, prev, new, ctx, path):  # pragma: no cover - abstract
        raise NotImplementedError

    def build_list(self, scope, prev, new, ctx, path) -> list:
        res = self.build(scope, prev, new, ctx, path)
        return res if self.multi else [res]


def _mk(tag, text, attrs, id_, classes, style, dataset, marks, events, children, hidden,
        line, filename, owner, models):
    v = _new(VNode)
    v.tag = tag
    v.text = text
    v.attrs = attrs
    v.id = id_
    v.classes = classes
    v.style = style
    v.dataset = dataset
    v.marks = marks
    v.events = events
    v.children = children
    v.hidden = hidden
    v.line = line
    v.filename = filename
    v.owner = owner
    v.component = None
    v.has_components = False
    v.models = models
    v.key = None
    v.parent = None
    v.index = 0
    v.place = None
    v.renewal = None
    return v


_new = object.__new__


class TextR(R):
    __slots__ = ("fn",)

    def __init__(self, node: TemplateNode) -> None:
        super().__init__(node)
        self.has_memo = False
        self.direct = True
        self.multi = False
        self.names = tuple(sorted(node.text.names))
        self.fn = _string_fn(node.text)

    def build(self, scope, prev, new, ctx, path):
        # _mk's work written out: text is made on every rebuild of its element (every tap)
        v = _new(VNode)
        v.tag = "#text"
        v.text = self.fn(scope)
        v.attrs = v.dataset = v.marks = v.events = v.models = _ED
        v.id = v.style = ""
        v.classes = v.children = _EL
        v.hidden = v.has_components = False
        v.line = self.line
        v.filename = self.filename
        v.owner = ctx.owner
        v.component = v.key = v.place = v.renewal = None
        v.parent = ctx._place
        v.index = 0
        return v


class ElementR(R):
    __slots__ = ("tag", "static_attrs", "dyn_attrs", "has_id", "has_hidden", "class_static",
                 "class_fn", "has_style", "static_dataset", "dyn_dataset", "static_marks",
                 "dyn_marks", "static_events", "dyn_events", "models", "bad_models",
                 "children", "tags", "opaque", "lists", "plain", "plain_id", "plain_style",
                 "plain_hidden", "text_only")

    def __init__(self, node: TemplateNode, unit: FileUnit) -> None:
        super().__init__(node)
        self.multi = False
        self.tag = node.tag
        static_attrs: dict = {}
        dyn_attrs: list = []
        static_ds: dict = {}
        dyn_ds: list = []
        static_marks: dict = {}
        dyn_marks: list = []
        static_events: list = []
        dyn_events: list = []
        models: dict = {}
        bad_models: list = []
        names: set = set()
        for name, value in node.attrs.items():
            if name.startswith("wx:"):
                continue
            names |= value.names
            m = None if name.startswith("data-") else _EVENT_ATTR.match(name)
            if m is not None:
                capture, mut, kind, _colon, event = m.groups()
                if capture:
                    phase = "capture-" + kind
                elif mut and kind == "bind":
                    phase = "mut-bind"
                else:
                    phase = kind
                if value.kind == "const" and value.const is not True:
                    handler = value.const.strip()
                    if handler:
                        static_events.append((event, phase, handler))
                    continue   # bindtap="": no binding
                dyn_events.append((event, phase, _value_fn(value), name))
                continue
            if name.startswith("data-"):
                key = dataset_name(name[5:])
                if value.kind == "const":
                    static_ds[key] = value.const
                else:
                    dyn_ds.append((key, _value_fn(value)))
                continue
            if name.startswith("mark:"):
                key = name[5:]
                if value.kind == "const":
                    static_marks[key] = value.const
                else:
                    dyn_marks.append((key, _value_fn(value)))
                continue
            if name.startswith("model:"):
                name = name[6:]
                path = _path_of(value.expr) if value.kind == "single" else None
                if path is None:
                    bad_models.append(name)
                else:
                    # UNVERIFIED (spec §3.5, §9.8): model: writes back to a plain data path
                    # only; the runtime does set_data({path: new_value}) on input/change.
                    models[name] = path
            if value.kind == "const":
                static_attrs[name] = value.const
            else:
                dyn_attrs.append((name, _value_fn(value)))
        self.static_attrs = FrozenDict(static_attrs) if static_attrs else _ED
        self.dyn_attrs = tuple(dyn_attrs)
        all_attr_names = set(static_attrs) | {n for n, _ in dyn_attrs}
        self.has_id = "id" in all_attr_names
        self.has_hidden = "hidden" in all_attr_names
        self.has_style = "style" in all_attr_names
        cls = node.attrs.get("class")
        if cls is None:
            self.class_static, self.class_fn = _EL, None
        elif cls.kind == "const":
            split = ("" if cls.const is True else cls.const).split()
            self.class_static, self.class_fn = (FrozenList(split) if split else _EL), None
        else:
            self.class_static, self.class_fn = None, _string_fn(cls)
        self.static_dataset = FrozenDict(static_ds) if static_ds else _ED
        self.dyn_dataset = tuple(dyn_ds)
        self.static_marks = FrozenDict(static_marks) if static_marks else _ED
        self.dyn_marks = tuple(dyn_marks)
        self.static_events, self.dyn_events = tuple(static_events), tuple(dyn_events)
        self.models = FrozenDict(models) if models else _ED
        self.bad_models = bad_models
        self.children = _compile_children(node.children, unit)
        for c in self.children:
            names |= set(c.names)
        self.names = tuple(sorted(names))
        # which tags its subtree may hold (for has_components); opaque: templates and slots
        # bring nodes from elsewhere
        self.tags, self.opaque = _subtree_tags(self.children)
        # it holds a wx:for's items among its children: a rebuild notes which changed
        self.lists = any(c.__class__ is ForR for c in self.children)
        # nothing of its own is computed (only its children may change): what _element works
        # out is the same every time, worked out here once
        self.plain = not (dyn_attrs or self.class_fn or dyn_ds or dyn_marks or dyn_events
                          or bad_models)
        self.plain_id = to_text(static_attrs["id"]) if "id" in static_attrs else ""
        self.plain_style = to_text(static_attrs["style"]) if "style" in static_attrs else ""
        self.plain_hidden = truthy(static_attrs["hidden"]) if "hidden" in static_attrs else False
        self.text_only = all(c.__class__ is TextR for c in self.children)

    def _static_events(self, ctx) -> dict:
        cached = ctx._events.get(self.uid)
        if cached is not None and cached[0] is ctx.owner:
            return cached[1]
        events: dict = {}
        for event, phase, handler in self.static_events:
            events.setdefault(event, []).append(EventBinding(phase, handler, ctx.owner))
        events = FrozenDict({k: FrozenList(v) for k, v in events.items()})
        ctx._events[self.uid] = (ctx.owner, events)
        return events

    def _element(self, scope, ctx) -> VNode:
        if self.plain:
            return self._plain_element(ctx)
        return self._computed_element(scope, ctx)

    def _computed_element(self, scope, ctx) -> VNode:
        # attrs is always the node's own plain dict: the runtime keeps UI state in it
        # (what was typed into an input, a switch's checked) between renders.
        attrs = dict(self.static_attrs)
        for name, fn in self.dyn_attrs:
            attrs[name] = fn(scope)
        if self.class_fn is not None:
            classes = self.class_fn(scope).split()
        else:
            classes = self.class_static
        if self.dyn_dataset:
            ds = dict(self.static_dataset)
            for key, fn in self.dyn_dataset:
                ds[key] = fn(scope)
        else:
            ds = self.static_dataset
        if self.dyn_marks:
            marks = dict(self.static_marks)
            for key, fn in self.dyn_marks:
                marks[key] = fn(scope)
        else:
            marks = self.static_marks
        owner = ctx.owner
        events = self._static_events(ctx) if self.static_events else _ED
        if self.dyn_events:
            events = {k: list(v) for k, v in events.items()}
            for event, phase, fn, attr in self.dyn_events:
                handler = fn(scope)
                if handler.__class__ is str:
                    handler = handler.strip()
                    if not handler:
                        continue   # bindtap="{{''}}": the binding is switched off (spec §3.5)
                elif handler is None or handler is _U or handler is False:
                    continue
                elif not callable(handler):
                    _warn_once(ctx, "tpl_handler_bad_value", where=self.where, attr=attr,
                               value=to_text(handler) if handler is not True else "true")
                    continue
                b = EventBinding(phase, handler, owner)
                lst = events.get(event)
                if lst is None:
                    events[event] = [b]
                else:
                    lst.append(b)
        if self.bad_models:
            for name in self.bad_models:
                _warn_once(ctx, "tpl_model_not_path", where=self.where, attr=name)
        # _mk's work written out: an element is made on every rebuild (every tap)
        v = _new(VNode)
        v.tag = self.tag
        v.text = None
        v.attrs = attrs
        v.id = to_text(attrs["id"]) if self.has_id else ""
        v.classes = classes
        v.style = to_text(attrs["style"]) if self.has_style else ""
        v.dataset = ds
        v.marks = marks
        v.events = events
        v.children = []
        v.hidden = truthy(attrs["hidden"]) if self.has_hidden else False
        v.line = self.line
        v.filename = self.filename
        v.owner = owner
        v.component = None
        v.has_components = False
        v.models = self.models
        v.key = None
        v.parent = ctx._place
        v.index = 0
        v.place = None
        v.renewal = None
        return v

    def _plain_element(self, ctx) -> VNode:
        """:meth:`_element` for an element whose own attributes are all written out."""
        v = _new(VNode)
        v.tag = self.tag
        v.text = None
        v.attrs = dict(self.static_attrs)   # (its own dict: see _element)
        v.id = self.plain_id
        v.classes = self.class_static
        v.style = self.plain_style
        v.dataset = self.static_dataset
        v.marks = self.static_marks
        v.events = self._static_events(ctx) if self.static_events else _ED
        v.children = []
        v.hidden = self.plain_hidden
        v.line = self.line
        v.filename = self.filename
        v.owner = ctx.owner
        v.component = None
        v.has_components = False
        v.models = self.models
        v.key = None
        v.parent = ctx._place
        v.index = 0
        v.place = None
        v.renewal = None
        return v

    def _place(self, v, prev, new) -> Place:
        """The element's place (the one it had if it stays where it was), now holding ``v``.
        Nodes built under it point at it (parent links: a tap walks up them, events.py)."""
        place = prev.get(_PLACE) if prev is not None else None
        if place is None:
            place = Place()
        place.node = v
        v.place = place
        new[_PLACE] = place
        return place

    def build(self, scope, prev, new, ctx, path):
        comps = ctx.components
        if comps and self.tag in comps:
            return self._component(scope, prev, new, ctx, path)
        v = self._plain_element(ctx) if self.plain else self._computed_element(scope, ctx)
        # its place (see _place, written out: an element is made on every rebuild)
        place = prev.get(_PLACE) if prev is not None else None
        before = place.node if self.lists and place is not None else None
        if place is None:
            place = Place()
        place.node = v
        v.place = place
        new[_PLACE] = place
        if self.children:
            kids = v.children
            outer = ctx._place
            ctx._place = place
            if self.text_only:
                # only text inside (<text>Count: {{count}}</text>): made as _render_list
                # makes text, without its look at memos
                for r in self.children:
                    try:
                        res = r.build(scope, None, None, ctx, path)
                    except EvalError as err:
                        raise r.node.src.error(err.key, r.node.offset, **err.params) from None
                    res.index = len(kids)
                    kids.append(res)
            elif before is None:
                _render_list(self.children, scope, prev, new, ctx, path, kids)
            else:
                dirty: list = []
                _render_list(self.children, scope, prev, new, ctx, path, kids, dirty)
                if len(kids) == len(before.children) and None not in dirty:
                    # what was worked out from ``before`` (ids, lines, what CSS hides) is
                    # brought up to date by looking at these children only (VNode.renewal)
                    v.renewal = (before, dirty)
                before.renewal = None   # no chain of old pages kept alive
            ctx._place = outer
            if self.opaque or (comps and not self.tags.isdisjoint(comps)):
                for c in kids:
                    if c.has_components:
                        v.has_components = True
                        break
        return v

    def _component(self, scope, prev, new, ctx, path):
        host = self._element(scope, ctx)
        place = self._place(host, prev, new)
        content: list = []
        outer = ctx._place
        ctx._place = place
        _render_list(self.children, scope, prev, new, ctx, path, content)
        ctx._place = outer
        slots: dict[str, list] = {}
        for c in content:
            name = "" if c.tag == "#text" else to_text(c.attrs.get("slot", ""))
            slots.setdefault(name, []).append(c)
        host.has_components = True
        if ctx.render_component is None:
            host.children = content
            adopt(host, content)
            return host
        props = dict(host.attrs)
        result = ctx.render_component(self.tag, props, slots, path + (self.uid,), host)
        if result is None:
            result = host
        result.has_components = True
        return result


class BlockR(R):
    """``<block>``: renders its children with no element of its own."""

    __slots__ = ("children",)

    def __init__(self, node: TemplateNode, unit: FileUnit) -> None:
        super().__init__(node)
        self.children = _compile_children(node.children, unit)
        names: set = set()
        for c in self.children:
            names |= set(c.names)
        self.names = tuple(sorted(names))

    def build(self, scope, prev, new, ctx, path):
        out: list = []
        _render_list(self.children, scope, prev, new, ctx, path, out)
        return out


class SlotR(R):
    """``<slot>`` / ``<slot name="x">`` inside a component's template."""

    __slots__ = ("name_fn",)

    def __init__(self, node: TemplateNode, unit: FileUnit) -> None:
        super().__init__(node)
        self.has_memo = False
        self.direct = True
        self.multi = False
        value = node.attrs.get("name")
        self.name_fn = _string_fn(value) if value is not None else (lambda s: "")
        names = set(value.names) if value is not None else set()
        names.add(SLOTS_NAME)
        self.names = tuple(sorted(names))

    def build(self, scope, prev, new, ctx, path):
        name = self.name_fn(scope)
        slots = scope.get(SLOTS_NAME)
        content = list(slots.get(name, ())) if slots.__class__ is dict else []
        v = _mk("slot", None, FrozenDict(name=name) if name else _ED, "", _EL, "", _ED, _ED,
                _ED, content, False, self.line, self.filename, ctx.owner, _ED)
        v.parent = ctx._place
        adopt(v, content)
        for c in content:
            if c.has_components:
                v.has_components = True
                break
        return v


class ChainR(R):
    """``wx:if`` / ``wx:elif`` / ``wx:else`` siblings: only the first true branch is built."""

    __slots__ = ("branches",)

    def __init__(self, node: TemplateNode, branches: list) -> None:
        super().__init__(node)
        self.branches = branches
        names: set = set()
        for cond, r in branches:
            if cond is not None:
                names |= cond.names
            names |= set(r.names)
        self.names = tuple(sorted(names))

    def build(self, scope, prev, new, ctx, path):
        for cond, r in self.branches:
            if cond is None or truthy(cond.fn(scope)):
                out: list = []
                _render_list((r,), scope, prev, new, ctx, path, out)
                return out
        return []


class _Cond:
    __slots__ = ("fn", "names")

    def __init__(self, value: Value) -> None:
        self.fn = _value_fn(value)
        self.names = value.names


class ForR(R):
    """``wx:for``: the body once per item; items remembered by wx:key (or index)."""

    __slots__ = ("list_fn", "item", "index", "key_kind", "key_prop", "key_raw", "body",
                 "outer_names", "uses_index", "list_path")

    def __init__(self, node: TemplateNode, body: R) -> None:
        super().__init__(node)
        a = node.attrs
        self.list_fn = _value_fn(a["wx:for"])
        for_value = a["wx:for"]
        self.list_path = _path_tuple(for_value.expr) if for_value.kind == "single" else None
        self.item = node.static_attr("wx:for-item") or "item"
        self.index = node.static_attr("wx:for-index") or "index"
        self.body = body
        inner = set(body.names)
        self.uses_index = self.index in inner
        outer = inner - {self.item, self.index}
        self.outer_names = tuple(sorted(outer))
        self.names = tuple(sorted(outer | a["wx:for"].names))
        key = a.get("wx:key")
        self.key_prop = None
        self.key_raw = key.raw if key is not None else None
        if key is None:
            self.key_kind = "none"
        elif key.kind != "const":
            self.key_kind = "mustache"
        else:
            k = "" if key.const is True else key.const.strip()
            if k == "*this":
                self.key_kind = "this"
            elif k.startswith("*"):
                self.key_kind = "star"
            elif not k:
                self.key_kind = "none"
            else:
                self.key_kind, self.key_prop = "prop", k

    @staticmethod
    def _pairs(seq):
        c = seq.__class__
        if c is list or c is tuple:
            return enumerate(seq)
        if c is str:
            return enumerate(seq)        # a string is split into characters (spec §3.2)
        if c is dict:
            # UNVERIFIED (spec §3.2): iterating an object gives index = key, item = value.
            return iter(seq.items())
        if (c is int or c is float) and seq == seq and seq not in (float("inf"), float("-inf")):
            # UNVERIFIED (spec §3.2): a number N iterates 0..N-1.
            return enumerate(range(max(0, int(seq))))
        return iter(())

    def _unusual_key(self, k, idx, ctx):
        """A key that is not a plain str/int: float/bool keys are fine, the rest warn."""
        if k.__class__ is float or k.__class__ is bool:
            return k
        label = self.key_prop if self.key_kind == "prop" else "*this"
        if k is _U:
            if self.key_prop == self.index or self.key_prop == "index":
                # UNVERIFIED: wx:key="index" on items without an "index" field is common
                # student code; key by position quietly instead of warning.
                return idx
            _warn_once(ctx, "tpl_wx_key_missing", where=self.where, key=label)
        else:
            _warn_once(ctx, "tpl_wx_key_not_simple", where=self.where, key=label)
        return ("#", idx)

    def build(self, scope, prev, new, ctx, path):
        seq = self.list_fn(scope)
        kind = self.key_kind
        if kind != "prop" and kind != "this":
            if kind == "none":
                _warn_once(ctx, "tpl_wx_for_no_key", where=self.where)
            elif kind == "mustache":
                # Tolerated (spec §3.2 real-world deviations): keyed by position.
                _warn_once(ctx, "tpl_wx_key_mustache", where=self.where, key=self.key_raw)
            else:
                _warn_once(ctx, "tpl_wx_key_star", where=self.where, key=self.key_raw)
        get = scope.get
        outer_vals = tuple([get(n, _U) for n in self.outer_names])
        reuse = False
        if prev is not None:
            old = prev.get(_OUTER)
            reuse = old is not None and _same(old, outer_vals)
        if (reuse and ctx._changed is not None and scope is ctx._scope
                and self.list_path is not None and not self.body.multi):
            out = self._patch(seq, scope, prev, new, ctx, path)
            if out is not None:
                new[_OUTER] = outer_vals
                return out
        new[_OUTER] = outer_vals
        item_name, index_name = self.item, self.index
        uses_index = self.uses_index
        body = self.body
        multi = body.multi
        has_memo = body.has_memo
        prop = self.key_prop
        by_prop, by_this = kind == "prop", kind == "this"
        uid = self.uid
        items: dict = {}
        new[_ITEMS] = items
        before = prev.get(_ITEMS) if prev is not None else None
        pget = before.get if before is not None else None
        out: list = []
        append = out.append
        keys: list = []
        keep = keys.append
        for idx, item in self._pairs(seq):
            if by_prop:
                k = item.get(prop, _U) if item.__class__ is dict else _U
                if k.__class__ is not int and k.__class__ is not str:
                    k = self._unusual_key(k, idx, ctx)
            elif by_this:
                k = item
                if k.__class__ is not int and k.__class__ is not str:
                    k = self._unusual_key(k, idx, ctx)
            else:
                k = idx
            if k in items:
                _warn_once(ctx, "tpl_wx_key_duplicate", where=self.where,
                           key=self.key_raw or "", value=to_text(k))
                k = ("#dup", idx)
            keep(k)
            e = pget(k) if pget is not None else None
            if e is not None and reuse:
                o = e[0]
                if o is item or (
                        (item.__class__ is str or item.__class__ is int or item.__class__ is float)
                        and o.__class__ is item.__class__ and o == item):
                    if not uses_index or e[1] == idx:
                        items[k] = e
                        if multi:
                            out.extend(e[2])
                        else:
                            append(e[2])
                        continue
            s = dict(scope)
            s[item_name] = item
            s[index_name] = idx
            child_new = {} if has_memo else None
            try:
                res = body.build(s, e[3] if e is not None else None, child_new, ctx,
                                 path + (uid, k))
            except EvalError as err:
                raise body.node.src.error(err.key, body.node.offset, **err.params) from None
            items[k] = (item, idx, res, child_new)
            if multi:
                out.extend(res)   # <block wx:for>: its nodes may be inner loops' items
            else:
                res.key = k
                res.index = idx   # a hint (the list may follow other children)
                append(res)
        if not multi and seq.__class__ is list:
            new[_STATE] = (seq, keys, out)
        return out

    def _patch(self, seq, scope, prev, new, ctx, path) -> list | None:
        """Re-render only the items set_data's paths reach (``list[i]...``); None when the
        paths don't allow it (the list itself set, its length changed, a key changed...), and
        the whole list is looked at as usual.

        Sound because the view data is copy-on-write and the paths are every change since the
        last render (the runtime passes them only when it knows that): an item no path reaches
        is the very object it was, which the item-by-item check would reuse too."""
        state = prev.get(_STATE)
        if state is None or seq.__class__ is not list:
            return None
        old_seq, keys, old_out = state
        n = len(seq)
        if len(old_seq) != n or seq is old_seq:
            return None
        lp = self.list_path
        depth = len(lp)
        dirty: set = set()
        for p in ctx._changed:
            if len(p) <= depth:
                if lp[:len(p)] == p:
                    return None      # the list itself, or what holds it, was set
                continue
            if p[:depth] != lp:
                continue
            i = p[depth]
            if i.__class__ is not int or i >= n:
                return None
            dirty.add(i)
        if not dirty:
            return None
        # a cheap guard against paths that don't tell everything: the ends are unchanged
        for i in (0, n - 1):
            if i not in dirty and seq[i] is not old_seq[i]:
                return None
        kind = self.key_kind
        prop = self.key_prop
        body = self.body
        item_name, index_name = self.item, self.index
        uid = self.uid
        has_memo = body.has_memo
        patched: list = []
        for i in sorted(dirty):
            item = seq[i]
            if kind == "prop":
                k = item.get(prop, _U) if item.__class__ is dict else _U
            elif kind == "this":
                k = item
            else:
                k = i
            old_k = keys[i]
            if k.__class__ is not old_k.__class__ or k != old_k or (
                    k.__class__ is not int and k.__class__ is not str):
                return None          # a new key at this place: items may have moved
            patched.append((i, k, item))
        # the items' memo and the list of their nodes are taken over, not copied (the last
        # render's are let go: the element holding the items has a copy of its own); only
        # the patched items change
        items = new[_ITEMS] = prev[_ITEMS]
        out = old_out
        for i, k, item in patched:
            e = items.get(k)
            s = dict(scope)
            s[item_name] = item
            s[index_name] = i
            child_new = {} if has_memo else None
            try:
                res = body.build(s, e[3] if e is not None else None, child_new, ctx, path + (uid, k))
            except EvalError as err:
                raise body.node.src.error(err.key, body.node.offset, **err.params) from None
            items[k] = (item, i, res, child_new)
            res.key = k
            res.index = i
            out[i] = res
        new[_STATE] = (seq, keys, out)
        ctx._patched = (out, [i for i, _k, _item in patched])
        return out


class TemplateCallR(R):
    """``<template is="name" data="{{...}}"/>``: the template renders in its own scope."""

    __slots__ = ("is_fn", "data_fn", "unit")

    def __init__(self, node: TemplateNode, unit: FileUnit) -> None:
        super().__init__(node)
        self.unit = unit
        is_value = node.attrs["is"]
        self.is_fn = _string_fn(is_value)
        data = node.attrs.get("data")
        self.data_fn = _value_fn(data) if data is not None else None
        names = set(is_value.names) | (set(data.names) if data is not None else set())
        names.add(SLOTS_NAME)
        self.names = tuple(sorted(names))

    def build(self, scope, prev, new, ctx, path):
        name = self.is_fn(scope)
        tnode, tunit = self.unit.find_template(name)
        if tnode is None:
            _warn_once(ctx, "tpl_template_not_found", where=self.where, name=name)
            return []
        if len(path) > _MAX_TEMPLATE_DEPTH:
            raise self.node.error("tpl_template_too_deep", name=name)
        body = tunit.compiled.get(("template", name))
        if body is None or body[0] is not tnode:
            body = (tnode, _compile_children(tnode.children, tunit))
            tunit.compiled[("template", name)] = body
        data = self.data_fn(scope) if self.data_fn is not None else {}
        if data.__class__ is not dict:
            if data is not None and data is not _U:
                _warn_once(ctx, "tpl_template_data_not_object", where=self.where, name=name)
            data = {}
        slots = scope.get(SLOTS_NAME)
        if tunit.wxs or slots is not None:
            data = dict(data)
            if tunit.wxs:
                _inject_wxs(tunit, data, ctx)
            if slots is not None:
                data[SLOTS_NAME] = slots
        out: list = []
        _render_list(body[1], data, prev, new, ctx, path + (self.uid,), out)
        return out


def _inject_wxs(unit: FileUnit, scope: dict, ctx: RenderContext) -> None:
    modules = ctx.wxs_modules
    for name in unit.used_wxs:
        if name not in modules:   # no Python stand-in: the module's own JavaScript runs
            scope[name] = module_exports(unit, name, ctx.owner)
    for name in unit.wxs:
        if name in modules:
            # UNVERIFIED: a wxs module and a data field with the same name - the module wins.
            scope[name] = modules[name]


# --------------------------------------------------------------------------- compiling

def _subtree_tags(rs) -> tuple[frozenset, bool]:
    """The element tags written in compiled nodes ``rs`` and below, and whether nodes from
    elsewhere (a ``<template is>``, a ``<slot>``) may come in too."""
    tags: set = set()
    opaque = False
    stack = list(rs)
    while stack:
        r = stack.pop()
        if isinstance(r, (TemplateCallR, SlotR)):
            opaque = True
        elif isinstance(r, ElementR):
            tags.add(r.tag)
            tags |= r.tags
            opaque = opaque or r.opaque
        elif isinstance(r, BlockR):
            stack.extend(r.children)
        elif isinstance(r, ChainR):
            stack.extend(b for _c, b in r.branches)
        elif isinstance(r, ForR):
            stack.append(r.body)
    return frozenset(tags), opaque


def _compile_children(nodes: list[TemplateNode], unit: FileUnit) -> list[R]:
    out: list[R] = []
    i, n = 0, len(nodes)
    while i < n:
        node = nodes[i]
        if node.tag == "#text":
            out.append(TextR(node))
            i += 1
            continue
        a = node.attrs
        for attr in ("wx:elif", "wx:else"):
            if attr in a:
                raise node.error("tpl_else_without_if", attr=attr, tag=node.tag)
        if "wx:if" in a and "wx:for" not in a:
            branches = [(_Cond(a["wx:if"]), _compile_item(node, unit))]
            j = i + 1
            while j < n:
                nxt = nodes[j]
                if nxt.tag == "#text":
                    if nxt.text.raw.strip():
                        break
                    j += 1
                    continue
                if "wx:elif" in nxt.attrs:
                    branches.append((_Cond(nxt.attrs["wx:elif"]), _compile_item(nxt, unit)))
                    j += 1
                    continue
                if "wx:else" in nxt.attrs:
                    branches.append((None, _compile_item(nxt, unit)))
                    j += 1
                break
            out.append(ChainR(node, branches))
            i = j
            continue
        out.append(_compile_item(node, unit))
        i += 1
    return out


def _compile_item(node: TemplateNode, unit: FileUnit) -> R:
    tag = node.tag
    if tag == "block":
        base: R = BlockR(node, unit)
    elif tag == "template":
        base = TemplateCallR(node, unit)
    elif tag == "slot":
        base = SlotR(node, unit)
    else:
        base = ElementR(node, unit)
    a = node.attrs
    if "wx:for" in a:
        if "wx:if" in a:
            # wx:for and wx:if on one element: the condition is checked for every item.
            base = ChainR(node, [(_Cond(a["wx:if"]), base)])
            base.uid = -node.uid   # distinct memo slot from the loop itself
        return ForR(node, base)
    return base


class Template:
    """A compiled template file (with everything it imports and includes)."""

    def __init__(self, unit: FileUnit) -> None:
        self.unit = unit
        self.filename = unit.filename
        self.roots = _compile_children(unit.nodes, unit)
        names: set = set()
        for r in self.roots:
            names |= set(r.names)
        self.names = frozenset(names - {SLOTS_NAME})
        self.uses_slots = SLOTS_NAME in names
        self._default_ctx: RenderContext | None = None

    @property
    def template_names(self) -> list[str]:
        """Names of the ``<template name>`` definitions this file can use."""
        names = set(self.unit.templates)
        for u in self.unit.imports:
            names |= set(u.templates)
        return sorted(names)

    def render(self, scope: dict, ctx: RenderContext | None = None,
               changed: list | None = None) -> list[VNode]:
        """Render with ``scope`` (the view data). Re-renders reuse what didn't change.

        ``changed``: the data paths (tuples, as ``data.parse_path`` gives) set since the last
        render with this ``ctx``, when *every* change is among them; then a ``wx:for`` over a
        plain path re-renders only the items they reach instead of looking at every item.
        None (the default) when not known: everything is looked at."""
        if ctx is None:
            ctx = self._default_ctx
            if ctx is None:
                ctx = self._default_ctx = RenderContext()
        unit = self.unit
        if unit.wxs or (self.uses_slots and ctx.slots is not None):
            scope = dict(scope)
            if unit.wxs:
                _inject_wxs(unit, scope, ctx)
            if self.uses_slots and ctx.slots is not None:
                scope[SLOTS_NAME] = ctx.slots
        memo = ctx.memo
        prev = memo.get(self)
        new: dict = {}
        out: list[VNode] = []
        outer = ctx._changed, ctx._scope, ctx._place
        ctx._changed, ctx._scope = (changed, scope) if prev is not None else (None, None)
        ctx._place = None
        try:
            _render_list(self.roots, scope, prev, new, ctx, (), out)
        finally:
            ctx._changed, ctx._scope, ctx._place = outer
            ctx._patched = None
        memo[self] = new
        return out

    def __repr__(self) -> str:
        return f"Template({self.filename!r})"


def compile_template(source: str, filename: str = "<template>",
                     loader: Callable[[str, str], Any] | None = None) -> Template:
    """Parse and compile a WXML template. ``loader(src, relative_to) -> (source, filename)``
    reads the files named by ``<import src>`` and ``<include src>`` (see
    :class:`~mini_sdk.wxml.parser.DictLoader` / :class:`~mini_sdk.wxml.parser.FileLoader`).
    Raises :class:`~mini_sdk.errors.TemplateError` naming the file, line and column."""
    return Template(load_unit(source, filename, loader))
