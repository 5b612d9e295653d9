"""The shop's own server (pretend): menu, login, checkout with WeChat Pay, payment notifications."""
from mini_sdk.servers import Backend

backend = Backend("https://api.bubbletea.example", merchant_name="Bubble Tea Shop", mchid="1900000109")

MENU = [
    {"id": 1, "name": "黑糖珍珠奶茶", "price": 1800},
    {"id": 2, "name": "芒果绿茶", "price": 1500},
    {"id": 3, "name": "抹茶拿铁", "price": 2000},
]
ORDERS = {}   # out_trade_no -> order (the shop's own records)


@backend.get("/menu")
def menu(request):
    return {"items": MENU}


@backend.post("/login")
def login(request):
    session = request.code2session(request.json["code"])
    if "errcode" in session:
        return 400, {"error": session["errmsg"]}
    return {"token": request.start_session(session["openid"])}


@backend.post("/checkout")
def checkout(request):
    if request.openid is None:
        return 401, {"error": "please log in"}
    prices = {drink["id"]: drink for drink in MENU}
    cart = request.json["cart"]
    total = sum(prices[item["id"]]["price"] * item["qty"] for item in cart)   # never trust the phone's total
    number = f"BT{len(ORDERS) + 1:08d}"
    order = request.pay.create_jsapi_order(
        description="Bubble Tea x" + str(sum(item["qty"] for item in cart)),
        out_trade_no=number,
        total=total,                      # in fen: 18.00 yuan = 1800
        openid=request.openid,
        notify_url=backend.url("/pay/notify"),
    )
    ORDERS[number] = {"openid": request.openid, "total": total, "status": "unpaid"}
    return {"out_trade_no": number, "total": total,
            "payment": request.pay.sign_pay_params(order["prepay_id"])}


@backend.post("/pay/notify")
def pay_notify(request):
    transaction = request.pay.parse_notification(request)   # checks the signature, decrypts
    order = ORDERS.get(transaction["out_trade_no"])
    if order is None:
        return 404, {"code": "FAIL", "message": "unknown order"}
    if order["status"] != "paid" and transaction["trade_state"] == "SUCCESS":   # idempotent
        order["status"] = "paid"
    return 204, None


@backend.get("/orders/<number>")
def order_status(request):
    order = ORDERS.get(request.params["number"])
    if order is None or order["openid"] != request.openid:
        return 404, {"error": "no such order"}
    return {"status": order["status"], "total": order["total"]}
