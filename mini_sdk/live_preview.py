"""The live phone in the notebook: ``preview(program)``.

A tappable phone made of stock ipywidgets (no front-end build): status bar, navigation bar
(title, back arrow, colours from the page's window config), the page, the tabBar, and what
floats above the page (toast/loading, modal, action sheet, WeChat Pay sheet).

How the page becomes widgets
    The page's VNode tree is mirrored as a widget tree. A subtree with nothing to touch in it
    becomes one ``HTML`` widget holding :func:`mini_sdk.wxml.nodes.to_html` of it (escaped,
    laid out by the browser exactly as the static HTML phone). Elements a finger can use become
    real widgets: ``<button>`` a ``Button``, ``<input>``/``<textarea>`` a ``Text``/``Password``/
    ``Textarea`` (typing runs ``bindinput``), ``<slider>`` an ``IntSlider``, and any element
    with a tap binding of its own (and ``navigator``, ``switch``, ``checkbox``, ``radio``) a box
    with a transparent button over it that taps it. Their ancestors become ``Box`` widgets.
    Every element widget carries the classes ``wx-<tag>``, the element's own classes and
    ``mc-id-<id>``; the WXSS (app, page, components), compiled by :mod:`mini_sdk.wxss` and
    scoped to this preview's own class, is injected through ``HTML`` widgets holding
    ``<style>``; an element's inline ``style`` becomes a rule for a class of its own.

    Widgets are reused across redraws: by VNode identity when the renderer hands back the same
    node, else by position in the tree (``wx:key`` when there is one), so an input keeps its
    focus while the student types and unchanged parts never flicker.

After every action
    the phone settles (renders, replies, callbacks) and the view is redrawn. A handler that
    raises shows a red box on the phone (message and the student's own line), never a
    traceback on stderr; ``print`` output goes to a small console under the phone.

Time
    The phone runs on a virtual clock. When the notebook's kernel has an event loop (it does in
    JupyterLab and Notebook 7), the preview lets virtual time follow real time while something
    is waiting on the clock: a toast vanishes after its 1.5 s, ``set_interval`` ticks, replies
    arrive, just as on a phone. Where there is no loop (plain Python, tests), time stands still
    between actions and the status bar offers a "⏩" button that moves to the next timer;
    :meth:`PhonePreview.advance` does the same from code.

Where widgets cannot run (nbconvert to HTML, a static viewer), the display falls back to the
static HTML phone, :func:`mini_sdk.screen.phone_html`.
"""
from __future__ import annotations

import asyncio
import contextlib
import html
import io
import linecache
import os
import secrets
import sys
import threading
import time
from typing import Any, Callable

import ipywidgets as W

from .errors import BlockedByDialog, MiniProgramError
from .css_display import invisible_nodes
from .explain import stale_params, stale_program, student_frame
from .phone import Phone
from .program import MiniProgram
from .screen import PHONE_HEIGHT, PHONE_WIDTH, overlays

#: a phone that fits its page: status and navigation bars and margins, then px per line of
#: the page's text (buttons are taller than text), never shorter than FIT_MIN_PX
FIT_CHROME_PX, FIT_LINE_PX, FIT_MIN_PX = 110, 40, 300

__all__ = ["preview", "PhonePreview"]

#: the live clock pauses after this long without a touch (a forgotten set_interval must not
#: keep a kernel busy for ever); the next touch wakes it
LIVE_IDLE_LIMIT_S = 600
#: never tick faster than this (a 1 ms set_interval is batched)
MIN_TICK_S = 0.1
_TAP_EVENTS = ("tap", "longpress", "longtap", "touchstart", "touchend")
_TOGGLES = ("switch", "checkbox", "radio")
_ESC = html.escape


def preview(program, *, path: str | None = None, query: dict | None = None,
            live: bool | None = None, user: str = "student",
            height: int | None = None) -> "PhonePreview":
    """A live, tappable phone running ``program`` (shown when it is a cell's last value).

    ``program`` is a MiniProgram (or the folder of a project); ``path``/``query`` open another
    page first; ``live=False`` keeps time still between taps (see the module's doc);
    ``height`` (px) sets the phone's height; by default it fits the first page (a small page
    gets a shorter phone, so a lesson scrolls less; at most a real phone's 667).
    """
    if isinstance(program, MiniProgram):
        stale = stale_program(program, sys._getframe(1).f_globals)
        if stale is not None:   # the student's last edit of it failed: say so, not the old phone
            raise MiniProgramError("preview_stale", **stale_params(stale))
    return PhonePreview(program, path=path, query=query, live=live, user=user, height=height)


def _t(key: str, **params: Any) -> str:
    from .messages import catalogue

    return catalogue(key, **params)


# --------------------------------------------------------------------------------------------
class _Entry:
    """One element widget and the VNode it shows now."""

    __slots__ = ("widget", "kind", "node", "uid", "html", "parts", "hit")

    def __init__(self, widget, kind: str, node, uid: int) -> None:
        self.widget = widget
        self.kind = kind
        self.node = node
        self.uid = uid
        self.html: str | None = None
        self.parts: Any = None
        self.hit = None


class PhonePreview(W.VBox):
    """The preview widget. ``.phone`` is the :class:`~mini_sdk.phone.Phone` behind it."""

    def __init__(self, program, *, path: str | None = None, query: dict | None = None,
                 live: bool | None = None, user: str = "student", height: int | None = None) -> None:
        super().__init__()
        self.scope = "mc-pv-" + secrets.token_hex(4)
        self.height = max(200, int(height)) if height else PHONE_HEIGHT
        fit = not height
        self.phone: Phone | None = None
        self._uids = iter(range(1, 1 << 62))
        self._by_node: dict[int, _Entry] = {}
        self._by_slot: dict[tuple, _Entry] = {}
        self._kind_memo: dict[int, str] = {}
        self._css_cache: dict[Any, str] = {}
        self._syncing = False
        self._busy = False
        self._closed = False
        self._errors: list[dict] = []
        self._console: list[str] = []
        self._loop = None
        self._tick_gen = 0
        self._last_touch = time.monotonic()
        self._last_sync = time.monotonic()

        s = self.scope
        # the frame ------------------------------------------------------------------------
        self._css_frame = self._html(f"<style>{_frame_css(s, self.height)}</style>", "mc-style")
        self._css_page = self._html("", "mc-style")
        self._css_dyn = self._html("", "mc-style")
        self._clock_label = self._html("9:41", "mc-time")
        self._skip = self._button("⏩", "mc-skip", self._on_skip)
        self._statusbar = W.Box([self._clock_label, self._html("", "mc-flex"), self._skip,
                                 self._html('<span class="mc-battery">100%&nbsp;▮</span>', "mc-batt")])
        self._statusbar.add_class("mc-statusbar")
        self._back = self._button("‹", "mc-back", self._on_back)
        self._title = self._html("", "mc-title")
        capsule = self._html('<span class="mc-capsule"><span>···</span><i></i><span>◉</span></span>', "mc-capsule-w")
        self._navbar = W.Box([self._back, self._title, capsule])
        self._navbar.add_class("mc-navbar")
        self._page = W.Box()
        for c in ("mc-page", "wx-page", s):
            self._page.add_class(c)
        self._tabbar = W.Box()
        self._tabbar.add_class("mc-tabbar")
        self._layer = W.Box()
        self._layer.add_class("mc-layer")
        self._screen = W.Box([self._statusbar, self._navbar, self._page, self._tabbar, self._layer])
        self._screen.add_class("mc-phone")
        self._console_text = self._html("", "mc-console-text")
        self._console_box = W.Box([self._html(f"<b>{_ESC(_t('preview_console_title'))}</b>", "mc-console-head"),
                                   self._button(_t("preview_clear_console"), "mc-console-clear", self._on_clear_console),
                                   self._console_text])
        self._console_box.add_class("mc-console")
        self.children = [self._css_frame, self._css_page, self._css_dyn, self._screen, self._console_box]
        self.add_class(s)
        self.add_class("mc-preview")
        self._tab_buttons: list = []
        self._overlay_key: Any = None

        # the kernel's event loop (JupyterLab, Notebook 7) lets time run; None in plain Python
        self._loop = _running_loop() if live is not False else None
        # the program ------------------------------------------------------------------------
        program = _as_program(program)
        if isinstance(program, MiniProgram):
            self.phone = Phone(program, user_id=user)
            self._act(lambda: self.phone.launch(path=path, query=query))
            if fit:
                self._fit_height()
        else:
            self._errors = [{"message": _t("preview_not_program", value=program), "where": "", "code": ""}]
            self.refresh()

    def _fit_height(self) -> None:
        """A phone as tall as the first page needs (estimated from its lines of text)."""
        try:
            lines = len(self.phone.screen().splitlines())
        except Exception:  # noqa: BLE001 - a page that cannot be drawn keeps a full phone
            return
        tab_bar = 56 if getattr(self.phone.program, "tab_bar", None) else 0
        fitted = FIT_CHROME_PX + tab_bar + lines * FIT_LINE_PX
        self.height = max(FIT_MIN_PX, min(PHONE_HEIGHT, fitted))
        self._css_frame.value = f"<style>{_frame_css(self.scope, self.height)}</style>"

    # ---------------------------------------------------------------------------------------
    # public helpers (tests drive the preview the way a student's clicks do)
    def widget_for(self, target):
        """The widget that shows ``target``: a VNode, or a selector on the current page.

        For an element inside a part of the page with nothing to touch, that is the ``HTML``
        widget of that part. Raises LookupError when nothing matches.
        """
        node = self._node(target)
        page = self.phone.current_page if self.phone else None
        path = self.phone.path_to(node) if page is not None else None
        if not path:
            raise LookupError(f"{target!r} is not on the page")
        for candidate in reversed(path):
            entry = self._by_node.get(id(candidate))
            if entry is not None and entry.node is candidate:
                return entry.widget
        raise LookupError(f"no widget shows {target!r}")

    def click(self, target) -> None:
        """Click the widget of ``target`` (a selector, VNode or widget) as a student would."""
        widget = target if isinstance(target, W.Widget) else self.widget_for(target)
        if isinstance(widget, W.Button):
            widget.click()
            return
        hit = next((e.hit for e in self._by_node.values() if e.widget is widget and e.hit is not None), None)
        if hit is None:
            raise LookupError(f"{target!r} cannot be clicked")
        hit.click()

    def find_button(self, label: str):
        """The visible button showing ``label`` anywhere on the phone (page, back arrow "‹",
        tab bar, modal, sheets), or None."""
        def visible(widget) -> bool:
            return "mc-hidden" not in widget._dom_classes

        stack = [self._screen]
        while stack:
            widget = stack.pop(0)
            if not visible(widget):
                continue
            if isinstance(widget, W.Button) and widget.description == label:
                return widget
            stack.extend(getattr(widget, "children", ()) or ())
        return None

    def type(self, target, text: str) -> None:
        """Type ``text`` into the input widget of ``target``."""
        widget = target if isinstance(target, W.Widget) else self.widget_for(target)
        widget.value = text

    def advance(self, ms: float) -> None:
        """Let ``ms`` milliseconds of the phone's time pass, then redraw."""
        if self.phone is not None:
            self._act(lambda: self.phone.advance(ms))

    def screen(self) -> str:
        """What the phone shows, as text (see ``Phone.screen``)."""
        return self.phone.screen() if self.phone else ""

    @property
    def errors(self) -> list[dict]:
        """The errors the red box shows now: ``{message, where, code}``."""
        return [dict(e) for e in self._errors]

    @property
    def console(self) -> str:
        return "".join(self._console)

    def _node(self, target):
        if isinstance(target, str):
            from .wxml.select import select_one

            page = self.phone.current_page if self.phone else None
            node = select_one(page._vnodes, target) if page is not None else None
            if node is None:
                raise LookupError(f"nothing matches {target!r} on the page")
            return node
        return target

    # ---------------------------------------------------------------------------------------
    # display
    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        if bundle is None:
            return None
        bundle["text/html"] = self.static_html()
        return bundle

    def static_html(self) -> str:
        """The phone as one static HTML fragment (for nbconvert and static viewers)."""
        if self.phone is None or self.phone.current_page is None:
            return f'<div style="color:#b00">{_ESC(self._errors[0]["message"] if self._errors else "")}</div>'
        try:
            from .screen import phone_html

            return phone_html(self.phone)
        except Exception:  # noqa: BLE001 - the fallback must never fail the display
            from .wxml.nodes import to_html

            css = self._page_css()
            return (f'<style>{_frame_css(self.scope, self.height)}\n{css}</style><div class="{self.scope} mc-preview">'
                    f'<div class="mc-phone mc-static"><div class="mc-navbar"><span class="mc-title">'
                    f'{_ESC(self.phone.title)}</span></div>'
                    f'{to_html(self.phone.current_page._vnodes, self.scope)}</div></div>')

    def close(self) -> None:
        self._closed = True
        self._tick_gen += 1
        for entry in list(self._by_node.values()):
            _close_entry(entry)
        self._by_node.clear()
        self._by_slot.clear()
        for widget in self._all_frame_widgets():
            _close_tree(widget)
        for name in ("layout", "style"):
            sub = getattr(self, name, None)
            if isinstance(sub, W.Widget):
                sub.close()
        super().close()

    def _all_frame_widgets(self):
        return [self._css_frame, self._css_page, self._css_dyn, self._clock_label, self._skip,
                self._statusbar, self._back, self._title, self._navbar, self._page, self._tabbar,
                self._layer, self._screen, self._console_text, self._console_box,
                *self._tab_buttons]

    # ---------------------------------------------------------------------------------------
    # actions
    def _act(self, fn: Callable[[], Any]) -> None:
        """Run one user action (or a clock tick): settle, catch errors and prints, redraw."""
        if self._busy or self.phone is None:
            return
        self._busy = True
        self._last_touch = time.monotonic()
        phone = self.phone
        before = len(phone.errors)
        warned = len(phone.warnings)
        shown: list[dict] = []
        out = io.StringIO()
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
                try:
                    fn()
                    phone.settle()
                except BlockedByDialog:
                    pass  # a touch on the dialog's mask: nothing happens, as on a phone
                except Exception as exc:  # noqa: BLE001 - a student's error is shown, not raised
                    shown.append(_error_info(exc))
                    with contextlib.suppress(Exception):
                        phone.settle()
        finally:
            self._busy = False
        for entry in phone.errors[before:]:
            if not any(entry.get("message", "") in e["message"] for e in shown):
                shown.append({"message": f"{entry.get('type', 'Error')}: {entry.get('message', '')}",
                              "where": entry.get("where", ""), "code": ""})
        self._errors = shown
        printed = out.getvalue()
        # what a real console would show besides prints: the phone's warnings
        printed += "".join(f"⚠ {w['message']}\n" for w in phone.warnings[warned:])
        if printed:
            self._console.append(printed)
            del self._console[:-200]
        self._last_sync = time.monotonic()
        self.refresh()
        self._schedule_tick()

    def _on_back(self, _button=None) -> None:
        self._act(lambda: self.phone.navigate_back())

    def _on_skip(self, _button=None) -> None:
        self._act(lambda: self.phone.advance(self._skip_ms()))

    def _skip_ms(self) -> int:
        phone = self.phone
        due = phone.clock.next_due() if phone else None
        if due is None:
            return 1500
        return max(1, min(due - phone.clock.now, 60_000))

    def _on_clear_console(self, _button=None) -> None:
        self._console.clear()
        self.refresh()

    def _on_dismiss(self, _button=None) -> None:
        self._errors = []
        self.refresh()

    # the live clock ------------------------------------------------------------------------
    def _schedule_tick(self) -> None:
        if self._loop is None or self._closed or self.phone is None:
            return
        self._tick_gen += 1
        due = self.phone.clock.next_due()
        if due is None:
            return
        if time.monotonic() - self._last_touch > LIVE_IDLE_LIMIT_S:
            return
        delay = max(MIN_TICK_S, (due - self.phone.clock.now) / 1000)
        gen = self._tick_gen
        loop = self._loop
        try:
            if threading.current_thread() is threading.main_thread():
                loop.call_later(delay, self._tick, gen)
            else:  # pragma: no cover - widgets' callbacks run on the main thread in ipykernel
                loop.call_soon_threadsafe(loop.call_later, delay, self._tick, gen)
        except RuntimeError:  # the loop is closed
            self._loop = None

    def _tick(self, gen: int) -> None:
        if gen != self._tick_gen or self._closed:
            return
        if self._busy:  # pragma: no cover - ticks and taps share one thread
            self._schedule_tick()
            return
        phone = self.phone
        due = phone.clock.next_due()
        if due is None:
            return
        elapsed = int((time.monotonic() - self._last_sync) * 1000)
        step = max(elapsed, due - phone.clock.now, 0)
        touched = self._last_touch
        self._act(lambda: phone.advance(step))
        self._last_touch = touched  # time passing is not a touch

    # ---------------------------------------------------------------------------------------
    # drawing
    def refresh(self) -> None:
        """Redraw everything from the phone's state. Never raises."""
        if self._closed:
            return
        self._syncing = True
        try:
            self._draw()
        except Exception as exc:  # noqa: BLE001 - a bug of ours must not kill the widget
            self._errors = self._errors + [{"message": _t("preview_internal_error",
                                                          detail=f"{type(exc).__name__}: {exc}"),
                                            "where": "", "code": ""}]
            with contextlib.suppress(Exception):
                self._draw_overlays()
        finally:
            self._syncing = False

    def _draw(self) -> None:
        phone = self.phone
        page = phone.current_page if phone else None
        program = phone.program if phone else None
        if page is not None and program is not None and page.route in program.pages:
            window = program.page_window(page.route)
        else:
            window = dict(program.window) if program is not None else {}
        # nav bar
        bar_bg = str(window.get("navigationBarBackgroundColor", "#000000"))
        bar_fg = "#000000" if window.get("navigationBarTextStyle") == "black" else "#ffffff"
        _set(self._title, "value", _ESC(phone.title if phone else ""))
        _set_classes(self._back, ["mc-back"] + ([] if phone and len(phone.page_stack) > 1 else ["mc-hidden"]))
        _set(self._back, "tooltip", _t("preview_back"))
        custom = window.get("navigationStyle") == "custom"
        _set_classes(self._navbar, ["mc-navbar"] + (["mc-hidden"] if custom else []))
        # the page
        self._kind_memo = {}
        self._used: set[int] = set()
        new_nodes: dict[int, _Entry] = {}
        new_slots: dict[tuple, _Entry] = {}
        rules: list[str] = []
        if page is not None:
            invisible_nodes(phone)  # what display:none hides is hidden, as on the text screen
            kids = self._sync_children(page._vnodes, (), new_nodes, new_slots, rules)
        else:
            kids = []
        _set(self._page, "children", tuple(kids))
        live = {id(e) for e in new_nodes.values()}
        for entry in list(self._by_node.values()) + list(self._by_slot.values()):
            if id(entry) not in live:
                _close_entry(entry)
                live.add(id(entry))  # close once
        self._by_node, self._by_slot = new_nodes, new_slots
        self._kind_memo = {}
        self._used = set()
        # tab bar
        rules.extend(self._draw_tab_bar(page))
        # styles
        page_bg = window.get("backgroundColor")
        dyn = [f".{self.scope} .mc-statusbar, .{self.scope} .mc-navbar{{background:{_css_value(bar_bg)};color:{bar_fg}}}"]
        if custom:
            dyn.append(f".{self.scope} .mc-statusbar{{background:transparent;color:#000}}")
        if page_bg:
            dyn.append(f".{self.scope} .mc-phone{{background:{_css_value(str(page_bg))}}}")
        dyn.extend(rules)
        _set(self._css_dyn, "value", "<style>" + "\n".join(dyn) + "</style>")
        _set(self._css_page, "value", "<style>" + self._page_css() + "</style>")
        # status bar
        skip_visible = self._loop is None and phone is not None and phone.clock.next_due() is not None
        _set_classes(self._skip, ["mc-skip"] + ([] if skip_visible else ["mc-hidden"]))
        if skip_visible:
            _set(self._skip, "tooltip", _t("preview_skip_time", seconds=f"{self._skip_ms() / 1000:g}"))
        _set(self._clock_label, "value", _clock_text(phone.clock.now if phone else 0))
        # console
        text = "".join(self._console)
        _set(self._console_text, "value", f"<pre>{_ESC(text[-4000:])}</pre>" if text else "")
        _set_classes(self._console_box, ["mc-console"] + ([] if text else ["mc-hidden"]))
        self._draw_overlays()

    # the page's widgets ---------------------------------------------------------------------
    def _kind(self, node) -> str:
        memo = self._kind_memo.get(id(node))
        if memo is not None:
            return memo
        tag = node.tag
        if tag == "#text" or node.hidden:
            kind = "static"
        elif tag == "button":
            kind = "button"
        elif tag == "input":
            password = _truthy(node.attrs.get("password")) or str(node.attrs.get("type", "")) == "password"
            kind = "password" if password else "input"
        elif tag == "textarea":
            kind = "textarea"
        elif tag in _TOGGLES:
            kind = "toggle"
        elif tag == "slider":
            kind = "slider"
        elif tag == "navigator" or any(node.events.get(e) for e in _TAP_EVENTS):
            kind = "tap"
        elif any(self._kind(child) != "static" for child in node.children):
            kind = "box"
        else:
            kind = "static"
        self._kind_memo[id(node)] = kind
        return kind

    def _sync_children(self, nodes, slot: tuple, new_nodes, new_slots, rules) -> list:
        widgets = []
        for index, node in enumerate(nodes):
            if node.tag == "#text" and not (node.text or "").strip():
                continue
            key = node.key if getattr(node, "key", None) is not None else index
            widgets.append(self._sync_node(node, slot + ((key, node.tag),), new_nodes, new_slots, rules))
        return widgets

    def _sync_node(self, node, slot: tuple, new_nodes, new_slots, rules):
        kind = self._kind(node)
        used = self._used
        entry = self._by_node.get(id(node))
        same_node = entry is not None and entry.node is node and entry.kind == kind and id(entry) not in used
        if not same_node:
            entry = self._by_slot.get(slot)
            if entry is None or entry.kind != kind or id(entry) in used:
                entry = self._create(kind, node)
        used.add(id(entry))
        entry.node = node
        new_nodes[id(node)] = entry
        new_slots[slot] = entry
        if kind == "static":
            if not same_node or node.has_components or entry.html is None:
                self._update_static(entry)
            return entry.widget
        self._update(entry, slot, new_nodes, new_slots, rules)
        if node.style:
            from .wxss import convert_inline_style

            rules.append(f".{self.scope} .mc-n{entry.uid}{{{_important(convert_inline_style(node.style))}}}")
        return entry.widget

    def _create(self, kind: str, node) -> _Entry:
        uid = next(self._uids)
        if kind == "static":
            widget = W.HTML()
            widget.add_class("mc-html")
            return _Entry(widget, kind, node, uid)
        if kind == "button":
            widget = W.Button()
            entry = _Entry(widget, kind, node, uid)
            widget.on_click(lambda _b, e=entry: self._act(lambda: self.phone.tap(e.node)))
            return entry
        if kind in ("input", "password", "textarea"):
            cls = {"input": W.Text, "password": W.Password, "textarea": W.Textarea}[kind]
            widget = cls(continuous_update=True)
            entry = _Entry(widget, kind, node, uid)
            widget.observe(lambda change, e=entry: self._typed(e, change["new"]), names="value")
            return entry
        if kind == "slider":
            widget = W.IntSlider(continuous_update=False)
            entry = _Entry(widget, kind, node, uid)
            widget.observe(lambda change, e=entry: self._slid(e, change["new"]), names="value")
            return entry
        widget = W.Box()
        entry = _Entry(widget, kind, node, uid)
        if kind in ("tap", "toggle"):
            hit = W.Button(description="")
            hit.add_class("mc-hit")
            hit.on_click(lambda _b, e=entry: self._act(lambda: self.phone.tap(e.node)))
            entry.hit = hit
        if kind == "toggle":
            entry.parts = W.HTML()
            entry.parts.add_class("mc-html")
        return entry

    def _typed(self, entry: _Entry, value: str) -> None:
        if self._syncing:
            return
        self._act(lambda: self.phone.input(entry.node, value))

    def _slid(self, entry: _Entry, value: int) -> None:
        if self._syncing:
            return
        self._act(lambda: self.phone.change(entry.node, value))

    def _classes(self, entry: _Entry, extra: list[str]) -> list[str]:
        node = entry.node
        classes = ["mc-el", f"wx-{node.tag}", *node.classes, *extra]
        if node.id:
            classes.append(f"mc-id-{node.id}")
        if node.style:
            classes.append(f"mc-n{entry.uid}")
        if node.hidden:
            classes.append("mc-hidden")
        return [c for c in classes if c and not any(ch.isspace() for ch in c)]

    def _update_static(self, entry: _Entry) -> None:
        from .wxml.nodes import to_html

        value = to_html([entry.node], self.scope, wrap=False)
        entry.html = value
        _set(entry.widget, "value", value)

    def _update(self, entry: _Entry, slot, new_nodes, new_slots, rules) -> None:
        node, widget, kind = entry.node, entry.widget, entry.kind
        attrs = node.attrs
        if kind == "button":
            label = node.inner_text() or " "
            if _truthy(attrs.get("loading")):
                label = "⟳ " + label
            _set(widget, "description", label)
            _set(widget, "tooltip", label)
            _set(widget, "disabled", _truthy(attrs.get("disabled")))
            extra = ["mc-live"]
            btype = _text(attrs.get("type", ""))
            if btype in ("primary", "warn", "default"):
                extra.append(f"mc-{btype}")
            if _text(attrs.get("size", "")) == "mini":
                extra.append("mc-mini")
            if _truthy(attrs.get("plain")):
                extra.append("mc-plain")
            _set_classes(widget, self._classes(entry, extra))
            return
        if kind in ("input", "password", "textarea"):
            value = _text(attrs.get("value", ""))
            if widget.value != value:
                widget.value = value
            _set(widget, "placeholder", _text(attrs.get("placeholder", "")))
            _set(widget, "disabled", _truthy(attrs.get("disabled")))
            _set_classes(widget, self._classes(entry, ["mc-live", "mc-input"]))
            return
        if kind == "slider":
            lo, hi = _int(attrs.get("min"), 0), _int(attrs.get("max"), 100)
            if hi < lo:
                hi = lo
            widget.min, widget.max = min(widget.min, lo), max(widget.max, hi)
            _set(widget, "step", max(1, _int(attrs.get("step"), 1)))
            _set(widget, "min", lo)
            _set(widget, "max", hi)
            value = min(max(_int(attrs.get("value"), lo), lo), hi)
            _set(widget, "value", value)
            _set(widget, "readout", _truthy(attrs.get("show-value")) or _truthy(attrs.get("showValue")))
            _set(widget, "disabled", _truthy(attrs.get("disabled")))
            _set_classes(widget, self._classes(entry, ["mc-live", "mc-slider"]))
            return
        if kind == "toggle":
            from .wxml.nodes import to_html

            _set(entry.parts, "value", to_html([node], self.scope, wrap=False))
            _set(widget, "children", (entry.parts, entry.hit))
            _set_classes(widget, self._classes(entry, ["mc-live", "mc-tap", "mc-toggle"]))
            return
        kids = self._sync_children(node.children, slot, new_nodes, new_slots, rules)
        if kind == "tap":
            from .wxml.nodes import INLINE_TAGS

            kids.append(entry.hit)
            inline = ["mc-tap-inline"] if node.tag in INLINE_TAGS else []
            _set_classes(widget, self._classes(entry, ["mc-live", "mc-tap", *inline]))
        else:
            _set_classes(widget, self._classes(entry, ["mc-box"]))
        _set(widget, "children", tuple(kids))

    # tab bar ---------------------------------------------------------------------------------
    def _draw_tab_bar(self, page) -> list[str]:
        """Show the tab bar on tab pages; returns its CSS rules (colours from the config)."""
        program = self.phone.program if self.phone else None
        tab_bar = program.tab_bar if program else None
        if not tab_bar or page is None or not program.is_tab_page(page.route):
            _set_classes(self._tabbar, ["mc-tabbar", "mc-hidden"])
            return []
        items = tab_bar["list"]
        while len(self._tab_buttons) < len(items):
            index = len(self._tab_buttons)
            button = W.Button()
            button.on_click(lambda _b, i=index: self._act(lambda: self.phone.tap_tab(i)))
            self._tab_buttons.append(button)
        buttons = self._tab_buttons[: len(items)]
        for button, item in zip(buttons, items):
            selected = item["pagePath"] == page.route
            _set(button, "description", str(item.get("text", "")))
            _set_classes(button, ["mc-tab"] + (["mc-tab-on"] if selected else []))
        _set(self._tabbar, "children", tuple(buttons))
        top = tab_bar.get("position") == "top"
        _set_classes(self._tabbar, ["mc-tabbar"] + (["mc-tabbar-top"] if top else []))
        color = _css_value(str(tab_bar.get("color", "#7A7E83")))
        selected = _css_value(str(tab_bar.get("selectedColor", "#07c160")))
        background = _css_value(str(tab_bar.get("backgroundColor", "#f7f7f7")))
        border = "#e5e5e5" if tab_bar.get("borderStyle", "black") == "white" else "#c8c8c8"
        s = self.scope
        return [f".{s} .mc-tabbar{{background:{background};border-color:{border}}}",
                f".{s} .mc-tab{{color:{color}}}", f".{s} .mc-tab.mc-tab-on{{color:{selected}}}"]

    # overlays ----------------------------------------------------------------------------------
    def _draw_overlays(self) -> None:
        layer = overlays(self.phone) if self.phone else {}
        key = (repr(layer), repr(self._errors))
        if key == self._overlay_key:
            return
        self._overlay_key = key
        old = list(self._layer.children)
        kids: list = []
        toast = layer.get("toast")
        if toast:
            icon = {"success": "✓", "error": "✕", "loading": "⟳"}.get(toast.get("icon", ""), "")
            cls = "mc-toast" + ("" if icon else " mc-toast-text")
            body = (f'<div class="{cls}">' + (f'<div class="mc-toast-icon">{_ESC(icon)}</div>' if icon else "")
                    + f'<div class="mc-toast-title">{_ESC(str(toast.get("title", "")))}</div></div>')
            if toast.get("mask"):
                kids.append(self._html("", "mc-mask-clear"))
            kids.append(self._html(body, "mc-toast-w"))
        modal = layer.get("modal")
        if modal:
            kids.append(self._html("", "mc-mask"))
            kids.append(self._modal(modal))
        sheet = layer.get("action_sheet")
        if sheet:
            kids.append(self._html("", "mc-mask"))
            kids.append(self._action_sheet(sheet))
        pay = layer.get("pay_sheet")
        if pay:
            kids.append(self._html("", "mc-mask"))
            kids.append(self._pay_sheet(pay))
        if self._errors:
            kids.append(self._error_box())
        self._layer.children = tuple(kids)
        _set_classes(self._layer, ["mc-layer"] + ([] if kids else ["mc-hidden"]))
        for widget in old:
            _close_tree(widget)

    def _modal(self, modal: dict):
        parts = []
        title = str(modal.get("title") or "")
        if title:
            parts.append(self._html(f"{_ESC(title)}", "mc-modal-title"))
        content = str(modal.get("content") or "")
        text = None
        if modal.get("editable"):
            text = W.Text(value=content, placeholder=str(modal.get("placeholder_text", "")))
            text.add_class("mc-modal-input")
            parts.append(text)
        elif content:
            parts.append(self._html(_ESC(content), "mc-modal-content"))
        buttons = []
        if modal.get("show_cancel", True):
            cancel = self._button(str(modal.get("cancel_text", "取消")), "mc-modal-cancel",
                                  lambda _b: self._act(lambda: _answer_modal(self.phone, False, None)))
            buttons.append(cancel)
        confirm = self._button(
            str(modal.get("confirm_text", "确定")), "mc-modal-confirm",
            lambda _b: self._act(lambda: _answer_modal(self.phone, True, text.value if text is not None else None)))
        buttons.append(confirm)
        row = W.Box(buttons)
        row.add_class("mc-modal-buttons")
        parts.append(row)
        colors = (f"<style>.{self.scope} .mc-modal-confirm{{color:{_css_value(str(modal.get('confirm_color', '#576B95')))}}}"
                  f".{self.scope} .mc-modal-cancel{{color:{_css_value(str(modal.get('cancel_color', '#000000')))}}}</style>")
        parts.append(self._html(colors, "mc-style"))
        box = W.Box(parts)
        box.add_class("mc-modal")
        return box

    def _action_sheet(self, sheet: dict):
        parts = []
        if sheet.get("alert_text"):
            parts.append(self._html(_ESC(str(sheet["alert_text"])), "mc-sheet-alert"))
        for index, item in enumerate(sheet.get("item_list", [])):
            parts.append(self._button(str(item), "mc-sheet-item",
                                      lambda _b, i=index: self._act(lambda: self.phone.services.ui.answer_action_sheet(i))))
        parts.append(self._button(_t("preview_sheet_cancel"), "mc-sheet-cancel",
                                  lambda _b: self._act(lambda: self.phone.services.ui.answer_action_sheet(None))))
        box = W.Box(parts)
        box.add_class("mc-sheet")
        return box

    def _pay_sheet(self, pay: dict):
        amount = pay.get("amount_text") or pay.get("amount") or ""
        head = (f'<div class="mc-pay-head">{_ESC(_t("preview_pay_title"))}</div>'
                f'<div class="mc-pay-merchant">{_ESC(str(pay.get("merchant", "")))}</div>'
                f'<div class="mc-pay-desc">{_ESC(str(pay.get("description", "")))}</div>'
                f'<div class="mc-pay-amount">{_ESC(str(amount))}</div>'
                f'<div class="mc-pay-note">{_ESC(_t("preview_pay_sandbox"))}</div>')
        parts = [self._html(head, "mc-pay-info"),
                 self._button(_t("preview_pay_confirm"), "mc-pay-confirm",
                              lambda _b: self._act(lambda: _answer_pay(self.phone, True))),
                 self._button(_t("preview_pay_cancel"), "mc-pay-cancel",
                              lambda _b: self._act(lambda: _answer_pay(self.phone, False)))]
        box = W.Box(parts)
        box.add_class("mc-sheet")
        box.add_class("mc-pay")
        return box

    def _error_box(self):
        blocks = [f'<div class="mc-error-title">⚠ {_ESC(_t("preview_error_title"))}</div>']
        for error in self._errors[-3:]:
            blocks.append(f'<div class="mc-error-msg">{_ESC(error["message"])}</div>')
            if error.get("where"):
                blocks.append(f'<div class="mc-error-where">{_ESC(error["where"])}</div>')
            if error.get("code"):
                blocks.append(f'<pre class="mc-error-code">{_ESC(error["code"])}</pre>')
        if any(e.get("code") for e in self._errors):
            blocks.append(f'<div class="mc-error-hint">{_ESC(_t("preview_error_hint"))}</div>')
        box = W.Box([self._html("".join(blocks), "mc-error-body"),
                     self._button("✕", "mc-error-close", self._on_dismiss)])
        box.add_class("mc-error")
        return box

    # widgets of the frame ----------------------------------------------------------------------
    @staticmethod
    def _html(value: str, cls: str):
        widget = W.HTML(value=value)
        widget.add_class(cls)
        return widget

    def _button(self, label: str, cls: str, on_click):
        button = W.Button(description=label, tooltip=label)
        button.add_class(cls)
        button.on_click(on_click)
        return button

    # WXSS -----------------------------------------------------------------------------------
    def _page_css(self) -> str:
        """Base styles of the built-in components, then app, page and components' WXSS."""
        from .wxss import BASE_CSS

        phone = self.phone
        parts = [self._compiled(("base",), BASE_CSS, "base.wxss", None), _defaults_css(self.scope)]
        if phone is not None:
            from .css_display import style_sources

            for key, source, filename, loader, hosts in style_sources(phone):
                parts.append(self._compiled(key, source, filename, loader, hosts))
        return "\n".join(p for p in parts if p)

    def _compiled(self, key, source: str, filename: str, loader, hosts: tuple = ()) -> str:
        from .wxss import compile_wxss

        cached = self._css_cache.get(key)
        if cached is None:
            try:
                cached = _ids_as_classes(compile_wxss(source, self.scope, filename=filename,
                                                      loader=loader, host_tags=hosts))
            except MiniProgramError as exc:
                self._errors = self._errors + [{"message": str(exc), "where": "", "code": ""}]
                cached = ""
            self._css_cache[key] = cached
        return cached


# ------------------------------------------------------------------------------------------------
def _as_program(program):
    if isinstance(program, MiniProgram):
        return program
    if isinstance(program, (str, os.PathLike)):
        try:
            return MiniProgram.load(program)
        except MiniProgramError as exc:
            return f"{program!r} ({exc})"
    try:
        from .page import Page

        if isinstance(program, type) and issubclass(program, Page):
            return MiniProgram(pages={"pages/index/index": program})
    except MiniProgramError as exc:
        return str(exc)
    if isinstance(program, type):
        return f"class {program.__name__}"
    return type(program).__name__


def _running_loop():
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


def _answer_modal(phone: Phone, confirm: bool, content: str | None) -> None:
    ui = phone.services.ui
    modal = phone.services.ui.current_modal() or {}
    ui.answer_modal(confirm=confirm, content=content if modal.get("editable") else None)


def _answer_pay(phone: Phone, confirm: bool) -> None:
    phone.services.pay.answer_sheet(confirm=confirm)


def _error_info(exc: BaseException) -> dict:
    """What the red box says: the message, where in the student's code, and that line."""
    if isinstance(exc, MiniProgramError):
        message = str(exc)
    else:
        from .explain import explain

        message = explain(exc)
    frame = student_frame(exc)
    if frame is None:
        return {"message": message, "where": "", "code": ""}
    code = frame.tb_frame.f_code
    filename, line = code.co_filename, frame.tb_lineno
    source = linecache.getline(filename, line).strip()
    function = code.co_name
    if "ipykernel_" in filename or filename.startswith("<ipython-input") or filename.startswith("<"):
        where = _t("preview_error_where_cell", function=function, line=line)
    else:
        where = _t("preview_error_where_file", function=function, file=os.path.basename(filename), line=line)
    return {"message": message, "where": where, "code": source}


def _close_entry(entry: _Entry) -> None:
    for widget in (entry.widget, entry.hit, entry.parts):
        if widget is not None:
            _close_widget(widget)


def _close_tree(widget) -> None:
    for child in getattr(widget, "children", ()) or ():
        _close_tree(child)
    _close_widget(widget)


def _close_widget(widget) -> None:
    """Close a widget and its layout/style models (ipywidgets leaves those open)."""
    for name in ("layout", "style"):
        sub = getattr(widget, name, None)
        if isinstance(sub, W.Widget):
            sub.close()
    widget.close()


def _set(widget, name: str, value) -> None:
    if getattr(widget, name) != value:
        setattr(widget, name, value)


def _set_classes(widget, classes: list[str]) -> None:
    value = tuple(dict.fromkeys(classes))
    if tuple(widget._dom_classes) != value:
        widget._dom_classes = value


def _truthy(value) -> bool:
    from .wxml.expr import truthy

    return bool(truthy(value)) and value not in ("false", "0")


def _text(value) -> str:
    from .wxml.expr import to_text

    return "" if value is None else to_text(value)


def _int(value, default: int) -> int:
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return default


def _clock_text(now_ms: int) -> str:
    # 9:41, the time on every phone in an advert, moved on by the phone's own clock
    minutes = 9 * 60 + 41 + int(now_ms // 60000)
    return f"{(minutes // 60) % 24}:{minutes % 60:02d}"


def _css_value(value: str) -> str:
    """A colour or similar from a config file, made safe to put inside a CSS rule."""
    return "".join(ch for ch in value if ch.isalnum() or ch in "#(),.% -") or "transparent"


def _important(declarations: str) -> str:
    """``a:1; b:2`` -> ``a:1 !important;b:2 !important`` (an inline style beats stylesheets)."""
    import tinycss2

    out = []
    for decl in tinycss2.parse_blocks_contents(declarations, skip_comments=True, skip_whitespace=True):
        if decl.type == "declaration":
            out.append(f"{decl.name}:{tinycss2.serialize(decl.value).strip()} !important")
    return ";".join(out)


def _ids_as_classes(css: str) -> str:
    """``#count`` in selectors also matches widgets, which carry ``mc-id-count`` (widgets
    cannot have an id): ``.s #count`` -> ``.s :is(#count,.mc-id-count)``."""
    if "#" not in css:
        return css
    import tinycss2
    from tinycss2.serializer import serialize_identifier

    def rewrite(rules) -> str:
        out = []
        for rule in rules:
            if rule.type == "qualified-rule":
                prelude = "".join(
                    f":is(#{serialize_identifier(t.value)},.mc-id-{serialize_identifier(t.value)})"
                    if t.type == "hash" and t.is_identifier else t.serialize()
                    for t in rule.prelude)
                out.append(f"{prelude}{{{tinycss2.serialize(rule.content)}}}")
            elif (rule.type == "at-rule" and rule.content is not None
                  and rule.lower_at_keyword in ("media", "supports")):
                inner = tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True)
                out.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{rewrite(inner)}}}")
            else:
                out.append(rule.serialize())
        return "\n".join(out)

    return rewrite(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))


def _frame_css(s: str, height: int = PHONE_HEIGHT) -> str:
    """The phone itself, and resets that make widgets lay out like plain HTML elements.

    Every rule here is ``.scope .x`` (or lower): the page's WXSS comes later in the document
    with the same weight, so a student's style always wins over ours.
    """
    return f"""
.{s} .lm-Widget{{position:static;overflow:visible}}
.{s} .jupyter-widgets{{margin:0;color:inherit;font-size:inherit;line-height:inherit;box-sizing:content-box}}
.{s} .widget-box{{overflow:visible}}
.{s} .widget-html{{height:auto;font-size:inherit}}
.{s} .widget-html > .widget-html-content{{height:auto;line-height:inherit;font-size:inherit;align-self:auto}}
.{s} .mc-html,.{s} .mc-html > .widget-html-content,.{s} .mc-style,.{s} .mc-style > .widget-html-content{{display:contents}}
.{s} .mc-hidden{{display:none !important}}
.{s} .mc-el{{display:block;box-sizing:content-box;min-width:0}}
.{s} .jupyter-button{{height:auto;width:auto;margin:0;padding:0;font-family:inherit;font-size:inherit;line-height:inherit;
  color:inherit;background:transparent;border:0;box-shadow:none;outline:none;overflow:visible;text-overflow:clip;white-space:normal;border-radius:0}}
.{s} .jupyter-button:focus:enabled{{outline:none}}
.{s}.mc-preview{{display:flex;flex-direction:column;align-items:flex-start;gap:6px;margin:6px 0;overflow:visible}}
.{s} .mc-phone{{width:{PHONE_WIDTH}px;height:{height}px;flex:none;border:12px solid #1d1d1f;border-radius:40px;
  background:#fff;position:relative;overflow:hidden;display:flex;flex-direction:column;box-sizing:content-box;
  font-family:-apple-system,BlinkMacSystemFont,"Helvetica Neue",Arial,"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif;
  font-size:16px;line-height:1.4;color:#000;box-shadow:0 8px 28px rgba(0,0,0,.28),0 0 0 2px #48484a}}
.{s} .mc-static{{display:block}}
.{s} .mc-statusbar{{height:20px;flex:none;display:flex;align-items:center;padding:0 16px;font-size:12px;font-weight:600;position:relative}}
.{s} .mc-statusbar .mc-flex{{flex:1}}
.{s} .mc-skip{{font-size:12px;padding:0 6px;margin-right:8px;border-radius:8px;background:rgba(127,127,127,.35);cursor:pointer}}
.{s} .mc-navbar{{height:44px;flex:none;display:flex;align-items:center;justify-content:center;position:relative}}
.{s} .mc-title{{font-size:17px;font-weight:600;max-width:56%;overflow:hidden;white-space:nowrap;text-overflow:ellipsis}}
.{s} .mc-back{{position:absolute;left:2px;top:0;width:44px;height:44px;font-size:34px;line-height:40px;cursor:pointer}}
.{s} .mc-capsule-w{{position:absolute;right:7px;top:7px}}
.{s} .mc-capsule{{display:flex;align-items:center;height:30px;width:87px;border-radius:16px;border:1px solid rgba(127,127,127,.35);
  background:rgba(255,255,255,.6);color:#000;font-size:13px;box-sizing:border-box;justify-content:space-around;font-weight:700}}
.{s} .mc-capsule i{{width:1px;height:18px;background:rgba(0,0,0,.2)}}
.{s} .mc-page{{flex:1 1 auto;display:block;overflow-x:hidden;overflow-y:auto;position:relative;min-height:0}}
.{s} .mc-tabbar{{height:50px;flex:none;display:flex;border-top:1px solid #c8c8c8;position:relative}}
.{s} .mc-tabbar-top{{order:-1;border-top:0;border-bottom:1px solid #c8c8c8}}
.{s} .mc-tab{{flex:1;font-size:12px;cursor:pointer;display:flex;flex-direction:column;align-items:center;justify-content:center}}
.{s} .mc-tab::before{{content:"●";font-size:18px;line-height:20px}}
.{s} .mc-tabbar-top .mc-tab::before{{content:none}}
.{s} .mc-tap{{position:relative;cursor:pointer}}
.{s} .mc-tap > *:not(.mc-hit){{pointer-events:none}}
.{s} :where(.mc-tap) .mc-live{{pointer-events:auto;position:relative;z-index:2}}
.{s} .mc-hit{{position:absolute;top:0;left:0;right:0;bottom:0;width:auto;height:auto;opacity:0;z-index:1;cursor:pointer;min-height:0}}
.{s} .mc-tap:active{{opacity:.7}}
.{s} .mc-input{{display:block;width:auto;height:auto;line-height:inherit;min-height:1.4em}}
.{s} .mc-input.mc-input input,.{s} .mc-input.mc-input textarea{{border:0;background:transparent;width:100%;height:auto;
  font:inherit;color:inherit;padding:2px 0;margin:0;outline:none;box-shadow:none;min-width:0;flex:1;box-sizing:border-box}}
.{s} .mc-input.mc-input textarea{{min-height:150px;resize:none}}
.{s} .mc-slider{{width:auto;height:auto}}
.{s} .mc-layer{{position:absolute;top:0;left:0;right:0;bottom:0;z-index:50;display:flex;align-items:center;justify-content:center;pointer-events:none}}
.{s} .mc-layer > *{{pointer-events:auto}}
.{s} .mc-mask,.{s} .mc-mask-clear{{position:absolute;top:0;left:0;right:0;bottom:0;background:rgba(0,0,0,.6);display:block}}
.{s} .mc-mask-clear{{background:transparent}}
.{s} .mc-toast-w{{position:absolute;top:45%;left:50%;transform:translate(-50%,-50%);pointer-events:none}}
.{s} .mc-toast{{min-width:120px;max-width:220px;min-height:120px;box-sizing:border-box;padding:18px 12px;border-radius:10px;
  background:rgba(17,17,17,.78);color:#fff;display:flex;flex-direction:column;align-items:center;justify-content:center;text-align:center}}
.{s} .mc-toast.mc-toast-text{{min-height:0;min-width:0;padding:10px 16px}}
.{s} .mc-toast-icon{{font-size:40px;line-height:48px;margin-bottom:6px}}
.{s} .mc-toast-title{{font-size:15px;word-break:break-all}}
.{s} .mc-modal{{position:relative;width:300px;background:#fff;border-radius:12px;overflow:hidden;display:flex;flex-direction:column;text-align:center}}
.{s} .mc-modal-title{{display:block;font-size:17px;font-weight:600;padding:28px 24px 8px}}
.{s} .mc-modal-content{{display:block;font-size:15px;color:rgba(0,0,0,.55);padding:8px 24px 28px;word-break:break-word;white-space:pre-wrap}}
.{s} .mc-modal-input{{margin:8px 24px 24px;width:auto}}
.{s} .mc-modal-input input{{width:100%;font-size:15px;height:36px;box-sizing:border-box}}
.{s} .mc-modal-buttons{{display:flex;border-top:1px solid rgba(0,0,0,.1)}}
.{s} .mc-modal-buttons .jupyter-button{{flex:1;height:56px;font-size:17px;font-weight:600;cursor:pointer}}
.{s} .mc-modal-cancel{{border-right:1px solid rgba(0,0,0,.1)}}
.{s} .mc-sheet{{position:absolute;left:0;right:0;bottom:0;background:#f7f7f7;border-radius:12px 12px 0 0;display:flex;flex-direction:column;overflow:hidden}}
.{s} .mc-sheet-alert{{display:block;padding:16px;text-align:center;color:rgba(0,0,0,.5);font-size:14px;background:#fff}}
.{s} .mc-sheet-item{{height:56px;background:#fff;border-bottom:1px solid rgba(0,0,0,.06);font-size:17px;cursor:pointer}}
.{s} .mc-sheet-cancel{{height:56px;margin-top:8px;background:#fff;font-size:17px;cursor:pointer}}
.{s} .mc-pay-info{{display:block;text-align:center;padding:18px 16px 8px;background:#fff}}
.{s} .mc-pay-head{{font-size:15px;color:rgba(0,0,0,.55)}}
.{s} .mc-pay-merchant{{font-size:16px;margin-top:12px}}
.{s} .mc-pay-desc{{font-size:14px;color:rgba(0,0,0,.55)}}
.{s} .mc-pay-amount{{font-size:40px;font-weight:600;margin:8px 0}}
.{s} .mc-pay-note{{font-size:12px;color:#fa9d3b}}
.{s} .mc-pay .mc-pay-confirm{{margin:8px 24px 4px;height:46px;border-radius:8px;background:#07c160;color:#fff;font-size:17px;font-weight:600;cursor:pointer}}
.{s} .mc-pay .mc-pay-cancel{{margin:4px 24px 16px;height:40px;font-size:16px;color:#576b95;cursor:pointer}}
.{s} .mc-error{{position:absolute;left:8px;right:8px;bottom:8px;max-height:55%;overflow:auto;background:#fff1f0;border:2px solid #f5222d;
  border-radius:10px;color:#a8071a;padding:10px 34px 10px 12px;font-size:14px;display:block;box-shadow:0 4px 14px rgba(0,0,0,.25);z-index:60}}
.{s} .mc-error-title{{font-weight:700;font-size:15px;margin-bottom:4px}}
.{s} .mc-error-msg{{white-space:pre-wrap;word-break:break-word}}
.{s} .mc-error-where{{color:#595959;font-size:13px;margin-top:4px}}
.{s} .mc-error-code{{background:#fff;border:1px solid #ffa39e;border-radius:4px;padding:4px 6px;margin:4px 0 0;font-size:13px;
  white-space:pre-wrap;color:#000;font-family:Menlo,Consolas,monospace}}
.{s} .mc-error-hint{{font-size:12px;color:#595959;margin-top:6px}}
.{s} .mc-error-close{{position:absolute;right:6px;top:6px;width:24px;height:24px;font-size:16px;cursor:pointer;color:#a8071a}}
.{s} .mc-console{{width:{PHONE_WIDTH + 24}px;box-sizing:border-box;border:1px solid #d9d9d9;border-radius:8px;background:#fafafa;
  padding:4px 8px;font-size:12px;display:block;position:relative}}
.{s} .mc-console-clear{{position:absolute;right:8px;top:4px;color:#576b95;cursor:pointer}}
.{s} .mc-console pre{{margin:4px 0 0;max-height:140px;overflow:auto;white-space:pre-wrap;font-size:12px}}
"""


def _defaults_css(s: str) -> str:
    """Looks of the built-in components as widgets (after the base CSS, before the WXSS)."""
    return f"""
.{s} .wx-button{{display:block;position:relative;margin:8px auto;padding:0 14px;box-sizing:border-box;font-size:18px;
  line-height:2.55;border-radius:5px;border:1px solid rgba(0,0,0,.08);background:#f2f2f2;color:#000;width:100%;text-align:center;cursor:pointer}}
.{s} .wx-button.mc-primary{{background:#07c160;color:#fff;border-color:#07c160}}
.{s} .wx-button.mc-warn{{background:#fa5151;color:#fff;border-color:#fa5151}}
.{s} .wx-button.mc-mini{{display:inline-block;width:auto;font-size:13px;line-height:2.3;padding:0 1.34em;margin:4px}}
.{s} .wx-button.mc-plain{{background:transparent;border-color:currentColor}}
.{s} .wx-button.mc-primary.mc-plain{{color:#07c160}}
.{s} .wx-button:disabled{{opacity:.6;cursor:default}}
.{s} .wx-button:active:enabled{{filter:brightness(.92)}}
.{s} .mc-tap-inline{{display:inline-block}}
"""
