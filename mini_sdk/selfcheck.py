"""Self-checks for lesson exercises: instant ✅ / ❌ with a hint in the student's language.

A self-check cell in a lesson looks like this (the same code in every language)::

    from mini_sdk.selfcheck import check, expect

    def test(phone):
        expect(phone.current_page.exists("#add"),
               {"en": "there is no button with id=\\"add\\".",
                "zh-Hans": "页面上没有 id=\\"add\\" 的按钮。",
                "zh-Hant": "頁面上沒有 id=\\"add\\" 的按鈕。"},
               hint={"en": "...", "zh-Hans": "...", "zh-Hant": "..."})
        ...

    check(test, program)

``check`` launches the program on a fresh simulated phone (``mini_sdk.testing.launch``), runs
``test(phone)`` and prints one line: ✅ when every ``expect`` holds, else ❌ with the first
problem and its hint. It never raises and never writes to stderr: unfinished starter code
gets a ❌ and a hint, a bug in the student's handler gets the error and *their* line (not our
internals), so a notebook always runs top to bottom.

Texts are given as ``{"en": ..., "zh-Hans": ..., "zh-Hant": ...}`` so that code cells are
identical in every language; :func:`tr` picks the one for :func:`mini_sdk.get_language`.
"""
from __future__ import annotations

import re
import sys
from typing import Any, Callable, Mapping

from .i18n import Catalogue, get_language, normalize_language

__all__ = ["check", "expect", "tr", "Hint", "numbers_in", "number_in"]


def tr(text: Any, /, **params: Any) -> str:
    """The text in the language in force. ``text`` is a str or ``{"en": ..., "zh-Hans": ...,
    "zh-Hant": ...}``; ``{name}`` placeholders are filled from ``params``."""
    if text is None:
        return ""
    if isinstance(text, Mapping):
        lang = get_language()
        chosen = text.get(lang)
        if chosen is None:
            for key, value in text.items():
                if normalize_language(key) == lang:
                    chosen = value
                    break
        if chosen is None:
            chosen = text.get("en", next(iter(text.values()), ""))
        text = chosen
    text = str(text)
    if params:
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError):
            return text
    return text


class Hint(AssertionError):
    """A check that did not hold: what is wrong, and what to try."""

    def __init__(self, problem: Any, hint: Any = None) -> None:
        super().__init__(tr(problem))
        self.problem = problem
        self.hint = hint


def expect(condition: Any, problem: Any, hint: Any = None) -> None:
    """Stop the check with ❌ ``problem`` (and 💡 ``hint``) unless ``condition`` is true."""
    if not condition:
        raise Hint(problem, hint)


def numbers_in(text: Any) -> list[int | float]:
    """Every number written in ``text``, in order: ``numbers_in("¥36.5 (3 cups)") == [36.5, 3]``
    (whole numbers come back as ``int``, so messages show ``3``, not ``3.0``)."""
    found = []
    for raw in re.findall(r"-?\d+(?:\.\d+)?", str(text)):
        number = float(raw)
        found.append(int(number) if number.is_integer() else number)
    return found


def number_in(text: Any) -> int | float | None:
    """The one number written in ``text`` (``number_in("x3") == 3``), or None if there is
    none or more than one."""
    found = numbers_in(text)
    return found[0] if len(found) == 1 else None


def check(test: Callable[..., Any], program: Any = None, *, success: Any = None) -> None:
    """Run ``test(phone)`` on ``program`` (or ``test()`` when no program is given) and print
    ✅ or ❌ with a hint. Never raises an error from the student's code or from ours."""
    from .messages import catalogue as cat

    try:
        if program is None:
            test()
        else:
            from .program import MiniProgram
            from .testing import launch

            if not isinstance(program, MiniProgram):
                kind = type(program).__name__
                if isinstance(program, type):
                    kind = f"class {program.__name__}"
                raise Hint(cat("selfcheck_not_program", kind=kind),
                           cat("selfcheck_rerun_hint"))
            with launch(program) as phone:
                test(phone)
    except Hint as exc:
        _say(cat("selfcheck_failed", problem=tr(exc.problem)))
        if exc.hint:
            _say(cat("selfcheck_hint", hint=tr(exc.hint)))
        return
    except (KeyboardInterrupt, SystemExit):
        raise
    except Exception as exc:  # anything else: explain it, never a traceback
        _explain(exc, cat)
        return
    _say(tr(success) if success else cat("selfcheck_passed"))


def _explain(exc: BaseException, cat: Catalogue) -> None:
    from .errors import MiniProgramError

    if isinstance(exc, MiniProgramError):
        # already a message a student can act on, in their language (maybe naming their line)
        _say(cat("selfcheck_failed", problem=cat("selfcheck_program_problem", message=str(exc))))
        where = _student_line(exc, cat)
        if where and not exc.where:
            _say(where)
        if not isinstance(exc, AssertionError):
            _say(cat("selfcheck_hint", hint=cat("selfcheck_error_hint")))
        return
    if isinstance(exc, AssertionError):
        # a plain ``assert cond, "message"`` in a check: the message is the problem
        _say(cat("selfcheck_failed", problem=str(exc) or type(exc).__name__))
        return
    from .explain import explain

    if isinstance(exc, NameError):
        _say(cat("selfcheck_failed", problem=cat("selfcheck_code_error", error=explain(exc))))
        where = _student_line(exc, cat)
        if where:
            _say(where)
        _say(cat("selfcheck_hint", hint=cat("selfcheck_rerun_hint")))
        return
    _say(cat("selfcheck_failed", problem=cat("selfcheck_code_error", error=explain(exc))))
    where = _student_line(exc, cat)
    if where:
        _say(where)
    _say(cat("selfcheck_hint", hint=cat("selfcheck_error_hint")))


def _student_line(exc: BaseException, cat: Catalogue) -> str:
    """'👉 cell [7], line 12: <code>' for the innermost frame outside mini_sdk, or ''."""
    from .explain import student_line

    return student_line(exc)


def _say(line: str) -> None:
    print(line, file=sys.stdout, flush=True)
