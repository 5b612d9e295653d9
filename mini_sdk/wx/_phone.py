"""Which phone student code is about, when it names none.

A student writes ``wx.show_toast(...)``, ``get_app()``, ``set_timeout(...)`` with no phone in
hand, as real WeChat's globals are used. Everything inside the runtime is handed its phone
(pages, components, events, the wx areas, the pretend servers get it as an argument or an
attribute); this module is the one place a phone is looked up, and the phone fills it in:

* ``running``: the phone whose program is running now (:class:`mini_sdk.phone.Phone` sets it
  around every run of student code, as a context variable);
* :func:`note_launched`: the phone launched last (a ``wx`` call in a later notebook cell
  reaches it); :func:`forget` when a driver is closed;
* a scratch phone without a program otherwise, made by the factory that ``mini_sdk.phone``
  gives :func:`make_scratch_phones_with` (so ``wx`` works in a bare notebook cell; the phone
  module sits above this one, so it hands the factory down rather than being imported).

Tests of this package can pin a stand-in phone with :func:`using_phone`.
"""
from __future__ import annotations

import contextvars
from contextlib import contextmanager
from typing import Any, Callable, Iterator

running: contextvars.ContextVar[Any] = contextvars.ContextVar("mini_sdk_phone", default=None)
_last_launched: Any = None
_scratch: Any = None
_make_scratch: Callable[[], Any] | None = None
_pinned: list[Any] = []


def make_scratch_phones_with(factory: Callable[[], Any]) -> None:
    """How to make the scratch phone (``mini_sdk.phone`` gives ``lambda: Phone(None)``)."""
    global _make_scratch
    _make_scratch = factory


def note_launched(phone: Any) -> None:
    global _last_launched
    _last_launched = phone


def last_launched() -> Any:
    """The phone launched last (None when none is, or it was closed)."""
    return _last_launched


def forget(phone: Any) -> None:
    """``phone`` is no longer reached by code outside any program (its driver was closed)."""
    global _last_launched
    if _last_launched is phone:
        _last_launched = None


def active_phone() -> Any:
    """The phone whose program is running now; else the last one launched; else a scratch
    phone without a program. Never None."""
    global _scratch
    phone = running.get()
    if phone is not None:
        return phone
    if _last_launched is not None:
        return _last_launched
    if _scratch is None:
        if _make_scratch is None:  # pragma: no cover - mini_sdk's __init__ imports the phone
            raise RuntimeError("mini_sdk.phone was not imported")
        _scratch = _make_scratch()
    return _scratch


def current_phone() -> Any:
    """The phone a ``wx`` call is about: a pinned one (tests), else :func:`active_phone`."""
    if _pinned:
        return _pinned[-1]
    return active_phone()


@contextmanager
def using_phone(phone: Any) -> Iterator[Any]:
    """Make ``wx`` talk to ``phone`` inside the ``with`` block."""
    _pinned.append(phone)
    try:
        yield phone
    finally:
        _pinned.remove(phone)
