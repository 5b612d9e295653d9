"""What pages and components share: data, set_data, a template, rendering, child components.

In the real framework a page *is* a component (Page methods are the Component instance
methods), so both classes build on :class:`TemplateOwner`.
"""
from __future__ import annotations

import gc
import inspect
import os
import re
from typing import TYPE_CHECKING, Any, Callable

from .control_state import restore as restore_control_state
from .data import (
    json_copy,
    parse_path,
    set_copy_on_write,
    set_in_place,
    to_view_json,
)
from .errors import ProgramError, SetDataError, TemplateError
from .explain import _shell, cell_number
from .wxml.nodes import adopt

if TYPE_CHECKING:  # pragma: no cover
    from .host import Host
    from .wxml.nodes import VNode

#: more set_data paths than this before a render (a page in the background) are not kept:
#: the render then looks at everything
_MAX_NOTED_PATHS = 1024


#: renders so far, of any page or component: what was worked out from a rendered tree
#: (what CSS hides) stays valid while this stays the same
render_count = 0

class TemplateOwner:
    """Base of Page and Component. Students never use it directly."""

    #: WXML source. Leave it out to use ``<module>.wxml`` beside the class's .py file.
    template: str | None = None
    #: WXSS source (page or component style). Leave it out to use ``<module>.wxss`` if present.
    style: str | None = None
    #: Initial data; every instance starts from its own copy.
    data: dict = {}
    #: tag -> Component subclass, like "usingComponents" in page.json.
    using_components: dict = {}
    #: wxs module name -> a Python object (module, class or dict of functions) for <wxs module>.
    wxs: dict = {}
    #: True for Component (set there): what a template may place as a custom tag
    _is_component = False

    # Filled in by MiniProgram.load for classes read from a project folder.
    _template_file: str | None = None
    _style_file: str | None = None
    _project_root: str | None = None
    _label: str | None = None

    # ---------------------------------------------------------------------------------------
    def __init__(self) -> None:
        self._phone: Host | None = None  # handed in by the phone that runs this
        initial = type(self).data
        if not isinstance(initial, dict):
            raise ProgramError("data_not_dict", owner=self._describe(), type=type(initial).__name__)
        self.data = json_copy(initial)
        self._view = json_copy(initial)
        self._vnodes: list[VNode] = []
        self._render_pending = False
        self._render_callbacks: list[Callable[[], Any]] = []
        self._children: dict[tuple, Any] = {}  # key -> child Component instance
        self._slots: dict | None = None
        self._state = "new"
        self._rendered_once = False
        # (view data, paths set since the last render) while every change to the view data
        # went through _set_view; None when that is not known (the renderer then looks at all)
        self._view_changes: tuple | None = None

    # description used in messages ------------------------------------------------------------
    @classmethod
    def _describe(cls) -> str:
        return cls._label or cls.__name__

    # the template ------------------------------------------------------------------------------
    @classmethod
    def _source_file(cls, suffix: str) -> str | None:
        explicit = cls._template_file if suffix == ".wxml" else cls._style_file
        if explicit:
            return explicit
        try:
            module_file = inspect.getfile(cls)
        except (TypeError, OSError):
            return None
        if not module_file.endswith(".py"):
            return None
        candidate = module_file[:-3] + suffix
        return candidate if os.path.exists(candidate) else None

    @classmethod
    def _compiled(cls):
        cached = cls.__dict__.get("_compiled_template")
        if cached is not None:
            return cached
        from .wxml.render import compile_template

        if cls.template is not None:
            source, filename = cls.template, f"{cls.__name__}.template"
        else:
            path = cls._source_file(".wxml")
            if path is None:
                raise ProgramError("template_missing", owner=cls._describe())
            with open(path, encoding="utf-8") as fh:
                source = fh.read()
            filename = cls._relative(path)
        try:
            compiled = compile_template(source, filename, loader=cls._template_loader())
        except TemplateError as err:
            if cls.template is not None:
                cls._point_at_class_source(err)
            raise
        cls._compiled_template = compiled
        return compiled

    @classmethod
    def _cell_source(cls) -> tuple[list[str], int, str]:
        """(lines, 1, filename) of the newest notebook cell that defines this class."""
        import linecache

        shell = _shell()
        mapping = getattr(getattr(shell, "compile", None), "_filename_map", None) or {}
        pattern = re.compile(rf"^\s*class\s+{re.escape(cls.__name__)}\b", re.MULTILINE)
        for filename in reversed(list(mapping)):
            lines = linecache.getlines(filename)
            if pattern.search("".join(lines)):
                return lines, 1, filename
        return [], 1, ""

    @classmethod
    def _point_at_class_source(cls, err: TemplateError) -> None:
        """A template written in the class (a string): add the line of the student's file
        (their notebook cell) that holds the template line in error."""
        text = (getattr(err, "source_line", "") or "").strip()
        if not text:
            return
        try:
            lines, first = inspect.getsourcelines(cls)
            filename = inspect.getsourcefile(cls) or ""
        except (OSError, TypeError):  # a class made in a notebook cell: look in the cells
            lines, first, filename = cls._cell_source()
        hits = [first + i for i, line in enumerate(lines) if line.strip() == text]
        if len(hits) != 1:
            return
        from .messages import catalogue

        number = cell_number(filename)
        cell = catalogue("selfcheck_cell", number=number) if number is not None else (
            os.path.basename(filename) + ", " if filename and not filename.startswith("<") else "")
        err.where = (err.where or "") + "\n" + catalogue("selfcheck_where", cell=cell, line=hits[0],
                                                         code=text)

    @classmethod
    def _relative(cls, path: str) -> str:
        root = cls._project_root
        if root:
            try:
                return os.path.relpath(path, root).replace(os.sep, "/")
            except ValueError:  # pragma: no cover - other drive on Windows
                return path
        return os.path.basename(path)

    @classmethod
    def _template_loader(cls):
        """Reads <import>/<include> files: relative to the including file or the project root."""
        root = cls._project_root
        here = cls._source_file(".wxml")

        def load(src: str, relative_to: str | None = None) -> tuple[str, str]:
            if src.startswith("/"):
                base = root or (os.path.dirname(here) if here else os.getcwd())
                path = os.path.join(base, src.lstrip("/"))
            else:
                if relative_to and root and not os.path.isabs(relative_to):
                    origin = os.path.join(root, relative_to)
                elif relative_to and os.path.isabs(relative_to):
                    origin = relative_to
                else:
                    origin = here or os.path.join(os.getcwd(), "x")
                path = os.path.join(os.path.dirname(origin), src)
            path = os.path.normpath(path)
            if not path.endswith(".wxml") and not os.path.exists(path):
                path += ".wxml"
            if root:  # a project's pages never read files outside the project
                real, top = os.path.realpath(path), os.path.realpath(root)
                if not (real == top or real.startswith(top + os.sep)):
                    raise ValueError(f"{src} is outside the project")
            with open(path, encoding="utf-8") as fh:
                return fh.read(), cls._relative(path)

        return load

    @classmethod
    def _style_loader(cls):
        """Reads the @import files of this page's or component's WXSS: relative to the
        importing file, ``/x`` from the project root; never outside the project (a class
        written in a notebook: its folder)."""
        from .wxml.parser import FileLoader

        path = cls._source_file(".wxss") if cls.style is None else None
        root = cls._project_root or (os.path.dirname(path) if path else os.getcwd())
        return FileLoader(root, extension=".wxss")

    @classmethod
    def _style_source(cls) -> str | None:
        if cls.style is not None:
            return cls.style
        path = cls._source_file(".wxss")
        if path is None:
            return None
        with open(path, encoding="utf-8") as fh:
            return fh.read()

    # set_data ----------------------------------------------------------------------------------
    def set_data(self, data: dict | None = None, callback: Callable[[], Any] | None = None, /, **fields: Any) -> None:
        """Change data and update the page, like ``this.setData`` in real WeChat.

        ``self.set_data({"count": 1})`` or ``self.set_data(count=1)``. Keys may be paths:
        ``{"list[0].name": "奶茶", "user.city": "澳門"}`` (missing parts are created).
        ``self.data`` changes at once; the page redraws right after your handler, and
        ``callback`` runs after that redraw.
        """
        __tracebackhide__ = True
        if data is not None and not isinstance(data, dict):
            raise SetDataError("set_data_not_dict", type=type(data).__name__)
        updates: dict = dict(data) if data else {}
        if fields:
            updates.update(fields)
        if self._state == "created":
            raise SetDataError("set_data_in_created", owner=self._describe())
        paths = list(map(parse_path, updates))
        view_values, _size = to_view_json(updates)
        warn = self._warn
        logic = self.data
        for path, (key, value) in zip(paths, updates.items()):
            if len(path) == 1 and key.__class__ is str:   # {"count": 1}: set_in_place's first case
                logic[key] = value
            else:
                set_in_place(logic, path, value, warn)
            self._set_view(path, view_values[key], warn)
        if self._phone is not None:
            self._phone.version += 1
        self._after_set_data(paths)
        if callback is not None:
            self._render_callbacks.append(callback)
        self._schedule_render()

    def _set_view(self, path: tuple, value: Any, warn=None) -> None:
        """Write ``value`` at ``path`` into the view data (copy-on-write), noting the path for
        the next render."""
        before = self._view
        self._view = set_copy_on_write(before, path, value, warn)
        noted = self._view_changes
        if noted is not None and noted[0] is before and len(noted[1]) < _MAX_NOTED_PATHS:
            noted[1].append(path)
            self._view_changes = (self._view, noted[1])
        else:
            self._view_changes = None

    def _after_set_data(self, paths: list[tuple]) -> None:
        """Hook for components (observers)."""

    def _warn(self, message_key: str, /, **params: Any) -> None:
        if self._phone is not None:
            self._phone.warn(message_key, **params)

    # rendering ---------------------------------------------------------------------------------
    def _schedule_render(self) -> None:
        phone = self._phone
        if phone is None or self._render_pending or self._state in ("new", "unloaded"):
            return
        self._render_pending = True
        phone.clock.call_soon(self._flush_render)

    def _flush_render(self) -> None:
        if not self._render_pending:
            return
        self._render_pending = False
        if self._state == "unloaded":
            return
        self._render()
        if self._render_callbacks:
            callbacks, self._render_callbacks = self._render_callbacks, []
            for cb in callbacks:
                self._phone.run_student_code(cb)

    def _render_context(self):
        """One render context per instance, kept across renders: it holds the render memo."""
        ctx = self.__dict__.get("_ctx")
        if ctx is None:
            from .wxml.render import RenderContext

            ctx = self._ctx = RenderContext(
                owner=self,
                wxs_modules=dict(type(self).wxs or {}),
                components=self._render_context_components(),
                render_component=self._render_component,
                warn=self._warn,
            )
        ctx.slots = self._slots
        return ctx

    @classmethod
    def _using_components(cls) -> dict:
        return dict(cls.using_components or {})

    def _render(self) -> list:
        global render_count
        render_count += 1
        ctx = self._render_context()
        previous = self._children
        view = self._view
        noted = self._view_changes
        changed = noted[1] if noted is not None and noted[0] is view else None
        compiled = type(self)._compiled()
        if not self._rendered_once:
            self._lint(compiled, ctx)
        # A render makes many objects and frees none: the cyclic garbage collector would walk
        # the whole heap again and again (most of a 10,000-item render). It waits till after.
        collecting = gc.isenabled()
        if collecting:
            gc.disable()
        try:
            vnodes = compiled.render(view, ctx, changed)
        finally:
            if collecting:
                gc.enable()
        # set_data during the render (an observer's) leaves the next render to look at all
        self._view_changes = (view, []) if self._view is view else None
        self._vnodes = vnodes
        if self._phone is not None:
            self._phone.version += 1
        self._rendered_once = True
        # Children in a part of the tree the renderer re-used are alive too. (Without
        # components of its own, it has none: nothing to look for.)
        live: dict = {}
        if ctx.components or previous:
            _collect_components(vnodes, self, live)
            for key, child in previous.items():
                if key not in live and child._state not in ("detached", "unloaded"):
                    child._detach()
        self._children = live
        if "_control_state" in self.__dict__:  # what the user typed or toggled stays
            restore_control_state(self)
        return vnodes

    def _lint(self, compiled, ctx) -> None:
        """Warn once per phone and class about what the template writes wrong but renders."""
        phone = self._phone
        if phone is None or (type(self), "lint") in phone._warned_once:
            return
        phone._warned_once.add((type(self), "lint"))
        from .wxml.lint import lint

        for key, params in lint(compiled.unit, ctx.components):
            phone.warn(key, **params)

    def _render_component(self, tag: str, props: dict, slots: dict, key: tuple, node):
        cls = self._ctx.components.get(tag)
        child = self._children.get(key)
        if child is not None and type(child) is not cls:
            child._detach()
            child = None
        if child is None:
            if not (isinstance(cls, type) and issubclass(cls, TemplateOwner) and cls._is_component):
                raise ProgramError("component_not_a_component", tag=tag, owner=self._describe())
            child = cls._create(self._phone, owner=self, page=self._page())
            child._key = key
            child._host = node
            child._slots = slots
            child._apply_properties(props, initial=True)
            node.component = child
            node.children = child._render()
            adopt(node, node.children)
            child._attach()
            self._children[key] = child
        else:
            child._host = node
            node.component = child
            slots_changed = child._slots is not slots
            child._slots = slots
            changed = child._apply_properties(props, initial=False)
            if changed or slots_changed or child._render_pending or not child._vnodes:
                child._render_pending = False
                child._render()
            node.children = child._vnodes
            adopt(node, node.children)
        node.has_components = True
        return node

    def _render_context_components(self) -> dict:
        components = dict(self._phone.program.components) if self._phone and self._phone.program else {}
        components.update(self._using_components())
        return components

    def _page(self):
        return self

    # looking into the rendered tree ------------------------------------------------------------
    def _cached(self, name: str, compute: Callable[[], Any]) -> Any:
        """What a test reads off this page or component (its text, its #id index, a copy of
        its data), computed once until the phone's ``version`` moves or it re-renders."""
        phone = self._phone
        if phone is None:
            return compute()
        reads = self.__dict__.get("_reads")
        if reads is None:
            reads = self._reads = {}
        hit = reads.get(name)
        if hit is not None and hit[0] == phone.version and hit[1] is self._vnodes:
            return hit[2]
        value = compute()
        reads[name] = (phone.version, self._vnodes, value)
        return value

    def select_component(self, selector: str):
        """The first child component matching ``selector`` (like ``this.selectComponent``)."""
        found = self.select_all_components(selector)
        return found[0] if found else None

    def select_all_components(self, selector: str) -> list:
        from .wxml.select import select_all

        return [node.component for node in select_all(self._vnodes, selector) if node.component is not None]


def _collect_components(vnodes, owner, found: dict) -> None:
    """The child components of ``owner`` now in the tree (slot content included)."""
    for node in vnodes:
        comp = node.component
        if comp is not None and comp._owner is owner:
            found[comp._key] = comp
        if node.has_components and node.children:
            _collect_components(node.children, owner, found)

