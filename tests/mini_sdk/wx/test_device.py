"""Device APIs (spec 5.8): answered by the phone, the preview or a test's mock; permission denial."""
import pytest

from mini_sdk.errors import MiniProgramError
from mini_sdk.wx import WaitingForUser, WxCallFailed, mock_wx_method, wx

DECLARED = {"requiredPrivateInfos": ["getLocation"],
            "permission": {"scope.userLocation": {"desc": "找到最近的门店"}}}


def test_location_must_be_declared_in_app_json(make_phone):
    phone = make_phone(config={})
    with pytest.raises(WxCallFailed) as info:
        wx.get_location().result()
    assert "requiredPrivateInfos" in info.value.err_msg
    assert phone.warned("wx.location_not_declared")
    make_phone(config={"requiredPrivateInfos": ["getLocation"]})
    with pytest.raises(WxCallFailed) as info:
        wx.get_location().result()
    assert info.value.err_msg == "getLocation:fail require permission desc"


def test_location_asks_permission_once_then_uses_the_phones_gps(make_phone):
    phone = make_phone(config=DECLARED)
    got = []
    wx.get_location(type="gcj02", success=got.append)
    phone.settle()
    prompt = phone.services.device_prompt
    assert prompt["api"] == "get_location" and prompt["asks_permission"] == "scope.userLocation"
    assert prompt["options"] == {"type": "gcj02"}
    phone.services.device.answer({"latitude": 22.54, "longitude": 113.93})
    phone.settle()
    assert got[0].err_msg == "getLocation:ok" and got[0].latitude == 22.54
    # permission is remembered: the simulated GPS answers at once
    phone.services.device.location = {"latitude": 39.9, "longitude": 116.4}
    res = wx.get_location().result()
    assert (res.latitude, res.longitude) == (39.9, 116.4) and "accuracy" in res


def test_denied_permission_fails_and_is_remembered(make_phone):
    phone = make_phone(config=DECLARED)
    got = []
    wx.get_location(fail=got.append)
    phone.settle()
    phone.services.device.deny()
    phone.settle()
    assert got[0].err_msg == "getLocation:fail auth deny"
    with pytest.raises(WxCallFailed) as info:
        wx.get_location().result()  # no second dialog
    assert info.value.err_msg == "getLocation:fail auth deny"
    assert phone.warned("wx.device_permission_denied_before")
    phone.services.device.set_permission("scope.userLocation", True)
    assert wx.get_location().result().err_msg == "getLocation:ok"


def test_set_answer_and_mock(make_phone):
    phone = make_phone(config=DECLARED)
    phone.services.device.set_answer("get_location", {"latitude": 31.23, "longitude": 121.47})
    assert wx.get_location().result().latitude == 31.23
    mock_wx_method(phone, "get_location", result={"latitude": 0, "longitude": 0})
    assert wx.get_location().result() == {"latitude": 0, "longitude": 0, "err_msg": "getLocation:ok"}


def test_bad_answers_are_caught(make_phone):
    phone = make_phone(config=DECLARED)
    wx.get_location()
    phone.settle()
    with pytest.raises(MiniProgramError):
        phone.services.device.answer({"latitude": 123, "longitude": 0})
    with pytest.raises(MiniProgramError):
        phone.services.device.answer(api="scan_code")


def test_scan_code_prompt_answer_and_cancel(phone):
    got = []
    wx.scan_code(only_from_camera=True, success=got.append, fail=got.append)
    phone.settle()
    assert phone.services.device_prompt["api"] == "scan_code"
    phone.services.device.answer("https://tea.example/table/7")
    phone.settle()
    assert got[0].result == "https://tea.example/table/7" and got[0].scan_type == "QR_CODE"
    assert got[0].char_set == "utf-8" and got[0].raw_data
    wx.scan_code(fail=got.append)
    phone.settle()
    phone.services.device.cancel()
    phone.settle()
    assert got[1].err_msg == "scanCode:fail cancel"
    with pytest.raises(WaitingForUser):
        wx.scan_code().result()


def test_choose_media(phone):
    phone.services.device.set_answer("choose_media", [{"name": "boba.jpg", "size": 1234},
                                                      {"name": "clip.mp4", "file_type": "video"}])
    res = wx.choose_media(count=2).result()
    assert res.type == "mix" and len(res.temp_files) == 2
    photo, video = res.temp_files
    assert photo["temp_file_path"].startswith("wxfile://tmp_") and photo["size"] == 1234
    assert photo["file_type"] == "image" and video["file_type"] == "video"
    assert "thumb_temp_file_path" in video
    phone.services.device.clear_answer("choose_media")
    wx.choose_media(count=1)
    phone.settle()
    with pytest.raises(MiniProgramError):
        phone.services.device.answer(["a.jpg", "b.jpg"])  # the user can't pick more than count
    phone.services.device.answer(["a.jpg"])
    with pytest.raises(WxCallFailed) as info:
        wx.choose_media(count=21).result()
    assert info.value.err_msg.startswith("chooseMedia:fail parameter error")
    wx.choose_media(fail=lambda r: None)
    phone.settle()
    phone.services.device.deny()
    phone.settle()
