"""One-time sign-up codes for the school hub (graders/signup.py), through the CLI as a teacher
uses it and through sign_in as the hub's login calls it."""
from __future__ import annotations

import json
import re
import stat

import pytest

from graders.signup import SignUpRefused, check_secret, sign_in


def codes_on(sheet_path) -> dict[str, str]:
    codes = {}
    for card in sheet_path.read_text(encoding="utf-8").split('<section class="card">')[1:]:
        who = re.search(r'class="id">([^<]+)</b>', card).group(1)
        code = re.search(r'class="code">([A-Z0-9-]+)<', card)
        if code:
            codes[who] = code.group(1)
    return codes


def test_sheet_in_class_language_with_one_code_per_student(cli, school, klass):
    code, out, _ = cli("signup-codes", "8c", school=school)
    assert code == 0 and "11 new code" in out
    sheet = school.root / "hub" / "sheets" / "8c.html"
    text = sheet.read_text(encoding="utf-8")
    assert '<html lang="zh-Hans">' in text and "注册码" in text and "初二(3)班" in text
    codes = codes_on(sheet)
    assert sorted(codes) == sorted(klass.roster())
    assert len(set(codes.values())) == len(codes)
    assert stat.S_IMODE(sheet.stat().st_mode) == 0o600
    # only hashes are kept
    stored = (school.root / "hub" / "accounts.json").read_text(encoding="utf-8")
    for value in codes.values():
        assert value not in stored and value.replace("-", "") not in stored
    assert stat.S_IMODE((school.root / "hub" / "accounts.json").stat().st_mode) == 0o600


def test_code_works_once_then_the_chosen_password(cli, school):
    cli("signup-codes", "8c", school=school)
    code = codes_on(school.root / "hub" / "sheets" / "8c.html")["S001"]
    with pytest.raises(SignUpRefused) as wrong:
        sign_in(school, "S001", "ABCD-EFGH", "my-password")
    assert wrong.value.key == "hub_wrong_code"
    with pytest.raises(SignUpRefused) as no_password:
        sign_in(school, "S001", code)
    assert no_password.value.key == "hub_choose_password"
    with pytest.raises(SignUpRefused) as short:
        sign_in(school, "S001", code, "short")
    assert short.value.key == "hub_password_short"
    # typed in lower case without the dash, and the id in lower case: still S001
    assert sign_in(school, "s001", code.lower().replace("-", ""), "my-password") == "S001"
    with pytest.raises(SignUpRefused) as reused:
        sign_in(school, "S001", code, "another-password")
    assert reused.value.key == "hub_code_used"
    assert sign_in(school, "S001", "my-password") == "S001"
    with pytest.raises(SignUpRefused) as bad:
        sign_in(school, "S001", "not-my-password")
    assert bad.value.key == "hub_wrong_password"
    with pytest.raises(SignUpRefused) as unknown:
        sign_in(school, "S999", code, "my-password")
    assert unknown.value.key == "hub_unknown_name"
    # another student's code does not open this account
    other = codes_on(school.root / "hub" / "sheets" / "8c.html")["S002"]
    with pytest.raises(SignUpRefused):
        sign_in(school, "S003", other, "my-password")


def test_new_sheet_replaces_unused_codes_and_keeps_signed_up(cli, school):
    cli("signup-codes", "8c", school=school)
    first = codes_on(school.root / "hub" / "sheets" / "8c.html")
    sign_in(school, "S001", first["S001"], "my-password")
    code, out, _ = cli("signup-codes", "8c", school=school)
    assert "10 new code" in out and "1 already signed up" in out
    second = codes_on(school.root / "hub" / "sheets" / "8c.html")
    assert "S001" not in second
    with pytest.raises(SignUpRefused):
        sign_in(school, "S002", first["S002"], "my-password")  # the old slip no longer works
    assert sign_in(school, "S002", second["S002"], "my-password") == "S002"
    assert sign_in(school, "S001", "my-password") == "S001"


def test_teacher_code_and_class(cli, school):
    code, out, _ = cli("signup-codes", "8c", "--teacher", "mrwong", school=school)
    assert code == 0
    data = json.loads((school.root / "hub" / "accounts.json").read_text(encoding="utf-8"))
    assert data["users"]["mrwong"]["role"] == "teacher"
    assert data["users"]["mrwong"]["classes"] == ["8c"]
    assert check_secret("x", data["users"]["mrwong"]["code"]) is False
    code, _, err = cli("signup-codes", "8c", "--teacher", "S001", school=school)
    assert code == 2 and "S001" in err


def test_refusal_names_cause_in_three_languages():
    from graders.hub_auth import refusal_text

    text = refusal_text("hub_code_used", "zh-Hant", name="S002")
    first, second, third = text.split("  /  ")
    assert "登記碼已經用過" in first and "注册码已经用过" in second and "already been used" in third
