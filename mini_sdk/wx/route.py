"""Route APIs (spec 4.3) and small phone APIs: the async wx wrappers of the phone's routes.

``wx.navigate_to(url="/pages/detail/detail?id=3")`` schedules the route on the phone's clock;
then ``success`` (``"navigateTo:ok"``) or ``fail`` (the phone's real ``err_msg``, e.g.
``"navigateTo:fail can not navigateTo a tabbar page"``), then ``complete``.
"""
from __future__ import annotations

from ..errors import MiniProgramError, NavigationError
from .calling import AsyncCall, Result, check_options, options_from, plain
from .device import DEVICE_INFO


def _route(phone, api: str, method: str, allowed: tuple, args, kwargs, build):
    options = options_from(api, args, kwargs)
    check_options(phone, api, options, allowed)
    call = AsyncCall(phone, api, options)

    def run() -> None:
        fn = getattr(phone, method, None)
        if fn is None:
            call.failed("no page is running")  # a scratch phone has no program
            return
        try:
            value = fn(*build(call.options))
        except NavigationError as err:
            call.finish(False, Result(err_msg=err.err_msg))
            return
        fields = {}
        if api == "navigate_to" and value is not None:
            channel = getattr(value, "event_channel", value)
            fields["event_channel"] = channel
        call.ok(**fields)

    phone.clock.call_soon(run)
    return call.returned()


def _url(options: dict) -> str:
    return options.get("url") or ""


def navigate_to(phone, *args, **kwargs):
    """Open a (non-tab) page on top of the current one: ``url``, ``events`` (event channel)."""
    return _route(phone, "navigate_to", "navigate_to", ("url", "events"), args, kwargs,
                  lambda o: (_url(o), o.get("events")) if o.get("events") else (_url(o),))


def redirect_to(phone, *args, **kwargs):
    """Replace the current page with another (non-tab) page."""
    return _route(phone, "redirect_to", "redirect_to", ("url",), args, kwargs, lambda o: (_url(o),))


def navigate_back(phone, *args, **kwargs):
    """Go back ``delta`` pages (default 1)."""
    return _route(phone, "navigate_back", "navigate_back", ("delta",), args, kwargs,
                  lambda o: (int(o.get("delta", 1) or 1),))


def switch_tab(phone, *args, **kwargs):
    """Show a tab page (closing all non-tab pages); no ``?query`` allowed."""
    return _route(phone, "switch_tab", "switch_tab", ("url",), args, kwargs, lambda o: (_url(o),))


def re_launch(phone, *args, **kwargs):
    """Close every page and open ``url``."""
    return _route(phone, "re_launch", "re_launch", ("url",), args, kwargs, lambda o: (_url(o),))


def _simple(phone, api: str, method: str, args, kwargs):
    options = options_from(api, args, kwargs)
    check_options(phone, api, options, ())
    call = AsyncCall(phone, api, options)

    def run() -> None:
        fn = getattr(phone, method, None)
        if fn is not None:
            try:
                fn()
            except MiniProgramError as err:
                call.finish(False, Result(err_msg=getattr(err, "err_msg", f"{call.err_name}:fail")))
                return
        call.ok()

    phone.clock.call_soon(run)
    return call.returned()


def start_pull_down_refresh(phone, *args, **kwargs):
    return _simple(phone, "start_pull_down_refresh", "start_pull_down_refresh", args, kwargs)


def stop_pull_down_refresh(phone, *args, **kwargs):
    return _simple(phone, "stop_pull_down_refresh", "stop_pull_down_refresh", args, kwargs)


def get_system_info_sync(phone) -> Result:
    """Facts about the (simulated) phone: screen size, model, language, ..."""
    info = getattr(phone, "device_info", None)
    return Result(plain(info) if isinstance(info, dict) else dict(DEVICE_INFO))


def get_system_info(phone, *args, **kwargs):
    options = options_from("get_system_info", args, kwargs)
    call = AsyncCall(phone, "get_system_info", options)
    call.ok(**get_system_info_sync(phone))
    return call.returned()


API = {
    "navigate_to": navigate_to,
    "redirect_to": redirect_to,
    "navigate_back": navigate_back,
    "switch_tab": switch_tab,
    "re_launch": re_launch,
    "start_pull_down_refresh": start_pull_down_refresh,
    "stop_pull_down_refresh": stop_pull_down_refresh,
    "get_system_info_sync": get_system_info_sync,
    "get_system_info": get_system_info,
}
