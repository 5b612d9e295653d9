"""WeChat Pay sandbox (spec 5.7): merchant side (v3 RSA, AES-GCM notify, v2 MD5, query,
refund) and wx.request_payment (verification, pay sheet, real failure messages)."""
import json

import pytest

from mini_sdk.servers import Backend, PayApiError, PayNotifyError, platform_for, v2_sign
from mini_sdk.servers.pay import RETRY_SCHEDULE_S, rsa_verify, v3_pay_message
from mini_sdk.wx import WxCallFailed, wx

API = "https://api.tea.example"


@pytest.fixture
def shop():
    b = Backend(API, merchant_name="Bubble Tea Shop", mchid="1230000109")
    b.paid = {}
    b.notify_calls = []
    b.fail_next_notifies = 0

    @b.post("/login")
    def login(request):
        session = request.code2session(request.json["code"])
        return {"token": request.start_session(session["openid"])}

    @b.post("/checkout")
    def checkout(request):
        body = request.json
        order = request.pay.create_jsapi_order(
            description=body.get("description", "黑糖珍珠奶茶 x1"), out_trade_no=body["no"],
            total=body.get("total", 1800), openid=body.get("openid", request.openid),
            notify_url=API + "/pay/notify")
        return {"payment": request.pay.sign_pay_params(order["prepay_id"]), **order}

    @b.post("/checkout_v2")
    def checkout_v2(request):
        answer = request.pay.unified_order(body="Mango x1", out_trade_no=request.json["no"],
                                           total_fee=1500, openid=request.openid,
                                           notify_url=API + "/pay/notify_v2")
        return {"payment": request.pay.sign_pay_params_v2(answer["prepay_id"]), **answer}

    @b.post("/pay/notify")
    def notify(request):
        transaction = request.pay.parse_notification(request)
        b.notify_calls.append(transaction["out_trade_no"])
        if b.fail_next_notifies:
            b.fail_next_notifies -= 1
            return 500, {"code": "FAIL", "message": "busy"}
        b.paid.setdefault(transaction["out_trade_no"], transaction)  # idempotent
        return 204, None

    @b.post("/pay/notify_v2")
    def notify_v2(request):
        fields = request.pay.parse_notification_v2(request)
        b.paid.setdefault(fields["out_trade_no"], fields)
        return request.pay.v2_ack()

    @b.get("/orders/<no>")
    def query(request):
        return request.pay.query_order(request.params["no"])

    @b.post("/refund")
    def refund(request):
        try:
            return request.pay.refund(**request.json)
        except PayApiError as err:
            return err.status, {"code": err.code, "message": err.detail}

    return b


def login(phone):
    code = wx.login().result().code
    token = wx.request(url=API + "/login", method="POST", data={"code": code}).result().data["token"]
    return {"Authorization": token}


def checkout(header, **body):
    return wx.request(url=API + "/checkout", method="POST", data=body, header=header).result()


def test_full_v3_payment_with_notification(make_phone, shop):
    phone = make_phone(backend=shop)
    header = login(phone)
    res = checkout(header, no="BT20240901001")
    pay = res.data["payment"]
    assert pay["sign_type"] == "RSA" and pay["package"] == "prepay_id=" + res.data["prepay_id"]
    assert len(pay["time_stamp"]) == 10 and len(pay["nonce_str"]) == 32
    got = []
    wx.request_payment({**pay, "success": got.append, "fail": got.append})
    phone.settle()
    sheet = phone.services.pay_sheet
    assert sheet == {"merchant": "Bubble Tea Shop", "description": "黑糖珍珠奶茶 x1", "total": 1800,
                     "amount_text": "¥18.00", "out_trade_no": "BT20240901001"}
    phone.services.pay.confirm()
    phone.settle()
    assert got[0].err_msg == "requestPayment:ok"
    assert phone.services.pay_sheet is None
    tx = shop.paid["BT20240901001"]
    assert tx["trade_state"] == "SUCCESS" and tx["amount"]["total"] == 1800
    assert tx["payer"]["openid"] == platform_for(phone).login.openid("student")
    assert tx["transaction_id"].startswith("4200")
    payment = phone.services.payments[-1]
    assert payment["status"] == "paid" and payment["err_msg"] == "requestPayment:ok"
    query = wx.request(url=API + "/orders/BT20240901001").result().data
    assert query["trade_state"] == "SUCCESS"


def test_notification_is_encrypted_and_signed_like_the_real_one(make_phone, shop):
    phone = make_phone(backend=shop)
    captured = []
    original = shop.routes[[r.pattern for r in shop.routes].index("/pay/notify")].fn

    def spy(request):
        captured.append(request)
        return original(request)

    shop.routes[[r.pattern for r in shop.routes].index("/pay/notify")].fn = spy
    header = login(phone)
    pay = checkout(header, no="BT0000000002").data["payment"]
    phone.services.pay.queue_answer("confirm")
    wx.request_payment(**pay).result()
    phone.settle()
    request = captured[0]
    body = json.loads(request.body)
    assert body["event_type"] == "TRANSACTION.SUCCESS" and body["resource_type"] == "encrypt-resource"
    resource = body["resource"]
    assert resource["algorithm"] == "AEAD_AES_256_GCM" and len(resource["nonce"]) == 12
    assert "BT0000000002" not in request.body  # encrypted
    sandbox = platform_for(phone).pay
    message = (f"{request.headers['Wechatpay-Timestamp']}\n{request.headers['Wechatpay-Nonce']}\n"
               f"{request.body}\n")
    assert rsa_verify(sandbox.platform_key.public_key(), message, request.headers["Wechatpay-Signature"])
    # a forged notification is refused by parse_notification
    request.headers["Wechatpay-Signature"] = request.headers["Wechatpay-Signature"][::-1]
    with pytest.raises(PayNotifyError):
        sandbox.client(shop, phone).parse_notification(request)


def test_notification_retried_until_acknowledged_and_handled_once(make_phone, shop):
    phone = make_phone(backend=shop)
    header = login(phone)
    shop.fail_next_notifies = 2
    pay = checkout(header, no="BT0000000003").data["payment"]
    phone.services.pay.queue_answer("confirm")
    wx.request_payment(**pay).result()
    phone.settle()
    assert shop.notify_calls == ["BT0000000003"] and shop.paid == {}
    phone.advance(RETRY_SCHEDULE_S[0] * 1000)
    assert len(shop.notify_calls) == 2
    phone.advance(RETRY_SCHEDULE_S[1] * 1000)
    assert len(shop.notify_calls) == 3 and "BT0000000003" in shop.paid
    phone.advance(24 * 3600 * 1000)
    assert len(shop.notify_calls) == 3  # acknowledged: no more
    attempts = platform_for(phone).pay.notifications
    assert [a["status"] for a in attempts] == [500, 500, 204]
    # WeChat Pay may send the same notification again: the shop must not count it twice
    platform_for(phone).pay.duplicate_notifications = True
    pay = checkout(header, no="BT0000000004").data["payment"]
    phone.services.pay.queue_answer("confirm")
    wx.request_payment(**pay).result()
    phone.settle()
    assert shop.notify_calls.count("BT0000000004") == 2
    assert list(shop.paid) == ["BT0000000003", "BT0000000004"]


def test_cancel(make_phone, shop):
    phone = make_phone(backend=shop)
    pay = checkout(login(phone), no="BT0000000005").data["payment"]
    got = []
    wx.request_payment(**pay, fail=got.append)
    phone.settle()
    phone.services.pay.cancel()
    phone.settle()
    assert got[0].err_msg == "requestPayment:fail cancel"
    assert phone.services.payments[-1]["status"] == "cancelled"
    assert shop.paid == {}
    # the same order can still be paid later
    phone.services.pay.queue_answer("confirm")
    assert wx.request_payment(**pay).result().err_msg == "requestPayment:ok"


def test_failure_on_wechats_side(make_phone, shop):
    phone = make_phone(backend=shop)
    pay = checkout(login(phone), no="BT0000000006").data["payment"]
    phone.services.pay.queue_answer("fail:余额不足")
    with pytest.raises(WxCallFailed) as info:
        wx.request_payment(**pay).result()
    assert info.value.err_msg == "requestPayment:fail 余额不足"


@pytest.mark.parametrize("change, reason, warning", [
    ({"pay_sign": "Zm9yZ2Vk"}, "支付验证签名失败", "wx.pay_bad_sign"),
    ({"nonce_str": "changed-after-signing"}, "支付验证签名失败", "wx.pay_bad_sign"),
    ({"sign_type": "MD5"}, "支付验证签名失败", "wx.pay_bad_sign"),
    ({"package": "prepay_id=wx_made_up"}, "prepay_id无效", "wx.pay_unknown_prepay"),
    ({"package": "1800"}, "package格式错误，应为 prepay_id=***", "wx.pay_bad_package"),
])
def test_forged_parameters_fail(make_phone, shop, change, reason, warning):
    phone = make_phone(backend=shop)
    pay = checkout(login(phone), no="BT0000000007").data["payment"]
    with pytest.raises(WxCallFailed) as info:
        wx.request_payment({**pay, **change}).result()
    assert info.value.err_msg == "requestPayment:fail " + reason
    assert phone.warned(warning)
    assert phone.services.pay_sheet is None
    assert phone.services.payments[-1]["status"] == "refused"


def test_parameter_types(make_phone, shop):
    phone = make_phone(backend=shop)
    pay = checkout(login(phone), no="BT0000000008").data["payment"]
    with pytest.raises(WxCallFailed) as info:
        wx.request_payment({**pay, "time_stamp": int(pay["time_stamp"])}).result()
    assert info.value.err_msg == ("requestPayment:fail parameter error: parameter.timeStamp should be "
                                  "String instead of Number;")
    del pay["pay_sign"]
    with pytest.raises(WxCallFailed) as info:
        wx.request_payment(pay).result()
    assert "parameter.paySign should be String instead of Undefined" in info.value.err_msg


def test_expired_paid_and_other_users_orders(make_phone, shop):
    phone = make_phone(backend=shop)
    header = login(phone)
    pay = checkout(header, no="BT0000000009").data["payment"]
    phone.advance(2 * 3600 * 1000 + 1)
    with pytest.raises(WxCallFailed) as info:
        wx.request_payment(**pay).result()
    assert info.value.err_msg == "requestPayment:fail prepay_id已过期"
    # asking again for the same order gives a fresh prepay_id
    pay = checkout(header, no="BT0000000009").data["payment"]
    phone.services.pay.queue_answer("confirm")
    wx.request_payment(**pay).result()
    with pytest.raises(WxCallFailed) as info:
        wx.request_payment(**pay).result()
    assert info.value.err_msg == "requestPayment:fail 该订单已支付"
    # an order made for another user can't be paid by this one
    other = platform_for(phone).login.openid("someone-else")
    pay = checkout(header, no="BT0000000010", openid=other).data["payment"]
    with pytest.raises(WxCallFailed) as info:
        wx.request_payment(**pay).result()
    assert info.value.err_msg == "requestPayment:fail 下单账号与支付账号不一致"


def test_v3_pay_sign_is_sha256_with_rsa_over_four_lines(make_phone, shop):
    phone = make_phone(backend=shop)
    res = checkout(login(phone), no="BT0000000011").data
    pay = res["payment"]
    merchant = platform_for(phone).pay.merchants["1230000109"]
    message = v3_pay_message("wxbubbletea000001", pay["time_stamp"], pay["nonce_str"], pay["package"])
    assert message.count("\n") == 4 and message.endswith("\n")
    assert rsa_verify(merchant.public_key_pem, message, pay["pay_sign"])
    assert "BEGIN PRIVATE KEY" in merchant.private_key_pem


def test_v2_md5_flow(make_phone, shop):
    phone = make_phone(backend=shop)
    res = wx.request(url=API + "/checkout_v2", method="POST", data={"no": "MG0000000001"},
                     header=login(phone)).result().data
    assert res["return_code"] == "SUCCESS" and res["result_code"] == "SUCCESS"
    pay = res["payment"]
    assert pay["sign_type"] == "MD5" and pay["pay_sign"].isupper() and len(pay["pay_sign"]) == 32
    phone.services.pay.queue_answer("confirm")
    assert wx.request_payment(**pay).result().err_msg == "requestPayment:ok"
    phone.settle()
    assert shop.paid["MG0000000001"]["total_fee"] == "1500"
    # an RSA sign type on a v2 order is refused
    res = wx.request(url=API + "/checkout_v2", method="POST", data={"no": "MG0000000002"},
                     header=login(phone)).result().data
    with pytest.raises(WxCallFailed):
        wx.request_payment({**res["payment"], "sign_type": "RSA"}).result()


def test_v2_sign_matches_the_official_example():
    params = {"appId": "wxd678efh567hg6787", "nonceStr": "5K8264ILTKCH16CQ2502SI8ZNMTM67VS",
              "package": "prepay_id=wx2017033010242291fcfe0db70013231072", "signType": "MD5",
              "timeStamp": "1490840662"}
    assert v2_sign(params, "qazwsxedcrfvtgbyhnujmikolp111111") == "22D9B4E54AB1950F51E0649E8810ACD6"
    assert v2_sign({"a": "1", "b": "", "sign": "x"}, "k") == v2_sign({"a": "1"}, "k")


@pytest.mark.parametrize("body, key", [
    ({"total": 18.0}, "servers.pay_total_not_fen"),
    ({"total": 0}, "servers.pay_total_positive"),
    ({"no": "BT#1"}, "servers.pay_out_trade_no"),
    ({"no": "X" * 33}, "servers.pay_out_trade_no"),
    ({"description": ""}, "servers.pay_description"),
    ({"openid": "o-not-a-user"}, "servers.pay_openid"),
])
def test_order_rules(make_phone, shop, body, key):
    phone = make_phone(backend=shop)
    header = login(phone)
    client = platform_for(phone).pay.client(shop, phone)
    openid = platform_for(phone).login.openid("student")
    args = {"description": "Boba", "out_trade_no": "BT0000000099", "total": 1800, "openid": openid,
            "notify_url": API + "/pay/notify"}
    args.update({{"no": "out_trade_no"}.get(k, k): v for k, v in body.items()})
    with pytest.raises(PayApiError) as info:
        client.create_jsapi_order(**args)
    assert info.value.message_key == key and info.value.status == 400
    # through the backend, the uncaught error becomes a 500 and is reported
    res = checkout(header, no=args["out_trade_no"], total=args["total"],
                   description=args["description"], openid=args["openid"])
    assert res.status_code == 500
    assert phone.errors[-1]["type"] == "PayApiError"


def test_notify_url_and_duplicate_out_trade_no(make_phone, shop):
    phone = make_phone(backend=shop)
    client = platform_for(phone).pay.client(shop, phone)
    openid = platform_for(phone).login.openid("student")
    base = {"description": "Boba", "out_trade_no": "BT0000000100", "total": 1800, "openid": openid}
    for url in ("http://api.tea.example/pay/notify", API + "/pay/notify?order=1"):
        with pytest.raises(PayApiError) as info:
            client.create_jsapi_order(**base, notify_url=url)
        assert info.value.message_key == "servers.pay_notify_url"
    first = client.create_jsapi_order(**base, notify_url=API + "/pay/notify")
    assert client.create_jsapi_order(**base, notify_url=API + "/pay/notify") == first
    with pytest.raises(PayApiError) as info:
        client.create_jsapi_order(**{**base, "total": 1900}, notify_url=API + "/pay/notify")
    assert info.value.code == "INVALID_REQUEST"
    # the real JSON body works too
    order = client.create_jsapi_order({"appid": "wxbubbletea000001", "mchid": "1230000109",
                                       "description": "Boba", "out_trade_no": "BT0000000101",
                                       "notify_url": API + "/pay/notify",
                                       "amount": {"total": 1, "currency": "CNY"},
                                       "payer": {"openid": openid}})
    assert order["prepay_id"].startswith("wx")


def test_query_close_and_refund(make_phone, shop):
    phone = make_phone(backend=shop)
    header = login(phone)
    client = platform_for(phone).pay.client(shop, phone)
    pay = checkout(header, no="BT0000000200").data["payment"]
    assert client.query_order("BT0000000200")["trade_state"] == "NOTPAY"
    with pytest.raises(PayApiError) as info:
        client.query_order("NOPE000000")
    assert info.value.code == "ORDER_NOT_EXIST" and info.value.status == 404
    refund = {"out_trade_no": "BT0000000200", "out_refund_no": "R1", "refund": 800}
    res = wx.request(url=API + "/refund", method="POST", data=refund).result()
    assert res.status_code == 400  # not paid yet
    phone.services.pay.queue_answer("confirm")
    wx.request_payment(**pay).result()
    res = wx.request(url=API + "/refund", method="POST", data=refund).result()
    assert res.data["status"] == "SUCCESS" and res.data["amount"]["refund"] == 800
    res = wx.request(url=API + "/refund", method="POST",
                     data={**refund, "out_refund_no": "R2", "refund": 1001}).result()
    assert res.status_code == 400 and res.data["code"] == "NOT_ENOUGH"
    res = wx.request(url=API + "/refund", method="POST", data={**refund, "refund": 1}).result()
    assert res.data["amount"]["refund"] == 800  # same out_refund_no: same refund
    assert client.query_order("BT0000000200")["trade_state"] == "REFUND"
    checkout(header, no="BT0000000201")
    client.close_order("BT0000000201")
    assert client.query_order("BT0000000201")["trade_state"] == "CLOSED"
    with pytest.raises(PayApiError):
        client.close_order("BT0000000200")
