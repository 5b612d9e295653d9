"""A time limit on the student's code that the phone runs (handlers, hooks, callbacks, routes).

A real phone shows "this mini-program is not responding" when a handler never returns; a
notebook would just hang for ever, the preview and the self-check with it. So every call of
student code from the phone (:meth:`mini_sdk.phone.Phone.run_student_code`) is watched: when the
outermost one has been running for :data:`SECONDS` seconds, a watchdog thread raises
:class:`Expired` inside it (CPython's ``PyThreadState_SetAsyncExc``, so a plain ``while True:``
loop stops at its next step), and the phone turns that into a :class:`TimeLimitError` that
names the student's function and line. If the student's code catches it (a bare ``except:``),
it is raised again every :data:`REPEAT_SECONDS`, until the outermost call ends.

A loop with a bare ``except: pass`` (or ``except BaseException``) inside it would swallow every
interruption. So an :class:`Expired` dropped by the student's ``except`` while their limit has
passed (its ``__del__``, in their thread) turns on a trace (``sys.settrace``, and ``f_trace``
on the student's frames already running): the next step of the student's own code raises
:class:`Expired` again, and as that step is outside the ``try`` (the loop's jump back, after
the handler) it carries the error out of the loop. Raising from a trace function turns
tracing off; the next ``except`` that drops it turns it on again, one level at a time. The
message then names where the first stop landed (the loop's line, kept by :func:`first_stop`),
not the ``except``'s ``pass`` where it was raised at last. A trace
function that was there before (a debugger, coverage) is put back when the outermost call
ends. Nothing of this runs for a call that ends in time. (An ``except`` that keeps the error,
``errors.append(e)``, is not caught this way.)

What it cannot stop: a single call into C that never returns to Python (``time.sleep(60)``
stops when the sleep ends). One watchdog thread serves every phone; arming and disarming are a
dictionary write under a lock, cheap enough for every tap: arming never wakes the thread (while
nothing is armed it looks again every :data:`SECONDS`, so it is awake by the time a call armed
now is due; a shorter limit from :func:`set_limit` wakes it at once).
"""
from __future__ import annotations

import ctypes
import functools
import os
import sys
import sysconfig
import threading
import time
import types

from .errors import MiniProgramError

#: how long one run of student code (a handler and everything it calls) may take
SECONDS = 3.0
#: if the student's code swallows the interruption, it is raised again this often
REPEAT_SECONDS = 0.5


class Expired(BaseException):
    """Raised inside student code that ran out of time. A BaseException, so the student's
    ``except Exception:`` does not swallow it; the phone turns it into TimeLimitError.

    One dropped in the student's thread while their limit has passed was swallowed (a bare
    ``except``): that is where the trace that carries it out of the loop is turned on."""

    def __del__(self) -> None:
        try:
            _watchdog.note_swallowed(self)
            _watchdog.stop_everywhere()
        except Exception:  # noqa: BLE001 (the interpreter shutting down)
            pass


class TimeLimitError(MiniProgramError):
    """The student's function ran longer than the time limit and was stopped."""

    def _render_traceback_(self) -> list[str]:
        # IPython shows this instead of a traceback through the phone's internals
        return [f"\x1b[0;31m{type(self).__name__}\x1b[0m: {self}"]


class Interrupted(KeyboardInterrupt):
    """The student pressed stop (Kernel → Interrupt) while the phone ran their code: still a
    KeyboardInterrupt, but shown as one line naming their function, not a long traceback."""

    def __init__(self, message_key: str, /, **params) -> None:
        super().__init__(message_key)
        self.message_key = message_key
        self.params = params

    def __str__(self) -> str:
        from .messages import catalogue

        return catalogue(self.message_key, **self.params)

    def _render_traceback_(self) -> list[str]:
        return [f"\x1b[0;31mKeyboardInterrupt\x1b[0m: {self}"]


def set_limit(seconds: float) -> float:
    """Set the time limit (seconds) for student code run by phones; returns the old one."""
    global SECONDS
    old, SECONDS = SECONDS, float(seconds)
    _watchdog.limit_changed()
    return old


_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__)) + os.sep
_LIBRARY_DIRS = tuple(sorted({os.path.abspath(sysconfig.get_paths()[key]) + os.sep
                              for key in ("stdlib", "platstdlib", "purelib", "platlib")}))
_NOTHING = object()


def _is_students(code: types.CodeType, _known: dict = {}) -> bool:  # noqa: B006 (a cache)
    """Code the student wrote (a notebook cell, their own file): not mini_sdk, not Python's own
    modules or installed packages."""
    known = _known.get(code)
    if known is None:
        filename = code.co_filename
        if filename.startswith("<frozen"):
            known = False
        else:
            path = os.path.abspath(filename) if os.sep in filename else filename
            known = not (path.startswith(_PACKAGE_DIR) or path.startswith(_LIBRARY_DIRS)
                         or "site-packages" in path)
        _known[code] = known
    return known


def _is_boundary(code: types.CodeType) -> bool:
    """The phone's call of student code (frames above it are not the student's handler)."""
    return code.co_name == "run_student_code" and code.co_filename.startswith(_PACKAGE_DIR)


class _Watchdog:
    def __init__(self) -> None:
        self._reset()
        # a forked child (a grader's sandbox forks one per test) has no watchdog thread and may
        # hold a copy of a lock taken at that moment: it starts afresh
        os.register_at_fork(after_in_child=self._reset)

    def _reset(self) -> None:
        self._lock = threading.Lock()
        self._wake = threading.Condition(self._lock)
        # thread ident -> [deadline, fired]. Arming stores one entry without the lock (one
        # dict store, atomic); the thread looks at a copy, and firing and disarming take it.
        self._armed: dict[int, list] = {}
        self._depth: dict[int, int] = {}
        self._thread: threading.Thread | None = None
        # thread ident -> the trace function that was there before the time limit's (or None)
        self._stopping: dict[int, object] = {}
        # thread ident -> (code, line) where the student's code was first stopped, when their
        # except dropped that Expired: the loop the message should name (not the except's pass)
        self._first_stop: dict[int, tuple] = {}
        if sys.gettrace() == self._trace_call:  # forked while stopping a loop
            sys.settrace(None)

    # stopping a loop that swallows Expired -------------------------------------------------
    def _expired_here(self) -> bool:
        entry = self._armed.get(threading.get_ident())
        return entry is not None and entry[1]

    def stop_everywhere(self) -> None:
        """In a thread whose limit has passed: the next step of the student's own code (below
        the phone's call) raises Expired."""
        ident = threading.get_ident()
        entry = self._armed.get(ident)
        if entry is None or not entry[1]:
            return
        current = sys.gettrace()
        if current != self._trace_call:
            if ident not in self._stopping:
                self._stopping[ident] = current
            sys.settrace(self._trace_call)
        frames = []
        frame = sys._getframe(1)
        while frame is not None:
            if _is_boundary(frame.f_code):
                frames.append(None)  # what is above the outermost boundary is left alone
            elif _is_students(frame.f_code):
                frames.append(frame)
            frame = frame.f_back
        if None in frames:
            frames = frames[:len(frames) - frames[::-1].index(None)]
        for frame in frames:
            if frame is not None:
                frame.f_trace = self._trace_step
                frame.f_trace_lines = True
                frame.f_trace_opcodes = True

    def note_swallowed(self, exc: BaseException) -> None:
        ident = threading.get_ident()
        if ident in self._first_stop or not self._expired_here():
            return
        where, tb = None, exc.__traceback__
        while tb is not None:
            if _is_students(tb.tb_frame.f_code):
                where = (tb.tb_frame.f_code, tb.tb_lineno)
            tb = tb.tb_next
        if where is not None:
            self._first_stop[ident] = where

    def first_stop(self) -> tuple | None:
        """(code, line) where this thread's student code was first stopped, if it swallowed
        that; None when the error that ended it is the first one."""
        return self._first_stop.pop(threading.get_ident(), None)

    def _trace_call(self, frame: types.FrameType, event: str, arg: object):
        if _is_students(frame.f_code) and self._expired_here():
            frame.f_trace_opcodes = True
            return self._trace_step
        return None

    def _trace_step(self, frame: types.FrameType, event: str, arg: object):
        if not self._expired_here():
            return None
        if (event == "line" or event == "opcode") and frame.f_lineno is not None:
            raise Expired  # (a step with no line of its own would leave the message without one)
        return self._trace_step

    def _stop_tracing(self, ident: int) -> None:
        previous = self._stopping.pop(ident, _NOTHING)
        if previous is not _NOTHING:
            sys.settrace(previous)

    def depth(self) -> int:
        """How many watched calls this thread is inside (0: none)."""
        return self._depth.get(threading.get_ident(), 0)

    def watch(self) -> "_Watch":
        """Watch the code run inside (only the outermost watch of a thread counts):
        ``with watch(): ...``. (A small object, not a generator: it is entered on every tap.)"""
        return _Watch(self)

    def _start_thread(self) -> None:
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="mini_sdk-time-limit",
                                                daemon=True)
                self._thread.start()

    def limit_changed(self) -> None:
        """The limit changed: the thread works out its next look again."""
        with self._lock:
            self._wake.notify()

    def _run(self) -> None:
        with self._lock:
            while True:
                if not self._armed:
                    # whatever is armed while this waits is due no sooner than SECONDS from
                    # now, so looking again then is in time (a new limit wakes it sooner)
                    self._wake.wait(max(SECONDS, 0.01))   # (a limit of 0: no busy loop)
                    continue
                now = time.monotonic()
                armed = list(self._armed.items())   # (arming may add to it meanwhile)
                for ident, entry in armed:
                    if entry[0] <= now:
                        entry[1] = True
                        entry[0] = now + REPEAT_SECONDS
                        ctypes.pythonapi.PyThreadState_SetAsyncExc(
                            ctypes.c_ulong(ident), ctypes.py_object(Expired))
                soonest = min(entry[0] for _ident, entry in armed)
                self._wake.wait(max(0.0, soonest - time.monotonic()))


class _Watch:
    """One watched call (see :meth:`_Watchdog.watch`). ``outermost``: no other watched call
    of this thread is running (known when it is made, so a caller need not ask ``depth()``)."""

    __slots__ = ("dog", "ident", "depth", "entry")

    def __init__(self, dog: _Watchdog) -> None:
        self.dog = dog
        self.ident = ident = threading.get_ident()
        self.depth = dog._depth.get(ident, 0)

    @property
    def outermost(self) -> bool:
        return not self.depth

    def __enter__(self) -> None:
        dog = self.dog
        ident, depth = self.ident, self.depth   # as when made, in this thread, just before
        dog._depth[ident] = depth + 1
        if depth:
            self.entry = None
            return
        # the outermost call: armed (entered on every tap, so written out here)
        if dog._first_stop:
            dog._first_stop.pop(ident, None)
        self.entry = entry = [_monotonic() + SECONDS, False]
        dog._armed[ident] = entry
        if dog._thread is None:
            dog._start_thread()
        # no wake-up: the thread looks at least every SECONDS (see _Watchdog._run)

    def __exit__(self, exc_type, exc, tb) -> None:
        dog, ident, entry = self.dog, self.ident, self.entry
        if entry is None:
            dog._depth[ident] = self.depth
            return
        with dog._lock:
            dog._armed.pop(ident, None)   # (gone in a child forked meanwhile: _reset)
            fired = entry[1]
        dog._depth[ident] = 0
        if fired:  # an Expired may still be pending for this thread: cancel it
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident), None)
            dog._stop_tracing(ident)


_monotonic = time.monotonic
_watchdog = _Watchdog()
#: ``with watch(): ...`` (:meth:`_Watchdog.watch`; made without a Python call of its own)
watch = functools.partial(_Watch, _watchdog)
depth = _watchdog.depth
first_stop = _watchdog.first_stop
