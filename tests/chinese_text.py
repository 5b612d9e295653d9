"""Chinese typography, checked the same way in the lessons and the homework.

Chinese is written without spaces between its characters or beside its quotation marks
(“+”, 「+」); spaces stay only beside code, numbers and Latin words (``用 set_data 改``).

Imported by tests/courses/test_build.py and tests/assignments/test_released.py (pytest puts
this folder on sys.path, because of tests/conftest.py).
"""
from __future__ import annotations

import re

_CJK = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_QUOTES = "“”‘’「」『』"
#: a space beside a Chinese quotation mark (a table's | beside it is the table's, not the text's)
SPACE_BY_QUOTE = re.compile(rf"[^\s|][ \u00a0\u3000]+[{_QUOTES}]|[{_QUOTES}][ \u00a0\u3000]+[^\s|]")
#: a space between two Chinese characters (or Chinese punctuation)
SPACE_IN_CHINESE = re.compile(rf"[{_CJK}][ \u00a0]+[{_CJK}]")
HAN = re.compile(r"[\u3400-\u9fff]")


def stray_spaces(nb) -> list[str]:
    """Every line of Chinese text (a line with a Han character: prose, a test's message, a
    comment, a string on the phone's screen) with a space beside a Chinese quotation mark or
    between two Chinese characters."""
    found = []
    for cell in nb.cells:
        for line in cell.source.split("\n"):
            if HAN.search(line) and (SPACE_BY_QUOTE.search(line) or SPACE_IN_CHINESE.search(line)):
                found.append(f"{cell.id}: {line.strip()}")
    return found
