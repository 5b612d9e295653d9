"""A WeChat Pay sandbox: the merchant side of a JSAPI (mini-program) payment, offline.

The merchant (your backend) talks to the sandbox through ``request.pay`` (a :class:`PayClient`):

* **APIv3** (current): ``create_jsapi_order(...)`` -> ``{"prepay_id"}``; ``sign_pay_params(prepay_id)``
  signs ``appId\\ntimeStamp\\nnonceStr\\npackage\\n`` with the merchant's RSA key (SHA256withRSA,
  a test key pair generated on this computer); the payment notification arrives at your
  ``notify_url`` as JSON whose ``resource`` is encrypted with AES-256-GCM under your APIv3 key and
  whose ``Wechatpay-Signature`` header is signed by the platform -- ``parse_notification(request)``
  checks and decrypts it. Answer 200/204, or it is sent again (15 s, 15 s, 30 s, 3 min, ...).
* **v2** (legacy, in many tutorials): ``unified_order(...)`` with the MD5 ``sign``;
  ``sign_pay_params_v2(prepay_id)`` gives the MD5 ``paySign``; the notification is XML.
* ``query_order``, ``close_order``, ``refund``.

Amounts are in **fen** (分): 18.00 yuan is ``1800``.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import itertools
import json
import re
from datetime import datetime, timedelta, timezone
from typing import Any
from urllib.parse import urlsplit

from ..errors import MiniProgramError
from ..wx.calling import record, run_student, wall_ms
from .backend import Request, backends_of

_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def _b62(data: bytes, length: int) -> str:
    n = int.from_bytes(data, "big")
    out = []
    while len(out) < length:
        n, r = divmod(n, 62)
        out.append(_ALPHABET[r])
    return "".join(out)


BEIJING = timezone(timedelta(hours=8))
PREPAY_TTL_MS = 2 * 60 * 60 * 1000  # a prepay_id can be used for 2 hours
ORDER_TTL_MS = 7 * 24 * 60 * 60 * 1000  # unpaid orders close after 7 days by default
# When a notification is not acknowledged, WeChat Pay sends it again after these many seconds.
RETRY_SCHEDULE_S = (15, 15, 30, 180, 600, 1200, 1800, 1800, 1800, 3600, 10800, 10800, 10800,
                    21600, 21600)
OUT_TRADE_NO = re.compile(r"^[0-9A-Za-z_\-*|]{6,32}$")  # UNVERIFIED: minimum length 6

_KEYS: dict[str, Any] = {}


def _rsa_key(name: str):
    """A 2048-bit RSA key generated on this computer (once per process, then reused)."""
    if name not in _KEYS:
        from cryptography.hazmat.primitives.asymmetric import rsa

        _KEYS[name] = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return _KEYS[name]


def _pem_private(key) -> str:
    from cryptography.hazmat.primitives import serialization

    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption()).decode()


def _pem_public(key) -> str:
    from cryptography.hazmat.primitives import serialization

    return key.public_key().public_bytes(serialization.Encoding.PEM,
                                         serialization.PublicFormat.SubjectPublicKeyInfo).decode()


def rsa_sign(private_key, message: str) -> str:
    """Base64(SHA256withRSA(message)) -- how WeChat Pay v3 signs."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding

    if isinstance(private_key, str):
        from cryptography.hazmat.primitives import serialization

        private_key = serialization.load_pem_private_key(private_key.encode(), password=None)
    sig = private_key.sign(message.encode("utf-8"), padding.PKCS1v15(), hashes.SHA256())
    return base64.b64encode(sig).decode()


def rsa_verify(public_key, message: str, signature: str) -> bool:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding

    if isinstance(public_key, str):
        from cryptography.hazmat.primitives import serialization

        public_key = serialization.load_pem_public_key(public_key.encode())
    try:
        public_key.verify(base64.b64decode(signature, validate=True), message.encode("utf-8"),
                          padding.PKCS1v15(), hashes.SHA256())
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


def v3_pay_message(app_id: str, time_stamp: str, nonce_str: str, package: str) -> str:
    """The text a v3 ``paySign`` signs: four lines, each ending with ``\\n``."""
    return f"{app_id}\n{time_stamp}\n{nonce_str}\n{package}\n"


def v2_sign(params: dict, key: str, sign_type: str = "MD5") -> str:
    """The v2 signature: keys in ASCII order, empty values and ``sign`` skipped,
    ``k1=v1&k2=v2&key=API_KEY``, MD5 (or HMAC-SHA256 with the key), upper case."""
    items = sorted((k, v) for k, v in params.items() if k != "sign" and v not in (None, ""))
    text = "&".join(f"{k}={v}" for k, v in items) + f"&key={key}"
    if sign_type == "HMAC-SHA256":
        return hmac.new(key.encode(), text.encode("utf-8"), hashlib.sha256).hexdigest().upper()
    return hashlib.md5(text.encode("utf-8")).hexdigest().upper()


def aes_gcm_encrypt(key: str, nonce: str, plaintext: str, associated_data: str) -> str:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    data = AESGCM(key.encode()).encrypt(nonce.encode(), plaintext.encode("utf-8"),
                                        associated_data.encode())
    return base64.b64encode(data).decode()


def aes_gcm_decrypt(key: str, nonce: str, ciphertext: str, associated_data: str) -> str:
    """Decrypt a notification ``resource`` with the 32-byte APIv3 key."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    data = AESGCM(key.encode()).decrypt(nonce.encode(), base64.b64decode(ciphertext),
                                        (associated_data or "").encode())
    return data.decode("utf-8")


def rfc3339(ms: int) -> str:
    return datetime.fromtimestamp(ms / 1000, BEIJING).isoformat(timespec="seconds")


def parse_rfc3339(text: str) -> int:
    dt = datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=BEIJING)
    return int(dt.timestamp() * 1000)


def xml_of(params: dict) -> str:
    inner = "".join(f"<{k}><![CDATA[{v}]]></{k}>" for k, v in params.items())
    return f"<xml>{inner}</xml>"


def parse_xml(text: str) -> dict:
    out = {}
    for m in re.finditer(r"<(\w+)>(?:<!\[CDATA\[(.*?)\]\]>|([^<]*))</\1>", text or "", re.S):
        if m.group(1) != "xml":
            out[m.group(1)] = m.group(2) if m.group(2) is not None else m.group(3)
    return out


class PayApiError(MiniProgramError):
    """The sandbox refused a merchant API call, as WeChat Pay answers HTTP 4xx.

    ``status`` (HTTP), ``code`` (e.g. "PARAM_ERROR", "ORDERPAID", "ORDER_NOT_EXIST") and
    ``detail`` (WeChat Pay's own message) are those of the real API.
    """

    def __init__(self, message_key: str, /, *, status: int, code: str, detail: str, **params: Any):
        super().__init__(message_key, code=code, detail=detail, **params)
        self.status = status
        self.code = code
        self.detail = detail


class PayNotifyError(MiniProgramError):
    """A payment notification did not check out (signature or decryption failed)."""


class MerchantAccount:
    """A merchant's credentials in the sandbox (what you download from the merchant platform)."""

    def __init__(self, mchid: str, name: str) -> None:
        self.mchid = mchid
        self.name = name
        self.private_key = _rsa_key("merchant")
        self.serial_no = hashlib.sha1(f"serial|{mchid}".encode()).hexdigest()[:40].upper()
        self.api_v3_key = hashlib.sha256(f"v3key|{mchid}".encode()).hexdigest()[:32]
        self.api_key_v2 = hashlib.sha256(f"v2key|{mchid}".encode()).hexdigest()[:32]

    @property
    def private_key_pem(self) -> str:
        return _pem_private(self.private_key)

    @property
    def public_key_pem(self) -> str:
        return _pem_public(self.private_key)


class Order:
    def __init__(self, **fields: Any) -> None:
        self.__dict__.update(fields)

    def as_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if not k.startswith("_")}


def _now(phone) -> int:
    return wall_ms(phone) if phone is not None else 0


class PaySandbox:
    """WeChat Pay for one program. Knob: ``duplicate_notifications = True`` sends every
    acknowledged notification once more (real WeChat Pay may), to test idempotent handling."""

    def __init__(self, platform) -> None:
        self.platform = platform
        self.merchants: dict[str, MerchantAccount] = {}
        self.orders: dict[tuple[str, str], Order] = {}
        self.by_prepay: dict[str, Order] = {}
        self.platform_key = _rsa_key("platform")
        self.platform_serial = hashlib.sha1(b"wechatpay-platform").hexdigest()[:40].upper()
        self.notifications: list[dict] = []  # every delivery attempt, plain data
        self.duplicate_notifications = False
        self._seq = itertools.count(1)

    @property
    def platform_public_key_pem(self) -> str:
        return _pem_public(self.platform_key)

    def merchant(self, mchid: str, name: str | None = None) -> MerchantAccount:
        if mchid not in self.merchants:
            self.merchants[mchid] = MerchantAccount(mchid, name or f"Merchant {mchid}")
        return self.merchants[mchid]

    def client(self, backend, phone) -> "PayClient":
        mchid = getattr(backend, "mchid", None) or "1900000109"
        name = getattr(backend, "merchant_name", None)
        return PayClient(self, self.merchant(mchid, name), phone)

    def _token(self, kind: str, length: int = 32) -> str:
        n = next(self._seq)
        return _b62(hashlib.sha256(f"{kind}|{self.platform.app_id}|{n}".encode()).digest(), length)

    # state of an order ---------------------------------------------------------------------
    def refresh(self, order: Order, now: int) -> None:
        if order.trade_state == "NOTPAY" and now > order.expires_at:
            order.trade_state = "CLOSED"

    def order_view(self, order: Order, now: int) -> dict:
        self.refresh(order, now)
        desc = {"SUCCESS": "支付成功", "NOTPAY": "未支付", "CLOSED": "已关闭", "REFUND": "转入退款",
                "PAYERROR": "支付失败"}[order.trade_state]
        view = {
            "appid": order.appid, "mchid": order.mchid, "out_trade_no": order.out_trade_no,
            "trade_type": "JSAPI", "trade_state": order.trade_state, "trade_state_desc": desc,
            "payer": {"openid": order.openid},
            "amount": {"total": order.total, "currency": order.currency},
        }
        if order.attach is not None:
            view["attach"] = order.attach
        if order.transaction_id:
            view.update({"transaction_id": order.transaction_id, "bank_type": "OTHERS",
                         "success_time": rfc3339(order.paid_at)})
            view["amount"].update({"payer_total": order.total, "payer_currency": order.currency})
        return view

    # the client (wx.request_payment) ---------------------------------------------------------
    def check_payment(self, *, app_id: str, openid: str, time_stamp: str, nonce_str: str,
                      package: str, sign_type: str, pay_sign: str, now: int) -> tuple[Order | None, str | None, str | None]:
        """What WeChat checks before showing the pay sheet: ``(order, fail_reason, warn_key)``."""
        # UNVERIFIED: the reasons below (except the signature one, widely reported) are
        # plausible wordings; the phone also gets a clear warning in the student's language.
        if not package.startswith("prepay_id="):
            return None, "package格式错误，应为 prepay_id=***", "wx.pay_bad_package"
        order = self.by_prepay.get(package[len("prepay_id="):])
        if order is None:
            return None, "prepay_id无效", "wx.pay_unknown_prepay"
        if order.appid != app_id:
            return order, "appid与下单时不一致", "wx.pay_wrong_app"
        self.refresh(order, now)
        if order.trade_state in ("SUCCESS", "REFUND"):
            return order, "该订单已支付", "wx.pay_already_paid"
        if order.trade_state == "CLOSED":
            return order, "订单已关闭", "wx.pay_order_closed"
        if now > order.prepay_expires_at:
            return order, "prepay_id已过期", "wx.pay_prepay_expired"
        if order.openid != openid:
            return order, "下单账号与支付账号不一致", "wx.pay_wrong_user"
        merchant = self.merchants[order.mchid]
        if order.api == "v3":
            good = sign_type == "RSA" and rsa_verify(
                merchant.private_key.public_key(),
                v3_pay_message(app_id, time_stamp, nonce_str, package), pay_sign)
        else:
            params = {"appId": app_id, "timeStamp": time_stamp, "nonceStr": nonce_str,
                      "package": package, "signType": sign_type}
            good = sign_type in ("MD5", "HMAC-SHA256") and hmac.compare_digest(
                v2_sign(params, merchant.api_key_v2, sign_type), str(pay_sign).upper())
        if not good:
            return order, "支付验证签名失败", "wx.pay_bad_sign"
        return order, None, None

    def mark_paid(self, order: Order, phone) -> None:
        now = _now(phone)
        order.trade_state = "SUCCESS"
        order.paid_at = now
        order.transaction_id = "4200" + str(int(hashlib.sha256(
            f"tx|{order.mchid}|{order.out_trade_no}".encode()).hexdigest(), 16))[:24]
        phone.clock.call_soon(self._notify, order, phone, 0)

    # notifications -------------------------------------------------------------------------
    def _build_notification(self, order: Order, now: int) -> tuple[dict, str]:
        merchant = self.merchants[order.mchid]
        if order.api == "v3":
            transaction = self.order_view(order, now)
            nonce = self._token("gcm", 12)
            resource = {
                "original_type": "transaction", "algorithm": "AEAD_AES_256_GCM",
                "ciphertext": aes_gcm_encrypt(merchant.api_v3_key, nonce,
                                              json.dumps(transaction, ensure_ascii=False), "transaction"),
                "associated_data": "transaction", "nonce": nonce,
            }
            body = json.dumps({
                "id": f"{order.transaction_id[-12:]}-{next(self._seq):04d}-5b8c-9d8e-notify",
                "create_time": rfc3339(now), "resource_type": "encrypt-resource",
                "event_type": "TRANSACTION.SUCCESS", "summary": "支付成功", "resource": resource,
            }, ensure_ascii=False)
            ts = str(now // 1000)
            hnonce = self._token("hdr")
            headers = {
                "Content-Type": "application/json",
                "Wechatpay-Timestamp": ts, "Wechatpay-Nonce": hnonce,
                "Wechatpay-Serial": self.platform_serial,
                "Wechatpay-Signature-Type": "WECHATPAY2-SHA256-RSA2048",
                "Wechatpay-Signature": rsa_sign(self.platform_key, f"{ts}\n{hnonce}\n{body}\n"),
            }
            return headers, body
        params = {
            "appid": order.appid, "bank_type": "OTHERS", "cash_fee": str(order.total),
            "fee_type": "CNY", "is_subscribe": "N", "mch_id": order.mchid,
            "nonce_str": self._token("n2"), "openid": order.openid,
            "out_trade_no": order.out_trade_no, "result_code": "SUCCESS", "return_code": "SUCCESS",
            "time_end": datetime.fromtimestamp(order.paid_at / 1000, BEIJING).strftime("%Y%m%d%H%M%S"),
            "total_fee": str(order.total), "trade_type": "JSAPI", "transaction_id": order.transaction_id,
        }
        if order.attach is not None:
            params["attach"] = order.attach
        params["sign"] = v2_sign(params, merchant.api_key_v2)
        return {"Content-Type": "text/xml"}, xml_of(params)

    def _notify(self, order: Order, phone, attempt: int, duplicate: bool = False) -> None:
        now = _now(phone)
        headers, body = self._build_notification(order, now)
        netloc = urlsplit(order.notify_url).netloc.lower()
        backend = next((b for b in backends_of(phone) if b.serves(netloc)), None)
        status, acked = None, False
        if backend is not None:
            request = Request(method="POST", url=order.notify_url, headers=headers, body=body,
                              backend=backend, platform=self.platform, phone=phone)
            status, _h, text, _d, _err = backend.handle(request, lambda fn, req: run_student(phone, fn, req, server=True))
            if order.api == "v3":
                acked = status in (200, 204)
            else:
                acked = status == 200 and parse_xml(text).get("return_code") == "SUCCESS"
        entry = {"out_trade_no": order.out_trade_no, "notify_url": order.notify_url,
                 "attempt": attempt + 1, "status": status, "acknowledged": acked,
                 "at": phone.clock.now, "duplicate": duplicate}
        self.notifications.append(entry)
        order.notify_attempts = attempt + 1
        record(phone, "pay_notify", **entry)
        if acked:
            order.notify_acked = True
            if self.duplicate_notifications and not duplicate:
                phone.clock.call_soon(self._notify, order, phone, attempt + 1, True)
            return
        if duplicate:
            return
        if attempt < len(RETRY_SCHEDULE_S):
            phone.clock.call_later(RETRY_SCHEDULE_S[attempt] * 1000, self._notify, order, phone, attempt + 1)


class PayClient:
    """Your merchant account, as your backend sees it (``request.pay``)."""

    def __init__(self, sandbox: PaySandbox, merchant: MerchantAccount, phone) -> None:
        self.sandbox = sandbox
        self.merchant = merchant
        self.phone = phone
        self.app_id = sandbox.platform.app_id
        self.mchid = merchant.mchid

    # keys students may look at --------------------------------------------------------------
    @property
    def api_v3_key(self) -> str:
        return self.merchant.api_v3_key

    @property
    def api_key_v2(self) -> str:
        return self.merchant.api_key_v2

    @property
    def private_key_pem(self) -> str:
        return self.merchant.private_key_pem

    @property
    def platform_public_key_pem(self) -> str:
        return self.sandbox.platform_public_key_pem

    def _now(self) -> int:
        return _now(self.phone)

    def _err(self, key: str, detail: str, code: str = "PARAM_ERROR", status: int = 400, **params):
        return PayApiError(key, status=status, code=code, detail=detail, **params)

    # v3 ------------------------------------------------------------------------------------
    def create_jsapi_order(self, body: dict | None = None, *, description: str | None = None,
                           out_trade_no: str | None = None, total: int | None = None,
                           openid: str | None = None, notify_url: str | None = None,
                           currency: str = "CNY", time_expire: str | None = None,
                           attach: str | None = None) -> dict:
        """POST /v3/pay/transactions/jsapi. Keyword arguments, or the real JSON body as a dict
        (``{"description", "out_trade_no", "notify_url", "amount": {"total"}, "payer": {"openid"}}``).
        Returns ``{"prepay_id": ...}``; raises :class:`PayApiError` like the real API's 4xx."""
        if body:
            description = body.get("description", description)
            out_trade_no = body.get("out_trade_no", out_trade_no)
            notify_url = body.get("notify_url", notify_url)
            amount = body.get("amount") or {}
            total = amount.get("total", total)
            currency = amount.get("currency", currency)
            openid = (body.get("payer") or {}).get("openid", openid)
            time_expire = body.get("time_expire", time_expire)
            attach = body.get("attach", attach)
            if body.get("appid") not in (None, self.app_id):
                raise self._err("servers.pay_wrong_appid", "appid和mch_id不匹配", code="PARAM_ERROR",
                                appid=body.get("appid"))
        order = self._new_order("v3", description=description, out_trade_no=out_trade_no,
                                 total=total, openid=openid, notify_url=notify_url,
                                 currency=currency, time_expire=time_expire, attach=attach)
        return {"prepay_id": order.prepay_id}

    def _new_order(self, api: str, *, description, out_trade_no, total, openid, notify_url,
                   currency, time_expire, attach) -> Order:
        now = self._now()
        if not isinstance(description, str) or not description:
            raise self._err("servers.pay_description", "description为必填参数")
        if len(description) > 127:
            raise self._err("servers.pay_description_long", "description字符数超过127", length=len(description))
        if not isinstance(out_trade_no, str) or not OUT_TRADE_NO.match(out_trade_no):
            raise self._err("servers.pay_out_trade_no", "out_trade_no格式错误", value=repr(out_trade_no))
        if isinstance(total, bool) or not isinstance(total, int):
            raise self._err("servers.pay_total_not_fen", "amount.total应为整数(单位:分)", value=repr(total))
        if total <= 0:
            raise self._err("servers.pay_total_positive", "amount.total应大于0", value=total)
        if currency != "CNY":
            raise self._err("servers.pay_currency", "currency仅支持CNY", value=repr(currency))
        parts = urlsplit(str(notify_url or ""))
        if parts.scheme != "https" or not parts.netloc or parts.query or len(str(notify_url)) > 255:
            raise self._err("servers.pay_notify_url", "notify_url格式错误", value=repr(notify_url))
        login = self.sandbox.platform.login
        if not isinstance(openid, str) or login.user_of(openid) is None:
            raise self._err("servers.pay_openid", "appid和openid不匹配", value=repr(openid))
        if attach is not None and len(str(attach)) > 128:
            raise self._err("servers.pay_attach_long", "attach字符数超过128")
        expires = now + ORDER_TTL_MS
        if time_expire is not None:
            try:
                expires = parse_rfc3339(time_expire)
            except ValueError:
                raise self._err("servers.pay_time_expire", "time_expire格式错误", value=repr(time_expire)) from None
        key = (self.mchid, out_trade_no)
        old = self.sandbox.orders.get(key)
        if old is not None:
            self.sandbox.refresh(old, now)
            if old.trade_state in ("SUCCESS", "REFUND"):
                raise self._err("servers.pay_order_paid", "该订单已支付", code="ORDERPAID")
            if old.trade_state == "CLOSED":
                raise self._err("servers.pay_order_closed", "订单已关闭", code="ORDER_CLOSED")
            same = (old.description, old.total, old.openid, old.api) == (description, total, openid, api)
            if not same:
                raise self._err("servers.pay_out_trade_no_used", "201 商户订单号重复",
                                code="INVALID_REQUEST", value=out_trade_no)
            if now > old.prepay_expires_at:  # a fresh prepay_id for the same order
                old.prepay_id = self._prepay_id(now)
                old.prepay_expires_at = now + PREPAY_TTL_MS
                self.sandbox.by_prepay[old.prepay_id] = old
            return old
        order = Order(
            api=api, appid=self.app_id, mchid=self.mchid, out_trade_no=out_trade_no,
            description=description, total=total, currency=currency, openid=openid,
            notify_url=notify_url, attach=attach, created_at=now, expires_at=expires,
            prepay_id=self._prepay_id(now), prepay_expires_at=now + PREPAY_TTL_MS,
            trade_state="NOTPAY", transaction_id=None, paid_at=None, refunds=[],
            notify_attempts=0, notify_acked=False,
        )
        self.sandbox.orders[key] = order
        self.sandbox.by_prepay[order.prepay_id] = order
        return order

    def _prepay_id(self, now: int) -> str:
        stamp = datetime.fromtimestamp(now / 1000, BEIJING).strftime("%d%H%M%S")
        return "wx" + stamp + hashlib.sha256(self.sandbox._token("prepay").encode()).hexdigest()[:26]

    def sign_pay_params(self, prepay_id: str) -> dict:
        """The parameters for ``wx.request_payment`` (v3, RSA):
        ``{time_stamp, nonce_str, package, sign_type: "RSA", pay_sign}``."""
        time_stamp = str(self._now() // 1000)
        nonce_str = self.sandbox._token("nonce")
        package = f"prepay_id={prepay_id}"
        pay_sign = rsa_sign(self.merchant.private_key,
                            v3_pay_message(self.app_id, time_stamp, nonce_str, package))
        return {"time_stamp": time_stamp, "nonce_str": nonce_str, "package": package,
                "sign_type": "RSA", "pay_sign": pay_sign}

    def parse_notification(self, request) -> dict:
        """Check the ``Wechatpay-Signature`` of a v3 notification and decrypt its resource.
        Returns the transaction (``out_trade_no``, ``trade_state``, ``amount``, ``payer``...)."""
        h = request.headers
        message = f"{h.get('wechatpay-timestamp', '')}\n{h.get('wechatpay-nonce', '')}\n{request.body}\n"
        if not rsa_verify(self.sandbox.platform_key.public_key(), message, h.get("wechatpay-signature", "")):
            raise PayNotifyError("servers.pay_notify_bad_signature")
        try:
            resource = json.loads(request.body)["resource"]
            return json.loads(aes_gcm_decrypt(self.merchant.api_v3_key, resource["nonce"],
                                              resource["ciphertext"], resource.get("associated_data", "")))
        except Exception:  # noqa: BLE001 - any failure here means the same thing
            raise PayNotifyError("servers.pay_notify_cannot_decrypt") from None

    # v2 ------------------------------------------------------------------------------------
    def unified_order(self, *, body: str, out_trade_no: str, total_fee: int, openid: str,
                      notify_url: str, spbill_create_ip: str = "127.0.0.1",
                      trade_type: str = "JSAPI", sign_type: str = "MD5",
                      attach: str | None = None) -> dict:
        """Legacy v2 "统一下单" (POST /pay/unifiedorder). The request is signed with your v2
        API key; the answer (parsed from XML) has ``return_code``, ``result_code``, ``prepay_id``."""
        if trade_type != "JSAPI":
            raise self._err("servers.pay_trade_type", "trade_type应为JSAPI", value=repr(trade_type))
        order = self._new_order("v2", description=body, out_trade_no=out_trade_no, total=total_fee,
                                openid=openid, notify_url=notify_url, currency="CNY",
                                time_expire=None, attach=attach)
        answer = {"return_code": "SUCCESS", "return_msg": "OK", "appid": self.app_id,
                  "mch_id": self.mchid, "nonce_str": self.sandbox._token("n2"),
                  "result_code": "SUCCESS", "prepay_id": order.prepay_id, "trade_type": "JSAPI"}
        answer["sign"] = v2_sign(answer, self.merchant.api_key_v2, sign_type)
        return answer

    def sign_pay_params_v2(self, prepay_id: str, sign_type: str = "MD5") -> dict:
        """``{time_stamp, nonce_str, package, sign_type, pay_sign}`` signed the v2 way
        (MD5 or HMAC-SHA256 with your v2 API key)."""
        time_stamp = str(self._now() // 1000)
        nonce_str = self.sandbox._token("nonce")
        package = f"prepay_id={prepay_id}"
        params = {"appId": self.app_id, "timeStamp": time_stamp, "nonceStr": nonce_str,
                  "package": package, "signType": sign_type}
        return {"time_stamp": time_stamp, "nonce_str": nonce_str, "package": package,
                "sign_type": sign_type, "pay_sign": v2_sign(params, self.merchant.api_key_v2, sign_type)}

    def parse_notification_v2(self, request) -> dict:
        """Check the ``sign`` of a v2 XML notification; returns its fields as a dict."""
        params = parse_xml(request.body)
        if not params or v2_sign(params, self.merchant.api_key_v2) != params.get("sign"):
            raise PayNotifyError("servers.pay_notify_bad_signature")
        return params

    @staticmethod
    def v2_ack() -> str:
        """The XML a v2 notification handler must answer."""
        return xml_of({"return_code": "SUCCESS", "return_msg": "OK"})

    # both ----------------------------------------------------------------------------------
    def _order(self, out_trade_no: str) -> Order:
        order = self.sandbox.orders.get((self.mchid, out_trade_no))
        if order is None:
            raise self._err("servers.pay_no_order", "订单不存在", code="ORDER_NOT_EXIST", status=404,
                            value=repr(out_trade_no))
        return order

    def query_order(self, out_trade_no: str) -> dict:
        """GET /v3/pay/transactions/out-trade-no/{out_trade_no}: the order's ``trade_state`` etc."""
        return self.sandbox.order_view(self._order(out_trade_no), self._now())

    def close_order(self, out_trade_no: str) -> None:
        order = self._order(out_trade_no)
        self.sandbox.refresh(order, self._now())
        if order.trade_state in ("SUCCESS", "REFUND"):
            raise self._err("servers.pay_order_paid", "该订单已支付", code="ORDERPAID")
        order.trade_state = "CLOSED"

    def refund(self, *, out_trade_no: str, out_refund_no: str, refund: int,
               total: int | None = None, reason: str | None = None) -> dict:
        """POST /v3/refund/domestic/refunds: give back ``refund`` fen of a paid order."""
        order = self._order(out_trade_no)
        for r in order.refunds:
            if r["out_refund_no"] == out_refund_no:
                return dict(r)
        if order.trade_state not in ("SUCCESS", "REFUND"):
            raise self._err("servers.pay_refund_unpaid", "订单未支付", code="INVALID_REQUEST")
        if isinstance(refund, bool) or not isinstance(refund, int) or refund <= 0:
            raise self._err("servers.pay_total_not_fen", "amount.refund应为正整数(单位:分)", value=repr(refund))
        if total is not None and total != order.total:
            raise self._err("servers.pay_refund_total", "amount.total与订单金额不一致", value=total, total=order.total)
        refunded = sum(r["amount"]["refund"] for r in order.refunds)
        if refunded + refund > order.total:
            # UNVERIFIED wording
            raise self._err("servers.pay_refund_too_much", "申请退款金额超过订单可退金额", code="NOT_ENOUGH",
                            value=refund, left=order.total - refunded)
        now = self._now()
        entry = {
            "refund_id": "5030" + str(int(hashlib.sha256(f"rf|{out_refund_no}".encode()).hexdigest(), 16))[:25],
            "out_refund_no": out_refund_no, "out_trade_no": out_trade_no,
            "transaction_id": order.transaction_id, "channel": "ORIGINAL",
            "status": "SUCCESS",  # UNVERIFIED: the real API answers PROCESSING first
            "create_time": rfc3339(now), "success_time": rfc3339(now), "reason": reason,
            "amount": {"refund": refund, "total": order.total, "currency": "CNY",
                       "payer_refund": refund, "payer_total": order.total},
        }
        order.refunds.append(entry)
        order.trade_state = "REFUND"
        return dict(entry)
