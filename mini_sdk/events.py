"""Events: what a handler receives, and how an event travels through the page.

Rules (spec §3.5): touch events go through a capture phase (root to target:
``capture-bind`` / ``capture-catch``) then bubble (target to root: ``bind`` / ``catch`` /
``mut-bind``). ``catch`` stops bubbling, ``capture-catch`` stops everything, among the
``mut-bind`` handlers on the way only the first runs. Other events (``input``, ``change``,
``submit``, custom events without ``bubbles``) reach only the node they happen on.
Across a component's boundary the outside sees the component's tag as ``target``.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable

from .arguments import snake_case
from .wxml.nodes import VNode

if TYPE_CHECKING:  # pragma: no cover
    from .host import Host

#: Events that bubble (spec §3.5); every other event stays on its node.
BUBBLING_EVENTS = frozenset({
    "touchstart", "touchmove", "touchcancel", "touchend", "tap", "longpress", "longtap",
    "transitionend", "animationstart", "animationiteration", "animationend", "touchforcechange",
})
#: Capture phase exists for touch events (≥1.5.0).
CAPTURE_EVENTS = BUBBLING_EVENTS


class Data(dict):
    """A dict whose keys can also be read as attributes: ``event.detail.value``."""

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


class Target:
    """``event.target`` / ``event.current_target``: ``id``, ``dataset``, ``tag_name``."""

    __slots__ = ("id", "dataset", "tag_name", "offset_top", "offset_left", "mark")

    def __init__(self, node: "VNode") -> None:
        self.id = node.id or ""
        self.dataset = Data(node.dataset or {})
        self.tag_name = node.tag
        self.offset_top = 0
        self.offset_left = 0

    def __repr__(self) -> str:
        return f"<{self.tag_name} id={self.id!r} dataset={dict(self.dataset)!r}>"


class _TargetFromNode:
    """An event's ``target`` or ``current_target``: held as the node, made a :class:`Target`
    when first read, and kept."""

    __slots__ = ("slot",)

    def __init__(self, slot: str) -> None:
        self.slot = slot

    def __get__(self, event: Any, owner: Any = None) -> Any:
        if event is None:
            return self
        found = getattr(event, self.slot)
        if found.__class__ is VNode:
            found = Target(found)
            setattr(event, self.slot, found)
        return found

    def __set__(self, event: Any, value: Any) -> None:
        setattr(event, self.slot, value)


class _DataWhenRead:
    """An event's ``detail`` or ``mark``: held as given (a dict, or for ``mark`` the delivery
    whose path's marks it is), made the handler's own :class:`Data` when first read (most tap
    handlers read neither), and kept."""

    __slots__ = ("slot",)

    def __init__(self, slot: str) -> None:
        self.slot = slot

    def __get__(self, event: Any, owner: Any = None) -> Any:
        if event is None:
            return self
        found = getattr(event, self.slot)
        cls = found.__class__
        if cls is _Delivery:
            found = Data(found.mark)
            setattr(event, self.slot, found)
        elif cls is dict:
            found = Data(found)
            setattr(event, self.slot, found)
        return found

    def __set__(self, event: Any, value: Any) -> None:
        setattr(event, self.slot, value)


class Event:
    """What a handler receives: ``type``, ``target``, ``current_target``, ``detail``,
    ``time_stamp`` (ms since the page opened), ``touches``, ``changed_touches``, ``mark``.

    ``target`` and ``current_target`` are made from their nodes when first read (most
    handlers never read them; a rendered node never changes, so they read the same then)."""

    __slots__ = ("type", "time_stamp", "_target", "_current_target", "_detail", "touches",
                 "changed_touches", "_mark")
    #: what an event holds, in this order (what a WXS handler sees: wxml.wxs._plain)
    _fields = ("type", "time_stamp", "target", "current_target", "detail", "touches",
               "changed_touches", "mark")

    def __init__(self, type: str, time_stamp: int, target: "Target | VNode",
                 current_target: "Target | VNode", detail: Any, touches: list,
                 mark: "dict | _Delivery") -> None:
        self.type = type
        self.time_stamp = time_stamp
        self._target = target
        self._current_target = current_target
        self._detail = Data(detail) if isinstance(detail, dict) and detail.__class__ is not dict \
            else detail   # (a plain dict is made a Data when read)
        self.touches = touches
        self.changed_touches = touches
        self._mark = mark

    target = _TargetFromNode("_target")
    current_target = _TargetFromNode("_current_target")
    detail = _DataWhenRead("_detail")
    mark = _DataWhenRead("_mark")

    def __repr__(self) -> str:
        return f"<Event {self.type} on {self.current_target!r} detail={self.detail!r}>"


def tree_path(roots: Iterable["VNode"], target: "VNode") -> list["VNode"] | None:
    """Nodes from a root down to ``target`` (inclusive), or None if it is not in the tree.

    O(depth): walks up ``target``'s parent links (``VNode.parent``, a ``wxml.nodes.Place``),
    checking at each step that the node really is among the children of the element now at
    that place, until it reaches one of ``roots``. A node no longer on the page (or put in
    place by hand without links) fails a check; then a search of the whole tree decides."""
    if roots.__class__ is not list:
        roots = list(roots)
    path = _walk_up(roots, target)
    if path is not None:
        return path
    for root in roots:
        if root is target:
            return [root]
        path = _find(root, target)
        if path is not None:
            return path
    return None


def _walk_up(roots: list, node: "VNode") -> list["VNode"] | None:
    path = [node]
    n = len(roots)
    while True:
        i = node.index
        if i < n and roots[i] is node:
            path.reverse()
            return path
        place = node.parent
        if place is None:
            if _position(roots, node, i) is None:
                return None
            path.reverse()
            return path
        parent = place.node
        if parent is None:
            return None
        kids = parent.children
        if i >= len(kids) or kids[i] is not node:
            i = _position(kids, node, i)
            if i is None:
                return None
            node.index = i
        path.append(parent)
        node = parent


def _position(nodes: list, node: "VNode", hint: int) -> int | None:
    """Where ``node`` is in ``nodes`` (looked for near ``hint`` first), or None."""
    try:
        return nodes.index(node, hint, hint + 64)
    except ValueError:
        pass
    try:
        return nodes.index(node)
    except ValueError:
        return None


def _find(node: "VNode", target: "VNode") -> list["VNode"] | None:
    # iterative depth-first search; pages can be deep
    stack = [(node, [node])]
    while stack:
        current, path = stack.pop()
        if current is target:
            return path
        children = current.children
        if children:
            for child in reversed(children):
                stack.append((child, path + [child]))
    return None


def _seen_target(path: list["VNode"], owner: Any) -> "VNode":
    """The node a handler owned by ``owner`` sees as target: the innermost node on the path
    that ``owner``'s template made (an event from inside a component is retargeted to the
    component's tag for the page)."""
    for node in reversed(path):
        if node.owner is owner:
            return node
    return path[-1]


def dispatch(phone: "Host", path: list["VNode"], event_type: str, detail: Any = None,
             touches: list | None = None, bubbles: bool | None = None,
             boundary_owner: Any = None) -> list[dict]:
    """Deliver one event along ``path`` (root ... target). Returns the handlers that ran.

    ``boundary_owner``: for custom events without ``composed``, handlers of other owners
    (outside the component's owner tree) are not reached.
    """
    __tracebackhide__ = True
    # the nodes on the path that listen to this event at all (most taps: one or two), and
    # whether any of them listens in the capture phase (most taps: none)
    bound = []
    capturing = False
    for index, node in enumerate(path):
        events = node.events
        if events:
            found = events.get(event_type)
            if found:
                bound.append((index, node, found))
                if not capturing:
                    for binding in found:
                        if binding.phase in _CAPTURE_PHASES:
                            capturing = True
    if not bound:
        return []
    if bubbles is None:
        bubbles = event_type in BUBBLING_EVENTS
    delivery = _Delivery(phone, path, event_type, detail if detail is not None else {},
                         touches or [], boundary_owner)
    run = delivery.run
    # capture phase: root -> target
    if capturing and event_type in CAPTURE_EVENTS:
        for index, node, found in bound:
            for binding in found:
                if binding.phase in _CAPTURE_PHASES and binding.handler not in ("", None):
                    run(node, binding)
                    if binding.phase == "capture-catch":
                        return delivery.ran
    # bubble phase: target -> root (or the target only)
    last = len(path) - 1
    nodes = reversed(bound) if bubbles else [b for b in bound if b[0] == last]
    mut_done = False
    for index, node, found in nodes:
        stop = False
        for binding in found:
            phase = binding.phase
            if phase not in _BUBBLE_PHASES or binding.handler in ("", None):
                continue
            if phase == "mut-bind":
                if mut_done:
                    continue
                mut_done = True
            run(node, binding)
            if phase == "catch":
                stop = True
        if stop:
            break
    return delivery.ran


class _Delivery:
    """One event on its way along a path: what every handler it reaches is given."""

    __slots__ = ("phone", "path", "event_type", "detail", "touches", "boundary_owner", "ran",
                 "_mark")

    def __init__(self, phone, path: list, event_type: str, detail: Any, touches: list,
                 boundary_owner: Any) -> None:
        self.phone = phone
        self.path = path
        self.event_type = event_type
        self.detail = detail
        self.touches = touches
        self.boundary_owner = boundary_owner
        self.ran: list[dict] = []
        self._mark = None

    @property
    def mark(self) -> dict:
        """The marks of every node on the path (worked out for the first handler)."""
        mark = self._mark
        if mark is None:
            mark = self._mark = {}
            for node in self.path:
                if node.marks:
                    mark.update(node.marks)
        return mark

    def run(self, node: "VNode", binding) -> None:
        __tracebackhide__ = True
        owner = binding.owner
        if self.boundary_owner is not None and owner is not self.boundary_owner:
            return
        phone = self.phone
        path = self.path
        event_type = self.event_type
        seen = path[-1] if path[-1].owner is owner else _seen_target(path, owner)
        page = phone.current_page
        opened = page._opened_at if page is not None else 0
        event = Event(event_type, phone.clock.now - opened, seen, node, self.detail,
                      self.touches, self)   # (its mark: this delivery's, worked out when read)
        handler = binding.handler
        if callable(handler):  # a wxs function bound as handler: (event, owner_instance)
            phone.run_student_code(handler, event, owner)
            self.ran.append({"handler": getattr(handler, "__name__", "wxs"), "node": node.tag})
            return
        method = resolve_handler(owner, handler)
        if method is None:
            phone.warn("handler_missing", owner=owner._describe(), handler=handler, event=event_type)
            return
        described = owner._describe()
        entry = {"handler": handler, "node": node.tag, "owner": described}
        self.ran.append(entry)
        phone.record("event", type=event_type, handler=handler, owner=described)
        entry["result"] = phone.run_student_code(method, event)


_CAPTURE_PHASES = frozenset({"capture-bind", "capture-catch"})
_BUBBLE_PHASES = frozenset({"bind", "catch", "mut-bind"})


def _bindings(node: "VNode", event_type: str, phases: tuple[str, ...]) -> list:
    events = node.events
    if not events:
        return []
    found = events.get(event_type)
    if not found:
        return []
    return [b for b in found if b.phase in phases and b.handler not in ("", None)]


def has_binding(path: list["VNode"], event_type: str) -> bool:
    return any(_bindings(node, event_type, ("bind", "catch", "mut-bind", "capture-bind", "capture-catch"))
               for node in path)


def resolve_handler(owner: Any, name: str):
    """Find the method a template names: exactly, or its snake_case form (``addItem`` ->
    ``add_item``), so WXML copied from real WeChat works with Python method names."""
    if not isinstance(name, str) or not name:
        return None
    method = getattr(owner, name, None)
    if method is None:
        method = getattr(owner, snake_case(name), None)
    return method if callable(method) else None


def trigger_custom_event(component, name: str, detail: Any, bubbles: bool, composed: bool) -> None:
    host = component._host
    phone = component._phone
    owner = component._owner
    if host is None or phone is None or owner is None:
        return
    page = component._page_ref
    roots = page._vnodes if page is not None else owner._vnodes
    path = tree_path(roots, host) or [host]
    phone.record("trigger_event", owner=component._describe(), name=name, detail=detail)
    dispatch(phone, path, name, detail, bubbles=bubbles,
             boundary_owner=None if composed else owner)


class EventChannel:
    """Talk between an opener page and the page it opened (``navigate_to(events=...)``)."""

    def __init__(self, phone) -> None:
        self._phone = phone
        self._listeners: dict[str, list] = {}
        self.peer: EventChannel | None = None

    def on(self, name: str, fn) -> None:
        self._listeners.setdefault(name, []).append((fn, False))

    def once(self, name: str, fn) -> None:
        self._listeners.setdefault(name, []).append((fn, True))

    def off(self, name: str, fn=None) -> None:
        if fn is None:
            self._listeners.pop(name, None)
        else:
            self._listeners[name] = [(f, o) for f, o in self._listeners.get(name, []) if f is not fn]

    def emit(self, name: str, data: Any = None) -> None:
        target = self.peer if self.peer is not None else self
        listeners = target._listeners.get(name, [])
        target._listeners[name] = [(f, o) for f, o in listeners if not o]
        for fn, _once in listeners:
            self._phone.run_student_code(fn, data)
