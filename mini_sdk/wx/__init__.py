"""``wx``: the mini-program APIs, in snake_case, with the real defaults, limits and ``err_msg``.

::

    from mini_sdk import wx

    wx.set_storage_sync("cart", [])                      # sync: returns, or raises WxError
    wx.show_toast(title="Added!")                         # async, options as keywords ...
    wx.request({"url": "https://api.shop.example/menu",   # ... or as one dict, like real code
                "success": lambda res: print(res.data)})
    res = wx.login().result()                             # direct form: the result itself

See ``docs/wx.md`` for the calling convention (callbacks, promise form, direct form).
Every attribute lookup first checks the running phone's mocks (``mock_wx_method``).
"""
from __future__ import annotations

from typing import Any, Callable

from ..errors import WxError
from . import device, identity, network, pay, route, storage, ui
from ._phone import current_phone, using_phone
from .calling import NeverAnswered, Pending, Result, WaitingForUser, WxCallFailed, camel, snake
from .cloud import CloudNamespace
from .network import RequestTask
from .services import Services, services_of

API: dict[str, Callable] = {}
for _module in (storage, ui, route, network, identity, pay, device):
    API.update(_module.API)


def _bind(name: str, fn: Callable) -> Callable:
    def api(*args: Any, **kwargs: Any) -> Any:
        return fn(current_phone(), *args, **kwargs)

    api.__name__ = name
    api.__qualname__ = f"wx.{name}"
    api.__doc__ = fn.__doc__
    return api


_BOUND = {name: _bind(name, fn) for name, fn in API.items()}


class Wx:
    """The ``wx`` object. Names are snake_case (``wx.set_storage_sync``, ``wx.request_payment``)."""

    def __init__(self) -> None:
        object.__setattr__(self, "cloud_namespace", CloudNamespace())

    def __getattribute__(self, name: str) -> Any:
        if name.startswith("_") or name in ("cloud_namespace",):
            return object.__getattribute__(self, name)
        bound = _BOUND.get(name)
        if bound is not None or name == "cloud":
            try:
                mocks = services_of(current_phone()).mocks
            except Exception:  # noqa: BLE001 - no phone: no mocks
                mocks = {}
            if name in mocks:
                return mocks[name]
            if name == "cloud":
                return object.__getattribute__(self, "cloud_namespace")
            return bound
        return object.__getattribute__(self, name)

    def __getattr__(self, name: str) -> Any:
        from ..messages import catalogue

        if name.startswith("_"):
            raise AttributeError(name)
        wanted = snake(name)
        if wanted in _BOUND:
            raise AttributeError(catalogue("wx.use_snake_case", name=name, snake=wanted))
        close = [n for n in _BOUND if n.startswith(wanted[:4])][:5]
        raise AttributeError(catalogue("wx.no_such_api", name=name, close=", ".join(close) or "-"))

    def __setattr__(self, name: str, value: Any) -> None:
        from ..messages import catalogue

        raise AttributeError(catalogue("wx.cannot_assign", name=name))

    def __dir__(self) -> list[str]:
        return sorted(list(_BOUND) + ["cloud"])

    def __repr__(self) -> str:
        return "<wx: the mini-program APIs (try dir(wx))>"


wx = Wx()


def mock_wx_method(phone, name: str, result: Any = None, fn: Callable | None = None):
    """Replace ``wx.<name>`` on ``phone`` (like automator's ``mockWxMethod``).

    ``result``: what the API answers (an ``err_msg`` containing ``:fail`` makes it fail); or
    ``fn(options)`` computes it. Sync APIs (``*_sync``) return ``result`` / ``fn(*args)``.
    Names may be snake_case or camelCase; ``"cloud.call_function"`` mocks the cloud call.
    """
    return services_of(phone).mock(name, result=result, fn=fn)


def restore_wx_method(phone, name: str) -> None:
    """Undo :func:`mock_wx_method`."""
    services_of(phone).restore(name)


__all__ = [
    "wx", "Wx", "mock_wx_method", "restore_wx_method", "Services", "services_of", "Result",
    "Pending", "RequestTask", "WxCallFailed", "WaitingForUser", "NeverAnswered", "WxError",
    "using_phone", "current_phone", "camel", "snake", "API",
]
