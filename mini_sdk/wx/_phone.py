"""Which phone a wx call is about.

``mini_sdk.phone.active_phone()``: the phone whose program is running, else the most recently
launched one, else a scratch phone (so ``wx`` works in a bare notebook cell). Tests of this
package can pin a stand-in phone with :func:`using_phone`.
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Iterator

from ..phone import active_phone

_pinned: list[Any] = []


def current_phone() -> Any:
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
