"""Python's own errors, explained to the student in their language, at their line.

``explain(exc)`` turns a NameError, AttributeError, SyntaxError ... into a few sentences a
12-year-old can act on, with "did you mean" for the JavaScript names the lessons show
(``currentTarget`` -> ``current_target``, ``setData`` -> ``set_data``, ``onLoad`` -> ``on_load``)
and for typos of the student's own names (difflib). The phone's preview, the self-checks and,
in a lesson notebook, every plain cell (an IPython exception handler, :func:`install`) use it.

The handler is installed when mini_sdk is imported in a notebook kernel that Jupyter started
for a person (``JPY_SESSION_NAME`` set), never in a plain Python process and never while
grading (``NBGRADER_EXECUTION`` or ``MINICOURSE_GRADING`` set, or no Jupyter session, as in
the grading sandbox): there the real tracebacks are what teachers read.
"""
from __future__ import annotations

import builtins
import difflib
import linecache
import os
import re
import sys
import sysconfig
import types
from typing import Any

from .i18n import Catalogue

_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__)) + os.sep
_STDLIB = os.path.abspath(sysconfig.get_paths()["stdlib"]) + os.sep

#: JavaScript names from the lessons' "In real WeChat" boxes -> what Python programs write
JS_NAMES = {
    "this": "self", "setData": "set_data", "currentTarget": "current_target",
    "onLoad": "on_load", "onShow": "on_show", "onReady": "on_ready", "onHide": "on_hide",
    "onUnload": "on_unload", "onLaunch": "on_launch", "getApp": "get_app",
    "globalData": "global_data", "showToast": "show_toast", "showModal": "show_modal",
    "navigateTo": "navigate_to", "navigateBack": "navigate_back", "redirectTo": "redirect_to",
    "switchTab": "switch_tab", "setStorageSync": "set_storage_sync",
    "getStorageSync": "get_storage_sync", "console": "print", "true": "True", "false": "False",
    "null": "None", "undefined": "None", "length": "len(...)", "push": "append",
    "toFixed": "round", "parseInt": "int", "String": "str",
}
_CAMEL = re.compile(r"(?<=[a-z0-9])([A-Z])")


def _cat() -> Catalogue:
    from .messages import catalogue

    return catalogue


def suggestion(name: str, candidates: Any) -> tuple[str | None, bool]:
    """The name the student probably meant, and whether ``name`` is a JavaScript name."""
    known = {c for c in candidates if isinstance(c, str)}
    if name in JS_NAMES:
        return JS_NAMES[name], True
    snake = _CAMEL.sub(r"_\1", name).lower()
    if snake != name.lower() and snake in known:
        return snake, True
    public = sorted(c for c in known if not c.startswith("_") or name.startswith("_"))
    folded = [c for c in public if c.lower() == name.lower()]
    if folded:
        return folded[0], False
    close = difflib.get_close_matches(name, public, n=1, cutoff=0.75)
    return (close[0], False) if close else (None, False)


def _innermost(exc: BaseException) -> types.TracebackType | None:
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    return tb


def _owner(obj: Any) -> str:
    if isinstance(obj, type):
        return f"class {obj.__name__}"
    if isinstance(obj, types.ModuleType):
        return f"module {obj.__name__}"
    return f"{type(obj).__name__}"


def explain(exc: BaseException) -> str:
    """What went wrong, in the student's language (several sentences, no traceback)."""
    cat = _cat()
    said = exc.msg if isinstance(exc, SyntaxError) and exc.msg else str(exc)   # not the cell's temporary file
    original = f"{type(exc).__name__}: {said}" if said else type(exc).__name__
    lines: list[str] = []
    if isinstance(exc, IndentationError):
        lines.append(cat("explain_indent", line=exc.lineno or "?"))
        text = (exc.msg or "").lower()
        if "expected an indented block" in text:
            lines.append(cat("explain_indent_expected"))
        elif "unexpected indent" in text:
            lines.append(cat("explain_indent_unexpected"))
    elif isinstance(exc, SyntaxError):
        lines.append(cat("explain_syntax", line=exc.lineno or "?"))
        text = (exc.msg or "").lower()
        if "expected ':'" in text:
            lines.append(cat("explain_syntax_colon"))
        elif "never closed" in text or "unmatched" in text or "does not match" in text:
            lines.append(cat("explain_syntax_bracket"))
        elif "unterminated" in text or "eol while" in text or "eof while" in text:
            lines.append(cat("explain_syntax_quote"))
        elif "maybe you meant '=='" in text or "cannot assign to" in text:
            lines.append(cat("explain_syntax_equals"))
        elif "forgot a comma" in text:
            lines.append(cat("explain_syntax_comma"))
        js = re.search(r"\b(this|true|false|null|undefined|function|var|let|const)\b",
                       (exc.text or ""))
        if js and js.group(1) in JS_NAMES:
            lines.append(cat("explain_js_name", name=js.group(1), suggestion=JS_NAMES[js.group(1)]))
    elif isinstance(exc, NameError):
        name = getattr(exc, "name", None) or (re.findall(r"'([^']+)'", str(exc)) or ["?"])[0]
        if isinstance(exc, UnboundLocalError):
            lines.append(cat("explain_unbound", name=name))
        else:
            lines.append(cat("explain_name", name=name))
            failed = stale_cell({name}) if name != "?" else None
            if failed is not None:   # the cell that makes it was run, and stopped first
                lines.append(cat("explain_name_failed_cell", name=name, cell=failed["count"]))
                lines.append(cat("explain_python_says", original=original))
                return "\n".join(lines)
            tb = _innermost(exc)
            names: set = set(dir(builtins))
            if tb is not None:
                names |= set(tb.tb_frame.f_locals) | set(tb.tb_frame.f_globals)
            lines.extend(_did_you_mean(cat, name, names))
            if len(lines) == 1:
                lines.append(cat("explain_name_hint", name=name))
    elif isinstance(exc, AttributeError):
        name, obj = getattr(exc, "name", None), getattr(exc, "obj", None)
        if name is None:
            found = re.findall(r"'([^']+)'", str(exc))
            name = found[-1] if found else "?"
        lines.append(cat("explain_attribute", owner=_owner(obj) if obj is not None else "?", name=name))
        try:
            candidates = dir(obj) if obj is not None else []
        except Exception:  # noqa: BLE001 - a student's __dir__ may fail
            candidates = []
        lines.extend(_did_you_mean(cat, name, candidates))
    elif isinstance(exc, KeyError):
        lines.append(cat("explain_key", key=repr(exc.args[0]) if exc.args else "?"))
    elif isinstance(exc, IndexError):
        lines.append(cat("explain_index"))
    elif isinstance(exc, ZeroDivisionError):
        lines.append(cat("explain_zero"))
    elif isinstance(exc, RecursionError):
        lines.append(cat("explain_recursion"))
    elif isinstance(exc, TypeError):
        text = str(exc)
        if re.search(r"concatenate str|'(int|float)' and 'str'|'str' and '(int|float)'", text):
            lines.append(cat("explain_text_and_number"))
        elif "not callable" in text:
            lines.append(cat("explain_not_callable"))
        elif (position := re.search(r"list indices must be integers or slices, not (\w+)", text)):
            got = position.group(1)
            lines.append(cat("explain_list_position", got=got))
            if got == "undefined":
                lines.append(cat("explain_list_position_undefined"))
        elif re.search(r"positional argument|takes \d+ .*given|unexpected keyword", text):
            lines.append(cat("explain_arguments"))
        else:
            return cat("explain_other", original=original)
    elif isinstance(exc, NotImplementedError) and _raised_by_a_stub(exc):
        lines.append(cat("explain_not_implemented"))
    elif isinstance(exc, ValueError) and "invalid literal for int()" in str(exc):
        lines.append(cat("explain_int_text"))
    else:
        return cat("explain_other", original=original)
    lines.append(cat("explain_python_says", original=original))
    return "\n".join(lines)


def _raised_by_a_stub(exc: BaseException) -> bool:
    """Whether the student's own ``raise NotImplementedError()`` line (nbgrader's stub, or
    one they wrote) raised it, not a library's."""
    tb = _innermost(exc)
    if tb is None:
        return False
    filename = tb.tb_frame.f_code.co_filename
    return not (_is_internal(filename) or is_library(filename)) and \
        "NotImplementedError" in linecache.getline(filename, tb.tb_lineno)


def _did_you_mean(cat: Catalogue, name: str, candidates: Any) -> list[str]:
    meant, javascript = suggestion(name, candidates)
    if meant is None:
        return []
    if javascript:
        return [cat("explain_js_name", name=name, suggestion=meant)]
    return [cat("explain_did_you_mean", suggestion=meant)]


# where: the student's line ------------------------------------------------------------------
def student_line(exc: BaseException, skip: set = frozenset()) -> str:
    """'👉 cell [7], line 12: <code>' for the student's own line, or ''; frames from the files
    or code objects in ``skip`` (a self-check's own cell) are not the student's."""
    cat = _cat()
    if isinstance(exc, SyntaxError):
        filename, line = exc.filename or "", exc.lineno
        code = (exc.text or "").strip()
        if line is None:
            return ""
    elif getattr(exc, "student_where", None) is not None:  # (file, line) the error itself names
        filename, line = exc.student_where
        code = linecache.getline(filename, line).strip()
    elif getattr(exc, "student_code", None) is not None:  # their function, before it ran (its def)
        filename, line = exc.student_code.co_filename, exc.student_code.co_firstlineno
        code = linecache.getline(filename, line).strip()
    else:
        tb, walk = None, exc.__traceback__
        while walk is not None:
            code = walk.tb_frame.f_code
            name = code.co_filename
            if not (_is_internal(name) or is_library(name) or name in skip or code in skip):
                tb = walk
            walk = walk.tb_next
        if tb is None:
            return ""
        filename, line = tb.tb_frame.f_code.co_filename, tb.tb_lineno
        code = linecache.getline(filename, line).strip()
    cell = ""
    number = cell_number(filename)
    if number is not None:
        cell = cat("selfcheck_cell", number=number)
    elif filename and not filename.startswith("<"):
        cell = os.path.basename(filename) + ", "
    return cat("selfcheck_where", cell=cell, line=line, code=code or "…")


def cell_number(filename: str) -> int | None:
    """The execution count of the notebook cell compiled to ``filename`` (IPython only)."""
    shell = _shell()
    if shell is None:
        return None
    mapping = getattr(getattr(shell, "compile", None), "_filename_map", None) or {}
    number = mapping.get(filename)
    return number if isinstance(number, int) else None


# the IPython exception handler ---------------------------------------------------------------
def _shell():
    if "IPython" not in sys.modules:
        return None
    from IPython import get_ipython

    return get_ipython()


RED, RESET = "\x1b[0;31m", "\x1b[0m"


def render(exc: BaseException) -> list[str]:
    """What a plain cell shows for ``exc``: the explanation and the student's line."""
    from .errors import MiniProgramError

    head = f"{RED}{type(exc).__name__}{RESET}"
    if isinstance(exc, MiniProgramError) or type(exc) is AssertionError:
        body = str(exc)
    else:
        body = explain(exc)
    already = isinstance(exc, MiniProgramError) and "👉" in (exc.where or "")
    where = "" if already else student_line(exc)  # a template error names the student's line
    return [f"{head}: {body}" + (f"\n{where}" if where else "")]


def _handler(shell, etype, value, tb, tb_offset=None):
    # IPython 9 leaves showing to the handler; what it returns is only validated
    try:
        if isinstance(value, SyntaxError):  # Python's own picture of the line, then ours
            stb = shell.SyntaxTB.structured_traceback(etype, value, []) + [explain(value)]
        else:
            stb = render(value)
    except Exception:  # noqa: BLE001 - never hide the student's error behind one of ours
        stb = shell.InteractiveTB.structured_traceback(etype, value, tb, tb_offset=tb_offset)
    shell._showtraceback(etype, value, stb)
    return stb


def _should_install() -> bool:
    if grading():
        return False
    return bool(os.environ.get("JPY_SESSION_NAME"))


def install(shell: Any = None) -> bool:
    """Explain errors in this IPython shell's cells; returns whether it is installed."""
    shell = shell or _shell()
    if shell is None or getattr(shell, "_mini_sdk_explains", False):
        return shell is not None
    shell.set_custom_exc((Exception,), _handler)  # SyntaxError of a cell comes here too
    shell._mini_sdk_explains = True
    return True


def uninstall(shell: Any = None) -> None:
    shell = shell or _shell()
    if shell is not None and getattr(shell, "_mini_sdk_explains", False):
        shell.set_custom_exc((), None)
        shell._mini_sdk_explains = False


def install_in_notebook() -> None:
    """Called when mini_sdk is imported: install in a person's notebook kernel only."""
    watch_cells()   # any IPython: which cells failed (checks, tests and NameErrors say so)
    if _should_install() and _shell() is not None:
        try:
            install()
        except Exception:  # noqa: BLE001 - explaining errors must never break an import
            pass


# tracebacks that point at the student's code, not ours ------------------------------------------
def _is_internal(filename: str) -> bool:
    return os.path.abspath(filename).startswith(_PACKAGE_DIR)


def _trimmed(exc: BaseException) -> BaseException:
    """The same exception with our own frames removed from its traceback."""
    frames = []
    tb = exc.__traceback__
    while tb is not None:
        if not _is_internal(tb.tb_frame.f_code.co_filename):
            frames.append(tb)
        tb = tb.tb_next
    new_tb = None
    for tb in reversed(frames):
        new_tb = types.TracebackType(new_tb, tb.tb_frame, tb.tb_lasti, tb.tb_lineno)
    exc.__suppress_context__ = True
    return exc.with_traceback(new_tb)


def is_library(filename: str) -> bool:
    """Python's own modules and installed packages: never the student's code."""
    return "site-packages" in filename or os.path.abspath(filename).startswith(_STDLIB)


def student_frame(exc: BaseException, *, skip_libraries: bool = False) -> types.TracebackType | None:
    """The innermost traceback entry outside mini_sdk (and, with ``skip_libraries``, outside
    Python's own modules and installed packages too): the student's own line. None if there
    is none."""
    found = None
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if not _is_internal(filename) and not (skip_libraries and is_library(filename)):
            found = tb
        tb = tb.tb_next
    return found


# which version of the student's code ran: checks and tests say so when it is not the latest ------
#: the notebook cells run so far (IPython only): execution count, source, error (or None)
_runs: list[dict] = []


def _remember(result) -> None:
    error = result.error_before_exec or result.error_in_exec
    _runs.append({"count": result.execution_count, "source": result.info.raw_cell or "",
                  "error": error})
    del _runs[:-300]


def watch_cells() -> None:
    """Remember each cell's source and whether it failed (a post_run_cell hook), once per shell;
    not while grading, so nbgrader's kernel and minicourse's sandbox explain alike."""
    if grading():
        return
    try:
        shell = _shell()
        if shell is not None and not getattr(shell, "_mini_sdk_watches_cells", False):
            shell.events.register("post_run_cell", _remember)
            shell._mini_sdk_watches_cells = True
    except Exception:  # noqa: BLE001 - watching cells must never break an import
        pass


def _defines(source: str, name: str) -> bool:
    escaped = re.escape(name)
    return re.search(rf"^\s*(?:class|def)\s+{escaped}\b|^\s*{escaped}\s*(?::[^=]*)?=(?!=)", source,
                     re.MULTILINE) is not None


def stale_cell(names: set[str]) -> dict | None:
    """The latest cell that defines one of ``names``, if its last run failed: what runs now is
    the version from before it (``count``, ``source``, ``error``)."""
    for run in reversed(_runs):  # the asking cell is not among them yet
        if any(_defines(run["source"], name) for name in names):
            return run if run["error"] is not None else None
    return None


def stale_params(stale: dict) -> dict:
    """What a message about the failed cell of ``stale_cell`` says: the cell's number and the
    first line of its error's explanation."""
    return {"cell": stale["count"], "error": explain(stale["error"]).split("\n")[0]}


def names_of(program: Any, namespace: Any) -> set[str]:
    """The names ``program`` goes by in ``namespace``, and its page classes' names."""
    names = {k for k, v in namespace.items() if v is program and not k.startswith("_")}
    for cls in (getattr(program, "pages", None) or {}).values():
        if isinstance(cls, type):
            names.add(cls.__name__)
    return names


def stale_program(program: Any, namespace: Any) -> dict | None:
    """In a person's notebook (not while grading, which keeps a kernel's meaning): the cell
    whose failed run left ``program`` at the version from before, if there is one."""
    if grading():
        return None
    return stale_cell(names_of(program, namespace))


def grading() -> bool:
    """Whether this process is grading (nbgrader's autograde or validate, or minicourse's
    sandbox): what the student's notebook shows them alone is not added then."""
    return bool(os.environ.get("NBGRADER_EXECUTION") or os.environ.get("MINICOURSE_GRADING"))
