"""wx.login + code2session (spec 5.5): single-use codes valid 5 minutes, real error codes."""
import pytest

from mini_sdk.servers import Backend, openid_for, platform_for
from mini_sdk.wx import wx

API = "https://api.tea.example"


@pytest.fixture
def backend():
    b = Backend(API)

    @b.post("/login")
    def login(request):
        session = request.code2session(request.json["code"])
        if "errcode" in session:
            return 400, session
        return {"token": request.start_session(session["openid"]), "openid": session["openid"],
                "has_session_key": bool(session["session_key"])}

    return b


def _login(code):
    return wx.request(url=API + "/login", method="POST", data={"code": code}).result()


def test_login_gives_a_code_and_the_backend_gets_the_openid(make_phone, backend):
    phone = make_phone(backend=backend)
    got = []
    wx.login(success=got.append)
    assert got == []
    phone.settle()
    code = got[0].code
    assert got[0].err_msg == "login:ok" and len(code) == 32
    res = _login(code)
    assert res.status_code == 200 and res.data["has_session_key"]
    assert res.data["openid"] == openid_for("wxbubbletea000001", "student")
    assert "session_key" not in res.data


def test_a_code_works_once(make_phone, backend):
    make_phone(backend=backend)
    code = wx.login().result().code
    assert _login(code).status_code == 200
    again = _login(code)
    assert again.status_code == 400 and again.data["errcode"] == 40163


def test_a_code_expires_after_5_minutes(make_phone, backend):
    phone = make_phone(backend=backend)
    code = wx.login().result().code
    phone.advance(5 * 60 * 1000 + 1)
    assert _login(code).data["errcode"] == 40029
    assert _login("made-up-code").data["errcode"] == 40029
    code = wx.login().result().code
    phone.advance(5 * 60 * 1000)
    assert _login(code).status_code == 200


def test_one_openid_per_user_and_per_app(make_phone, backend):
    a = make_phone(backend=backend, user_id="li")
    oid_a = _login(wx.login().result().code).data["openid"]
    assert _login(wx.login().result().code).data["openid"] == oid_a
    b = make_phone(backend=backend, user_id="wang")
    oid_b = _login(wx.login().result().code).data["openid"]
    assert oid_a != oid_b and oid_a.startswith("o") and len(oid_a) == 28
    assert openid_for("wxother", "li") != oid_a
    assert a is not b


def test_error_codes_busy_blocked_rate_limit_wrong_secret(make_phone, backend):
    phone = make_phone(backend=backend)
    login_server = platform_for(phone).login
    login_server.busy = True
    assert _login(wx.login().result().code).data["errcode"] == -1
    login_server.busy = False
    login_server.block_user("student")
    assert _login(wx.login().result().code).data["errcode"] == 40226
    login_server.blocked.clear()
    for _ in range(100):
        login_server.code2session(login_server.app_id, login_server.app_secret, "x", phone)
    code = login_server.issue_code("student", phone)
    for _ in range(100):
        login_server.code2session(login_server.app_id, login_server.app_secret, code, phone)
    assert login_server.code2session(login_server.app_id, login_server.app_secret, code, phone)["errcode"] == 45011
    phone.advance(60_000)
    backend.app_secret = "wrong"
    assert _login(wx.login().result().code).data["errcode"] == 40125


def test_check_session_and_user_profile(make_phone, backend):
    phone = make_phone(backend=backend)
    with pytest.raises(Exception):
        wx.check_session().result()
    _login(wx.login().result().code)
    assert wx.check_session().result().err_msg == "checkSession:ok"
    profile = wx.get_user_profile(desc="show your name").result()
    assert profile.user_info["nick_name"] == "微信用户"
    assert phone.warned("wx.user_profile_reclaimed")
