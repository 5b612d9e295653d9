"""The calling convention every ``wx`` API follows (spec 5.1).

Three kinds of API, as in the real framework:

* ``wx.xxx_sync(...)`` returns its value and **raises** :class:`mini_sdk.errors.WxError` on error.
* ``wx.xxx({...})`` / ``wx.xxx(key=value, ...)`` is asynchronous. Its result is delivered later,
  by a task on the phone's virtual clock, never while the calling code is still running:

  - **callback form** (faithful): give ``success`` / ``fail`` / ``complete``. ``success`` *or*
    ``fail`` runs, then ``complete`` always runs; each receives the same :class:`Result`, whose
    ``err_msg`` is the real string (``"getStorage:ok"``, ``"requestPayment:fail cancel"``). The
    call returns ``None`` (or a task object for ``wx.request``).
  - **promise form**: give none of the three and the call returns a :class:`Pending`, the
    Python twin of the real Promise: ``.then(on_ok, on_fail)``, ``.catch(fn)``,
    ``.finally_(fn)``, and ``await`` works in a notebook cell.
  - **direct form** (for beginners): put ``.result()`` after the call --
    ``res = wx.get_storage(key="cart").result()`` -- and you get the result itself. The phone's
    clock runs until the answer is there; if the call failed, ``.result()`` raises
    :class:`WxCallFailed` whose ``err_msg`` is the real string.

Options can be written as keyword arguments or as one dict copied from real code (camelCase keys
such as ``dataType`` or ``timeStamp`` are understood and turned into snake_case).
"""
from __future__ import annotations

import json
import re
from typing import Any, Callable, Iterable

from ..arguments import fit_arguments
from ..errors import MiniProgramError, WxError

CALLBACKS = ("success", "fail", "complete")

# Virtual wall clock: the phone's clock starts at 2024-09-01 08:00:00 (Beijing time).
EPOCH_MS = 1725148800000


def wall_ms(phone) -> int:
    """Milliseconds since 1970 on the phone's virtual wall clock."""
    base = getattr(phone, "epoch_ms", None)
    if not isinstance(base, (int, float)):
        base = EPOCH_MS
    return int(base) + int(phone.clock.now)


def wall_seconds(phone) -> int:
    return wall_ms(phone) // 1000


_CAMEL = re.compile(r"(?<=[a-z0-9])([A-Z])")


def snake(name: str) -> str:
    """``timeStamp`` -> ``time_stamp``; names already in snake_case are unchanged."""
    return _CAMEL.sub(r"_\1", str(name)).replace("-", "_").lower()


def camel(name: str) -> str:
    """``request_payment`` -> ``requestPayment`` (the real API name used in ``err_msg``)."""
    head, *rest = str(name).split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


class Result(dict):
    """A result dict whose keys can also be read as attributes: ``res.data``, ``res.err_msg``.

    A field wins over a dict method of the same name (``get_storage_info`` has ``res.keys``).
    """

    def __getattribute__(self, name: str) -> Any:
        if name in _DICT_NAMES and dict.__contains__(self, name):
            return dict.__getitem__(self, name)
        return dict.__getattribute__(self, name)

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            if name.startswith("__"):
                raise AttributeError(name) from None
            from ..messages import catalogue

            raise AttributeError(
                catalogue("wx.result_no_field", name=name, fields=", ".join(sorted(self)) or "-")
            ) from None

    def __setattr__(self, name: str, value: Any) -> None:
        self[name] = value

    def __delattr__(self, name: str) -> None:
        try:
            del self[name]
        except KeyError:
            raise AttributeError(name) from None


_DICT_NAMES = frozenset(n for n in dir(dict) if not n.startswith("_"))


def plain(value: Any) -> Any:
    """A plain-data copy (dict/list/str/int/float/bool/None) of ``value`` for logs and views."""
    try:
        return json.loads(json.dumps(value, ensure_ascii=False, default=_plain_default))
    except (TypeError, ValueError):
        return repr(value)


def _plain_default(obj: Any) -> Any:
    if isinstance(obj, (set, tuple, frozenset)):
        return list(obj)
    if isinstance(obj, bytes):
        return obj.decode("utf-8", "replace")
    return repr(obj)


def options_from(api: str, args: tuple, kwargs: dict, positional: Iterable[str] = ()) -> dict:
    """Merge ``wx.xxx({...})``, ``wx.xxx(key=...)`` and positional forms into one options dict."""
    merged: dict[str, Any] = {}
    positional = list(positional)
    if len(args) == 1 and isinstance(args[0], dict):
        merged.update(args[0])
    elif args:
        if len(args) > len(positional):
            raise WxError(
                "wx.too_many_arguments",
                err_msg=f"{camel(api)}:fail parameter error",
                api=api,
                expected=len(positional),
                given=len(args),
            )
        for name, value in zip(positional, args):
            merged[name] = value
    merged.update(kwargs)
    return {snake(k): v for k, v in merged.items()}


def check_options(phone, api: str, options: dict, allowed: Iterable[str]) -> None:
    """Warn (on the phone, never on stderr) about option names the real API does not have."""
    allowed = set(allowed) | set(CALLBACKS)
    for name in options:
        if name not in allowed:
            warn(phone, "wx.unknown_option", api=api, name=name,
                 known=", ".join(sorted(n for n in allowed if n not in CALLBACKS)))


def warn(phone, key: str, **params: Any) -> None:
    fn = getattr(phone, "warn", None)
    if callable(fn):
        fn(key, **params)


def record(phone, kind: str, **payload: Any) -> None:
    fn = getattr(phone, "record", None)
    if callable(fn):
        fn(kind, **{k: plain(v) for k, v in payload.items()})


# ---------------------------------------------------------------------------------------------
# running student code


def run_student(phone, fn: Callable, *args: Any, server: bool = False) -> tuple[bool, Any]:
    """Run student code through ``phone.run_student_code``; returns ``(raised, value)``.

    The phone reports an exception (``App.on_error``, ``phone.errors``) and raises it again,
    trimmed to the student's own lines. Callbacks let it go on to the test; ``server=True``
    (backend routes, cloud functions) keeps it on the server, which answers with an error
    (HTTP 500, ``functions execute fail``) as a real server would.

    A callback written ``def success():`` (no parameter) is called without the result, as
    JavaScript would silently do (``mini_sdk.arguments``).
    """
    box = {"raised": False}

    def call(*a):
        try:
            return fn(*fit_arguments(fn, a))
        except BaseException:
            box["raised"] = True
            raise

    call.__wrapped__ = fn  # type: ignore[attr-defined]
    call.__name__ = getattr(fn, "__name__", "callback")
    call.__qualname__ = getattr(fn, "__qualname__", call.__name__)
    runner = getattr(phone, "run_student_code", None)
    try:
        if runner is None:
            value = call(*args)
        else:
            value = runner(call, *args, report_to_app=not server)
    except Exception as exc:
        if server and box["raised"]:
            warn(phone, "wx.server_code_crashed", function=call.__qualname__,
                 error=f"{type(exc).__name__}: {exc}")
            return True, None
        raise
    return box["raised"], value


# ---------------------------------------------------------------------------------------------
# Pending: the promise twin


class WxCallFailed(WxError):
    """``.result()`` of an async call that failed; ``err_msg`` is the real string, ``res`` the result."""

    def __init__(self, res: dict, api: str) -> None:
        super().__init__("wx.call_failed", err_msg=str(res.get("err_msg", "")), api=api,
                         err=str(res.get("err_msg", "")))
        self.res = res


class WaitingForUser(MiniProgramError):
    """``.result()`` can't finish: the phone is waiting for the user (modal, pay sheet, ...)."""


class NeverAnswered(MiniProgramError):
    """``.result()`` can't finish: nothing left to happen on the phone's clock."""


class Pending:
    """The result of an async wx call that is not there yet (the Python twin of a Promise).

    * ``.result()`` -- run the phone's clock until the answer is there and return it (raises
      :class:`WxCallFailed` if the call failed). The easy way.
    * ``.then(on_ok, on_fail=None)``, ``.catch(on_fail)``, ``.finally_(fn)`` -- like
      JavaScript's promise methods; each returns a new :class:`Pending`.
    * ``await pending`` -- in a notebook cell (same as ``.result()``).
    * ``.done`` / ``.ok`` / ``.value`` -- look without waiting.
    """

    def __init__(self, phone, api: str, waiting: Callable[[], str | None] | None = None) -> None:
        self._phone = phone
        self.api = api
        self.state = "pending"  # "pending" | "ok" | "fail"
        self.value: Result | None = None
        self._listeners: list[Callable[[], None]] = []
        self._waiting = waiting  # -> description of what the user must answer, or None
        self._handled = False    # something reads the outcome (then/catch/finally_/result)

    # state ---------------------------------------------------------------------------------
    @property
    def done(self) -> bool:
        return self.state != "pending"

    @property
    def ok(self) -> bool:
        return self.state == "ok"

    def _settle(self, ok: bool, value: Any) -> None:
        if self.state != "pending":
            return
        self.state = "ok" if ok else "fail"
        self.value = value
        listeners, self._listeners = self._listeners, []
        for listener in listeners:
            self._phone.clock.call_soon(listener)
        if not ok and not self._handled:
            self._phone.clock.call_soon(self._unhandled_rejection)

    def _unhandled_rejection(self) -> None:
        """A failed promise nobody handles: the real console prints 'Uncaught (in promise)'
        with the err_msg, and App.onUnhandledRejection runs if the app has it."""
        if self._handled:
            return
        value = self.value if isinstance(self.value, dict) else {"err_msg": str(self.value)}
        err_msg = str(value.get("err_msg", ""))
        warn(self._phone, "wx.unhandled_rejection", api=self.api, err_msg=err_msg)
        app = getattr(self._phone, "app", None)
        hook = getattr(app, "on_unhandled_rejection", None)
        if callable(hook):
            run_student(self._phone, hook, {"reason": value, "promise": self})

    def _on_settled(self, listener: Callable[[], None]) -> None:
        if self.state == "pending":
            self._listeners.append(listener)
        else:
            self._phone.clock.call_soon(listener)

    # chaining ------------------------------------------------------------------------------
    def then(self, on_ok: Callable | None = None, on_fail: Callable | None = None) -> "Pending":
        self._handled = True  # a rejection goes on to the new Pending
        nxt = Pending(self._phone, self.api, self._waiting)

        def fire() -> None:
            handler = on_ok if self.state == "ok" else on_fail
            if handler is None:
                nxt._settle(self.state == "ok", self.value)
                return
            try:
                _raised, value = run_student(self._phone, handler, self.value)
            except Exception as exc:
                nxt._settle(False, Result(err_msg=f"{self.api}:fail {type(exc).__name__}: {exc}"))
                raise
            if isinstance(value, (Pending, _HasPending)):
                inner = value if isinstance(value, Pending) else value._pending
                inner._on_settled(lambda: nxt._settle(inner.state == "ok", inner.value))
            else:
                nxt._settle(True, value)

        self._on_settled(fire)
        return nxt

    def catch(self, on_fail: Callable) -> "Pending":
        return self.then(None, on_fail)

    def finally_(self, fn: Callable) -> "Pending":
        self._handled = True
        nxt = Pending(self._phone, self.api, self._waiting)

        def fire() -> None:
            try:
                run_student(self._phone, fn)
            finally:
                nxt._settle(self.state == "ok", self.value)

        self._on_settled(fire)
        return nxt

    # the direct form ------------------------------------------------------------------------
    def result(self, max_wait_ms: int = 10 * 60 * 1000) -> Any:
        """Wait (on the virtual clock) for the answer and return it; raise if the call failed.

        The phone's clock moves forward only as far as needed (at most ``max_wait_ms``).
        """
        self._handled = True
        phone = self._phone
        settle = getattr(phone, "settle", None) or phone.clock.settle
        advance = getattr(phone, "advance", None) or phone.clock.advance
        limit = phone.clock.now + int(max_wait_ms)
        settle()
        while self.state == "pending":
            due = phone.clock.next_due()
            if due is None or due > limit:
                what = self._waiting() if self._waiting else None
                if what:
                    raise WaitingForUser("wx.waiting_for_user", api=self.api, what=what)
                raise NeverAnswered("wx.never_answered", api=self.api, ms=int(max_wait_ms))
            advance(max(0, due - phone.clock.now))
        if self.state == "fail":
            value = self.value if isinstance(self.value, dict) else Result(err_msg=str(self.value))
            raise WxCallFailed(value, self.api)
        return self.value

    def __await__(self):
        return self.result()
        yield  # pragma: no cover - makes this a generator, as __await__ must return an iterator

    def __repr__(self) -> str:
        if self.state == "pending":
            return f"<Pending {self.api}: waiting - use .result() to get the answer>"
        return f"<Pending {self.api}: {self.state} {dict(self.value or {})!r}>"


class _HasPending:
    """Mixin for objects (like RequestTask) that carry a Pending and offer the same methods."""

    _pending: Pending

    def result(self, max_wait_ms: int = 10 * 60 * 1000) -> Any:
        return self._pending.result(max_wait_ms)

    def then(self, on_ok=None, on_fail=None) -> Pending:
        return self._pending.then(on_ok, on_fail)

    def catch(self, on_fail) -> Pending:
        return self._pending.catch(on_fail)

    def finally_(self, fn) -> Pending:
        return self._pending.finally_(fn)

    def __await__(self):
        return self._pending.result()
        yield  # pragma: no cover


# ---------------------------------------------------------------------------------------------
# AsyncCall: one call of an async API


class AsyncCall:
    """One call of an async API: holds the callbacks and delivers exactly one outcome."""

    def __init__(self, phone, api: str, options: dict, *, err_name: str | None = None,
                 waiting: Callable[[], str | None] | None = None) -> None:
        self.phone = phone
        self.api = api  # snake_case name, e.g. "get_storage"
        self.err_name = err_name or camel(api)  # name used in err_msg, e.g. "getStorage"
        self.success = options.pop("success", None)
        self.fail = options.pop("fail", None)
        self.complete = options.pop("complete", None)
        for name in CALLBACKS:
            cb = getattr(self, name)
            if cb is not None and not callable(cb):
                warn(phone, "wx.callback_not_callable", api=api, name=name, type=type(cb).__name__)
                setattr(self, name, None)
        self.options = options
        self.uses_callbacks = any(getattr(self, n) is not None for n in CALLBACKS) or any(
            n in options for n in CALLBACKS
        )
        self.pending = Pending(phone, api, waiting)
        self.pending._handled = self.uses_callbacks  # the callbacks handle the outcome
        self.finished = False

    def returned(self) -> Pending | None:
        """What the API call returns: None in callback form, the Pending in promise form."""
        return None if self.uses_callbacks else self.pending

    def ok(self, **fields: Any) -> None:
        self.finish(True, Result(err_msg=f"{self.err_name}:ok", **fields))

    def failed(self, reason: str, **fields: Any) -> None:
        self.finish(False, Result(err_msg=f"{self.err_name}:fail {reason}".rstrip(), **fields))

    def finish(self, ok: bool, res: Result, *, delay_ms: int = 0) -> None:
        """Schedule the delivery (never inline: real results arrive after the caller returned)."""
        if self.finished:
            return
        self.finished = True
        self.phone.clock.call_later(delay_ms, self._deliver, ok, res)

    def _deliver(self, ok: bool, res: Result) -> None:
        """success or fail, then complete (even if the first one raised), then the Pending."""
        first: BaseException | None = None
        for callback in (self.success if ok else self.fail, self.complete):
            if callback is None:
                continue
            try:
                run_student(self.phone, callback, res)
            except Exception as exc:  # reported by the phone; raised again below
                first = first or exc
        self.pending._settle(ok, res)
        if first is not None:
            raise first


def result_from_mock(err_name: str, value: Any) -> tuple[bool, Result]:
    """Turn what a test's mock gave into an outcome: ``err_msg`` with ``:fail`` means fail."""
    if isinstance(value, BaseException):
        raise value
    if value is None:
        value = {}
    if not isinstance(value, dict):
        value = {"result": value}
    res = Result({snake(k): v for k, v in value.items()})
    if "err_msg" not in res:
        res["err_msg"] = f"{err_name}:ok"
    return ":fail" not in str(res["err_msg"]), res
