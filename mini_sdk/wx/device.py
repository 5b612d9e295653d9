"""Device APIs (spec 5.8): ``get_location``, ``scan_code``, ``choose_media``.

Who answers:

* a test's mock (``phone.mock_wx_method("get_location", result={...})``) -- always first;
* an answer set in advance: ``phone.services.device.set_answer("scan_code", {"result": "T42"})``;
* otherwise the phone shows a prompt (``phone.services.device.current_prompt()``) that the preview or a test
  answers with ``answer(result)``, ``deny()`` (permission refused: ``"<api>:fail auth deny"``)
  or ``cancel()`` (``"<api>:fail cancel"``).

``get_location`` needs ``"requiredPrivateInfos": ["getLocation"]`` and a
``"permission": {"scope.userLocation": {"desc": ...}}`` in app.json, then the user's permission
(asked once; a refusal is remembered). With permission, the phone's simulated GPS answers
(``services.device.location``) unless an answer was set.
"""
from __future__ import annotations

import base64
import hashlib
import itertools
from typing import Any

from ..errors import MiniProgramError
from ..wxss import SCREEN_WIDTH
from .calling import AsyncCall, check_options, options_from, plain, record, snake, warn

#: what wx.get_system_info reports: a 375 px wide phone (1 rpx = 0.5 px), as drawn
DEVICE_INFO = {
    "brand": "devtools", "model": "iPhone 6/7/8", "pixel_ratio": 2,
    "screen_width": SCREEN_WIDTH, "screen_height": 667, "window_width": SCREEN_WIDTH,
    "window_height": 603, "status_bar_height": 20, "language": "zh_CN",
    "version": "8.0.5", "system": "iOS 16.0", "platform": "devtools", "SDKVersion": "3.5.8",
}

SCOPES = {"get_location": "scope.userLocation", "choose_media": None, "scan_code": None}
# Tencent Binhai Building, Shenzhen (where the simulated phone thinks it is)
DEFAULT_LOCATION = {"latitude": 22.5225, "longitude": 113.9353}


class DeviceService:
    def __init__(self, phone) -> None:
        self.phone = phone
        self.location: dict = dict(DEFAULT_LOCATION)
        self.permissions: dict[str, bool | None] = {}
        self._answers: dict[str, Any] = {}
        self._prompts: list[dict] = []
        self._ids = itertools.count(1)
        self._files = itertools.count(1)

    def reset(self) -> None:
        self._prompts.clear()

    # views ---------------------------------------------------------------------------------
    def current_prompt(self) -> dict | None:
        """The device prompt on screen: ``{id, api, options, asks_permission}`` or None."""
        return self._view(self._prompts[0]) if self._prompts else None

    def prompts(self) -> list[dict]:
        return [self._view(p) for p in self._prompts]

    @staticmethod
    def _view(p: dict) -> dict:
        return {"id": p["id"], "api": p["api"], "options": plain(p["options"]),
                "asks_permission": p["scope"]}

    # set up answers ------------------------------------------------------------------------
    def set_answer(self, api: str, result: Any, allow: bool = True) -> None:
        """Answer every later call of ``api`` ("get_location", "scan_code", "choose_media")
        with ``result`` (use ``clear_answer`` to stop). ``allow=True`` also gives the permission
        the API needs (``scope.userLocation`` for get_location)."""
        name = _api_name(api)
        self._answers[name] = result
        if allow and SCOPES.get(name):
            self.permissions[SCOPES[name]] = True

    def clear_answer(self, api: str) -> None:
        self._answers.pop(_api_name(api), None)

    def set_permission(self, scope: str, allowed: bool | None) -> None:
        """``"scope.userLocation"``: True (allowed), False (refused), None (ask next time)."""
        self.permissions[scope] = allowed

    # answering the prompt --------------------------------------------------------------------
    def _find(self, api: str | None) -> dict:
        for p in self._prompts:
            if api is None or p["api"] == _api_name(api):
                return p
        raise MiniProgramError("wx.no_device_prompt", api=api or "-")

    def _take(self, api: str | None) -> dict:
        p = self._find(api)
        self._prompts.remove(p)
        return p

    def answer(self, result: Any = None, api: str | None = None) -> None:
        """The user allows and answers. ``result=None`` uses the phone's own sample answer."""
        p = self._find(api)
        if result is None and p["api"] in self._answers:
            result = self._answers[p["api"]]
        fields = NORMALIZE[p["api"]](self, result, p["options"])  # checks the answer first
        self._prompts.remove(p)
        if p["scope"]:
            self.permissions[p["scope"]] = True
        record(self.phone, "device_answer", api=p["api"])
        p["call"].ok(**fields)

    def deny(self, api: str | None = None) -> None:
        """The user refuses permission: ``"<api>:fail auth deny"`` (remembered for the scope)."""
        p = self._take(api)
        if p["scope"]:
            self.permissions[p["scope"]] = False
        record(self.phone, "device_answer", api=p["api"], denied=True)
        p["call"].failed("auth deny")  # UNVERIFIED wording

    def cancel(self, api: str | None = None) -> None:
        """The user closes the scanner / picker: ``"<api>:fail cancel"``."""
        p = self._take(api)
        record(self.phone, "device_answer", api=p["api"], cancelled=True)
        p["call"].failed("cancel")

    # internals -------------------------------------------------------------------------------
    def _open(self, api: str, call: AsyncCall, options: dict, scope: str | None) -> None:
        prompt = {"id": next(self._ids), "api": api, "options": options, "scope": scope, "call": call}
        self._prompts.append(prompt)
        record(self.phone, "device_prompt", api=api, asks_permission=scope)

    def _deliver(self, api: str, call: AsyncCall, result: Any, options: dict) -> None:
        call.ok(**NORMALIZE[api](self, result, options))


def _api_name(api: str) -> str:
    return snake(api)


def _num(value: Any, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise MiniProgramError("wx.device_bad_answer", field=name, value=repr(value))
    return value


def _location(svc: DeviceService, result: Any, options: dict) -> dict:
    base = dict(svc.location)
    if result:
        base.update({k: v for k, v in dict(result).items()})
    lat, lon = _num(base.get("latitude"), "latitude"), _num(base.get("longitude"), "longitude")
    if not -90 <= lat <= 90 or not -180 <= lon <= 180:
        raise MiniProgramError("wx.device_bad_location", latitude=lat, longitude=lon)
    out = {"latitude": lat, "longitude": lon, "speed": base.get("speed", -1),
           "accuracy": base.get("accuracy", 65), "altitude": base.get("altitude", 0),
           "vertical_accuracy": base.get("vertical_accuracy", 65),
           "horizontal_accuracy": base.get("horizontal_accuracy", 65)}
    return out


def _scan(svc: DeviceService, result: Any, options: dict) -> dict:
    if result is None:
        result = {"result": "https://example.com/qr/sample"}
    if isinstance(result, str):
        result = {"result": result}
    text = str(result.get("result", ""))
    out = {"result": text, "scan_type": result.get("scan_type", "QR_CODE"),
           "char_set": result.get("char_set", "utf-8"),
           "raw_data": result.get("raw_data", base64.b64encode(text.encode()).decode())}
    if "path" in result:
        out["path"] = result["path"]
    return out


def _media(svc: DeviceService, result: Any, options: dict) -> dict:
    count = options.get("count", 9)
    kinds = options.get("media_type") or ["image", "video"]
    if result is None:
        result = [{"file_type": "image" if "image" in kinds or "mix" in kinds else "video"}]
    if isinstance(result, dict):
        files = result.get("temp_files") or result.get("files") or []
    else:
        files = list(result)
    if len(files) > count:
        raise MiniProgramError("wx.device_too_many_files", given=len(files), count=count)
    temp_files = []
    for f in files:
        f = {"name": f} if isinstance(f, str) else dict(f)
        kind = f.get("file_type", "video" if str(f.get("name", "")).endswith(".mp4") else "image")
        ext = "mp4" if kind == "video" else "jpg"
        n = next(svc._files)
        token = hashlib.sha256(f"{f.get('name')}|{n}".encode()).hexdigest()[:16]
        path = f.get("temp_file_path") or f"wxfile://tmp_{token}.{ext}"
        item = {"temp_file_path": path, "size": f.get("size", 204800), "file_type": kind,
                "width": f.get("width", 1080), "height": f.get("height", 1440),
                "duration": f.get("duration", 0 if kind == "image" else 8)}
        if kind == "video":
            item["thumb_temp_file_path"] = f.get("thumb_temp_file_path", f"wxfile://tmp_{token}_thumb.jpg")
        temp_files.append(item)
    kinds_given = {t["file_type"] for t in temp_files}
    kind = "mix" if len(kinds_given) > 1 else (kinds_given.pop() if kinds_given else "image")
    return {"temp_files": temp_files, "type": kind}


NORMALIZE = {"get_location": _location, "scan_code": _scan, "choose_media": _media}


def _svc(phone) -> DeviceService:
    return phone.services.device


def _device_call(phone, api: str, args, kwargs, allowed, precheck=None):
    options = options_from(api, args, kwargs)
    check_options(phone, api, options, allowed)
    svc = _svc(phone)
    holder: dict = {}
    call = AsyncCall(phone, api, options,
                     waiting=lambda: f"{api} prompt" if any(p["call"] is holder.get("call")
                                                              for p in svc._prompts) else None)
    holder["call"] = call
    o = call.options
    if precheck is not None:
        problem = precheck(phone, o)
        if problem is not None:
            reason, key, params = problem
            warn(phone, key, **params)
            call.failed(reason)
            return call.returned()
    scope = SCOPES.get(api)

    def go() -> None:
        allowed_now = svc.permissions.get(scope) if scope else True
        if allowed_now is False:
            warn(phone, "wx.device_permission_denied_before", api=api, scope=scope)
            call.failed("auth deny")  # UNVERIFIED wording
            return
        if api in svc._answers and allowed_now:
            svc._deliver(api, call, svc._answers[api], o)
            return
        if api == "get_location" and allowed_now:
            svc._deliver(api, call, None, o)
            return
        if api in svc._answers and scope and allowed_now is None:
            # the permission dialog still has to be answered; the answer is ready
            svc._open(api, call, o, scope)
            return
        svc._open(api, call, o, scope if allowed_now is None else None)

    phone.clock.call_soon(go)
    return call.returned()


def _location_precheck(phone, o: dict):
    program = getattr(phone, "program", None)
    if program is None:
        return None
    config = getattr(program, "config", None) or {}
    if "getLocation" not in (config.get("requiredPrivateInfos") or []):
        # UNVERIFIED wording
        return ("the api need to be declared in the requiredPrivateInfos field in app.json/ext.json",
                "wx.location_not_declared", {})
    desc = ((config.get("permission") or {}).get("scope.userLocation") or {}).get("desc")
    if not desc:
        return ("require permission desc", "wx.location_no_desc", {})  # UNVERIFIED wording
    if o.get("type", "wgs84") not in ("wgs84", "gcj02"):
        return ("parameter error: type should be wgs84 or gcj02", "wx.location_bad_type",
                {"value": o.get("type")})
    return None


def get_location(phone, *args, **kwargs):
    """Where the phone is: ``{latitude, longitude, speed, accuracy, altitude, ...}``.
    Options: ``type`` ("wgs84" default, or "gcj02" for maps), ``altitude``, ``is_high_accuracy``."""
    return _device_call(phone, "get_location", args, kwargs,
                        ("type", "altitude", "is_high_accuracy", "high_accuracy_expire_time"),
                        _location_precheck)


def scan_code(phone, *args, **kwargs):
    """Scan a code with the camera: ``{result, scan_type, char_set, raw_data}``."""
    return _device_call(phone, "scan_code", args, kwargs, ("only_from_camera", "scan_type"))


def _media_precheck(phone, o: dict):
    count = o.get("count", 9)
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= 20:
        return ("parameter error: count should be between 1 and 20", "wx.media_bad_count",
                {"value": count})
    duration = o.get("max_duration", 10)
    if not isinstance(duration, (int, float)) or not 3 <= duration <= 60:
        return ("parameter error: maxDuration should be between 3 and 60", "wx.media_bad_duration",
                {"value": duration})
    return None


def choose_media(phone, *args, **kwargs):
    """Pick photos/videos: ``{temp_files: [{temp_file_path, size, file_type, width, height,
    duration}], type}``. Options: ``count`` (9, at most 20), ``media_type`` (["image", "video"]),
    ``source_type`` (["album", "camera"]), ``max_duration`` (10 s, 3..60), ``size_type``, ``camera``."""
    return _device_call(phone, "choose_media", args, kwargs,
                        ("count", "media_type", "source_type", "max_duration", "size_type", "camera"),
                        _media_precheck)


API = {"get_location": get_location, "scan_code": scan_code, "choose_media": choose_media}
