"""Storage (spec 5.2): ``wx.set_storage_sync`` & co. and their async twins.

Values are kept as JSON text, as the real phone keeps them: what you read back is a fresh copy,
changing it does not change what is stored. Limits: 1 MB a key, 10 MB in all;
``get_storage_info_sync()`` reports sizes in KB. A missing key reads as ``''``.
The storage belongs to the phone and survives a relaunch of the program on the same phone.
"""
from __future__ import annotations

import json
import math
from typing import Any

from ..errors import WxError
from .calling import AsyncCall, Result, check_options, options_from, record

PER_KEY_BYTES = 1024 * 1024
TOTAL_BYTES = 10 * 1024 * 1024
LIMIT_KB = TOTAL_BYTES // 1024
# encrypt: true (async only): encrypted data is about 1.4 times larger
ENCRYPTED_PER_KEY_BYTES = int(0.7 * 1024 * 1024)
ENCRYPTED_TOTAL_BYTES = int(7.1 * 1024 * 1024)


def js_type(value: Any) -> str:
    """How JavaScript would name the type of ``value`` in a parameter error."""
    if value is None:
        return "Undefined"
    if isinstance(value, bool):
        return "Boolean"
    if isinstance(value, (int, float)):
        return "Number"
    if isinstance(value, str):
        return "String"
    if isinstance(value, (list, tuple)):
        return "Array"
    if isinstance(value, dict):
        return "Object"
    if callable(value):
        return "Function"
    return type(value).__name__


class StorageService:
    """The phone's storage. Plain data view: :meth:`view`."""

    def __init__(self, phone) -> None:
        self.phone = phone
        self._items: dict[str, str] = {}  # key -> JSON text

    # reading ---------------------------------------------------------------------------------
    def snapshot(self) -> dict:
        """A plain-data copy of everything stored: ``{key: value}``."""
        return {k: json.loads(v) for k, v in self._items.items()}

    view = snapshot

    def keys(self) -> list[str]:
        return list(self._items)

    @staticmethod
    def _size(key: str, text: str) -> int:
        return len(key.encode("utf-8")) + len(text.encode("utf-8"))

    def used_bytes(self) -> int:
        return sum(self._size(k, v) for k, v in self._items.items())

    def info(self) -> dict:
        return {
            "keys": list(self._items),
            "current_size": math.ceil(self.used_bytes() / 1024),
            "limit_size": LIMIT_KB,
        }

    # the operations (raise WxError with the API's name in err_msg) --------------------------
    def _check_key(self, api: str, key: Any) -> None:
        if not isinstance(key, str):
            raise WxError(
                "wx.storage_key_not_text",
                err_msg=f"{api}:fail parameter error: parameter.key should be String "
                f"instead of {js_type(key)};",
                given=repr(key),
            )

    def set(self, key: Any, data: Any, encrypt: bool = False, api: str = "setStorageSync") -> None:
        """Store ``data`` under ``key`` (raises WxError with ``api`` in its err_msg)."""
        self._check_key(api, key)
        try:
            text = json.dumps(data, ensure_ascii=False, allow_nan=False)
        except (TypeError, ValueError):
            # UNVERIFIED: the real JS engine would stringify whatever it can; Python objects
            # that JSON can't hold are refused with a clear message instead.
            raise WxError(
                "wx.storage_not_json",
                err_msg=f"{api}:fail parameter error: parameter.data should be JSON-serializable",
                key=key,
                type=type(data).__name__,
            ) from None
        size = self._size(key, text)
        per_key, total = (
            (ENCRYPTED_PER_KEY_BYTES, ENCRYPTED_TOTAL_BYTES) if encrypt else (PER_KEY_BYTES, TOTAL_BYTES)
        )
        if encrypt:
            size = int(size * 1.4)
        if size > per_key:
            # UNVERIFIED wording
            raise WxError(
                "wx.storage_key_too_big",
                err_msg=f"{api}:fail exceed storage item max length",
                key=key,
                kb=math.ceil(size / 1024),
                limit_kb=per_key // 1024,
            )
        others = self.used_bytes() - (self._size(key, self._items[key]) if key in self._items else 0)
        if others + size > total:
            # UNVERIFIED wording
            raise WxError(
                "wx.storage_full",
                err_msg=f"{api}:fail exceed storage max size 10Mb",
                key=key,
                used_kb=math.ceil(others / 1024),
                kb=math.ceil(size / 1024),
                limit_kb=total // 1024,
            )
        self._items[key] = text
        record(self.phone, "storage", action="set", key=key)

    def get(self, api: str, key: Any) -> tuple[bool, Any]:
        self._check_key(api, key)
        if key not in self._items:
            return False, ""
        return True, json.loads(self._items[key])

    def remove(self, api: str, key: Any) -> None:
        self._check_key(api, key)
        self._items.pop(key, None)
        record(self.phone, "storage", action="remove", key=key)

    def clear(self) -> None:
        self._items.clear()
        record(self.phone, "storage", action="clear")


def _svc(phone) -> StorageService:
    return phone.services.storage


# ---------------------------------------------------------------------------------------------
# sync APIs


def set_storage_sync(phone, key: str, data: Any) -> None:
    """Store ``data`` (anything JSON can hold) under ``key``. Raises WxError when it can't."""
    _svc(phone).set(key, data)


def get_storage_sync(phone, key: str) -> Any:
    """The value stored under ``key``, or ``''`` (empty text) when there is none."""
    return _svc(phone).get("getStorageSync", key)[1]


def remove_storage_sync(phone, key: str) -> None:
    _svc(phone).remove("removeStorageSync", key)


def clear_storage_sync(phone) -> None:
    _svc(phone).clear()


def get_storage_info_sync(phone) -> Result:
    """``{keys, current_size, limit_size}`` with sizes in KB (limit 10240 KB = 10 MB)."""
    return Result(_svc(phone).info())


def batch_set_storage_sync(phone, kv_list: list) -> None:
    """``kv_list``: ``[{"key": ..., "value": ...}, ...]``."""
    svc = _svc(phone)
    for item in kv_list or []:
        svc.set(item.get("key"), item.get("value"), api="batchSetStorageSync")


def batch_get_storage_sync(phone, key_list: list) -> list:
    svc = _svc(phone)
    return [svc.get("batchGetStorageSync", key)[1] for key in key_list or []]


# ---------------------------------------------------------------------------------------------
# async APIs


def _async(phone, api: str, args, kwargs, allowed, work) -> Any:
    options = options_from(api, args, kwargs)
    check_options(phone, api, options, allowed)
    call = AsyncCall(phone, api, options)
    try:
        fields = work(call.options)
    except WxError as err:
        reason = err.err_msg.split(":fail", 1)[1].strip() if ":fail" in err.err_msg else err.err_msg
        call.failed(reason)
    else:
        if fields is None:
            call.ok()
        elif fields is _MISSING:
            call.failed("data not found")  # UNVERIFIED wording
        else:
            call.ok(**fields)
    return call.returned()


_MISSING = object()


def set_storage(phone, *args, **kwargs):
    """Async: ``wx.set_storage(key="cart", data=[...], success=..., fail=..., complete=...)``."""
    return _async(phone, "set_storage", args, kwargs, ("key", "data", "encrypt"),
                  lambda o: _svc(phone).set(o.get("key"), o.get("data"),
                                            bool(o.get("encrypt")), api="setStorage"))


def get_storage(phone, *args, **kwargs):
    """Async: result ``{data, err_msg: "getStorage:ok"}``; a missing key fails."""

    def work(o):
        found, value = _svc(phone).get("getStorage", o.get("key"))
        return {"data": value} if found else _MISSING

    return _async(phone, "get_storage", args, kwargs, ("key", "encrypt"), work)


def remove_storage(phone, *args, **kwargs):
    return _async(phone, "remove_storage", args, kwargs, ("key",),
                  lambda o: _svc(phone).remove("removeStorage", o.get("key")))


def clear_storage(phone, *args, **kwargs):
    return _async(phone, "clear_storage", args, kwargs, (), lambda o: _svc(phone).clear())


def get_storage_info(phone, *args, **kwargs):
    return _async(phone, "get_storage_info", args, kwargs, (), lambda o: _svc(phone).info())


def batch_set_storage(phone, *args, **kwargs):
    def work(o):
        for item in o.get("kv_list") or []:
            _svc(phone).set(item.get("key"), item.get("value"), api="batchSetStorage")

    return _async(phone, "batch_set_storage", args, kwargs, ("kv_list",), work)


def batch_get_storage(phone, *args, **kwargs):
    def work(o):
        return {"data_list": [_svc(phone).get("batchGetStorage", k)[1] for k in o.get("key_list") or []]}

    return _async(phone, "batch_get_storage", args, kwargs, ("key_list",), work)


API = {
    "set_storage_sync": set_storage_sync,
    "get_storage_sync": get_storage_sync,
    "remove_storage_sync": remove_storage_sync,
    "clear_storage_sync": clear_storage_sync,
    "get_storage_info_sync": get_storage_info_sync,
    "batch_set_storage_sync": batch_set_storage_sync,
    "batch_get_storage_sync": batch_get_storage_sync,
    "set_storage": set_storage,
    "get_storage": get_storage,
    "remove_storage": remove_storage,
    "clear_storage": clear_storage,
    "get_storage_info": get_storage_info,
    "batch_set_storage": batch_set_storage,
    "batch_get_storage": batch_get_storage,
}
