"""setTimeout / setInterval for mini-programs, on the phone's virtual clock."""
from __future__ import annotations

from typing import Any, Callable

from .wx._phone import active_phone


def set_timeout(fn: Callable[..., Any], ms: float = 0, *args: Any) -> int:
    """Run ``fn`` once after ``ms`` milliseconds of (virtual) time; returns an id."""
    phone = active_phone()
    return phone.clock.set_timeout(lambda: phone.run_student_code(fn, *args), ms)


def set_interval(fn: Callable[..., Any], ms: float = 0, *args: Any) -> int:
    """Run ``fn`` every ``ms`` milliseconds of (virtual) time; returns an id."""
    phone = active_phone()
    return phone.clock.set_interval(lambda: phone.run_student_code(fn, *args), ms)


def clear_timeout(timer_id: int | None) -> None:
    active_phone().clock.clear(timer_id)


clear_interval = clear_timeout
