"""A time limit on the student's code that the phone runs (handlers, hooks, callbacks, routes).

A real phone shows "this mini-program is not responding" when a handler never returns; a
notebook would just hang for ever, the preview and the self-check with it. So every call of
student code from the phone (:meth:`mini_sdk.phone.Phone.run_student_code`) is watched: when the
outermost one has been running for :data:`SECONDS` seconds, a watchdog thread raises
:class:`Expired` inside it (CPython's ``PyThreadState_SetAsyncExc``, so a plain ``while True:``
loop stops at its next step), and the phone turns that into a :class:`TimeLimitError` that
names the student's function and line. If the student's code catches it (a bare ``except:``),
it is raised again every :data:`REPEAT_SECONDS`, until the outermost call ends.

What it cannot stop: a single call into C that never returns to Python (``time.sleep(60)``
stops when the sleep ends), and a loop with a bare ``except: pass`` inside it, which swallows
every interruption (Kernel → Interrupt as well). One watchdog thread serves every phone; arming and disarming are a
dictionary write under a lock, cheap enough for every tap: arming never wakes the thread (while
nothing is armed it looks again every :data:`SECONDS`, so it is awake by the time a call armed
now is due; a shorter limit from :func:`set_limit` wakes it at once).
"""
from __future__ import annotations

import ctypes
import os
import threading
import time
from contextlib import contextmanager
from typing import Iterator

from .errors import MiniProgramError

#: how long one run of student code (a handler and everything it calls) may take
SECONDS = 3.0
#: if the student's code swallows the interruption, it is raised again this often
REPEAT_SECONDS = 0.5


class Expired(BaseException):
    """Raised inside student code that ran out of time. A BaseException, so the student's
    ``except Exception:`` does not swallow it; the phone turns it into TimeLimitError."""


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


class _Watchdog:
    def __init__(self) -> None:
        self._reset()
        # a forked child (a grader's sandbox forks one per test) has no watchdog thread and may
        # hold a copy of a lock taken at that moment: it starts afresh
        os.register_at_fork(after_in_child=self._reset)

    def _reset(self) -> None:
        self._lock = threading.Lock()
        self._wake = threading.Condition(self._lock)
        self._armed: dict[int, list] = {}  # thread ident -> [deadline, token, fired]
        self._depth: dict[int, int] = {}
        self._thread: threading.Thread | None = None
        self._tokens = 0

    def depth(self) -> int:
        """How many watched calls this thread is inside (0: none)."""
        return self._depth.get(threading.get_ident(), 0)

    @contextmanager
    def watch(self) -> Iterator[None]:
        """Watch the code run inside (only the outermost watch of a thread counts)."""
        ident = threading.get_ident()
        depth = self._depth.get(ident, 0)
        self._depth[ident] = depth + 1
        if depth:
            try:
                yield
            finally:
                self._depth[ident] = depth
            return
        with self._lock:
            self._tokens += 1
            entry = [time.monotonic() + SECONDS, self._tokens, False]
            self._armed[ident] = entry
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="mini_sdk-time-limit",
                                                daemon=True)
                self._thread.start()
            # no wake-up: the thread looks at least every SECONDS (see _run)
        try:
            yield
        finally:
            with self._lock:
                self._armed.pop(ident, None)
                fired = entry[2]
            self._depth[ident] = 0
            if fired:  # an Expired may still be pending for this thread: cancel it
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident), None)

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
                for ident, entry in self._armed.items():
                    if entry[0] <= now:
                        entry[2] = True
                        entry[0] = now + REPEAT_SECONDS
                        ctypes.pythonapi.PyThreadState_SetAsyncExc(
                            ctypes.c_ulong(ident), ctypes.py_object(Expired))
                soonest = min(entry[0] for entry in self._armed.values())
                self._wake.wait(max(0.0, soonest - time.monotonic()))


_watchdog = _Watchdog()
watch = _watchdog.watch
depth = _watchdog.depth
