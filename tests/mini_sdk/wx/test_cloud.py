"""wx.cloud (spec 5.9): init, database with permissions and commands, cloud functions."""
import pytest

from mini_sdk.servers import CloudEnv, CloudSetupError
from mini_sdk.wx import WxCallFailed, using_phone, wx


@pytest.fixture
def cloud():
    env = CloudEnv("tea-1a2b", collections={
        "orders": "PRIVATE", "reviews": "READONLY", "menu": "ADMINWRITE", "secrets": "ADMINONLY"})
    admin = env.database()
    for i, (name, price) in enumerate([("Boba", 1800), ("Mango", 1500), ("Matcha", 2000)]):
        admin.collection("menu").add(data={"_id": f"d{i}", "name": name, "price": price,
                                           "tags": ["cold"] if i else ["hot", "sweet"]})

    @env.function
    def add_points(event, context):
        db = context.database()
        db.collection("secrets").add(data={"openid": context.openid, "points": event["n"]})
        return {"ok": True, "openid": context.openid, "user": event["user_info"]["openid"]}

    @env.function("boom")
    def explode(event):
        raise RuntimeError("cloud function crashed")

    return env


def test_init_is_needed(make_phone, cloud):
    phone = make_phone(cloud=cloud)
    with pytest.raises(WxCallFailed) as info:
        wx.cloud.database().collection("menu").get().result()
    assert info.value.err_msg == ("collection.get:fail Cloud API isn't enabled, please call "
                                  "wx.cloud.init first")
    assert phone.warned("wx.cloud_not_initialised")


def test_no_cloud_or_unknown_env(make_phone, cloud):
    phone = make_phone()
    wx.cloud.init()
    with pytest.raises(WxCallFailed):
        wx.cloud.call_function(name="add_points").result()
    assert phone.warned("wx.cloud_no_env")
    phone = make_phone(cloud=cloud)
    wx.cloud.init(env="other-env")
    with pytest.raises(WxCallFailed):
        wx.cloud.database().collection("menu").count().result()
    assert phone.warned("wx.cloud_unknown_env")


def test_add_stamps_openid_and_get_by_doc(make_phone, cloud):
    phone = make_phone(cloud=cloud)
    wx.cloud.init(env="tea-1a2b")
    db = wx.cloud.database()
    got = []
    db.collection("orders").add(data={"drink": "Boba", "qty": 1, "at": db.server_date()},
                                success=got.append)
    assert got == []
    phone.settle()
    assert got[0].err_msg == "collection.add:ok" and len(got[0]._id) == 32
    doc = db.collection("orders").doc(got[0]._id).get().result().data
    assert doc["_openid"] == phone.services.identity.openid()
    assert doc["at"] == "2024-09-01T00:00:00.000Z"
    assert cloud.data("orders")[0]["drink"] == "Boba"
    with pytest.raises(WxCallFailed):
        db.collection("orders").add(data={"_openid": "someone"}).result()
    with pytest.raises(WxCallFailed) as info:
        db.collection("nope").add(data={}).result()
    assert "-502005" in info.value.err_msg


def test_where_commands_order_limit_skip_count(make_phone, cloud):
    make_phone(cloud=cloud)
    wx.cloud.init()
    db = wx.cloud.database()
    _ = db.command
    menu = db.collection("menu")
    names = lambda res: [d["name"] for d in res.data]  # noqa: E731
    assert names(menu.where({"price": _.gt(1600)}).order_by("price", "desc").get().result()) == ["Matcha", "Boba"]
    assert names(menu.where({"price": _.gte(1500).and_(_.lt(2000))}).order_by("name").get().result()) == ["Boba", "Mango"]
    assert names(menu.where({"name": _.in_(["Mango", "Tea"])}).get().result()) == ["Mango"]
    assert names(menu.where(_.or_([{"price": 1800}, {"name": "Matcha"}])).get().result()) == ["Boba", "Matcha"]
    assert names(menu.where({"tags": "sweet"}).get().result()) == ["Boba"]
    assert names(menu.where({"name": db.reg_exp("^m", "i")}).order_by("name").get().result()) == ["Mango", "Matcha"]
    assert names(menu.order_by("price").skip(1).limit(1).get().result()) == ["Boba"]
    assert menu.where({"price": _.neq(1800)}).count().result().total == 2
    assert menu.where({"missing": _.exists(False)}).count().result().total == 3


def test_phone_gets_at_most_20_records(make_phone, cloud):
    phone = make_phone(cloud=cloud)
    admin = cloud.database()
    for i in range(30):
        admin.collection("reviews").add(data={"n": i})
    assert admin.collection("reviews").get().data.__len__() == 30  # admin: up to 100
    wx.cloud.init()
    reviews = wx.cloud.database().collection("reviews")
    assert len(reviews.get().result().data) == 20
    assert len(reviews.limit(50).get().result().data) == 20
    assert phone.warned("wx.cloud_limit_capped")
    assert [d["n"] for d in reviews.order_by("n").skip(20).get().result().data] == list(range(20, 30))
    assert reviews.count().result().total == 30


def test_permission_modes(make_phone, cloud):
    li = make_phone(cloud=cloud, user_id="li")
    wx.cloud.init()
    order_id = wx.cloud.database().collection("orders").add(data={"drink": "Boba"}).result()._id
    review_id = wx.cloud.database().collection("reviews").add(data={"stars": 5}).result()._id
    wang = make_phone(cloud=cloud, user_id="wang")
    wx.cloud.init()
    db = wx.cloud.database()
    # PRIVATE: wang can't see li's order
    assert db.collection("orders").get().result().data == []
    with pytest.raises(WxCallFailed) as info:
        db.collection("orders").doc(order_id).get().result()
    assert "cannot find document" in info.value.err_msg
    # READONLY: wang reads li's review but can't change it (updated: 0, no error)
    assert db.collection("reviews").doc(review_id).get().result().data["stars"] == 5
    assert db.collection("reviews").doc(review_id).update(data={"stars": 1}).result().stats == {"updated": 0}
    assert db.collection("reviews").doc(review_id).remove().result().stats == {"removed": 0}
    assert wang.warned("wx.cloud_not_yours")
    # ADMINWRITE: everyone reads, nobody writes from a phone
    assert db.collection("menu").count().result().total == 3
    with pytest.raises(WxCallFailed) as info:
        db.collection("menu").add(data={"name": "Fake"}).result()
    assert "-502003" in info.value.err_msg
    with pytest.raises(WxCallFailed):
        db.collection("menu").doc("d0").update(data={"price": 1}).result()
    # ADMINONLY: not even reading
    with pytest.raises(WxCallFailed):
        db.collection("secrets").get().result()
    # the creator can change their own records
    with using_phone(li):
        db = wx.cloud.database()
        assert db.collection("reviews").doc(review_id).update(data={"stars": 4}).result().stats == {"updated": 1}
        assert db.collection("orders").doc(order_id).remove().result().stats == {"removed": 1}
    # many records at once: cloud functions only
    with pytest.raises(CloudSetupError):
        db.collection("reviews").where({"stars": 4}).update(data={"stars": 3})


def test_update_operators_and_set(make_phone, cloud):
    make_phone(cloud=cloud)
    wx.cloud.init()
    db = wx.cloud.database()
    _ = db.command
    oid = db.collection("orders").add(data={"qty": 1, "toppings": ["pearl"], "note": {"ice": "less"}}).result()._id
    doc = db.collection("orders").doc(oid)
    doc.update(data={"qty": _.inc(2), "toppings": _.push("pudding"), "note": {"sugar": "30%"}}).result()
    data = doc.get().result().data
    assert data["qty"] == 3 and data["toppings"] == ["pearl", "pudding"]
    assert data["note"] == {"ice": "less", "sugar": "30%"}  # nested update merges
    doc.update(data={"note": _.set({"sugar": "0%"}), "qty": _.mul(2), "toppings": _.pop()}).result()
    data = doc.get().result().data
    assert data["note"] == {"sugar": "0%"} and data["qty"] == 6 and data["toppings"] == ["pearl"]
    doc.update(data={"toppings": _.remove()}).result()
    assert "toppings" not in doc.get().result().data
    res = doc.set(data={"qty": 1}).result()
    assert res.stats == {"updated": 1, "created": 0}
    assert set(doc.get().result().data) == {"_id", "_openid", "qty"}
    res = db.collection("orders").doc("new-id").set(data={"qty": 9}).result()
    assert res.stats == {"updated": 0, "created": 1}
    with pytest.raises(WxCallFailed):
        doc.update(data={"_id": "x"}).result()


def test_call_function(make_phone, cloud):
    phone = make_phone(cloud=cloud)
    wx.cloud.init()
    got = []
    wx.cloud.call_function(name="add_points", data={"n": 5}, success=got.append)
    phone.settle()
    res = got[0]
    assert res.err_msg == "cloud.callFunction:ok"
    openid = phone.services.identity.openid()
    assert res.result == {"ok": True, "openid": openid, "user": openid}
    assert cloud.data("secrets") == [{"_id": cloud.data("secrets")[0]["_id"], "openid": openid, "points": 5}]
    with pytest.raises(WxCallFailed) as info:
        wx.cloud.call_function(name="nope").result()
    assert "FunctionName parameter could not be found" in info.value.err_msg
    with pytest.raises(WxCallFailed) as info:
        wx.cloud.call_function(name="boom").result()
    assert info.value.err_msg == "cloud.callFunction:fail -504002 functions execute fail"
    assert phone.errors[-1]["type"] == "RuntimeError"


def test_two_phones_share_the_database(make_phone, cloud):
    a = make_phone(cloud=cloud, user_id="a")
    wx.cloud.init()
    wx.cloud.database().collection("reviews").add(data={"text": "nice"}).result()
    b = make_phone(cloud=cloud, user_id="b")
    wx.cloud.init()
    assert wx.cloud.database().collection("reviews").where({"text": "nice"}).count().result().total == 1
    assert a is not b


def test_mock_call_function(make_phone, cloud):
    from mini_sdk.wx import mock_wx_method

    phone = make_phone(cloud=cloud)
    mock_wx_method(phone, "cloud.callFunction", result={"result": {"fake": True}})
    assert wx.cloud.call_function(name="x").result().result == {"fake": True}


def test_bad_permission_mode():
    with pytest.raises(CloudSetupError):
        CloudEnv("x", collections={"a": "everyone"})


def test_database_made_before_the_phone_runs(make_phone, cloud):
    db = wx.cloud.database()  # e.g. at the top of a page module, while the project loads
    phone = make_phone(cloud=cloud, user_id="late")
    wx.cloud.init()
    assert db.collection("menu").count().result().total == 3
    oid = db.collection("orders").add(data={"x": 1}).result()._id
    assert db.collection("orders").doc(oid).get().result().data["_openid"] == phone.services.identity.openid()
