"""`minicourse`: the teacher's command line (argparse; every verb module imported here is
stdlib-only at import time, nbgrader & co. are imported inside the verbs, so `--help` is fast).

    minicourse class add 8c --name "初二(3)班" --class-lang zh-Hans
    minicourse roster import 8c roster.xlsx
    minicourse release 8c hw1 --due "2025-03-10 18:00"
    minicourse collect 8c hw1 [--from uploads.zip]
    minicourse grade 8c hw1
    minicourse feedback 8c hw1
    minicourse publish 8c hw1
    minicourse demo
"""
from __future__ import annotations

import argparse
import os
import sys

from .common import set_teacher_language, t
from .errors import TeacherError

VERBS = ("classes", "roster", "release", "collect", "grade", "feedback", "publish", "demo",
         "signup", "hub", "lti")


def _pre_scan_language(argv: list[str]) -> tuple[str, str | None]:
    """(language to speak, a --lang value that is no language we speak, or None)."""
    from mini_sdk.i18n import get_language, normalize_language

    for i, arg in enumerate(argv):
        value = None
        if arg == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        if value:
            norm = normalize_language(value)
            if norm:
                return norm, None
            return get_language(), value
    return get_language(), None


def _add_common(parser, common_actions) -> None:
    """--school and --lang on every parser, nested verbs too (`class add X --school D`)."""
    have = {o for a in parser._actions for o in a.option_strings}
    for action in common_actions:
        if not set(action.option_strings) & have:
            parser._add_action(action)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in set(action.choices.values()):
                _add_common(child, common_actions)


def build_parser() -> argparse.ArgumentParser:
    import importlib

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--school", default=argparse.SUPPRESS, help=t("help_arg_school"))
    common.add_argument("--lang", default=argparse.SUPPRESS, help=t("help_arg_lang"))

    parser = argparse.ArgumentParser(prog="minicourse", description=t("help_main"),
                                     parents=[common])
    sub = parser.add_subparsers(dest="verb", metavar="VERB", title=t("help_verbs"))
    sub.required = True
    original = sub.add_parser

    def add_parser(name, **kwargs):  # every verb accepts --school/--lang after it, too
        kwargs.setdefault("parents", [common])
        return original(name, **kwargs)

    sub.add_parser = add_parser
    for name in VERBS:
        importlib.import_module(f"graders.{name}").add_parser(sub)
    common_actions = [a for a in common._actions if a.option_strings and a.dest in ("school", "lang")]
    _add_common(parser, common_actions)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    lang, bad_lang = _pre_scan_language(argv)
    set_teacher_language(lang)
    from .argparse_words import install

    install(lang)
    if bad_lang is not None:
        print(t("error_prefix") + t("language_unknown", value=bad_lang), file=sys.stderr)
        return 2
    try:
        return _main(argv, lang)
    except BrokenPipeError:  # `minicourse ... | head`: the reader left; that is not an error
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


def _main(argv: list[str], lang: str) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, or a usage error argparse already printed
        sys.stdout.flush()
        return int(exc.code or 0)
    args.school = getattr(args, "school", None)
    try:
        return int(args.func(args) or 0)
    except TeacherError as exc:
        print(t("error_prefix") + exc.message(lang), file=sys.stderr)
        for line in exc.details:
            print("  " + line, file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(t("interrupted"), file=sys.stderr)
        return 130
    except BrokenPipeError:
        raise
    except OSError as exc:
        import errno

        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            key = "folder_read_only" if exc.errno == errno.EROFS else "folder_not_writable"
            print(t("error_prefix") + t(key, path=exc.filename or "-"), file=sys.stderr)
            return 2
        return _internal_error(argv)
    except Exception:  # a bug of ours: the teacher gets a sentence, the log gets the traceback
        return _internal_error(argv)


def _internal_error(argv) -> int:
    import tempfile
    import time
    import traceback

    try:  # a file of its own for every error (two in one second no longer overwrite each other)
        fd, path = tempfile.mkstemp(prefix=time.strftime("minicourse-error-%Y%m%d-%H%M%S-"), suffix=".log")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(" ".join(["minicourse"] + argv) + "\n\n" + traceback.format_exc())
    except OSError:
        path = "-"
    print(t("error_prefix") + t("internal_error", log=path), file=sys.stderr)
    return 3


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
