"""UI feedback (spec 5.4): toast, loading, modal, action sheet, navigation bar title.

* ``show_toast`` and ``show_loading`` share **one slot**: showing one replaces the other.
  A toast disappears after ``duration`` ms (default 1500) of the phone's virtual clock; a
  loading stays until ``hide_loading``.
* ``show_modal`` waits for the user. On a phone in a test, answer it with
  ``phone.services.ui.confirm_modal(content=None)`` / ``cancel_modal()`` (the driver does it for
  you), or queue an answer in advance with ``queue_modal_answer(...)``.
"""
from __future__ import annotations

import unicodedata
from typing import Any

from ..errors import MiniProgramError
from .calling import AsyncCall, Result, check_options, options_from, record, warn
from .storage import js_type

TOAST_ICONS = ("success", "error", "loading", "none")


def text_width(text: str) -> int:
    """Width in half-characters: a Chinese character counts 2, a Latin letter 1."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in str(text))


class UIService:
    """Toast/loading slot, modals and action sheets of one phone."""

    def __init__(self, phone) -> None:
        self.phone = phone
        self._toast_log: list[dict] = []  # every toast and loading, oldest first
        self._slot: dict | None = None
        self._hide_timer = None
        self._modals: list[tuple[dict, AsyncCall]] = []
        self._modal_answers: list[dict] = []
        self._sheets: list[tuple[dict, AsyncCall]] = []
        self._sheet_answers: list[int | None] = []

    def reset(self) -> None:
        """Relaunch: nothing on screen any more (pending modals are dropped unanswered)."""
        if self._hide_timer is not None:
            self._hide_timer.cancel()
        if self._slot is not None:
            self._slot["visible"] = False
        self._slot = None
        self._modals.clear()
        self._sheets.clear()

    # plain-data views --------------------------------------------------------------------------
    def toasts(self) -> list[dict]:
        """Every toast shown so far (oldest first), each with ``visible``."""
        return [dict(t) for t in self._toast_log if t["kind"] == "toast"]

    def loadings(self) -> list[dict]:
        """Every loading shown so far (oldest first), each with ``visible``."""
        return [dict(t) for t in self._toast_log if t["kind"] == "loading"]

    def current_toast(self) -> dict | None:
        """What is in the shared toast/loading slot now (``kind`` is "toast" or "loading")."""
        return dict(self._slot) if self._slot else None

    def current_modal(self) -> dict | None:
        """The modal on screen, or None."""
        return dict(self._modals[0][0]) if self._modals else None

    def current_action_sheet(self) -> dict | None:
        return dict(self._sheets[0][0]) if self._sheets else None

    # the slot ------------------------------------------------------------------------------
    def _show(self, entry: dict) -> None:
        if self._hide_timer is not None:
            self._hide_timer.cancel()
            self._hide_timer = None
        if self._slot is not None:
            self._slot["visible"] = False
            self._slot["hidden_at"] = self.phone.clock.now
        entry["visible"] = True
        entry["shown_at"] = self.phone.clock.now
        entry["hidden_at"] = None
        self._slot = entry
        self._toast_log.append(entry)
        record(self.phone, entry["kind"], **{k: entry[k] for k in ("title", "icon", "duration", "mask") if k in entry})
        if entry["kind"] == "toast":
            self._hide_timer = self.phone.clock.call_later(entry["duration"], self._expire, entry)

    def _expire(self, entry: dict) -> None:
        if self._slot is entry:
            self._hide_slot()

    def _hide_slot(self) -> dict | None:
        entry = self._slot
        if entry is None:
            return None
        entry["visible"] = False
        entry["hidden_at"] = self.phone.clock.now
        self._slot = None
        if self._hide_timer is not None:
            self._hide_timer.cancel()
            self._hide_timer = None
        return entry

    # modals ----------------------------------------------------------------------------------
    def _open_modal(self, modal: dict, call: AsyncCall) -> None:
        self._modals.append((modal, call))
        record(self.phone, "modal", **modal)
        if len(self._modals) == 1 and self._modal_answers:
            self.phone.clock.call_soon(self._answer_from_queue)

    def _answer_from_queue(self) -> None:
        if self._modals and self._modal_answers:
            answer = self._modal_answers.pop(0)
            self.answer_modal(**answer)

    def queue_modal_answer(self, confirm: bool = True, content: str | None = None) -> None:
        """Answer the next modal automatically (for tests and for ``.result()`` in a notebook)."""
        self._modal_answers.append({"confirm": bool(confirm), "content": content})
        if self._modals:
            self.phone.clock.call_soon(self._answer_from_queue)

    def answer_modal(self, confirm: bool = True, content: str | None = None) -> dict:
        """The user taps confirm (``confirm=True``) or cancel; ``content`` is what they typed."""
        if not self._modals:
            raise MiniProgramError("wx.no_modal")
        modal, call = self._modals[0]
        if not confirm and not modal["show_cancel"]:
            raise MiniProgramError("wx.modal_has_no_cancel", title=modal["title"])
        if content is not None and not modal["editable"]:
            raise MiniProgramError("wx.modal_not_editable", title=modal["title"])
        self._modals.pop(0)
        fields: dict[str, Any] = {"confirm": bool(confirm), "cancel": not confirm}
        if modal["editable"]:
            fields["content"] = "" if content is None else str(content)
        record(self.phone, "modal_answer", title=modal["title"], **fields)
        call.ok(**fields)
        if self._modals and self._modal_answers:
            self.phone.clock.call_soon(self._answer_from_queue)
        return fields

    def confirm_modal(self, content: str | None = None) -> dict:
        return self.answer_modal(True, content)

    def cancel_modal(self) -> dict:
        return self.answer_modal(False)

    # action sheets ---------------------------------------------------------------------------
    def queue_action_sheet_answer(self, index: int | None) -> None:
        """Answer the next action sheet: an item index, or None for cancel."""
        self._sheet_answers.append(index)
        if self._sheets:
            self.phone.clock.call_soon(self._sheet_from_queue)

    def _sheet_from_queue(self) -> None:
        if self._sheets and self._sheet_answers:
            self.answer_action_sheet(self._sheet_answers.pop(0))

    def answer_action_sheet(self, index: int | None) -> None:
        """The user taps item ``index`` (0-based), or cancels with ``None``."""
        if not self._sheets:
            raise MiniProgramError("wx.no_action_sheet")
        sheet, call = self._sheets[0]
        if index is not None and not (0 <= int(index) < len(sheet["item_list"])):
            raise MiniProgramError("wx.action_sheet_no_item", index=index, count=len(sheet["item_list"]))
        self._sheets.pop(0)
        record(self.phone, "action_sheet_answer", tap_index=index)
        if index is None:
            call.failed("cancel")
        else:
            call.ok(tap_index=int(index))

    def cancel_action_sheet(self) -> None:
        self.answer_action_sheet(None)


def _svc(phone) -> UIService:
    return phone.services.ui


def _param_error(call: AsyncCall, name: str, value: Any, want: str = "String") -> None:
    call.failed(f"parameter error: parameter.{name} should be {want} instead of {js_type(value)};")


# ---------------------------------------------------------------------------------------------


def show_toast(phone, *args, **kwargs):
    """Show a toast: ``title`` (required), ``icon`` "success"/"error"/"loading"/"none"
    (default "success"), ``image``, ``duration`` ms (default 1500), ``mask`` (default False)."""
    options = options_from("show_toast", args, kwargs)
    check_options(phone, "show_toast", options, ("title", "icon", "image", "duration", "mask"))
    call = AsyncCall(phone, "show_toast", options)
    o = call.options
    title = o.get("title")
    if not isinstance(title, str):
        _param_error(call, "title", title)
        return call.returned()
    icon = o.get("icon", "success")
    if icon not in TOAST_ICONS:
        warn(phone, "wx.toast_icon_unknown", icon=icon, known=", ".join(TOAST_ICONS))
    duration = o.get("duration", 1500)
    if not isinstance(duration, (int, float)) or isinstance(duration, bool):
        _param_error(call, "duration", duration, "Number")
        return call.returned()
    if icon != "none" and not o.get("image") and text_width(title) > 14:
        warn(phone, "wx.toast_title_cut", title=title)
    _svc(phone)._show({
        "kind": "toast", "title": title, "icon": icon, "image": o.get("image"),
        "duration": int(duration), "mask": bool(o.get("mask", False)),
    })
    call.ok()
    return call.returned()


def show_loading(phone, *args, **kwargs):
    """Show a loading spinner with ``title`` until ``wx.hide_loading()``."""
    options = options_from("show_loading", args, kwargs)
    check_options(phone, "show_loading", options, ("title", "mask"))
    call = AsyncCall(phone, "show_loading", options)
    title = call.options.get("title")
    if not isinstance(title, str):
        _param_error(call, "title", title)
        return call.returned()
    _svc(phone)._show({"kind": "loading", "title": title, "icon": "loading",
                       "mask": bool(call.options.get("mask", False))})
    call.ok()
    return call.returned()


def _hide(phone, api: str, kind: str, args, kwargs):
    options = options_from(api, args, kwargs)
    check_options(phone, api, options, ("no_conflict",))
    call = AsyncCall(phone, api, options)
    svc = _svc(phone)
    slot = svc._slot
    if slot is None:
        # UNVERIFIED: real phones answer "hideLoading:fail:toast can't be found" (note the colon)
        call.finish(False, _fail_colon(call, "toast can't be found"))
        return call.returned()
    if slot["kind"] != kind:
        # The slot is shared: hide_loading also closes a toast that replaced the loading.
        warn(phone, "wx.hide_closed_other", api=api, kind=slot["kind"], title=slot["title"])
    svc._hide_slot()
    record(phone, "hide_" + kind, title=slot["title"])
    call.ok()
    return call.returned()


def _fail_colon(call: AsyncCall, reason: str):
    return Result(err_msg=f"{call.err_name}:fail:{reason}")


def hide_toast(phone, *args, **kwargs):
    return _hide(phone, "hide_toast", "toast", args, kwargs)


def hide_loading(phone, *args, **kwargs):
    return _hide(phone, "hide_loading", "loading", args, kwargs)


def show_modal(phone, *args, **kwargs):
    """Ask the user: ``title``, ``content``, ``show_cancel`` (True), ``cancel_text`` ("取消"),
    ``confirm_text`` ("确定"), ``editable`` (False), ``placeholder_text``.
    Result: ``{confirm, cancel, content (when editable), err_msg: "showModal:ok"}``."""
    options = options_from("show_modal", args, kwargs)
    check_options(phone, "show_modal", options, (
        "title", "content", "show_cancel", "cancel_text", "cancel_color", "confirm_text",
        "confirm_color", "editable", "placeholder_text"))
    svc = _svc(phone)
    call = AsyncCall(phone, "show_modal", options,
                     waiting=lambda: "modal" if svc._modals else None)
    o = call.options
    for name, default in (("confirm_text", "确定"), ("cancel_text", "取消")):
        text = o.get(name, default)
        if text_width(text) > 8:
            # UNVERIFIED wording (observed on devices)
            call.failed(f"{name.split('_')[0]}Text length should not larger than 4 Chinese characters")
            return call.returned()
    modal = {
        "title": str(o.get("title", "")),
        "content": str(o.get("content", "")),
        "show_cancel": bool(o.get("show_cancel", True)),
        "cancel_text": str(o.get("cancel_text", "取消")),
        "cancel_color": str(o.get("cancel_color", "#000000")),
        "confirm_text": str(o.get("confirm_text", "确定")),
        "confirm_color": str(o.get("confirm_color", "#576B95")),
        "editable": bool(o.get("editable", False)),
        "placeholder_text": str(o.get("placeholder_text", "")),
    }
    svc._open_modal(modal, call)
    return call.returned()


def show_action_sheet(phone, *args, **kwargs):
    """Let the user pick one of ``item_list`` (at most 6). Result ``{tap_index}``;
    cancelling fails with ``"showActionSheet:fail cancel"``."""
    options = options_from("show_action_sheet", args, kwargs)
    check_options(phone, "show_action_sheet", options, ("item_list", "item_color", "alert_text"))
    svc = _svc(phone)
    call = AsyncCall(phone, "show_action_sheet", options,
                     waiting=lambda: "action sheet" if svc._sheets else None)
    items = call.options.get("item_list")
    if not isinstance(items, (list, tuple)):
        _param_error(call, "itemList", items, "Array")
        return call.returned()
    if len(items) > 6:
        call.failed("parameter error: itemList should not be large than 6")  # UNVERIFIED wording
        return call.returned()
    sheet = {"item_list": [str(i) for i in items],
             "item_color": str(call.options.get("item_color", "#000000")),
             "alert_text": call.options.get("alert_text")}
    svc._sheets.append((sheet, call))
    record(phone, "action_sheet", **sheet)
    if len(svc._sheets) == 1 and svc._sheet_answers:
        phone.clock.call_soon(svc._sheet_from_queue)
    return call.returned()


def set_navigation_bar_title(phone, *args, **kwargs):
    """Change the title in the navigation bar of the current page."""
    options = options_from("set_navigation_bar_title", args, kwargs)
    check_options(phone, "set_navigation_bar_title", options, ("title",))
    call = AsyncCall(phone, "set_navigation_bar_title", options)
    title = call.options.get("title")
    if not isinstance(title, str):
        _param_error(call, "title", title)
        return call.returned()

    def run() -> None:
        setter = getattr(phone, "set_navigation_bar_title", None)
        if callable(setter):
            setter(title)
        record(phone, "navigation_bar_title", title=title)
        call.ok()

    phone.clock.call_soon(run)
    return call.returned()


API = {
    "show_toast": show_toast,
    "hide_toast": hide_toast,
    "show_loading": show_loading,
    "hide_loading": hide_loading,
    "show_modal": show_modal,
    "show_action_sheet": show_action_sheet,
    "set_navigation_bar_title": set_navigation_bar_title,
}
