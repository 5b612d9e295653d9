import pytest

from mini_sdk import set_language


@pytest.fixture(autouse=True)
def english_messages():
    """Tests read messages in English unless they choose another language."""
    set_language("en")
    yield
    set_language(None)
