"""What pages, components and events use of the phone that runs them.

The runtime (``instance``, ``page``, ``component``, ``events``, ``control_state``) never imports
the phone: the phone hands itself to what it runs (``owner._phone``, ``events.dispatch(phone,
...)``), and this is all the runtime may ask of it. :class:`mini_sdk.phone.Phone` is one; the
stand-in phones of unit tests are others.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Protocol

if TYPE_CHECKING:  # pragma: no cover
    from .clock import VirtualClock


class Host(Protocol):
    #: the phone's virtual clock: renders and callbacks are scheduled on it
    clock: "VirtualClock"
    #: the running MiniProgram (its ``components`` are every page's usingComponents), or None
    program: Any
    #: goes up whenever what a page shows or holds may have changed (caches key on it)
    version: int
    #: (class, what) pairs already warned about on this phone
    _warned_once: set

    @property
    def current_page(self) -> Any:
        """The page on top of the stack (events time-stamp from when it opened)."""

    def record(self, kind: str, **payload: Any) -> None:
        """Add a plain-data entry to the phone's log."""

    def warn(self, message_key: str, /, **params: Any) -> None:
        """A warning a real console would show (kept on the phone)."""

    def run_student_code(self, fn: Callable[..., Any], *args: Any, report_to_app: bool = True) -> Any:
        """Run a student's handler, hook or callback as the phone does (errors reported,
        time limit, the student's own lines)."""
