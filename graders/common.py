"""Small helpers shared by the verbs: talking to the teacher, logs, the class lock.

Only stdlib at import time.
"""
from __future__ import annotations

import contextlib
import logging
import os
import sys
from pathlib import Path

from .errors import TeacherError

_teacher_language: str | None = None


def set_teacher_language(lang: str | None) -> None:
    global _teacher_language
    _teacher_language = lang


def teacher_language() -> str:
    if _teacher_language:
        return _teacher_language
    from mini_sdk.i18n import get_language

    return get_language()


@contextlib.contextmanager
def speaking(lang: str):
    """Messages in ``lang`` for a while: what is published follows the class's language,
    whatever the teacher's shell speaks."""
    global _teacher_language
    saved = _teacher_language
    _teacher_language = lang
    try:
        yield
    finally:
        _teacher_language = saved


def t(key: str, **params) -> str:
    """The message `key` in the teacher's language."""
    from .messages import catalogue

    return catalogue.text(key, teacher_language(), **params)


def say(key: str, **params) -> None:
    print(t(key, **params), flush=True)


def warn(key: str, **params) -> None:
    print(t(key, **params), file=sys.stderr, flush=True)


@contextlib.contextmanager
def class_lock(klass):
    """One minicourse command at a time on a class (two `grade` runs would fight)."""
    import fcntl

    klass.root.mkdir(parents=True, exist_ok=True)
    fh = open(klass.root / ".minicourse.lock", "a+")
    try:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise TeacherError("class_busy", class_id=klass.id) from None
        yield
    finally:
        fh.close()


@contextlib.contextmanager
def nbgrader_log(school, verb: str):
    """Send nbgrader's (traitlets') log lines to <school>/logs/<verb>.log, not the terminal."""
    school.logs_dir.mkdir(parents=True, exist_ok=True)
    path = Path(school.logs_dir) / f"{verb}.log"
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s [%(name)s %(levelname)s] %(message)s"))
    names = ["traitlets", "nbgrader", "NbGraderAPI", "minicourse", "py.warnings"]
    logging.captureWarnings(True)  # nbgrader's SQLAlchemy warnings: into the log, not at the teacher
    saved = []
    for name in names:
        logger = logging.getLogger(name)
        saved.append((logger, logger.handlers[:], logger.propagate, logger.level))
        logger.handlers = [handler]
        logger.propagate = False
        logger.setLevel(logging.INFO)
    try:
        yield path
    finally:
        logging.captureWarnings(False)
        for logger, handlers, propagate, level in saved:
            logger.handlers = handlers
            logger.propagate = propagate
            logger.setLevel(level)
        handler.close()


def quiet_traitlets_app_logger(app) -> None:
    """nbgrader apps/exchange objects log through their own logger: route it to ours."""
    logger = logging.getLogger("traitlets")
    try:
        app.log = logger
    except Exception:  # pragma: no cover - a trait that refuses: keep nbgrader's
        pass


def fmt_seconds(seconds: float, lang: str | None = None) -> str:
    """A duration in the teacher's (or the given) language, through Babel."""
    from .formats import duration

    return duration(seconds, lang or teacher_language())


def env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


def replace_folder(new: Path, dest: Path) -> None:
    """Put the finished folder ``new`` at ``dest``, replacing what was there, so that a
    reader never sees half of it: the old copy moves aside first and goes only at the end."""
    import shutil

    if dest.exists():
        old = dest.with_name(dest.name + ".old")
        if old.exists():
            shutil.rmtree(old)
        os.replace(dest, old)
        os.replace(new, dest)
        shutil.rmtree(old)
    else:
        os.replace(new, dest)
