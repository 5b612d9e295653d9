"""The pretend WeChat platform of one mini-program: the login server (``wx.login`` codes and
``code2session``) and the WeChat Pay sandbox. One platform per program (shared by every phone
that runs it), so a code issued on one phone can be checked by the program's backend.
"""
from __future__ import annotations

import base64
import hashlib
import itertools
import weakref
from typing import Any

from ..wx.calling import wall_ms
from .pay import PaySandbox, _b62

CODE_TTL_MS = 5 * 60 * 1000
RATE_LIMIT_PER_MINUTE = 100


def openid_for(app_id: str, user_id: str) -> str:
    """The stable openid of a WeChat user in one mini-program (28 characters, starts with 'o')."""
    digest = hashlib.sha256(f"openid|{app_id}|{user_id}".encode()).digest()
    return "o" + base64.urlsafe_b64encode(digest).decode()[:27]


def default_app_id(seed: str) -> str:
    return "wx" + hashlib.sha256(f"appid|{seed}".encode()).hexdigest()[:16]


def _rid(*parts: Any) -> str:
    return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:24]


def _now_ms(phone) -> int:
    return wall_ms(phone) if phone is not None else 0


class LoginServer:
    """``wx.login`` codes (single use, valid 5 minutes) and ``code2session``.

    Knobs for lessons and tests: ``busy = True`` (every call answers -1 system busy),
    ``block_user(user_id)`` (40226 high-risk user).
    """

    def __init__(self, app_id: str, app_secret: str) -> None:
        self.app_id = app_id
        self.app_secret = app_secret
        self._codes: dict[str, dict] = {}
        self._counter = itertools.count(1)
        self._calls: dict[str, list[int]] = {}  # user -> times (ms) of code2session calls
        self._sessions: dict[str, dict] = {}  # openid -> {session_key, at}
        self._users: dict[str, str] = {}  # openid -> user_id
        self.blocked: set[str] = set()
        self.busy = False

    def openid(self, user_id: str) -> str:
        oid = openid_for(self.app_id, user_id)
        self._users[oid] = user_id
        return oid

    def user_of(self, openid: str) -> str | None:
        return self._users.get(openid)

    def block_user(self, user_id: str) -> None:
        self.blocked.add(user_id)

    def issue_code(self, user_id: str, phone) -> str:
        n = next(self._counter)
        code = "0" + _b62(hashlib.sha256(f"code|{self.app_id}|{user_id}|{n}".encode()).digest(), 31)
        self._codes[code] = {"user": user_id, "issued": _now_ms(phone), "used": False}
        self.openid(user_id)
        return code

    def session_of(self, user_id: str) -> dict | None:
        return self._sessions.get(openid_for(self.app_id, user_id))

    def code2session(self, appid: str, secret: str, js_code: str, phone) -> dict:
        """The server-side check of a login code, with the real error codes."""
        now = _now_ms(phone)
        rid = _rid(self.app_id, js_code, now, next(self._counter))
        # UNVERIFIED: errmsg wordings below follow what the real server answers in shape
        # ("<reason>, rid: <id>").
        if self.busy:
            return {"errcode": -1, "errmsg": f"system error, rid: {rid}"}
        if appid != self.app_id:
            return {"errcode": 40013, "errmsg": f"invalid appid, rid: {rid}"}
        if secret != self.app_secret:
            return {"errcode": 40125, "errmsg": f"invalid appsecret, rid: {rid}"}
        entry = self._codes.get(str(js_code)) if isinstance(js_code, str) else None
        if entry is None or now - entry["issued"] > CODE_TTL_MS:
            return {"errcode": 40029, "errmsg": f"invalid code, rid: {rid}"}
        user = entry["user"]
        calls = [t for t in self._calls.get(user, []) if now - t < 60_000]
        calls.append(now)
        self._calls[user] = calls
        if len(calls) > RATE_LIMIT_PER_MINUTE:
            return {"errcode": 45011,
                    "errmsg": f"api minute-quota reach limit  mustslower  retry next minute, rid: {rid}"}
        if entry["used"]:
            return {"errcode": 40163, "errmsg": f"code been used, rid: {rid}"}
        if user in self.blocked:
            return {"errcode": 40226, "errmsg": f"high risk user, rid: {rid}"}
        entry["used"] = True
        openid = self.openid(user)
        key = base64.b64encode(hashlib.sha256(f"sk|{openid}|{js_code}".encode()).digest()[:16]).decode()
        self._sessions[openid] = {"session_key": key, "at": now}
        return {"session_key": key, "openid": openid}


class WeChatPlatform:
    """Everything WeChat runs for one mini-program: login server and WeChat Pay sandbox."""

    def __init__(self, app_id: str) -> None:
        self.app_id = app_id
        self.app_secret = hashlib.sha256(f"secret|{app_id}".encode()).hexdigest()[:32]
        self.login = LoginServer(app_id, self.app_secret)
        self.pay = PaySandbox(self)


_by_program: "weakref.WeakKeyDictionary[Any, WeChatPlatform]" = weakref.WeakKeyDictionary()
_by_id: dict[int, tuple[Any, WeChatPlatform]] = {}


def app_id_of(phone) -> str:
    program = getattr(phone, "program", None)
    app_id = getattr(program, "app_id", None) if program is not None else None
    if app_id:
        return str(app_id)
    if program is None:
        return "wx" + "0" * 16
    seed = getattr(program, "name", None) or getattr(program, "root", None) or repr(
        sorted(getattr(program, "pages", {}) or {}))
    return default_app_id(str(seed))


def platform_for(phone) -> WeChatPlatform:
    """The platform of the phone's program (shared by every phone running that program)."""
    owner = getattr(phone, "program", None) or phone
    try:
        platform = _by_program.get(owner)
    except TypeError:
        platform = None
        entry = _by_id.get(id(owner))
        if entry is not None and entry[0] is owner:
            platform = entry[1]
    if platform is None:
        platform = WeChatPlatform(app_id_of(phone))
        try:
            _by_program[owner] = platform
        except TypeError:
            _by_id[id(owner)] = (owner, platform)
    return platform
