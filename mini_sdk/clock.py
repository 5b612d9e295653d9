"""The phone's deterministic virtual clock.

Where the real framework is asynchronous (rendering after set_data, network replies, toasts
that vanish after 1500 ms, setTimeout), mini_sdk schedules work on this clock. Nothing runs on
wall-clock time: the same program does the same thing on every run and in every grader.

Tasks due at the same moment run in the order they were scheduled.
"""
from __future__ import annotations

import heapq
import itertools
from dataclasses import dataclass, field
from typing import Any, Callable

# A program whose timers keep rescheduling themselves at the same moment would never let the
# clock settle; past this many tasks in one settle we stop and say so.
MAX_TASKS_PER_SETTLE = 100_000


class ClockRunaway(RuntimeError):
    """Too many tasks at one moment: a timer or callback keeps rescheduling itself."""


@dataclass(order=True, slots=True)
class Timer:
    due: int
    seq: int
    fn: Callable[..., Any] = field(compare=False)
    args: tuple = field(compare=False, default=())
    interval: int | None = field(compare=False, default=None)
    cancelled: bool = field(compare=False, default=False)

    def cancel(self) -> None:
        self.cancelled = True


class VirtualClock:
    def __init__(self) -> None:
        self.now = 0  # milliseconds since the phone started
        self._queue: list[Timer] = []
        self._seq = itertools.count()
        self._ids = itertools.count(1)
        self._by_id: dict[int, Timer] = {}

    # scheduling -----------------------------------------------------------------------------
    def call_later(self, delay_ms: float, fn: Callable[..., Any], *args: Any) -> Timer:
        delay = max(0, int(delay_ms or 0))
        timer = Timer(self.now + delay, next(self._seq), fn, args)
        heapq.heappush(self._queue, timer)
        return timer

    def call_soon(self, fn: Callable[..., Any], *args: Any) -> Timer:
        timer = Timer(self.now, next(self._seq), fn, args)
        heapq.heappush(self._queue, timer)
        return timer

    # JS-style timers with numeric ids (setTimeout / setInterval) ----------------------------
    def set_timeout(self, fn: Callable[..., Any], delay_ms: float = 0, *args: Any) -> int:
        timer_id = next(self._ids)
        timer = self.call_later(delay_ms, fn, *args)
        self._by_id[timer_id] = timer
        return timer_id

    def set_interval(self, fn: Callable[..., Any], delay_ms: float = 0, *args: Any) -> int:
        timer_id = next(self._ids)
        # Browsers clamp intervals to at least a few ms; 1 ms keeps a 0 ms interval from
        # stopping time altogether.
        timer = self.call_later(max(1, int(delay_ms or 0)), fn, *args)
        timer.interval = max(1, int(delay_ms or 0))
        self._by_id[timer_id] = timer
        return timer_id

    def clear(self, timer_id: int | None) -> None:
        timer = self._by_id.pop(timer_id, None) if timer_id is not None else None
        if timer is not None:
            timer.cancel()

    # running --------------------------------------------------------------------------------
    def pending(self) -> int:
        return sum(1 for t in self._queue if not t.cancelled)

    def next_due(self) -> int | None:
        while self._queue and self._queue[0].cancelled:
            heapq.heappop(self._queue)
        return self._queue[0].due if self._queue else None

    def settle(self) -> int:
        """Run every task due now (and those they schedule for now). Returns how many ran."""
        ran = 0
        queue = self._queue
        while queue and queue[0].due <= self.now:
            timer = heapq.heappop(queue)
            if timer.cancelled:
                continue
            ran += 1
            if ran > MAX_TASKS_PER_SETTLE:
                raise ClockRunaway(self.now)
            if timer.interval is not None:
                timer.due += timer.interval
                timer.seq = next(self._seq)
                heapq.heappush(queue, timer)
            timer.fn(*timer.args)
        return ran

    def advance(self, ms: float) -> None:
        """Move time forward by ``ms``, running each task at its own due time."""
        if ms < 0:
            raise ValueError("time only moves forward")
        end = self.now + int(ms)
        self.settle()
        while True:
            due = self.next_due()
            if due is None or due > end:
                break
            self.now = due
            self.settle()
        self.now = end
        self.settle()
