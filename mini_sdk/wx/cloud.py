"""``wx.cloud`` (spec 5.9): the phone's side of the program's cloud environment.

::

    wx.cloud.init(env="bubble-tea-1a2b")            # once, usually in App.on_launch
    db = wx.cloud.database()
    _ = db.command
    db.collection("orders").add(data={"drink": "boba", "price": 1800}, success=saved)
    db.collection("orders").where({"price": _.gt(1000)}).order_by("price", "desc").get(success=show)
    res = db.collection("orders").count().result()    # the direct form
    wx.cloud.call_function(name="checkout", data={"cart": cart}, success=done)

Every database call and ``call_function`` follows the calling convention (callbacks, promise
form, ``.result()``). The database belongs to the program's :class:`~mini_sdk.servers.CloudEnv`,
so every phone running the program sees the same records (subject to permissions).
"""
from __future__ import annotations

from typing import Any

from ..servers.cloud import COMMAND, Actor, CloudEnv, CloudError, Database, call_cloud_function
from ..servers.wechat import app_id_of
from ._phone import current_phone
from .calling import AsyncCall, check_options, options_from, record, run_student, warn

NOT_INITIALISED = "Cloud API isn't enabled, please call wx.cloud.init first"  # UNVERIFIED wording
NO_ENV = "-501000 [ResourceNotFound] env not exists"  # UNVERIFIED wording


def envs_of(phone) -> list[CloudEnv]:
    program = getattr(phone, "program", None)
    cloud = getattr(program, "cloud", None) if program is not None else None
    if cloud is None:
        return []
    if isinstance(cloud, (list, tuple)):
        return list(cloud)
    if isinstance(cloud, dict):
        return list(cloud.values())
    return [cloud]


class CloudClient:
    """Per-phone state of ``wx.cloud``: whether ``init`` was called and with which env."""

    def __init__(self, phone) -> None:
        self.phone = phone
        self.initialized = False
        self.env_id: str | None = None
        self.calls: list[dict] = []

    def reset(self) -> None:
        """Relaunch: the program must call ``wx.cloud.init`` again."""
        self.initialized = False
        self.env_id = None

    def env(self, wanted: str | None = None) -> CloudEnv | None:
        envs = envs_of(self.phone)
        want = wanted or self.env_id
        if want is None:
            return envs[0] if envs else None
        return next((e for e in envs if e.env == want), None)

    def openid(self) -> str:
        return self.phone.services.identity.openid()

    def _ready(self, call: AsyncCall, env_id: str | None = None) -> CloudEnv | None:
        if not self.initialized:
            warn(self.phone, "wx.cloud_not_initialised")
            call.failed(NOT_INITIALISED)
            return None
        env = self.env(env_id)
        if env is None:
            if envs_of(self.phone):
                warn(self.phone, "wx.cloud_unknown_env", env=env_id or self.env_id,
                     known=", ".join(e.env for e in envs_of(self.phone)))
            else:
                warn(self.phone, "wx.cloud_no_env")
            call.failed(NO_ENV)
            return None
        return env


class ClientRunner:
    """Phone side: every database operation is an async wx call."""

    def __init__(self, env_id: str | None) -> None:
        self.env_id = env_id

    def run(self, db: Database, op: str, err_name: str, target: Any, args: tuple, kwargs: dict):
        # The phone is looked up at each call, not when the database object was made: real code
        # often writes ``db = wx.cloud.database()`` at the top of a page module.
        phone = current_phone()
        options = options_from(err_name, args, kwargs)
        call = AsyncCall(phone, err_name, options, err_name=err_name)
        client = phone.services.cloud

        def go() -> None:
            env = client._ready(call, self.env_id)
            if env is None:
                return
            actor = Actor(client.openid(), False, phone)
            try:
                fields = env.run(op, target, actor, call.options)
            except CloudError as err:
                warn(phone, err.message_key, **err.params)
                call.failed(err.reason)
                return
            record(phone, "cloud_db", op=err_name, collection=target._name)
            call.ok(**fields)

        phone.clock.call_soon(go)
        return call.returned()


class CloudNamespace:
    """``wx.cloud``: ``init``, ``database``, ``call_function``."""

    def _phone(self):
        return current_phone()

    def _mocked(self, name: str):
        return self._phone().services.mocks.get("cloud." + name)

    def init(self, *args: Any, **kwargs: Any) -> None:
        """Start using the cloud: ``wx.cloud.init(env="my-env-id", trace_user=True)``.
        Without ``env`` the program's (first) cloud environment is used."""
        phone = self._phone()
        options = options_from("cloud.init", args, kwargs)
        check_options(phone, "cloud.init", options, ("env", "trace_user"))
        client = phone.services.cloud
        env = options.get("env")
        if isinstance(env, dict):  # {database: ..., functions: ...}
            env = env.get("database") or env.get("functions")
        client.initialized = True
        client.env_id = env
        record(phone, "cloud_init", env=env)

    def database(self, *args: Any, **kwargs: Any) -> Database:
        """The cloud database (``env`` optional): ``db = wx.cloud.database()``."""
        options = options_from("cloud.database", args, kwargs)
        return Database(None, Actor(None, False), ClientRunner(options.get("env")))

    def call_function(self, *args: Any, **kwargs: Any):
        """Run a cloud function: ``wx.cloud.call_function(name="checkout", data={...})``;
        result ``{result, err_msg: "cloud.callFunction:ok", request_id}``."""
        mock = self._mocked("call_function")
        if mock is not None:
            return mock(*args, **kwargs)
        phone = self._phone()
        options = options_from("cloud.call_function", args, kwargs)
        check_options(phone, "cloud.call_function", options, ("name", "data", "config", "slow"))
        call = AsyncCall(phone, "cloud.call_function", options, err_name="cloud.callFunction")
        client = phone.services.cloud

        def go() -> None:
            env_id = (call.options.get("config") or {}).get("env")
            env = client._ready(call, env_id)
            if env is None:
                return
            name = call.options.get("name")
            if not isinstance(name, str) or name not in env.functions:
                warn(phone, "wx.cloud_no_function", name=name,
                     known=", ".join(env.functions) or "-")
            ok, result, reason = call_cloud_function(
                env, str(name), call.options.get("data"), openid=client.openid(),
                app_id=app_id_of(phone), phone=phone,
                run=lambda fn, *a: run_student(phone, fn, *a, server=True))
            n = len(client.calls) + 1
            client.calls.append({"name": name, "ok": ok, "at": phone.clock.now})
            record(phone, "cloud_function", name=name, ok=ok)
            if ok:
                call.ok(result=result, request_id=f"req-{n:06d}")
            else:
                call.failed(reason)

        phone.clock.call_soon(go)
        return call.returned()

    # camelCase names copied from real code
    callFunction = call_function

    @property
    def command(self):
        return COMMAND
