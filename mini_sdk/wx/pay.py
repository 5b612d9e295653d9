"""``wx.request_payment`` (spec 5.7): the client side of a WeChat Pay JSAPI payment.

The phone checks every parameter and the signature against the sandbox order, then shows a
**pay sheet** that the user confirms or cancels:

* in a test: ``phone.services.pay.confirm()`` / ``.cancel()`` / ``.fail("余额不足")``, or queue
  the answer first with ``phone.services.pay.queue_answer("confirm")``;
* in the preview: the pay sheet's buttons.

Success is ``"requestPayment:ok"``; cancel is ``"requestPayment:fail cancel"``; a forged or
expired order fails with a real-looking reason, and the phone explains it in a warning.
Remember: success on the phone is not proof of payment -- the backend trusts the notification.
"""
from __future__ import annotations

from typing import Any

from ..errors import MiniProgramError
from ..servers.wechat import app_id_of, platform_for
from .calling import AsyncCall, check_options, options_from, plain, record, wall_ms, warn
from .storage import js_type

PAY_OPTIONS = ("time_stamp", "nonce_str", "package", "sign_type", "pay_sign")


class PayService:
    """The pay sheet and the payments log of one phone."""

    def __init__(self, phone) -> None:
        self.phone = phone
        self._sheet: tuple[dict, AsyncCall, Any, dict] | None = None
        self._answers: list[str] = []
        self._log: list[dict] = []

    def reset(self) -> None:
        if self._sheet is not None:
            self._sheet[3]["status"] = "dropped"
        self._sheet = None

    # plain-data views --------------------------------------------------------------------------
    def log(self) -> list[dict]:
        """Every ``wx.request_payment`` so far (oldest first): ``status`` is "waiting", "paid",
        "cancelled", "failed" or "refused" (the phone refused the parameters)."""
        return [dict(e) for e in self._log]

    def current_sheet(self) -> dict | None:
        """The pay sheet on screen: ``{merchant, description, total, amount_text, out_trade_no}``."""
        return dict(self._sheet[0]) if self._sheet else None

    # answering -----------------------------------------------------------------------------
    def queue_answer(self, action: str = "confirm") -> None:
        """Answer the next pay sheet automatically: "confirm", "cancel" or "fail:<message>"."""
        if action not in ("confirm", "cancel") and not str(action).startswith("fail:"):
            raise MiniProgramError("wx.pay_bad_answer", action=action)
        self._answers.append(action)
        if self._sheet is not None:
            self.phone.clock.call_soon(self._answer_from_queue)

    def _answer_from_queue(self) -> None:
        if self._sheet is not None and self._answers:
            action = self._answers.pop(0)
            if action == "confirm":
                self.confirm()
            elif action == "cancel":
                self.cancel()
            else:
                self.fail(action[5:])

    def _take(self) -> tuple[dict, AsyncCall, Any, dict]:
        if self._sheet is None:
            raise MiniProgramError("wx.no_pay_sheet")
        sheet, self._sheet = self._sheet, None
        return sheet

    def answer_sheet(self, confirm: bool = True) -> None:
        """The user pays (``confirm=True``) or closes the pay sheet."""
        if confirm:
            self.confirm()
        else:
            self.cancel()

    def confirm(self) -> None:
        """The user pays (enters the password)."""
        _sheet, call, order, entry = self._take()
        platform_for(self.phone).pay.mark_paid(order, self.phone)
        entry.update(status="paid", err_msg="requestPayment:ok", transaction_id=order.transaction_id,
                     done_at=self.phone.clock.now)
        record(self.phone, "payment", **entry)
        call.ok()

    def cancel(self) -> None:
        """The user closes the pay sheet."""
        _sheet, call, _order, entry = self._take()
        entry.update(status="cancelled", err_msg="requestPayment:fail cancel", done_at=self.phone.clock.now)
        record(self.phone, "payment", **entry)
        call.failed("cancel")

    def fail(self, message: str = "系统错误") -> None:
        """The payment fails on WeChat's side (e.g. "余额不足", not enough money)."""
        _sheet, call, _order, entry = self._take()
        entry.update(status="failed", err_msg=f"requestPayment:fail {message}", done_at=self.phone.clock.now)
        record(self.phone, "payment", **entry)
        call.failed(str(message))


def _svc(phone) -> PayService:
    return phone.services.pay


def request_payment(phone, *args, **kwargs):
    """Pay: ``wx.request_payment(time_stamp=..., nonce_str=..., package="prepay_id=...",
    sign_type="RSA", pay_sign=..., success=..., fail=..., complete=...)``.

    The usual way: your backend returns ``request.pay.sign_pay_params(prepay_id)`` and you pass
    it on: ``wx.request_payment({**res.data["payment"], "success": paid})``.
    """
    options = options_from("request_payment", args, kwargs)
    check_options(phone, "request_payment", options, PAY_OPTIONS + ("total_fee",))
    svc = _svc(phone)
    call = AsyncCall(phone, "request_payment", options,
                     waiting=lambda: "pay sheet" if svc._sheet is not None else None)
    o = call.options
    entry: dict[str, Any] = {
        "package": o.get("package"), "sign_type": o.get("sign_type", "MD5"), "status": "refused",
        "err_msg": None, "out_trade_no": None, "description": None, "total": None,
        "at": phone.clock.now, "done_at": None,
    }
    svc._log.append(entry)

    def refuse(reason: str, warn_key: str | None = None, **params: Any) -> None:
        if warn_key:
            warn(phone, warn_key, **params)
        entry.update(status="refused", err_msg=f"requestPayment:fail {reason}", done_at=phone.clock.now)
        record(phone, "payment", **plain(entry))
        call.failed(reason)

    for name, camel_name in (("time_stamp", "timeStamp"), ("nonce_str", "nonceStr"),
                             ("package", "package"), ("pay_sign", "paySign")):
        value = o.get(name)
        if not isinstance(value, str):
            # UNVERIFIED wording (the framework's usual parameter check)
            refuse(f"parameter error: parameter.{camel_name} should be String instead of {js_type(value)};",
                   "wx.pay_param_type", name=name, type=js_type(value))
            return call.returned()
    sign_type = o.get("sign_type", "MD5")
    if sign_type not in ("MD5", "HMAC-SHA256", "RSA"):
        refuse("parameter error: parameter.signType should be MD5, HMAC-SHA256 or RSA",
               "wx.pay_sign_type", value=sign_type)
        return call.returned()
    if len(o["nonce_str"]) > 32:
        refuse("parameter error: nonceStr should not be longer than 32", "wx.pay_nonce_long")
        return call.returned()

    def check() -> None:
        if svc._sheet is not None:
            refuse("另一个支付正在进行", "wx.pay_sheet_busy")  # UNVERIFIED wording
            return
        platform = platform_for(phone)
        sandbox = platform.pay
        order, reason, warn_key = sandbox.check_payment(
            app_id=app_id_of(phone), openid=platform.login.openid(_user(phone)),
            time_stamp=o["time_stamp"], nonce_str=o["nonce_str"], package=o["package"],
            sign_type=sign_type, pay_sign=o["pay_sign"], now=wall_ms(phone))
        if order is not None:
            entry.update(out_trade_no=order.out_trade_no, description=order.description, total=order.total)
        if reason is not None:
            refuse(reason, warn_key, sign_type=sign_type, api=getattr(order, "api", "?"))
            return
        merchant = sandbox.merchants[order.mchid]
        sheet = {"merchant": merchant.name, "description": order.description, "total": order.total,
                 "amount_text": f"¥{order.total // 100}.{order.total % 100:02d}",
                 "out_trade_no": order.out_trade_no}
        entry["status"] = "waiting"
        svc._sheet = (sheet, call, order, entry)
        record(phone, "pay_sheet", **sheet)
        if svc._answers:
            phone.clock.call_soon(svc._answer_from_queue)

    phone.clock.call_soon(check)
    return call.returned()


def _user(phone) -> str:
    return str(getattr(phone, "user_id", None) or "student")


API = {"request_payment": request_payment}
