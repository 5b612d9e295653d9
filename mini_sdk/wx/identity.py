"""Login (spec 5.5): ``wx.login`` gives a one-time code; the program's backend turns it into an
openid with ``request.code2session(code)`` (never on the phone: the AppSecret stays on the server).

A code works **once** and for **5 minutes**. Each simulated user (``phone.user_id``) has one
stable openid per mini-program.
"""
from __future__ import annotations

from ..servers.wechat import platform_for
from .calling import AsyncCall, check_options, options_from, record, warn


class IdentityService:
    """Login codes issued on one phone (plain data: :attr:`logins`)."""

    def __init__(self, phone) -> None:
        self.phone = phone
        self._logins: list[dict] = []

    @property
    def logins(self) -> list[dict]:
        return [dict(e) for e in self._logins]

    @property
    def user_id(self) -> str:
        return str(getattr(self.phone, "user_id", None) or "student")

    def openid(self) -> str:
        """The openid of this phone's user in this phone's program (what code2session says)."""
        return platform_for(self.phone).login.openid(self.user_id)


def _svc(phone) -> IdentityService:
    return phone.services.identity


def login(phone, *args, **kwargs):
    """Get a login code: result ``{code, err_msg: "login:ok"}``. Send the code to your backend,
    which calls ``request.code2session(code)``."""
    options = options_from("login", args, kwargs)
    check_options(phone, "login", options, ("timeout",))
    call = AsyncCall(phone, "login", options)
    svc = _svc(phone)

    def issue() -> None:
        code = platform_for(phone).login.issue_code(svc.user_id, phone)
        svc._logins.append({"code": code, "at": phone.clock.now, "user_id": svc.user_id})
        record(phone, "login", code=code)
        call.ok(code=code)

    phone.clock.call_soon(issue)
    return call.returned()


def check_session(phone, *args, **kwargs):
    """Is the login state (session_key) made by your backend's code2session still valid?"""
    options = options_from("check_session", args, kwargs)
    check_options(phone, "check_session", options, ())
    call = AsyncCall(phone, "check_session", options)

    def check() -> None:
        if platform_for(phone).login.session_of(_svc(phone).user_id):
            call.ok()
        else:
            call.failed("session time out")  # UNVERIFIED wording

    phone.clock.call_soon(check)
    return call.returned()


DEFAULT_AVATAR = ("https://thirdwx.qlogo.cn/mmopen/vi_32/POgEwh4mIHO4nibH0KlMECNjjGxQUq24ZEaGT4poC6icRiccVGKSyXwibcPq4BWmiaIGuG1icwxaQX6grC9VemZoJ8rg/132")


def get_user_profile(phone, *args, **kwargs):
    """Since 2022-10-25 this gives the grey avatar and the nickname "微信用户" only; use
    ``<button open-type="chooseAvatar">`` and ``<input type="nickname">`` instead."""
    options = options_from("get_user_profile", args, kwargs)
    check_options(phone, "get_user_profile", options, ("desc", "lang"))
    call = AsyncCall(phone, "get_user_profile", options)
    desc = call.options.get("desc")
    if not isinstance(desc, str) or not desc:
        call.failed("parameter error: parameter.desc should be String instead of Undefined;")
        return call.returned()
    if len(desc) > 30:
        call.failed("desc length should not larger than 30")  # UNVERIFIED wording
        return call.returned()
    warn(phone, "wx.user_profile_reclaimed")
    call.ok(user_info={"nick_name": "微信用户", "avatar_url": DEFAULT_AVATAR, "gender": 0,
                       "country": "", "province": "", "city": "", "language": ""})
    return call.returned()


API = {"login": login, "check_session": check_session, "get_user_profile": get_user_profile}
