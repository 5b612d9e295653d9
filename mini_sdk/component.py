"""Component: a reusable piece of page (``Component({...})`` in real WeChat)."""
from __future__ import annotations

from typing import Any, Callable

from .arguments import snake_case
from .data import get_path, paths_touch, parse_path, to_view_json
from .errors import ProgramError, SetDataError
from .events import trigger_custom_event
from .instance import TemplateOwner
from .wxml.nodes import adopt

#: A Python type (or None) per real property type: String, Number, Boolean, Array, Object, null
_TYPE_DEFAULTS: dict[Any, Any] = {str: "", int: 0, float: 0, bool: False, list: [], dict: {}, None: None, object: None}
_TYPE_NAMES = {str: "String", int: "Number", float: "Number", bool: "Boolean", list: "Array", dict: "Object"}

# Observers that keep setting what they watch would loop for ever in real WeChat; we stop.
_MAX_OBSERVER_DEPTH = 32


class Component(TemplateOwner):
    """Subclass it to make your own tag, e.g. ``<drink-card name="奶茶" price="{{12}}">``.

    * ``properties``: what the page passes in. ``{"name": str, "price": {"type": int,
      "value": 0, "observer": "on_price"}}``. Read them in ``self.data``.
    * ``data``: the component's own data. ``observers``: ``{"price, count": "update_total"}``.
    * lifetimes: ``created()`` (no set_data yet), ``attached()``, ``ready()``, ``moved()``,
      ``detached()``; page lifetimes: ``page_show()``, ``page_hide()``, ``page_resize(size)``.
    * every other method is a method the template can bind to.
    * ``self.trigger_event("change", {"value": 1})`` tells the page (``bind:change``).
    """

    properties: dict = {}
    observers: dict = {}
    options: dict = {}
    _is_component = True

    def __init__(self) -> None:
        super().__init__()
        self._owner: TemplateOwner | None = None
        self._page_ref = None
        self._host = None
        self._key: tuple = ()
        self._observer_depth = 0
        for name, spec in self._property_specs().items():
            default = spec["value"]
            self.data.setdefault(name, _copy(default))
            self._view.setdefault(name, _copy(default))

    # properties ---------------------------------------------------------------------------------
    @classmethod
    def _property_specs(cls) -> dict[str, dict]:
        cached = cls.__dict__.get("_specs")
        if cached is not None:
            return cached
        specs: dict[str, dict] = {}
        for name, declared in (cls.properties or {}).items():
            if isinstance(declared, dict):
                ptype = declared.get("type", None)
                value = declared.get("value", _TYPE_DEFAULTS.get(ptype))
                observer = declared.get("observer")
            else:
                ptype, value, observer = declared, None, None
                value = _TYPE_DEFAULTS.get(ptype)
            if ptype not in _TYPE_DEFAULTS:
                raise ProgramError("property_bad_type", owner=cls._describe(), name=name, type=repr(ptype))
            specs[name] = {"type": ptype, "value": value, "observer": observer}
        cls._specs = specs
        return specs

    def _property_name(self, attr: str) -> str | None:
        specs = self._property_specs()
        if attr in specs:
            return attr
        snake = snake_case(attr)
        return snake if snake in specs else None

    def _coerce(self, name: str, value: Any) -> Any:
        spec = self._property_specs()[name]
        ptype = spec["type"]
        if ptype in (None, object):
            return value
        if ptype is bool:
            # UNVERIFIED: the real framework turns a string attribute into a Boolean with JS
            # truthiness (so "false" is true, as the docs warn for checked="false").
            return bool(value)
        if ptype in (int, float):
            if isinstance(value, bool):
                return int(value)
            if isinstance(value, (int, float)):
                return value
            try:
                num = float(str(value).strip())
                return int(num) if num.is_integer() else num
            except ValueError:
                self._warn("property_wrong_type", owner=self._describe(), name=name,
                           expected=_TYPE_NAMES[ptype], value=repr(value))
                return _copy(spec["value"])
        if ptype is str:
            if value is None:
                return ""
            if isinstance(value, bool):
                return "true" if value else "false"
            if isinstance(value, float) and value.is_integer():
                return str(int(value))
            return value if isinstance(value, str) else str(value)
        if isinstance(value, ptype):
            return value
        self._warn("property_wrong_type", owner=self._describe(), name=name,
                   expected=_TYPE_NAMES[ptype], value=repr(value))
        return _copy(spec["value"])

    def _apply_properties(self, props: dict, initial: bool) -> bool:
        """Set properties from the owner's template; returns whether anything changed."""
        specs = self._property_specs()
        changes: dict[str, Any] = {}
        for attr, value in props.items():
            name = self._property_name(attr)
            if name is None:
                continue
            new = self._coerce(name, value)
            if initial or new != self.data.get(name):
                changes[name] = new
        # An attribute that is no longer written keeps the property's last value.
        if not changes:
            return False
        view_values, _ = to_view_json(changes)
        old_values = {name: self.data.get(name) for name in changes}
        for name, value in changes.items():
            self.data[name] = value
            self._set_view((name,), view_values[name])
        for name, value in changes.items():
            observer = specs[name]["observer"]
            if observer and (not initial or value != specs[name]["value"]):
                self._call_observer(observer, value, old_values[name])
        self._after_set_data([(name,) for name in changes])
        return True

    # observers -----------------------------------------------------------------------------------
    @classmethod
    def _parsed_observers(cls) -> list[tuple[list[tuple[tuple, bool]], Any, bool]]:
        cached = cls.__dict__.get("_observer_specs")
        if cached is not None:
            return cached
        parsed = []
        for key, fn in (cls.observers or {}).items():
            fields = []
            everything = False
            for part in key.split(","):
                part = part.strip()
                if part == "**":
                    everything = True
                    continue
                deep = part.endswith(".**")
                if deep:
                    part = part[:-3]
                fields.append((parse_path(part), deep))
            parsed.append((fields, fn, everything))
        cls._observer_specs = parsed
        return parsed

    def _after_set_data(self, paths: list[tuple]) -> None:
        observers = self._parsed_observers()
        if not observers:
            return
        if self._observer_depth >= _MAX_OBSERVER_DEPTH:
            raise SetDataError("observer_loop", owner=self._describe())
        self._observer_depth += 1
        try:
            for fields, fn, everything in observers:
                if everything or any(paths_touch(p, f, deep) for p in paths for f, deep in fields):
                    values = [get_path(self.data, f) for f, _ in fields]
                    self._call_observer(fn, *values)
        finally:
            self._observer_depth -= 1

    def _call_observer(self, fn: Any, *args: Any) -> None:
        method = getattr(self, fn, None) if isinstance(fn, str) else (
            (lambda *a: fn(self, *a)) if callable(fn) else None
        )
        if method is None:
            raise ProgramError("observer_missing", owner=self._describe(), name=str(fn))
        if self._phone is not None:
            self._phone.run_student_code(method, *args)
        else:
            method(*args)

    # lifetimes ----------------------------------------------------------------------------------
    @classmethod
    def _create(cls, phone, owner, page) -> "Component":
        inst = cls()
        inst._phone = phone
        inst._owner = owner
        inst._page_ref = page
        inst._state = "created"
        inst._lifetime("created")
        inst._state = "creating"
        return inst

    def _attach(self) -> None:
        self._state = "attached"
        self._lifetime("attached")
        page = self._page_ref
        if page is not None and getattr(page, "_state", None) in ("shown", "hidden"):
            # added after the page was ready: ready follows right after
            self._phone.clock.call_soon(self._ready)

    def _ready(self) -> None:
        if self._state == "attached":
            self._state = "ready"
            self._lifetime("ready")

    def _detach(self) -> None:
        if self._state in ("detached", "unloaded"):
            return
        for child in list(self._children.values()):
            child._detach()
        self._state = "detached"
        self._lifetime("detached")

    def _lifetime(self, name: str, *args: Any) -> None:
        method = getattr(self, name, None)
        if callable(method) and self._phone is not None:
            self._phone.record("lifetime", owner=self._describe(), hook=name)
            self._phone.run_student_code(method, *args)

    def _schedule_render(self) -> None:
        if self._state in ("creating",):
            return  # the first render follows when the component is put on the page
        super()._schedule_render()

    def _render(self) -> list:
        vnodes = super()._render()
        if self._host is not None:
            self._host.children = vnodes
            adopt(self._host, vnodes)
        return vnodes

    def _page(self):
        return self._page_ref

    # talking to the page ---------------------------------------------------------------------
    def trigger_event(self, name: str, detail: Any = None, options: dict | None = None, /, **kw: Any) -> None:
        """Fire a custom event the page listens to with ``bind:<name>`` (``triggerEvent``).

        ``options``: ``bubbles`` (default False), ``composed`` (default False),
        ``capture_phase`` (default False), as in real WeChat.
        """
        opts = {"bubbles": False, "composed": False, "capture_phase": False}
        for key, value in {**(options or {}), **kw}.items():
            opts[snake_case(key)] = value
        trigger_custom_event(self, name, detail, bubbles=bool(opts["bubbles"]),
                             composed=bool(opts["composed"]))

    def select_owner_component(self):
        return self._owner

    @property
    def is_(self) -> str:
        return self._describe()

    @property
    def id(self) -> str:
        return self._host.id if self._host is not None else ""

    @property
    def dataset(self) -> dict:
        return dict(self._host.dataset) if self._host is not None else {}

    def __repr__(self) -> str:
        return f"<{type(self).__name__} component>"


def _copy(value: Any) -> Any:
    if isinstance(value, (list, dict)):
        import copy

        return copy.deepcopy(value)
    return value


def page_lifetime(owner: TemplateOwner, hook: str, *args: Any) -> None:
    """Tell every component on a page that the page was shown / hidden / resized."""
    for child in list(owner._children.values()):
        method = getattr(child, hook, None)
        if callable(method):
            owner._phone.run_student_code(method, *args)
        page_lifetime(child, hook, *args)


def ready_all(owner: TemplateOwner) -> None:
    for child in list(owner._children.values()):
        ready_all(child)
        child._ready()


Callback = Callable[..., Any]
