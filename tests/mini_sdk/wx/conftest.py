"""A minimal stand-in phone for unit tests of mini_sdk.wx (clock, record, warn, user_id,
program, run_student_code), so these tests don't depend on the rest of the runtime."""
from __future__ import annotations

from typing import Any

import pytest

from mini_sdk.clock import VirtualClock
from mini_sdk.wx import using_phone
from mini_sdk.wx.services import Services


class FakeProgram:
    def __init__(self, backend=None, cloud=None, app_id="wxbubbletea000001", config=None):
        self.backend = backend
        self.cloud = cloud
        self.app_id = app_id
        self.config = dict(config or {})
        self.pages = {"pages/index/index": None}


class FakePhone:
    def __init__(self, program: FakeProgram | None = None, user_id: str = "student"):
        self.program = program
        self.user_id = user_id
        self.clock = VirtualClock()
        self.log: list[dict] = []
        self.warnings: list[dict] = []
        self.errors: list[dict] = []
        self.routes: list[tuple] = []
        self.title = None
        self.device_info = {"model": "test phone", "screen_width": 375}
        self.services = Services(self)

    def record(self, kind: str, **payload: Any) -> None:
        self.log.append({"kind": kind, "time": self.clock.now, **payload})

    def warn(self, message_key: str, /, **params: Any) -> None:
        self.warnings.append({"message_key": message_key, **params})

    def warned(self, key: str) -> bool:
        return any(w["message_key"] == key for w in self.warnings)

    def kinds(self) -> list[str]:
        return [e["kind"] for e in self.log]

    def run_student_code(self, fn, *args, report_to_app=True):
        try:
            return fn(*args)
        except Exception as exc:
            self.errors.append({"type": type(exc).__name__, "message": str(exc)})
            raise

    def settle(self) -> None:
        self.clock.settle()

    def advance(self, ms: float) -> None:
        self.clock.advance(ms)

    # routes, as the real phone offers them
    def navigate_to(self, url, events=None):
        from mini_sdk.errors import NavigationError

        if "tab" in url:
            raise NavigationError("x", err_msg="navigateTo:fail can not navigateTo a tabbar page")
        self.routes.append(("navigate_to", url))
        return {"event_channel": "channel"}

    def redirect_to(self, url):
        self.routes.append(("redirect_to", url))

    def navigate_back(self, delta=1):
        self.routes.append(("navigate_back", delta))

    def switch_tab(self, url):
        self.routes.append(("switch_tab", url))

    def re_launch(self, url):
        self.routes.append(("re_launch", url))

    def set_navigation_bar_title(self, title):
        self.title = title

    def start_pull_down_refresh(self):
        self.routes.append(("start_pull_down_refresh",))

    def stop_pull_down_refresh(self):
        self.routes.append(("stop_pull_down_refresh",))


@pytest.fixture
def make_phone():
    """make_phone(backend=..., cloud=..., config=..., user_id=...) -> a FakePhone that wx talks to."""
    stack = []

    def make(backend=None, cloud=None, config=None, user_id="student", program=True,
             app_id="wxbubbletea000001", pin=True):
        prog = FakeProgram(backend, cloud, app_id, config) if program else None
        phone = FakePhone(prog, user_id)
        if pin:
            ctx = using_phone(phone)
            ctx.__enter__()
            stack.append(ctx)
        return phone

    yield make
    for ctx in reversed(stack):
        ctx.__exit__(None, None, None)


@pytest.fixture
def phone(make_phone):
    """A stand-in phone with no program (like a bare notebook cell)."""
    return make_phone(program=False)
