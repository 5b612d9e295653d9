"""LTI 1.3: the school's platform registered with `minicourse lti`, launches into the real
running hub (tests/graders/lti_platform.py is the platform: a real HTTP server on loopback),
and published scores sent back through LTI Advantage AGS.
"""
from __future__ import annotations

import json
import os
import shutil
import stat
import tempfile
from pathlib import Path

import pytest

requests = pytest.importorskip("requests")

from lti_platform import Platform, launch, new_key  # noqa: E402


def register(cli, school, platform: Platform, *extra) -> None:
    code, out, err = cli("lti", "add-platform", *platform.registration_args(), *extra, school=school)
    assert code == 0, err
    assert "/hub/lti13/oauth_login" in out and "/hub/lti13/jwks" in out
    code, out, err = cli("lti", "link-class", "8c", "course-8c", school=school)
    assert code == 0, err


def mark_explain(klass, student: str, points: float) -> None:
    """A manual grade typed in formgrader (what it writes to the gradebook)."""
    from graders.gradebook import open_gradebook

    with open_gradebook(klass) as gb:
        g = gb.find_grade("explain", "ex1", "ex1", student)
        g.manual_score = points
        g.needs_manual_grade = False
        gb.db.commit()


def test_add_platform_makes_a_private_tool_key_and_refuses_a_bad_url(cli, school):
    from graders.lti import LTIStore

    with Platform() as platform:
        register(cli, school, platform)
        code, out, err = cli("lti", "add-platform", "--issuer", "moodle.school", "--client-id", "x",
                             "--deployment-id", "1", "--auth-url", "a", "--jwks-url", "b",
                             "--token-url", "c", school=school, lang="zh-Hans")
    assert code == 2 and "不是网址" in err
    store = LTIStore(school)
    assert stat.S_IMODE(store.key_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(store.dir.stat().st_mode) == 0o700
    (jwk,) = store.public_jwks()["keys"]
    assert jwk["kty"] == "RSA" and jwk["alg"] == "RS256" and "d" not in jwk  # public half only
    assert store.class_of_context(platform.issuer, "course-8c") == "8c"
    code, out, err = cli("lti", "show", school=school, lang="zh-Hant")
    assert "班別 8c = " in out and platform.issuer in out


def test_a_launch_user_is_found_by_the_configured_claim_and_teachers_only_with_a_teachers_role(cli, school):
    from graders.lti import LTIStore, person_for
    from graders.signup import issue_codes

    issue_codes(school, school.get_class("8c"), teacher="mrwong")
    with Platform() as platform:
        register(cli, school, platform, "--user-claim", "email")
        by_email = LTIStore(school).platforms()[0]
        assert person_for(school, "8c", by_email, platform.claims("u1", email="Emily@Example.com")) \
            == ("S003", "Emily@Example.com")
        assert person_for(school, "8c", by_email, platform.claims("u1", email="nobody@example.com"))[0] is None
        assert person_for(school, "8c", by_email, platform.claims("u1", sourcedid="S003"))[0] is None
        register(cli, school, platform, "--user-claim", "login_id")
        by_login = LTIStore(school).platforms()[0]
        assert by_login["user_claim"] == "login_id" and len(LTIStore(school).platforms()) == 1
        custom = "https://purl.imsglobal.org/spec/lti/claim/custom"
        assert person_for(school, "8c", by_login, platform.claims("u2", **{custom: {"login_id": "s005"}})) \
            == ("S005", "s005")
        learner = platform.claims("u3", **{custom: {"login_id": "MrWong"}})
        assert person_for(school, "8c", by_login, learner)[0] is None  # a learner named like the teacher
        teacher = dict(learner, **{"https://purl.imsglobal.org/spec/lti/claim/roles":
                                   ["http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"]})
        assert person_for(school, "8c", by_login, teacher)[0] == "mrwong"


@pytest.fixture
def sent_school(cli, graded):
    """The graded class linked to a running platform stand-in, some students having launched."""
    from graders.lti import LTIStore

    school, klass = graded
    with Platform() as platform:
        register(cli, school, platform)
        store = LTIStore(school)
        platform.tool_jwks = store.public_jwks()
        reg = store.platforms()[0]
        # what the hub records from each student's launch (the end-to-end test below checks it does)
        for sid in ("S001", "S002", "S003", "S005", "S011"):
            store.remember_launch(reg, platform.claims(f"lms-{sid}", sourcedid=sid), sid, "8c")
        yield school, klass, platform


def test_send_scores_posts_each_students_published_score_with_the_right_progress(cli, sent_school):
    school, klass, platform = sent_school
    mark_explain(klass, "S001", 2)  # S001 fully graded; S002 still waits for the teacher
    code, out, err = cli("lti", "send-scores", "8c", "ex1", school=school)
    assert code == 0, out + err
    # one line item made in the course's container, for ex1, out of the assignment's 9 points
    (item,) = platform.lineitems["course-8c"]
    assert item["tag"] == "ex1" and item["resourceId"] == "ex1" and item["scoreMaximum"] == 9
    by_user = {s["userId"]: s for s in platform.scores}
    assert set(by_user) == {"lms-S001", "lms-S002", "lms-S003", "lms-S005"}  # S011 handed in nothing
    s1 = by_user["lms-S001"]
    assert (s1["scoreGiven"], s1["scoreMaximum"]) == (9, 9)
    assert (s1["activityProgress"], s1["gradingProgress"]) == ("Completed", "FullyGraded")
    s2 = by_user["lms-S002"]  # the automatic part so far, marked as waiting for the teacher
    assert (s2["activityProgress"], s2["gradingProgress"]) == ("Submitted", "PendingManual")
    assert s2["scoreGiven"] == 4 and s2["scoreMaximum"] == 9
    assert by_user["lms-S005"]["gradingProgress"] == "Failed" and "scoreGiven" not in by_user["lms-S005"]
    assert all(s["timestamp"].endswith("Z") and "." in s["timestamp"] for s in platform.scores)
    assert all(s["lineitem"] == item["id"] for s in platform.scores)
    # S004 handed in but never opened the hub from the platform: reported, not sent
    assert "S004: not sent: has never opened the hub from the platform" in out
    assert "4 sent, 0 unchanged" in out and "0 failed" in out
    assert platform.token_refusals == [] and platform.tokens_issued

    # the same again: nothing changed, nothing posted, the same line item
    code, out, err = cli("lti", "send-scores", "8c", "ex1", school=school)
    assert code == 0 and len(platform.scores) == 4 and "0 sent, 4 unchanged" in out
    assert len(platform.lineitems["course-8c"]) == 1
    # the teacher marks S002: only S002 goes again, now final
    mark_explain(klass, "S002", 1)
    code, out, err = cli("lti", "send-scores", "8c", "ex1", school=school, lang="zh-Hans")
    assert code == 0 and "已发送 1 个" in out
    last = platform.scores[-1]
    assert last["userId"] == "lms-S002" and last["gradingProgress"] == "FullyGraded" and last["scoreGiven"] == 5
    # --resend sends all again, to the remembered line item
    assert cli("lti", "send-scores", "8c", "ex1", "--resend", school=school)[0] == 0
    assert len(platform.scores) == 9 and len(platform.lineitems["course-8c"]) == 1


def test_publish_sends_the_scores_of_a_linked_class_unless_told_not_to(cli, sent_school):
    school, klass, platform = sent_school
    code, out, err = cli("publish", "8c", "ex1", "--no-release", "--no-lti", school=school)
    assert code == 0 and platform.scores == [] and platform.tokens_issued == []
    code, out, err = cli("publish", "8c", "ex1", "--no-release", school=school)
    assert code == 0, out + err
    assert "4 sent, 0 unchanged" in out
    assert {s["userId"] for s in platform.scores} == {"lms-S001", "lms-S002", "lms-S003", "lms-S005"}
    platform.tool_jwks = {"keys": []}  # the platform lost our key: published here, told why not sent
    mark_explain(klass, "S002", 2)
    code, out, err = cli("publish", "8c", "ex1", "--no-release", school=school)
    assert code == 1 and "published here, but the scores were not sent to the platform" in out
    assert "unknown kid" in out and len(platform.scores) == 4
    assert (klass.root / "published" / "ex1" / "scores.csv").exists()


def test_a_student_the_platform_refuses_is_reported_and_the_others_are_sent(cli, sent_school):
    school, klass, platform = sent_school
    platform.fail_users = {"lms-S002"}
    code, out, err = cli("lti", "send-scores", "8c", "ex1", school=school)
    assert code == 1
    assert "S002: the platform refused it: HTTP 500" in out and "read-only" in out
    assert {s["userId"] for s in platform.scores} == {"lms-S001", "lms-S003", "lms-S005"}
    platform.fail_users = set()  # fixed on the platform: the re-run sends S002 alone
    code, out, err = cli("lti", "send-scores", "8c", "ex1", school=school)
    assert code == 0 and "1 sent, 3 unchanged" in out
    assert [s["userId"] for s in platform.scores][-1] == "lms-S002"


def test_a_tool_key_the_platform_does_not_know_sends_nothing_and_says_why(cli, sent_school):
    from jwt.algorithms import RSAAlgorithm

    school, klass, platform = sent_school
    other = json.loads(RSAAlgorithm.to_jwk(new_key().public_key()))
    platform.tool_jwks = {"keys": [dict(other, kid="someone-else")]}
    code, out, err = cli("lti", "send-scores", "8c", "ex1", school=school)
    assert code == 2 and "refused minicourse access to its gradebook: HTTP 401" in err
    assert "public keyset URL" in err and platform.scores == []


def test_a_class_nobody_launched_cannot_send_and_is_told_how_to_fix_it(cli, graded):
    school, klass = graded
    with Platform() as platform:
        register(cli, school, platform)
        code, out, err = cli("lti", "send-scores", "8c", "ex1", school=school, lang="zh-Hant")
    assert code == 2 and "還沒有人從班別 8c 的平台課程打開過" in err


# -- launches into the real hub -----------------------------------------------------------------
@pytest.fixture
def hub_school(graded):
    """The graded school where other Unix accounts may pass (the hub runs students' servers
    as their own accounts when run as root)."""
    from graders_helpers import copy_school

    base = Path(tempfile.mkdtemp(prefix="minicourse-lti-", dir="/tmp"))
    os.chmod(base, 0o755)
    school = copy_school(graded[0].root, base / "school")
    yield school
    shutil.rmtree(base, ignore_errors=True)


@pytest.mark.slow
def test_launches_into_the_running_hub_refusals_and_scores_back(cli, hub_school):
    from graders.hub import Hub, free_port, hub_settings
    from graders.lti import LTIStore

    school = hub_school
    with Platform() as platform:
        register(cli, school, platform)
        settings = hub_settings(school, "127.0.0.1", free_port(), idle_timeout=600, grade_on_submit=False)
        hub = Hub(school, settings)
        base = f"http://127.0.0.1:{settings['port']}"
        platform.redirect_uris = {base + "/hub/lti13/oauth_callback"}
        platform.tool_jwks_url = base + "/hub/lti13/jwks"
        store = LTIStore(school)
        try:
            hub.start()
            # the tool's public keyset, served by the hub, is the school's key
            assert requests.get(platform.tool_jwks_url, timeout=10).json() == store.public_jwks()
            config = requests.get(base + "/hub/lti13/config", timeout=10).json()
            assert config["oidc_initiation_url"] == base + "/hub/lti13/oauth_login"
            assert config["public_jwk_url"] == platform.tool_jwks_url

            # -- a roster student, by the platform's ID number (LIS person_sourcedid) -----------
            student = requests.Session()
            saved = []
            hint = platform.prepare(platform.claims("lms-77", sourcedid="s001", assignment="ex1",
                                                    lineitem=platform.url + "/ags/course-8c/lineitems/7"))
            r = launch(student, base, platform, hint, replay=saved)
            assert r.status_code == 302, r.text
            home = student.get(base + "/hub/home", timeout=30)
            assert home.status_code == 200 and "S001" in home.text and "/hub/login" not in home.url
            launches = store.launches()
            assert launches["people"][f"{platform.issuer}|lms-77"]["id"] == "S001"
            assert launches["classes"]["8c"]["lineitems"] == platform.url + "/ags/course-8c/lineitems"
            assert launches["lineitems"]["8c/ex1"]["url"] == platform.url + "/ags/course-8c/lineitems/7"
            assert stat.S_IMODE(store.launches_path.stat().st_mode) == 0o600

            # -- the same id_token posted again, with the cookies it came with: refused --------
            cookies, action, fields = saved
            thief = requests.Session()
            thief.cookies.update(cookies)
            r = thief.post(action, data=fields, allow_redirects=False, timeout=30)
            r.encoding = "utf-8"  # the page says so in its <meta charset>, as browsers read it
            assert r.status_code == 400 and "has already been used once" in r.text
            assert "已经用过了" in r.text and "已經用過了" in r.text  # the two other languages below

            def refused(claims, status, lang_text, **tamper):
                r = launch(requests.Session(), base, platform, platform.prepare(claims, **tamper))
                assert r.status_code == status, (r.status_code, r.text[:500])
                assert lang_text in r.text, r.text[:2000]
                return r

            # -- signed with a key that is not the platform's -----------------------------------
            refused(platform.claims("lms-78", sourcedid="S002"), 401, "could not be verified",
                    sign_with=new_key())
            # -- meant for another tool --------------------------------------------------------
            refused(platform.claims("lms-78", sourcedid="S002"), 401, "meant for another tool",
                    aud="some-other-tool")
            # -- a nonce that is not the one this browser's login asked for ----------------------
            refused(platform.claims("lms-78", sourcedid="S002"), 400, "has expired or was opened in another",
                    nonce="forged-nonce")
            # -- not on the class roster: in the launch's language (zh-CN -> 简体) first ---------
            r = refused(platform.claims("lms-99", sourcedid="S999", locale="zh-CN"), 403,
                        "你不在班级 8c 的名册上")
            assert r.text.index("你不在班级") < r.text.index("You are not on the roster")
            # -- a course linked to no class, in 繁體 (zh-HK) ------------------------------------
            refused(platform.claims("lms-78", context="course-9z", sourcedid="S002", locale="zh-HK"),
                    403, "還沒有關聯到班別")
            # -- a deployment the school did not register ---------------------------------------
            refused(platform.claims("lms-78", sourcedid="S002",
                                    **{"https://purl.imsglobal.org/spec/lti/claim/deployment_id": "dep-9"}),
                    403, "deployment (dep-9)")
            # -- a platform nobody registered, at the login initiation --------------------------
            r = requests.post(base + "/hub/lti13/oauth_login", allow_redirects=False, timeout=30,
                              data={"iss": "https://lms.elsewhere.example", "login_hint": "x",
                                    "target_link_uri": base + "/hub/"}, headers={"Accept-Language": "zh-TW"})
            r.encoding = "utf-8"
            assert r.status_code == 403 and "不認識把你帶到這裡的平台" in r.text
            # nobody of the refused launches got in
            assert {p["id"] for p in store.launches()["people"].values()} == {"S001"}

            # -- a second student by e-mail is not possible with this registration; S002 launches
            hint = platform.prepare(platform.claims("lms-78", sourcedid="S002", locale="zh-HK"))
            assert launch(requests.Session(), base, platform, hint).status_code == 302

            # -- scores back: token assertion checked against the keyset the hub serves ---------
            mark_explain(school.get_class("8c"), "S001", 2)
            code, out, err = cli("lti", "send-scores", "8c", "ex1", school=school)
            assert code == 0, out + err
            by_user = {s["userId"]: s for s in platform.scores}
            assert set(by_user) == {"lms-77", "lms-78"}
            assert by_user["lms-77"]["scoreGiven"] == 9 and by_user["lms-77"]["gradingProgress"] == "FullyGraded"
            assert by_user["lms-78"]["gradingProgress"] == "PendingManual"
            # to the line item the launch of ex1 carried; no new line item made
            assert {s["lineitem"] for s in platform.scores} == {platform.url + "/ags/course-8c/lineitems/7"}
            assert platform.lineitems == {} and platform.token_refusals == []
        finally:
            hub.stop()
