"""The calling convention (spec 5.1): callbacks, promise form, direct form, options, mocks."""
import asyncio

import pytest

from mini_sdk.errors import WxError
from mini_sdk.wx import (
    NeverAnswered,
    Pending,
    Result,
    WaitingForUser,
    WxCallFailed,
    mock_wx_method,
    restore_wx_method,
    wx,
)


def test_success_then_complete_run_after_the_caller_returned(phone):
    seen = []
    returned = wx.set_storage(key="a", data=1, success=lambda r: seen.append(("success", r.err_msg)),
                              complete=lambda r: seen.append(("complete", r.err_msg)))
    seen.append("caller done")
    assert returned is None  # callback form returns nothing
    phone.settle()
    assert seen == ["caller done", ("success", "setStorage:ok"), ("complete", "setStorage:ok")]


def test_fail_then_complete_and_same_result_object(phone):
    got = []
    wx.get_storage(key="missing", success=lambda r: got.append("success"),
                   fail=lambda r: got.append(r), complete=lambda r: got.append(r))
    phone.settle()
    assert got[0] is got[1]
    assert got[0].err_msg == "getStorage:fail data not found"


def test_options_as_one_dict_with_camel_case_keys(phone):
    got = []
    wx.show_modal({"title": "Hi", "showCancel": False, "success": got.append})
    phone.settle()
    assert phone.services.modal["show_cancel"] is False
    phone.services.ui.confirm_modal()
    phone.settle()
    assert got[0] == {"err_msg": "showModal:ok", "confirm": True, "cancel": False}


def test_result_allows_attribute_access():
    r = Result(err_msg="x:ok", data=[1])
    assert r.data == [1] and r["err_msg"] == "x:ok"
    with pytest.raises(AttributeError) as info:
        r.status_code
    assert "status_code" in str(info.value)


def test_promise_form_then_catch_finally(phone):
    wx.set_storage_sync("n", 41)
    p = wx.get_storage(key="n")
    assert isinstance(p, Pending) and not p.done
    out, errors = [], []
    p.then(lambda r: r.data + 1).then(out.append)
    wx.get_storage(key="nope").catch(lambda r: errors.append(r.err_msg)).finally_(lambda: errors.append("finally"))
    phone.settle()
    assert out == [42]
    assert errors == ["getStorage:fail data not found", "finally"]


def test_direct_form_result_and_failure(phone):
    wx.set_storage_sync("k", {"a": 1})
    assert wx.get_storage(key="k").result().data == {"a": 1}
    with pytest.raises(WxCallFailed) as info:
        wx.get_storage(key="zzz").result()
    assert info.value.err_msg == "getStorage:fail data not found"
    assert info.value.res["err_msg"] == "getStorage:fail data not found"


def test_direct_form_waits_on_the_virtual_clock(phone):
    wx.show_toast(title="hi")  # a toast that hides itself after 1500 ms
    t0 = phone.clock.now
    assert wx.show_toast(title="again").result().err_msg == "showToast:ok"
    assert phone.clock.now == t0  # nothing needed to wait


def test_direct_form_explains_when_the_user_must_answer(phone):
    with pytest.raises(WaitingForUser) as info:
        wx.show_modal(title="Sure?").result()
    assert "modal" in str(info.value)
    phone.services.ui.queue_modal_answer(confirm=False)
    # the waiting modal gets the queued answer; a new one too
    phone.settle()
    phone.services.ui.queue_modal_answer(confirm=True)
    assert wx.show_modal(title="Again?").result().confirm is True


def test_await_in_a_notebook_cell(phone):
    wx.set_storage_sync("x", "y")

    async def cell():
        return await wx.get_storage(key="x")

    assert asyncio.run(cell()).data == "y"


def test_callback_without_parameter_is_fine(phone):
    calls = []
    wx.set_storage(key="a", data=1, success=lambda: calls.append(1))
    phone.settle()
    assert calls == [1]


def test_unknown_option_is_a_warning_not_a_crash(phone):
    wx.show_toast(title="ok", duraton=3000)
    assert phone.warned("wx.unknown_option")
    assert phone.services.toasts[-1]["duration"] == 1500


def test_exception_in_success_still_runs_complete_and_reaches_the_test(phone):
    done = []

    def success(res):
        raise ValueError("oops")

    wx.set_storage(key="a", data=1, success=success, complete=lambda r: done.append(r.err_msg))
    with pytest.raises(ValueError):
        phone.settle()
    assert done == ["setStorage:ok"]
    assert phone.errors[0]["type"] == "ValueError"


def test_sync_api_raises_wx_error_with_real_err_msg(phone):
    with pytest.raises(WxError) as info:
        wx.set_storage_sync(42, "x")
    assert info.value.err_msg == (
        "setStorageSync:fail parameter error: parameter.key should be String instead of Number;")
    assert info.value.message_key == "wx.storage_key_not_text"


def test_mock_wx_method_result_fn_and_restore(phone):
    mock_wx_method(phone, "getLocation", result={"latitude": 1.5, "longitude": 2.5})
    res = wx.get_location().result()
    assert res == {"latitude": 1.5, "longitude": 2.5, "err_msg": "getLocation:ok"}
    mock_wx_method(phone, "get_location", result={"err_msg": "getLocation:fail auth deny"})
    got = []
    wx.get_location(fail=got.append)
    phone.settle()
    assert got[0].err_msg == "getLocation:fail auth deny"
    mock_wx_method(phone, "get_storage_sync", fn=lambda key: f"mocked {key}")
    assert wx.get_storage_sync("k") == "mocked k"
    restore_wx_method(phone, "get_storage_sync")
    assert wx.get_storage_sync("k") == ""
    mock_wx_method(phone, "request", fn=lambda o: {"data": {"echo": o["url"]}, "status_code": 200})
    assert wx.request(url="https://x.example/a").result().data == {"echo": "https://x.example/a"}


def test_wx_names_are_snake_case_with_helpful_errors(phone):
    with pytest.raises(AttributeError) as info:
        wx.setStorageSync
    assert "set_storage_sync" in str(info.value)
    with pytest.raises(AttributeError):
        wx.show_tost
    with pytest.raises(AttributeError):
        wx.show_toast = None
    assert "request_payment" in dir(wx)


def test_never_answered(phone):
    from mini_sdk.wx.calling import AsyncCall

    call = AsyncCall(phone, "login", {})
    with pytest.raises(NeverAnswered):
        call.pending.result(max_wait_ms=1000)
