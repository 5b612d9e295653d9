"""UI feedback (spec 5.4): toast, loading (one shared slot), modal, action sheet, title."""
import pytest

from mini_sdk.errors import MiniProgramError
from mini_sdk.wx import WxCallFailed, wx


def test_toast_defaults_and_duration_on_the_virtual_clock(phone):
    wx.show_toast(title="已加入")
    toast = phone.services.toast_slot
    assert toast["title"] == "已加入" and toast["icon"] == "success"
    assert toast["duration"] == 1500 and toast["mask"] is False and toast["kind"] == "toast"
    phone.advance(1499)
    assert phone.services.toast_slot is not None
    phone.advance(1)
    assert phone.services.toast_slot is None
    assert phone.services.toasts[0]["visible"] is False
    assert phone.services.toasts[0]["hidden_at"] == 1500


def test_toast_custom_duration_and_success_callback(phone):
    got = []
    wx.show_toast({"title": "Saved", "icon": "none", "duration": 3000, "success": got.append})
    phone.advance(2000)
    assert got[0].err_msg == "showToast:ok"
    assert phone.services.toast_slot["title"] == "Saved"
    phone.advance(1000)
    assert phone.services.toast_slot is None


def test_toast_needs_a_title(phone):
    with pytest.raises(WxCallFailed) as info:
        wx.show_toast(icon="none").result()
    assert info.value.err_msg == (
        "showToast:fail parameter error: parameter.title should be String instead of Undefined;")


def test_long_title_with_icon_is_cut_warning(phone):
    wx.show_toast(title="这是一个非常非常长的提示标题")
    assert phone.warned("wx.toast_title_cut")
    wx.show_toast(title="这是一个非常非常长的提示标题", icon="none")
    assert len([w for w in phone.warnings if w["message_key"] == "wx.toast_title_cut"]) == 1


def test_loading_and_toast_share_one_slot(phone):
    wx.show_loading(title="加载中")
    assert phone.services.toast_slot["kind"] == "loading"
    phone.advance(10_000)  # a loading stays
    assert phone.services.toast_slot["kind"] == "loading"
    wx.show_toast(title="好了")  # replaces the loading
    slot = phone.services.toast_slot
    assert slot["kind"] == "toast" and slot["title"] == "好了"
    assert phone.services.ui.loadings()[0]["visible"] is False
    wx.show_loading(title="again")  # replaces the toast; its timer must not hide the loading
    phone.advance(2000)
    assert phone.services.toast_slot["title"] == "again"
    assert wx.hide_loading().result().err_msg == "hideLoading:ok"
    assert phone.services.toast_slot is None


def test_hide_loading_after_show_toast_closes_the_toast(phone):
    wx.show_loading(title="...")
    wx.show_toast(title="Paid")
    wx.hide_loading()
    assert phone.services.toast_slot is None
    assert phone.warned("wx.hide_closed_other")


def test_hide_with_nothing_on_screen(phone):
    with pytest.raises(WxCallFailed) as info:
        wx.hide_loading().result()
    assert info.value.err_msg == "hideLoading:fail:toast can't be found"


def test_modal_confirm_and_cancel(phone):
    got = []
    wx.show_modal(title="删除？", content="删除后不能恢复", success=got.append)
    modal = phone.services.modal
    assert modal["title"] == "删除？" and modal["confirm_text"] == "确定"
    assert modal["cancel_text"] == "取消" and modal["show_cancel"] is True
    assert modal["confirm_color"] == "#576B95"
    phone.services.ui.cancel_modal()
    phone.settle()
    assert got[0] == {"err_msg": "showModal:ok", "confirm": False, "cancel": True}
    assert phone.services.modal is None


def test_editable_modal_gives_typed_content(phone):
    res = []
    wx.show_modal(title="备注", editable=True, placeholder_text="少冰", success=res.append)
    phone.services.ui.confirm_modal(content="少冰，三分糖")
    phone.settle()
    assert res[0].content == "少冰，三分糖" and res[0].confirm is True


def test_modal_answers_must_be_possible(phone):
    wx.show_modal(title="Only OK", show_cancel=False)
    with pytest.raises(MiniProgramError):
        phone.services.ui.cancel_modal()
    with pytest.raises(MiniProgramError):
        phone.services.ui.confirm_modal(content="typed")
    phone.services.ui.confirm_modal()
    with pytest.raises(MiniProgramError):
        phone.services.ui.confirm_modal()


def test_modal_button_text_limit(phone):
    with pytest.raises(WxCallFailed) as info:
        wx.show_modal(title="x", confirm_text="Confirm it").result()
    assert "confirmText length should not larger than 4 Chinese characters" in info.value.err_msg


def test_modals_wait_in_line_and_queued_answers(phone):
    a, b = [], []
    wx.show_modal(title="one", success=a.append)
    wx.show_modal(title="two", success=b.append)
    assert phone.services.modal["title"] == "one"
    phone.services.ui.queue_modal_answer(True)
    phone.services.ui.queue_modal_answer(False)
    phone.settle()
    assert a[0].confirm is True and b[0].cancel is True


def test_modal_direct_form_with_a_queued_answer(phone):
    phone.services.ui.queue_modal_answer(confirm=True, content=None)
    assert wx.show_modal(title="OK?").result().confirm is True


def test_action_sheet(phone):
    got = []
    wx.show_action_sheet(item_list=["大杯", "中杯"], success=got.append, fail=got.append)
    assert phone.services.action_sheet["item_list"] == ["大杯", "中杯"]
    phone.services.ui.answer_action_sheet(1)
    phone.settle()
    assert got[0].tap_index == 1
    wx.show_action_sheet(item_list=["a"], fail=got.append)
    phone.services.ui.cancel_action_sheet()
    phone.settle()
    assert got[1].err_msg == "showActionSheet:fail cancel"
    with pytest.raises(WxCallFailed):
        wx.show_action_sheet(item_list=list("abcdefg")).result()


def test_set_navigation_bar_title(make_phone):
    phone = make_phone()
    got = []
    wx.set_navigation_bar_title(title="奶茶店", success=got.append)
    assert phone.title is None  # not yet: it is async
    phone.settle()
    assert phone.title == "奶茶店" and got[0].err_msg == "setNavigationBarTitle:ok"


def test_ui_events_are_recorded_on_the_phone(phone):
    wx.show_toast(title="t")
    wx.show_modal(title="m")
    phone.services.ui.confirm_modal()
    assert {"toast", "modal", "modal_answer"} <= set(phone.kinds())
