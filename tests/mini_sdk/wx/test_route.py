"""Route APIs as async wx wrappers of the phone's routes (spec 4.3)."""
import pytest

from mini_sdk.wx import WxCallFailed, wx


def test_navigate_to_is_scheduled_then_success(make_phone):
    phone = make_phone()
    got = []
    wx.navigate_to(url="/pages/detail/detail?id=3", success=got.append)
    assert phone.routes == []
    phone.settle()
    assert phone.routes == [("navigate_to", "/pages/detail/detail?id=3")]
    assert got[0].err_msg == "navigateTo:ok" and "event_channel" in got[0]


def test_route_failure_passes_the_phones_err_msg(make_phone):
    make_phone()
    with pytest.raises(WxCallFailed) as info:
        wx.navigate_to({"url": "/pages/tab/tab"}).result()
    assert info.value.err_msg == "navigateTo:fail can not navigateTo a tabbar page"


def test_other_routes(make_phone):
    phone = make_phone()
    wx.redirect_to(url="/pages/a/a")
    wx.navigate_back()
    wx.navigate_back(delta=2)
    wx.switch_tab(url="/pages/index/index")
    wx.re_launch(url="/pages/index/index")
    wx.start_pull_down_refresh()
    assert wx.stop_pull_down_refresh().result().err_msg == "stopPullDownRefresh:ok"
    assert phone.routes == [("redirect_to", "/pages/a/a"), ("navigate_back", 1), ("navigate_back", 2),
                            ("switch_tab", "/pages/index/index"), ("re_launch", "/pages/index/index"),
                            ("start_pull_down_refresh",), ("stop_pull_down_refresh",)]


def test_system_info(make_phone):
    make_phone()
    assert wx.get_system_info_sync()["model"] == "test phone"
    assert wx.get_system_info().result().screen_width == 375
