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
         "signup", "hub")


def _pre_scan_language(argv: list[str]) -> str:
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
                return norm
    return get_language()


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
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = _pre_scan_language(argv)
    set_teacher_language(lang)
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, or a usage error argparse already printed
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
    except Exception:  # a bug of ours: the teacher gets a sentence, the log gets the traceback
        import tempfile
        import time
        import traceback

        path = os.path.join(tempfile.gettempdir(), f"minicourse-error-{int(time.time())}.log")
        try:
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(" ".join(["minicourse"] + argv) + "\n\n" + traceback.format_exc())
        except OSError:
            path = "-"
        print(t("error_prefix") + t("internal_error", log=path), file=sys.stderr)
        return 3


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
