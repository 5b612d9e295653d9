"""Storage (spec 5.2): sync and async families, real limits, '' for missing keys, persistence."""
import pytest

from mini_sdk.errors import WxError
from mini_sdk.wx import WxCallFailed, wx
from mini_sdk.wx.storage import PER_KEY_BYTES


def test_set_get_remove_clear_sync(phone):
    wx.set_storage_sync("cart", [{"id": 1, "qty": 2}])
    assert wx.get_storage_sync("cart") == [{"id": 1, "qty": 2}]
    assert wx.get_storage_sync("nothing") == ""
    wx.remove_storage_sync("cart")
    assert wx.get_storage_sync("cart") == ""
    wx.set_storage_sync("a", 1)
    wx.clear_storage_sync()
    assert phone.services.storage_data == {}


def test_values_are_copies(phone):
    cart = [1, 2]
    wx.set_storage_sync("cart", cart)
    cart.append(3)
    got = wx.get_storage_sync("cart")
    got.append(4)
    assert wx.get_storage_sync("cart") == [1, 2]


def test_info_in_kb(phone):
    wx.set_storage_sync("big", "x" * 5000)
    info = wx.get_storage_info_sync()
    assert info.keys == ["big"]
    assert info.current_size == 5  # (3 + 5002 bytes) rounded up to KB
    assert info.limit_size == 10240


def test_one_key_at_most_1_mb(phone):
    wx.set_storage_sync("ok", "x" * (PER_KEY_BYTES - 10))
    with pytest.raises(WxError) as info:
        wx.set_storage_sync("big", "x" * PER_KEY_BYTES)
    assert info.value.err_msg == "setStorageSync:fail exceed storage item max length"
    assert wx.get_storage_sync("big") == ""


def test_all_keys_at_most_10_mb(phone):
    for i in range(9):
        wx.set_storage_sync(f"k{i}", "x" * (PER_KEY_BYTES - 100))
    with pytest.raises(WxError) as info:
        wx.set_storage_sync("k9", "x" * (PER_KEY_BYTES - 100))
        wx.set_storage_sync("k10", "x" * (PER_KEY_BYTES - 100))
    assert info.value.message_key == "wx.storage_full"
    # overwriting a key counts its new size, not both
    wx.set_storage_sync("k0", "small")


def test_not_json_and_key_type(phone):
    with pytest.raises(WxError) as info:
        wx.set_storage_sync("s", {1, 2})
    assert info.value.message_key == "wx.storage_not_json"
    with pytest.raises(WxError):
        wx.get_storage_sync(None)


def test_async_family_callbacks(phone):
    got = []
    wx.set_storage({"key": "name", "data": "李文琪", "success": lambda r: got.append(r.err_msg)})
    wx.get_storage(key="name", success=lambda r: got.append(r.data))
    wx.get_storage_info(success=lambda r: got.append(r.keys))
    wx.remove_storage(key="name", success=lambda r: got.append(r.err_msg))
    wx.get_storage(key="name", fail=lambda r: got.append(r.err_msg))
    wx.clear_storage(complete=lambda r: got.append(r.err_msg))
    assert got == []  # nothing happens before the phone's clock runs
    phone.settle()
    assert got == ["setStorage:ok", "李文琪", ["name"], "removeStorage:ok",
                   "getStorage:fail data not found", "clearStorage:ok"]


def test_async_family_direct_form_and_limits(phone):
    wx.set_storage(key="n", data=3).result()
    assert wx.get_storage(key="n").result().data == 3
    with pytest.raises(WxCallFailed) as info:
        wx.set_storage(key="big", data="x" * PER_KEY_BYTES).result()
    assert info.value.err_msg == "setStorage:fail exceed storage item max length"
    with pytest.raises(WxCallFailed):
        wx.set_storage(key="secret", data="x" * int(0.6 * PER_KEY_BYTES), encrypt=True).result()


def test_batch(phone):
    wx.batch_set_storage_sync([{"key": "a", "value": 1}, {"key": "b", "value": 2}])
    assert wx.batch_get_storage_sync(["a", "b", "c"]) == [1, 2, ""]
    assert wx.batch_get_storage(key_list=["a"]).result().data_list == [1]


def test_storage_survives_a_relaunch_of_the_same_phone(phone):
    wx.set_storage_sync("token", "abc")
    wx.show_loading(title="...")
    phone.services.relaunched()
    assert wx.get_storage_sync("token") == "abc"
    assert phone.services.toast_slot is None


def test_storage_view_is_plain_data(phone):
    wx.set_storage_sync("cart", {"items": [1]})
    view = phone.services.storage_data
    view["cart"]["items"].append(2)
    assert wx.get_storage_sync("cart") == {"items": [1]}
