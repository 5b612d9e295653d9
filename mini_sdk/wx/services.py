"""Everything the wx APIs keep on one phone, and what the driver/preview reads and answers.

The phone creates one :class:`Services` (``Services(phone)``) and keeps it across relaunches of
the same phone, calling :meth:`Services.relaunched` when the program restarts: storage survives,
what was on screen and in flight does not.

Plain-data views (for ``phone.toasts``, ``phone.modal``, ...):
``toasts``, ``toast_slot``, ``modal``, ``action_sheet``, ``storage_data``, ``requests``,
``payments``, ``pay_sheet``, ``device_prompt``.

Answering (driver / preview / tests):
``ui.confirm_modal(content=None)``, ``ui.cancel_modal()``, ``ui.answer_modal(confirm, content)``,
``ui.queue_modal_answer(confirm, content)``, ``ui.answer_action_sheet(index|None)``,
``pay.confirm()``, ``pay.cancel()``, ``pay.fail(message)``, ``pay.queue_answer(action)``,
``device.answer(result=None, api=None)``, ``device.deny(api=None)``, ``device.cancel(api=None)``,
``device.set_answer(api, result)``, ``device.set_permission(scope, allowed)``;
mocks: ``mock(name, result=None, fn=None)``, ``restore(name)``.
"""
from __future__ import annotations

from typing import Any, Callable

from .calling import (
    AsyncCall,
    options_from,
    record,
    result_from_mock,
    snake,
    _HasPending,
)
from .cloud import CloudClient
from .device import DeviceService
from .identity import IdentityService
from .network import NetworkService
from .pay import PayService
from .storage import StorageService
from .ui import UIService


class MockedMethod:
    """A wx method replaced by a test (like automator's ``mockWxMethod``)."""

    def __init__(self, services: "Services", name: str, result: Any = None, fn: Callable | None = None):
        self.services = services
        self.name = name
        self.result = result
        self.fn = fn
        self.calls: list[dict] = []

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        phone = self.services.phone
        api = self.name.split(".")[-1]
        if api.endswith("_sync") or self.name in SYNC_NAMES:
            self.calls.append({"args": list(args), "kwargs": dict(kwargs)})
            record(phone, "wx_mock_call", api=self.name, args=list(args))
            if self.fn is not None:
                return self.fn(*args, **kwargs)
            if isinstance(self.result, BaseException):
                raise self.result
            return _copy(self.result)
        options = options_from(api, args, kwargs)
        err_name = {"cloud.call_function": "cloud.callFunction"}.get(self.name)
        call = AsyncCall(phone, api, options, err_name=err_name)
        self.calls.append({"options": {k: v for k, v in call.options.items()}})
        record(phone, "wx_mock_call", api=self.name, options=call.options)
        value = self.fn(dict(call.options)) if self.fn is not None else _copy(self.result)
        ok, res = result_from_mock(call.err_name, value)
        call.finish(ok, res)
        if api == "request":
            return _MockTask(call)
        return call.returned()


SYNC_NAMES = {"get_system_info_sync"}


class _MockTask(_HasPending):
    def __init__(self, call: AsyncCall) -> None:
        self._pending = call.pending

    def abort(self) -> None:
        pass

    def on_headers_received(self, listener) -> None:
        pass


def _copy(value: Any) -> Any:
    import copy

    return copy.deepcopy(value)


class Services:
    """All wx state of one phone."""

    def __init__(self, phone) -> None:
        self.phone = phone
        self.storage = StorageService(phone)
        self.ui = UIService(phone)
        self.network = NetworkService(phone)
        self.identity = IdentityService(phone)
        self.pay = PayService(phone)
        self.device = DeviceService(phone)
        self.cloud = CloudClient(phone)
        self.mocks: dict[str, MockedMethod] = {}

    # life cycle ------------------------------------------------------------------------------
    def relaunched(self) -> None:
        """The program restarted on this phone: keep storage, forget screen and in-flight work."""
        self.ui.reset()
        self.network.reset()
        self.pay.reset()
        self.device.reset()
        self.cloud.reset()

    # mocks -----------------------------------------------------------------------------------
    def mock(self, name: str, result: Any = None, fn: Callable | None = None) -> MockedMethod:
        key = _mock_name(name)
        self.mocks[key] = MockedMethod(self, key, result, fn)
        return self.mocks[key]

    def restore(self, name: str) -> None:
        self.mocks.pop(_mock_name(name), None)

    # plain-data views --------------------------------------------------------------------------
    @property
    def storage_data(self) -> dict:
        """``{key: value}`` of everything in storage (for ``phone.storage``)."""
        return self.storage.view()

    @property
    def toasts(self) -> list[dict]:
        return self.ui.toasts()

    @property
    def toast_slot(self) -> dict | None:
        return self.ui.current_toast()

    @property
    def modal(self) -> dict | None:
        return self.ui.current_modal()

    @property
    def action_sheet(self) -> dict | None:
        return self.ui.current_action_sheet()

    @property
    def requests(self) -> list[dict]:
        return self.network.log()

    @property
    def payments(self) -> list[dict]:
        return self.pay.log()

    @property
    def pay_sheet(self) -> dict | None:
        return self.pay.current_sheet()

    @property
    def device_prompt(self) -> dict | None:
        return self.device.current_prompt()

    def views(self) -> dict:
        """Everything above at once (plain data)."""
        return {name: getattr(self, name) for name in (
            "storage_data", "toasts", "toast_slot", "modal", "action_sheet", "requests", "payments",
            "pay_sheet", "device_prompt")}


def _mock_name(name: str) -> str:
    name = str(name)
    if name.startswith("cloud."):
        return "cloud." + snake(name[6:])
    return snake(name)


def services_of(phone) -> Services:
    """The phone's Services (created on first use for phones that don't have one yet)."""
    services = getattr(phone, "services", None)
    if isinstance(services, Services):
        return services
    services = Services(phone)
    try:
        phone.services = services
    except AttributeError:  # pragma: no cover
        pass
    return services
