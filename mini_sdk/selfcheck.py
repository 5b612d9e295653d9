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

from .explain import names_of, stale_cell, stale_params, watch_cells
from .i18n import Catalogue, get_language, normalize_language

__all__ = ["check", "expect", "tr", "Hint", "numbers_in", "number_in", "show_answer", "try_data"]


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
    """A check that did not hold: what is wrong, and what to try.

    ``hint`` is one text or a list of them, from a nudge to more help: the first ❌ shows the
    first, each new try of the same check the next one. ``answer`` (one way to write it) is
    never shown by the check: the student asks for it with :func:`show_answer`."""

    def __init__(self, problem: Any, hint: Any = None, answer: Any = None) -> None:
        super().__init__(tr(problem))
        self.problem = problem
        self.hint = hint
        self.answer = answer

    @property
    def levels(self) -> list:
        if self.hint is None:
            return []
        return list(self.hint) if isinstance(self.hint, (list, tuple)) else [self.hint]


def expect(condition: Any, problem: Any, hint: Any = None, answer: Any = None) -> None:
    """Stop the check with ❌ ``problem`` (and 💡 ``hint``) unless ``condition`` is true."""
    if not condition:
        raise Hint(problem, hint, answer)


#: the data a check put into the student's page itself (said with a ❌, so a message about
#: "2 dishes" is never taken for data the student wrote)
_tried: list = []


def try_data(page: Any, data: Mapping) -> None:
    """Put the check's own ``data`` into the page (``page.set_data``), and remember it: if the
    check then says ❌, it also says that the data was the check's, not the student's."""
    _tried[:] = [dict(data)]
    page.set_data(dict(data))


#: how many times each hint was shown (by its texts), for hints in levels
_tries: dict[str, int] = {}
_answer: list = []


def show_answer() -> None:
    """Print one way to write the answer of the last check that said ❌ (if it has one)."""
    from .messages import catalogue as cat

    if not _answer:
        _say(cat("selfcheck_no_answer"))
        return
    _say(cat("selfcheck_answer", answer=tr(_answer[-1])))


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

    namespace = sys._getframe(1).f_globals
    if isinstance(program, str):  # check(test, "my_program"): the name, so it may be missing
        if program not in namespace:
            _say(cat("selfcheck_failed", problem=cat("selfcheck_not_run", name=program)))
            _say(cat("selfcheck_hint", hint=cat("selfcheck_rerun_hint")))
            return
        names = {program}
        program = namespace[program]
        names |= names_of(program, {})
    else:
        names = names_of(program, namespace) if program is not None else set()
    stale = stale_cell(names) if names else None
    if stale is not None:
        _say(cat("selfcheck_failed", problem=cat("selfcheck_stale", **stale_params(stale))))
        _say(cat("selfcheck_hint", hint=cat("selfcheck_stale_hint")))
        return
    _tried.clear()
    seen: list = []  # the phone the check ran on: its console warnings go with a ❌
    code = getattr(test, "__code__", None)
    _check_file[:] = [code] if code is not None else []
    if code is not None and ("ipykernel_" in code.co_filename or code.co_filename.startswith("<")):
        _check_file.append(code.co_filename)  # a check cell: all of it is the check's
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
                seen.append(phone)
                test(phone)
    except Hint as exc:
        _say(cat("selfcheck_failed", problem=tr(exc.problem)))
        if _tried:
            _say(cat("selfcheck_tried_data", data=_describe_data(_tried[-1])))
        _console(seen)
        levels = exc.levels
        if levels:
            key = repr(exc.hint)
            level = min(_tries.get(key, 0), len(levels) - 1)
            _tries[key] = _tries.get(key, 0) + 1
            _say(cat("selfcheck_hint", hint=tr(levels[level])))
            if level < len(levels) - 1:
                _say(cat("selfcheck_more_hints"))
        if exc.answer is not None:
            _answer[:] = [exc.answer]
            _say(cat("selfcheck_answer_offer"))
        return
    except (KeyboardInterrupt, SystemExit):
        raise
    except Exception as exc:  # anything else: explain it, never a traceback
        _explain(exc, cat)
        _console(seen)
        return
    _say(tr(success) if success else cat("selfcheck_passed"))
    _console(seen)  # a <txet> the check did not look at is still one the phone complained about


def _describe_data(data: Mapping) -> str:
    import json

    parts = []
    for key, value in data.items():
        text = json.dumps(value, ensure_ascii=False)
        parts.append(f"{key} = {text if len(text) <= 60 else text[:57] + '…'}")
    return ", ".join(parts)


def _console(phones: list) -> None:
    """What the phone's console warned about (an unknown tag, wx:fro, True in {{ }}...)."""
    from .testing import show_console

    show_console(phones)


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
        if where:  # inside their own code: a typo as often as a cell not run
            _say(where)
        _say(cat("selfcheck_hint", hint=cat("selfcheck_error_hint" if where else "selfcheck_rerun_hint")))
        return
    _say(cat("selfcheck_failed", problem=cat("selfcheck_code_error", error=explain(exc))))
    where = _student_line(exc, cat)
    if where:
        _say(where)
    _say(cat("selfcheck_hint", hint=cat("selfcheck_error_hint")))


#: the check now running (its code, and its cell's file): its lines are never shown as the student's
_check_file: list = []


def _student_line(exc: BaseException, cat: Catalogue) -> str:
    """'👉 cell [7], line 12: <code>' for the innermost frame of the student's code, or ''."""
    from .explain import student_line

    return student_line(exc, skip=set(_check_file))


def _say(line: str) -> None:
    print(line, file=sys.stdout, flush=True)


watch_cells()
