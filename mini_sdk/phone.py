"""The simulated phone: runs one mini-program on a virtual clock.

It owns the page stack (at most 10), the routes with the real lifecycle order and failure
rules (spec §4.3), the tab pages that stay alive, App and Page lifecycles, event delivery
from a tap or a keystroke, the services behind ``wx`` (storage, network, pay...), and a log of
what happened, as plain data, for tests and graders.

Student code (handlers, hooks, callbacks) always runs through :meth:`Phone.run_student_code`:
an exception there is reported the way real WeChat does (``App.on_error``, recorded in
``phone.errors``) and re-raised with only the student's own lines in its traceback; code that
runs too long is stopped (``time_limit``), and so is code the student interrupts, with a
message naming their function and line.
"""
from __future__ import annotations

import linecache
import os
import posixpath
from typing import Any, Callable

from . import time_limit
from .app import App
from .arguments import StudentFunctionSignatureError, fit_arguments, function_name, where_defined
from .clock import ClockRunaway, VirtualClock
from .component import page_lifetime, ready_all
from .control_state import remember
from .errors import BlockedByDialog, MiniProgramError, NavigationError, ProgramError
from .events import EventChannel, dispatch, has_binding, tree_path
from .explain import _trimmed, student_frame
from .page import PAGE_HOOKS, Page
from .program import MiniProgram, draw_programs_with, normalize_page_path
from .screen import NotFoundPage, phone_html, screen_text
from .wx import _phone as _current
from .wx._phone import active_phone
from .wx.device import DEVICE_INFO
from .wx.services import Services

#: "小程序中页面栈最多十层"
MAX_PAGE_STACK = 10
#: a long press is reported after the finger stays 350 ms
LONG_PRESS_MS = 350
#: scene 1001: opened from the discover list; 1030: automated test
SCENE_DEFAULT = 1001
#: every phone's wall clock starts at 2024-09-01 08:00:00 Beijing time (deterministic)
WALL_CLOCK_START_MS = 1725148800000

#: which phone student code is about when it names none (wx, get_app, timers): the one
#: global, kept below the wx APIs that read it (mini_sdk.wx._phone); the phone sets it
_active = _current.running


def get_app() -> App:
    """The running program's App instance (``getApp()``).

    Called while the program runs (a hook, a handler, a callback) it is that program's App.
    Called at the top of a file, as JavaScript's ``const app = getApp()`` habit does, it is a
    handle that reaches the App of whichever program is running when it is used, so it never
    pins the App of another program an earlier ``launch()`` left open."""
    __tracebackhide__ = True
    phone = _active.get()
    if phone is not None and phone.app is not None:
        return phone.app
    return _APP_HANDLE


class _AppHandle:
    """What ``get_app()`` gives outside a running program: the running program's App, looked
    up at each use (in WeChat app.js has run before any page file, so ``getApp()`` at the top
    of a page file is the App; here the App exists only once a phone launches)."""

    __slots__ = ()

    @staticmethod
    def _app() -> App:
        __tracebackhide__ = True
        phone = _active.get()
        if phone is None or phone.app is None:
            phone = _current.last_launched()
        if phone is None or phone.app is None:
            raise MiniProgramError("get_app_no_program")
        return phone.app

    def __getattr__(self, name: str) -> Any:
        __tracebackhide__ = True
        return getattr(self._app(), name)

    def __setattr__(self, name: str, value: Any) -> None:
        __tracebackhide__ = True
        setattr(self._app(), name, value)

    def __eq__(self, other: Any) -> bool:
        other = other._app() if isinstance(other, _AppHandle) else other
        return self._app() is other

    __hash__ = object.__hash__

    def __repr__(self) -> str:
        try:
            return f"<get_app(): {self._app()!r}>"
        except MiniProgramError:
            return "<get_app(): the App of the program that will be running>"


_APP_HANDLE = _AppHandle()


def get_current_pages() -> list:
    """The page stack, first page first, current page last (``getCurrentPages()``)."""
    return list(active_phone().page_stack)


class Phone:
    """One phone running one mini-program. Tests use it through ``mini_sdk.testing.launch``."""

    def __init__(self, program: MiniProgram | None, *, user_id: str = "student",
                 scene: int = SCENE_DEFAULT, device_info: dict | None = None) -> None:
        self.program = program
        self.clock = VirtualClock()
        self.user_id = user_id
        self.scene = scene
        self.device_info = {**DEVICE_INFO, **(device_info or {})}
        #: the phone's virtual wall clock reads epoch_ms + clock.now (ms since 1970)
        self.epoch_ms = WALL_CLOCK_START_MS
        self.app: App | None = None
        self.page_stack: list[Page] = []
        self._tab_pages: dict[str, Page] = {}
        self.log: list[dict] = []
        self.warnings: list[dict] = []
        self.errors: list[dict] = []
        self.app_visible = False
        self.launched = False
        self.pull_down_refreshing = False
        self._title_override: dict[int, str] = {}
        self._services = None
        self._warned_once: set = set()
        #: goes up whenever what a page shows or holds may have changed (a render, set_data,
        #: student code run, the clock settling): what the driver caches is keyed on it
        self.version = 0

    # services behind wx ------------------------------------------------------------------
    @property
    def services(self):
        if self._services is None:
            self._services = Services(self)
        return self._services

    # the log ------------------------------------------------------------------------------
    def record(self, kind: str, **payload: Any) -> None:
        self.log.append({"kind": kind, "time": self.clock.now, **payload})

    def warn(self, message_key: str, /, **params: Any) -> None:
        """A warning a real console would show. Never written to stderr (nbgrader would mark a
        test cell that writes to stderr as failed); kept in ``phone.warnings``."""
        from .messages import catalogue

        message = catalogue(message_key, **params) if message_key in catalogue else message_key
        self.warnings.append({"message_key": message_key, "message": message, "time": self.clock.now,
                              **{k: v for k, v in params.items() if isinstance(v, (str, int, float, bool))}})

    @property
    def lifecycle(self) -> list[str]:
        """Lifecycle hooks in the order they ran: ``["App.on_launch", "pages/index/index.on_load", ...]``."""
        return [f"{e['owner']}.{e['hook']}" for e in self.log if e["kind"] in ("lifecycle", "lifetime")]

    # running student code -----------------------------------------------------------------
    def run_student_code(self, fn: Callable[..., Any], *args: Any, report_to_app: bool = True) -> Any:
        """Run a handler, hook or callback of the student's. An exception is recorded in
        ``phone.errors``, passed to ``App.on_error`` (not for server code: pass
        ``report_to_app=False``, a real server's crash never reaches the app) and raised
        again with only the student's own frames in its traceback."""
        __tracebackhide__ = True
        token = _active.set(self)
        watch = time_limit.watch()
        outermost = not watch.depth   # (watch.outermost, read without a call)
        try:
            try:
                args = fit_arguments(fn, args)
            except StudentFunctionSignatureError as exc:
                entry = {"type": "TypeError", "message": exc.message, "function": function_name(fn),
                         "where": where_defined(fn)}
                self.errors.append(entry)
                self.record("error", **entry)
                raise
            with watch:
                return fn(*args)
        except time_limit.Expired as exc:
            if not outermost:
                raise
            raise self._stopped(exc, fn, time_limit.TimeLimitError, "time_limit",
                                seconds=f"{time_limit.SECONDS:g}") from None
        except KeyboardInterrupt as exc:
            if not outermost or isinstance(exc, time_limit.Interrupted):
                raise
            raise self._stopped(exc, fn, time_limit.Interrupted, "interrupted") from None
        except MiniProgramError as exc:
            raise _trimmed(exc)
        except ClockRunaway:
            raise MiniProgramError("clock_runaway") from None
        except Exception as exc:
            if not getattr(exc, "_mini_sdk_reported", False):
                exc._mini_sdk_reported = True
                self._report_error(exc, fn, report_to_app)
            raise _trimmed(exc)
        finally:
            self.version += 1   # student code may change its data without set_data
            _active.reset(token)

    def _stopped(self, exc: BaseException, fn: Callable[..., Any], kind: type, key: str,
                 **params: Any) -> BaseException:
        """The student's code was stopped (time limit, or the stop button): an error naming
        their function and line, recorded in ``phone.errors``, whose traceback is theirs."""
        tb = student_frame(exc, skip_libraries=True)
        first = time_limit.first_stop() if kind is time_limit.TimeLimitError else None
        where = _student_location(exc)
        if first is not None:   # their except swallowed the first stop: name where that was (the loop)
            code, line = first
            function, text = code.co_name, linecache.getline(code.co_filename, line).strip()
            where = f"{os.path.basename(code.co_filename)}:{line}"
        elif tb is not None:
            code = tb.tb_frame.f_code
            function, line = code.co_name, tb.tb_lineno
            text = linecache.getline(code.co_filename, line).strip()
        else:
            function = getattr(fn, "__name__", "?")
            line, text = "?", ""
        error = kind(key, function=function, line=line, code=text or "…", **params)
        if first is not None:
            error.student_where = (first[0].co_filename, line)   # 👉 the same line (explain.student_line)
        entry = {"type": kind.__name__, "message": str(error), "function": function, "where": where}
        self.errors.append(entry)
        self.record("error", **entry)
        return error.with_traceback(_trimmed(exc).__traceback__)

    def _report_error(self, exc: BaseException, fn: Callable[..., Any], to_app: bool = True) -> None:
        where = _student_location(exc)
        name = getattr(fn, "__qualname__", getattr(fn, "__name__", "?"))
        entry = {"type": type(exc).__name__, "message": str(exc), "function": name, "where": where}
        self.errors.append(entry)
        self.record("error", **entry)
        app = self.app
        if to_app and app is not None and type(app).on_error is not App.on_error:
            message = f"{type(exc).__name__}: {exc}\n    at {name} ({where})"
            try:
                token = _active.set(self)
                try:
                    app.on_error(message)
                finally:
                    _active.reset(token)
            except Exception:  # an error inside on_error must not hide the first one
                pass

    def _hook(self, owner: Any, hook: str, *args: Any) -> Any:
        method = getattr(owner, hook, None)
        label = "App" if isinstance(owner, App) else owner.route
        self.record("lifecycle", owner=label, hook=hook)
        if callable(method):
            return self.run_student_code(method, *args)
        return None

    def _check_hook_names(self, cls: type) -> None:
        if cls in self._warned_once:
            return
        self._warned_once.add(cls)
        for snake, camel in PAGE_HOOKS.items():
            if camel in vars(cls) and snake not in vars(cls):
                self.warn("hook_camel_case", owner=cls.__name__, camel=camel, snake=snake)

    # the clock ------------------------------------------------------------------------------
    def settle(self) -> None:
        """Run everything due now (renders, replies, callbacks): what happens 'right after'."""
        __tracebackhide__ = True
        token = _active.set(self)
        try:
            self.clock.settle()
        except ClockRunaway:
            raise MiniProgramError("clock_runaway") from None
        finally:
            self.version += 1   # every user action ends here (typed text, a switch...)
            _active.reset(token)

    def advance(self, ms: float) -> None:
        """Let ``ms`` milliseconds of virtual time pass (toasts vanish, timers fire)."""
        __tracebackhide__ = True
        token = _active.set(self)
        try:
            self.clock.advance(ms)
        except ClockRunaway:
            raise MiniProgramError("clock_runaway") from None
        finally:
            self.version += 1
            _active.reset(token)

    # launching ------------------------------------------------------------------------------
    def launch(self, path: str | None = None, query: dict | None = None, scene: int | None = None) -> "Phone":
        """Cold start: App.on_launch, App.on_show, then the first page (or ``path``)."""
        __tracebackhide__ = True
        if self.program is None:
            raise ProgramError("phone_no_program")
        if scene is not None:
            self.scene = scene
        _current.note_launched(self)
        if not self.launched:
            for entry in getattr(self.program, "left_out", ()):
                params = {k: v for k, v in entry.items() if k != "message_key"}
                self.warn(entry["message_key"], **params)  # what MiniProgram.load left out
        self.launched = True
        self.app_visible = True
        target = normalize_page_path(path) if path else self.program.launch_page
        query = {str(k): str(v) for k, v in (query or {}).items()}
        options = {"path": target, "query": dict(query), "scene": self.scene,
                   "share_ticket": None, "referrer_info": {}}
        token = _active.set(self)
        try:
            self.app = self.program.app_class()
            self.app._phone = self
            self._hook(self.app, "on_launch", dict(options))
            self._hook(self.app, "on_show", dict(options))
            if target in self.program.pages:
                self._push(target, query)
            else:
                self._page_not_found(target, query, entry=True)
        finally:
            _active.reset(token)
        self.settle()
        return self

    def restart(self) -> "Phone":
        """Close the program and open it again on the same phone (storage is kept)."""
        for page in reversed(self.page_stack):
            self._unload(page)
        for page in list(self._tab_pages.values()):
            self._unload(page)
        self.page_stack.clear()
        self._tab_pages.clear()
        self.epoch_ms += self.clock.now  # wall time goes on; the new run's clock starts at 0
        self.clock = VirtualClock()
        if self._services is not None:
            self._services.relaunched()  # storage stays; toasts, sheets, requests in flight go
        self.launch()
        return self

    def _page_not_found(self, path: str, query: dict, entry: bool) -> None:
        handler = getattr(self.app, "on_page_not_found", None)
        if callable(handler):
            self._hook(self.app, "on_page_not_found",
                       {"path": path, "query": dict(query), "is_entry_page": entry})
            self.settle()
            if self.page_stack:
                return
        self.record("page_not_found", path=path)
        self._push(path, query, cls=NotFoundPage)

    # pages ----------------------------------------------------------------------------------
    @property
    def current_page(self) -> Page | None:
        return self.page_stack[-1] if self.page_stack else None

    def _make_page(self, path: str, query: dict, cls: type | None = None) -> Page:
        cls = cls or self.program.pages[path]
        self._check_hook_names(cls)
        token = _active.set(self)
        try:
            page = cls()
        finally:
            _active.reset(token)
        page._phone = self
        page.route = path
        page.options = dict(query)
        page._opened_at = self.clock.now
        return page

    def _load(self, page: Page, query: dict) -> None:
        """onLoad -> onShow -> first render -> components ready -> onReady."""
        page._state = "loading"
        token = _active.set(self)
        try:
            page._render()  # the first render from initial data; components attach here
            self._hook(page, "on_load", dict(query))
            self._hook(page, "on_show")
            page._state = "shown"
            if page._render_pending:
                page._flush_render()
            ready_all(page)
            self._hook(page, "on_ready")
        finally:
            _active.reset(token)

    def _push(self, path: str, query: dict, cls: type | None = None) -> Page:
        is_tab = self.program.is_tab_page(path) and cls is None
        page = self._tab_pages.get(path) if is_tab else None
        if page is not None:
            self.page_stack.append(page)
            self._show(page)
            return page
        page = self._make_page(path, query, cls)
        self.page_stack.append(page)
        if is_tab:
            self._tab_pages[path] = page
        self._load(page, query)
        return page

    def _show(self, page: Page) -> None:
        page._state = "shown"
        self._hook(page, "on_show")
        page_lifetime(page, "page_show")
        if page._render_pending:
            page._flush_render()

    def _hide(self, page: Page) -> None:
        if page._state != "shown":
            return
        page._state = "hidden"
        self._hook(page, "on_hide")
        page_lifetime(page, "page_hide")

    def _unload(self, page: Page) -> None:
        if page._state == "unloaded":
            return
        self._hook(page, "on_unload")
        for child in list(page._children.values()):
            child._detach()
        page._state = "unloaded"
        if self._tab_pages.get(page.route) is page:
            del self._tab_pages[page.route]

    # routes (spec §4.3) ---------------------------------------------------------------------
    def _resolve(self, url: str, api: str) -> tuple[str, dict]:
        if not isinstance(url, str) or not url.strip():
            raise NavigationError("route_no_url", err_msg=f"{api}:fail parameter error: parameter.url should be String", api=api)
        raw_path, _, raw_query = url.strip().partition("?")
        if raw_path.startswith("/"):
            path = normalize_page_path(raw_path)
        else:
            base = posixpath.dirname(self.current_page.route) if self.current_page else ""
            path = normalize_page_path(posixpath.normpath(posixpath.join(base, raw_path)))
        query: dict[str, str] = {}
        for pair in raw_query.split("&"):
            if not pair:
                continue
            key, _, value = pair.partition("=")
            # UNVERIFIED: the spec says whether query values are URL-decoded is not confirmed;
            # community reports say they arrive as written, so we pass them on undecoded.
            query[key] = value
        return path, query

    def _require_page(self, path: str, api: str) -> None:
        if path not in self.program.pages:
            # UNVERIFIED wording (spec §4.3)
            raise NavigationError("route_page_not_found", err_msg=f'{api}:fail page "{path}" is not found',
                                  api=api, path=path, pages=", ".join(self.program.pages))

    def navigate_to(self, url: str, events: dict | None = None) -> dict:
        """Open a page on top of this one (``wx.navigateTo``). Returns ``{"event_channel": ...}``."""
        __tracebackhide__ = True
        api = "navigateTo"
        path, query = self._resolve(url, api)
        self._require_page(path, api)
        if self.program.is_tab_page(path):
            # UNVERIFIED wording (spec §4.3)
            raise NavigationError("route_tab_page", err_msg=f"{api}:fail can not {api} a tabbar page",
                                  api=api, path=path)
        if len(self.page_stack) >= MAX_PAGE_STACK:
            raise NavigationError("route_stack_full", err_msg=f"{api}:fail webview count limit exceed",
                                  limit=MAX_PAGE_STACK)
        opener_side = EventChannel(self)
        for name, fn in (events or {}).items():
            opener_side.on(name, fn)
        token = _active.set(self)
        try:
            if self.current_page is not None:
                self._hide(self.current_page)
            page = self._make_page(path, query)
            opened_side = EventChannel(self)
            opened_side.peer, opener_side.peer = opener_side, opened_side
            page._opener_channel = opened_side
            self.page_stack.append(page)
            self._load(page, query)
        finally:
            _active.reset(token)
        self.record("route", api=api, path=path, query=query)
        return {"err_msg": f"{api}:ok", "event_channel": opener_side}

    def redirect_to(self, url: str) -> dict:
        """Close this page and open another (``wx.redirectTo``)."""
        __tracebackhide__ = True
        api = "redirectTo"
        path, query = self._resolve(url, api)
        self._require_page(path, api)
        if self.program.is_tab_page(path):
            raise NavigationError("route_tab_page", err_msg=f"{api}:fail can not {api} a tabbar page",
                                  api=api, path=path)
        token = _active.set(self)
        try:
            if self.page_stack:
                self._unload(self.page_stack.pop())
            page = self._make_page(path, query)
            self.page_stack.append(page)
            self._load(page, query)
        finally:
            _active.reset(token)
        self.record("route", api=api, path=path, query=query)
        return {"err_msg": f"{api}:ok"}

    def navigate_back(self, delta: int = 1) -> dict:
        """Close ``delta`` pages (``wx.navigateBack``); stops with one page left."""
        __tracebackhide__ = True
        api = "navigateBack"
        try:
            delta = int(delta)
        except (TypeError, ValueError):
            delta = 1
        if len(self.page_stack) <= 1:
            # UNVERIFIED wording (community-observed)
            raise NavigationError("route_back_first_page", err_msg=f"{api}:fail cannot navigate back at first page.")
        delta = max(1, min(delta, len(self.page_stack) - 1))
        token = _active.set(self)
        try:
            for _ in range(delta):
                self._unload(self.page_stack.pop())
            self._show(self.current_page)
        finally:
            _active.reset(token)
        self.record("route", api=api, delta=delta, path=self.current_page.route)
        return {"err_msg": f"{api}:ok"}

    def switch_tab(self, url: str) -> dict:
        """Show a tab page, closing every non-tab page (``wx.switchTab``)."""
        __tracebackhide__ = True
        api = "switchTab"
        path, query = self._resolve(url, api)
        self._require_page(path, api)
        if not self.program.is_tab_page(path):
            # UNVERIFIED wording
            raise NavigationError("route_not_tab_page", err_msg=f"{api}:fail can not switch to no-tabBar page",
                                  path=path, tabs=", ".join(self.program.tab_pages))
        if query:
            self.warn("route_switch_tab_query", url=url)
        current = self.current_page
        if current is not None and current.route == path and current is self._tab_pages.get(path):
            return {"err_msg": f"{api}:ok"}  # A -> A: nothing happens
        token = _active.set(self)
        try:
            while self.page_stack and not (
                self.program.is_tab_page(self.page_stack[-1].route)
                and self._tab_pages.get(self.page_stack[-1].route) is self.page_stack[-1]
            ):
                self._unload(self.page_stack.pop())  # D.onUnload, C.onUnload ...
            if self.page_stack and self.page_stack[-1] is current:
                self._hide(current)  # A -> B: A only hides; tab pages stay alive
            self.page_stack.clear()
            target = self._tab_pages.get(path)
            if target is not None:
                self.page_stack.append(target)
                self._show(target)
            else:
                self._push(path, {})
            self._tab_tapped(path)
        finally:
            _active.reset(token)
        self.record("route", api=api, path=path)
        return {"err_msg": f"{api}:ok"}

    def re_launch(self, url: str) -> dict:
        """Close every page and open one (``wx.reLaunch``); any page, query allowed."""
        __tracebackhide__ = True
        api = "reLaunch"
        path, query = self._resolve(url, api)
        self._require_page(path, api)
        token = _active.set(self)
        try:
            while self.page_stack:
                self._unload(self.page_stack.pop())
            for page in list(self._tab_pages.values()):
                self._unload(page)
            self._tab_pages.clear()
            self._push(path, query)
        finally:
            _active.reset(token)
        self.record("route", api=api, path=path, query=query)
        return {"err_msg": f"{api}:ok"}

    def _tab_tapped(self, path: str) -> None:
        page = self.current_page
        hook = getattr(page, "on_tab_item_tap", None)
        if callable(hook):
            items = self.program.tab_bar["list"]
            index = next(i for i, item in enumerate(items) if item["pagePath"] == path)
            self._hook(page, "on_tab_item_tap", {"index": index, "page_path": path, "text": items[index]["text"]})

    def tap_tab(self, index_or_text: int | str) -> None:
        """Tap an item of the tab bar, by position or by its text."""
        __tracebackhide__ = True
        if not self.program.tab_bar:
            raise ProgramError("tab_bar_none")
        self._require_reachable("tap_tab")
        items = self.program.tab_bar["list"]
        if isinstance(index_or_text, int):
            if not 0 <= index_or_text < len(items):
                raise ProgramError("tab_bar_no_item", item=str(index_or_text),
                                   items=", ".join(i["text"] for i in items))
            item = items[index_or_text]
        else:
            matches = [i for i in items if i["text"] == index_or_text or i["pagePath"] == normalize_page_path(index_or_text)]
            if not matches:
                raise ProgramError("tab_bar_no_item", item=index_or_text,
                                   items=", ".join(i["text"] for i in items))
            item = matches[0]
        self.switch_tab("/" + item["pagePath"])
        self.settle()

    # title and pull-down ---------------------------------------------------------------------
    def set_navigation_bar_title(self, title: str) -> None:
        if self.current_page is not None:
            self._title_override[id(self.current_page)] = str(title)

    @property
    def title(self) -> str:
        page = self.current_page
        if page is None:
            return ""
        if id(page) in self._title_override:
            return self._title_override[id(page)]
        if page.route in (self.program.pages if self.program else {}):
            return str(self.program.page_window(page.route).get("navigationBarTitleText", ""))
        return ""

    def start_pull_down_refresh(self) -> None:
        page = self.current_page
        if page is None:
            return
        self.pull_down_refreshing = True
        self.record("pull_down_refresh", path=page.route)
        if callable(getattr(page, "on_pull_down_refresh", None)):
            self._hook(page, "on_pull_down_refresh")

    def stop_pull_down_refresh(self) -> None:
        self.pull_down_refreshing = False

    def pull_down_refresh(self) -> bool:
        """The user pulls the page down. Only pages with enablePullDownRefresh react."""
        __tracebackhide__ = True
        page = self.current_page
        if page is None or not self.program.page_window(page.route).get("enablePullDownRefresh"):
            self.record("pull_down_ignored", path=page.route if page else None)
            return False
        self.start_pull_down_refresh()
        self.settle()
        return True

    def reach_bottom(self) -> None:
        """The user scrolls to the bottom of the page."""
        __tracebackhide__ = True
        page = self.current_page
        if page is not None and callable(getattr(page, "on_reach_bottom", None)):
            self._hook(page, "on_reach_bottom")
        self.settle()

    def share(self, from_: str = "menu", target: Any = None) -> dict | None:
        """Share the current page; None if the page has no on_share_app_message."""
        __tracebackhide__ = True
        page = self.current_page
        hook = getattr(page, "on_share_app_message", None)
        if not callable(hook):
            return None
        result = self._hook(page, "on_share_app_message", {"from": from_, "target": target}) or {}
        self.settle()
        share = {"title": self.program.name, "path": "/" + page.route, "image_url": None}
        if isinstance(result, dict):
            for key, value in result.items():
                share[{"imageUrl": "image_url"}.get(key, key)] = value
        self.record("share", **share)
        return share

    def share_timeline(self) -> dict | None:
        """Share the current page to Moments (朋友圈); None unless the page has both
        on_share_app_message and on_share_timeline (the real menu greys "分享到朋友圈" out
        otherwise). Moments open the page alone, so what it needs travels in ``query``."""
        __tracebackhide__ = True
        page = self.current_page
        if not (callable(getattr(page, "on_share_app_message", None))
                and callable(getattr(page, "on_share_timeline", None))):
            return None
        result = self._hook(page, "on_share_timeline") or {}
        self.settle()
        share = {"title": self.program.name, "query": "", "image_url": None}
        if isinstance(result, dict):
            for key, value in result.items():
                share[{"imageUrl": "image_url"}.get(key, key)] = value
        self.record("share_timeline", **share)
        return share

    # app to background and back ---------------------------------------------------------------
    def hide_app(self) -> None:
        """Send the app to the background: Page.on_hide, then App.on_hide."""
        __tracebackhide__ = True
        if not self.app_visible:
            return
        token = _active.set(self)
        try:
            if self.current_page is not None:
                self._hide(self.current_page)
            self._hook(self.app, "on_hide")
        finally:
            _active.reset(token)
        self.app_visible = False
        self.settle()

    def show_app(self, scene: int | None = None) -> None:
        """Bring the app back: App.on_show, then Page.on_show."""
        __tracebackhide__ = True
        if self.app_visible:
            return
        page = self.current_page
        options = {"path": page.route if page else "", "query": dict(page.options) if page else {},
                   "scene": scene or self.scene, "share_ticket": None, "referrer_info": {}}
        token = _active.set(self)
        try:
            self._hook(self.app, "on_show", options)
            if page is not None:
                self._show(page)
        finally:
            _active.reset(token)
        self.app_visible = True
        self.settle()

    # user actions on elements ------------------------------------------------------------------
    def path_to(self, node) -> list | None:
        page = self.current_page
        return tree_path(page._vnodes, node) if page is not None else None

    def _blocking_dialog(self) -> str | None:
        """What covers the page so that a finger cannot reach it, or None: a modal, an
        action sheet, the pay sheet, or a toast/loading box shown with ``mask``."""
        if self._services is None:
            return None
        ui, pay = self._services.ui, self._services.pay
        modal = ui.current_modal()
        if modal is not None:
            return f'show_modal "{modal.get("title") or modal.get("content") or ""}"'
        if ui.current_action_sheet() is not None:
            return "show_action_sheet"
        if pay.current_sheet() is not None:
            return "request_payment"
        toast = ui.current_toast()
        if toast is not None and toast.get("mask"):
            return f'{"show_loading" if toast.get("kind") == "loading" else "show_toast"} "{toast.get("title", "")}" (mask)'
        return None

    def _require_reachable(self, action: str) -> None:
        __tracebackhide__ = True
        dialog = self._blocking_dialog()
        if dialog is not None:
            self.record("blocked_by_dialog", action=action, dialog=dialog)
            raise BlockedByDialog("dialog_blocks_page", action=action, dialog=dialog)

    def tap(self, node) -> None:
        """A finger taps ``node``: touchstart, touchend, tap (bubbling), then the default action
        (form submit, navigator, switch/checkbox/radio, share button)."""
        __tracebackhide__ = True
        stack = self.page_stack
        path = tree_path(stack[-1]._vnodes, node) if stack else None
        self._tap(node, path if path is not None else self._path_or_fail(node))

    def _tap(self, node, path: list) -> None:
        """:meth:`tap` with ``node``'s path on the page found already (the driver has it)."""
        __tracebackhide__ = True
        if self._services is not None:   # (no service used yet: nothing can cover the page)
            self._require_reachable("tap")
        if _is_disabled(node):
            # UNVERIFIED: a disabled button (or form control) does not react to taps.
            self.record("tap_disabled", tag=node.tag, id=node.id)
            return
        token = _active.set(self)
        try:
            # self.record("tap", tag=..., id=...), written out: it is on every tap
            self.log.append({"kind": "tap", "time": self.clock.now, "tag": node.tag, "id": node.id})
            # touchstart/touchend reach only nodes that listen to them (most taps: none)
            starts = ends = listened = False
            for n in path:
                events = n.events
                if events:
                    listened = True
                    starts = starts or "touchstart" in events
                    ends = ends or "touchend" in events
            if listened:
                touch = [{"identifier": 0, "page_x": 0, "page_y": 0, "client_x": 0,
                          "client_y": 0}]
                if starts:
                    dispatch(self, path, "touchstart", {}, touch)
                if ends:
                    dispatch(self, path, "touchend", {}, touch)
                dispatch(self, path, "tap", {"x": 0, "y": 0}, touch)
            self._default_action(path)
        finally:
            _active.reset(token)
        self.settle()

    def long_press(self, node) -> None:
        """Touch and hold ``node`` for 350 ms: longpress; tap follows only if nothing handled it."""
        __tracebackhide__ = True
        path = self._path_or_fail(node)
        self._require_reachable("long_press")
        token = _active.set(self)
        try:
            touch = [{"identifier": 0, "page_x": 0, "page_y": 0, "client_x": 0, "client_y": 0}]
            dispatch(self, path, "touchstart", {}, touch)
            self.clock.advance(LONG_PRESS_MS)
            handled = dispatch(self, path, "longpress", {"x": 0, "y": 0}, touch)
            dispatch(self, path, "longtap", {"x": 0, "y": 0}, touch)
            dispatch(self, path, "touchend", {}, touch)
            if not handled:
                dispatch(self, path, "tap", {"x": 0, "y": 0}, touch)
                self._default_action(path)
        finally:
            _active.reset(token)
        self.settle()

    def input(self, node, text: str) -> None:
        """Type ``text`` into an ``<input>`` or ``<textarea>`` (replacing what was there)."""
        __tracebackhide__ = True
        path = self._path_or_fail(node)
        self._require_reachable("input")
        if node.tag not in ("input", "textarea"):
            raise ProgramError("input_not_input", tag=node.tag)
        text = "" if text is None else str(text)
        maxlength = node.attrs.get("maxlength", 140)
        try:
            maxlength = int(maxlength)
        except (TypeError, ValueError):
            maxlength = 140
        if maxlength >= 0:
            # UNVERIFIED default 140 (spec §3.6); -1 means no limit.
            text = text[:maxlength]
        remember(node, "value", text)
        token = _active.set(self)
        try:
            self.record("input", tag=node.tag, id=node.id, value=text)
            ran = dispatch(self, path, "input", {"value": text, "cursor": len(text), "key_code": 0})
            for call in ran:
                if isinstance(call.get("result"), str):
                    remember(node, "value", call["result"])  # bindinput may return the new text
            model = _model_binding(node, "value")
            if model:
                node.owner.set_data({model: node.attrs["value"]})
        finally:
            _active.reset(token)
        self.settle()

    def confirm(self, node) -> None:
        """Press the keyboard's done/enter key in an input (``bindconfirm``)."""
        __tracebackhide__ = True
        path = self._path_or_fail(node)
        self._require_reachable("confirm")
        token = _active.set(self)
        try:
            dispatch(self, path, "confirm", {"value": node.attrs.get("value", "")})
        finally:
            _active.reset(token)
        self.settle()

    def trigger(self, node, event_type: str, detail: Any = None) -> None:
        """Fire any event on ``node`` (``element.trigger`` in the automator)."""
        __tracebackhide__ = True
        path = self._path_or_fail(node)
        token = _active.set(self)
        try:
            dispatch(self, path, event_type, detail if detail is not None else {})
        finally:
            _active.reset(token)
        self.settle()

    def change(self, node, value: Any) -> None:
        """Set the value of a picker, slider, switch or swiper and fire its change event."""
        __tracebackhide__ = True
        path = self._path_or_fail(node)
        self._require_reachable("change")
        if node.tag == "switch":
            remember(node, "checked", bool(value))
        else:
            remember(node, "value" if node.tag != "swiper" else "current", value)
        detail = {"current": value, "source": "touch"} if node.tag == "swiper" else {"value": value}
        token = _active.set(self)
        try:
            dispatch(self, path, "change", detail)
            model = _model_binding(node, "checked" if node.tag == "switch" else "value")
            if model:
                node.owner.set_data({model: value})
        finally:
            _active.reset(token)
        self.settle()

    def _path_or_fail(self, node) -> list:
        path = self.path_to(node)
        if path is None:
            raise ProgramError("element_not_on_page", tag=node.tag,
                               page=self.current_page.route if self.current_page else "-")
        return path

    def _default_action(self, path: list) -> None:
        node = path[-1]
        # the tapped node or its nearest ancestor that has a default action
        for index in range(len(path) - 1, -1, -1):
            current = path[index]
            tag = current.tag
            if tag == "button":
                self._button_action(path[: index + 1])
                return
            if tag == "navigator":
                self._navigator_action(current)
                return
            if tag in ("switch", "checkbox", "radio") and not _is_disabled(current):
                self._toggle(path[: index + 1])
                return
            if tag == "label":
                return

    def _button_action(self, path: list) -> None:
        button = path[-1]
        form_type = button.attrs.get("form-type") or button.attrs.get("formType")
        open_type = button.attrs.get("open-type") or button.attrs.get("openType")
        if form_type in ("submit", "reset"):
            form_index = next((i for i in range(len(path) - 1, -1, -1) if path[i].tag == "form"), None)
            if form_index is not None:
                form = path[form_index]
                if form_type == "submit":
                    dispatch(self, path[: form_index + 1], "submit",
                             {"value": collect_form_values(form), "form_id": "", "target": {"id": form.id}})
                else:
                    dispatch(self, path[: form_index + 1], "reset", {"target": {"id": form.id}})
        if open_type == "share":
            self.share("button", {"id": button.id, "dataset": dict(button.dataset or {})})

    def _navigator_action(self, node) -> None:
        url = node.attrs.get("url", "")
        open_type = node.attrs.get("open-type") or node.attrs.get("openType") or "navigate"
        try:
            if open_type == "navigate":
                self.navigate_to(url)
            elif open_type == "redirect":
                self.redirect_to(url)
            elif open_type == "switchTab":
                self.switch_tab(url)
            elif open_type == "reLaunch":
                self.re_launch(url)
            elif open_type == "navigateBack":
                self.navigate_back(node.attrs.get("delta", 1))
        except NavigationError as exc:
            self.warn("navigator_failed", url=str(url), reason=exc.err_msg)

    def _toggle(self, path: list) -> None:
        node = path[-1]
        if node.tag == "switch":
            value = not bool(node.attrs.get("checked", False))
            remember(node, "checked", value)
            dispatch(self, path, "change", {"value": value})
            model = _model_binding(node, "checked")
            if model:
                node.owner.set_data({model: value})
            return
        group_tag = "checkbox-group" if node.tag == "checkbox" else "radio-group"
        group_index = next((i for i in range(len(path) - 1, -1, -1) if path[i].tag == group_tag), None)
        if node.tag == "checkbox":
            remember(node, "checked", not bool(node.attrs.get("checked", False)))
        else:
            remember(node, "checked", True)
        if group_index is None:
            return
        group = path[group_index]
        members = [n for n in _walk([group]) if n.tag == node.tag]
        if node.tag == "radio":
            for other in members:
                if other is not node:
                    remember(other, "checked", False)
            value: Any = _str_value(node.attrs.get("value", ""))
        else:
            value = [_str_value(n.attrs.get("value", "")) for n in members if n.attrs.get("checked")]
        dispatch(self, path[: group_index + 1], "change", {"value": value})

    # what the screen shows --------------------------------------------------------------------
    def screen(self) -> str:
        """The current page as text: title bar, page, tab bar, and any toast or dialog."""
        return screen_text(self)

    def _repr_html_(self) -> str:
        return phone_html(self)


# a wx call in a bare notebook cell, before any launch, reaches a phone without a program
_current.make_scratch_phones_with(lambda: Phone(None))


def _draw_program(program: MiniProgram) -> str:
    """A program shown in a notebook: its launch page on a new phone."""
    phone = Phone(program)
    phone.launch()
    return phone._repr_html_()


draw_programs_with(_draw_program)


def _model_binding(node, attr: str) -> str | None:
    models = getattr(node, "models", None) or {}
    return models.get(attr)


def _str_value(value: Any) -> str:
    if value is True:
        return "true"
    return "" if value is None else str(value)


def _is_disabled(node) -> bool:
    value = node.attrs.get("disabled", False)
    return value not in (False, None, "", "false") if node.tag in (
        "button", "input", "textarea", "switch", "checkbox", "radio", "slider", "picker") else False


def _walk(nodes):
    for node in nodes:
        yield node
        if node.children:
            yield from _walk(node.children)


def collect_form_values(form) -> dict:
    """What a form submits: every named field inside it (spec §3.5 form submit detail)."""
    values: dict[str, Any] = {}

    def visit(nodes):
        for node in nodes:
            name = node.attrs.get("name")
            tag = node.tag
            if name:
                if tag in ("input", "textarea"):
                    values[name] = _str_value(node.attrs.get("value", ""))
                elif tag == "switch":
                    values[name] = bool(node.attrs.get("checked", False))
                elif tag in ("slider", "picker", "picker-view"):
                    values[name] = node.attrs.get("value", 0 if tag == "slider" else "")
                elif tag == "checkbox-group":
                    values[name] = [_str_value(n.attrs.get("value", "")) for n in _walk(node.children or [])
                                    if n.tag == "checkbox" and n.attrs.get("checked")]
                    continue
                elif tag == "radio-group":
                    chosen = [_str_value(n.attrs.get("value", "")) for n in _walk(node.children or [])
                              if n.tag == "radio" and n.attrs.get("checked")]
                    values[name] = chosen[0] if chosen else ""
                    continue
            if node.children:
                visit(node.children)

    visit(form.children or [])
    return values


def _student_location(exc: BaseException) -> str:
    """file:line of the innermost frame of the student's code in a traceback."""
    tb = student_frame(exc)
    return f"{os.path.basename(tb.tb_frame.f_code.co_filename)}:{tb.tb_lineno}" if tb else ""
