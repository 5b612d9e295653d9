"""Every wx/servers message exists in three languages with the same placeholders, and every key
the code uses is in the catalogue."""
import pathlib
import re

from mini_sdk.i18n import Catalogue, LANGUAGES
from mini_sdk.messages import catalogue
from mini_sdk.messages.wx import MESSAGES

ROOT = pathlib.Path(__file__).resolve().parents[3] / "mini_sdk"


def test_three_languages_same_placeholders():
    assert Catalogue(MESSAGES).problems() == []


def test_every_key_used_exists():
    used = set()
    for folder in ("wx", "servers"):
        for path in (ROOT / folder).glob("*.py"):
            used |= set(re.findall(r"\"((?:wx|servers)\.[a-z_0-9]+)\"", path.read_text(encoding="utf-8")))
    missing = sorted(k for k in used if k not in catalogue)
    assert missing == []


def test_messages_render_in_each_language():
    for key in MESSAGES:
        for lang in LANGUAGES:
            assert catalogue(key, lang, api="x", name="n", url="u", value=1, code="C", detail="d")
