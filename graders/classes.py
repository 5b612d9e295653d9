"""`minicourse class`: create and list classes (each class is one nbgrader course).

A class has an ASCII id (the nbgrader course id, used in paths and the exchange), a display
name in any script (初二(3)班, 中二丙班, Grade 8C) and a language (the variant of each
assignment it receives). Its gradebook is SQLite in the class folder unless --db-url names a
PostgreSQL database (one database per class: nbgrader's student table has no course column).
"""
from __future__ import annotations

import os

from .common import say, t
from .errors import TeacherError
from .school import CLASS_ID, School, SchoolClass, iso, utcnow

NBGRADER_DIRS = ("source", "release", "submitted", "autograded", "feedback")


def add_parser(sub) -> None:
    p = sub.add_parser("class", help=t("help_class"), description=t("help_class"))
    actions = p.add_subparsers(dest="action", metavar="{add,list}")
    actions.required = True
    add = actions.add_parser("add", help=t("help_class_add"), description=t("help_class_add"))
    add.add_argument("class_id", metavar="CLASS", help=t("help_arg_class_id"))
    add.add_argument("--name", required=True, help=t("help_arg_class_name"))
    add.add_argument("--class-lang", dest="class_lang", help=t("help_arg_class_lang"))
    add.add_argument("--db-url", help=t("help_arg_db_url"))
    add.set_defaults(func=run_add)
    ls = actions.add_parser("list", help=t("help_class_list"), description=t("help_class_list"))
    ls.set_defaults(func=run_list)


def create_class(school: School, class_id: str, name: str, language: str,
                 db_url: str | None = None) -> SchoolClass:
    from mini_sdk.i18n import normalize_language

    if not CLASS_ID.match(class_id or ""):
        raise TeacherError("class_id_invalid", class_id=class_id)
    if not (name or "").strip():
        raise TeacherError("class_name_missing")
    lang = normalize_language(language)
    if lang is None:
        raise TeacherError("language_unknown", value=language)
    if (school.classes_dir / class_id / "class.json").exists():
        raise TeacherError("class_exists", class_id=class_id)
    secret_file = None
    if db_url:
        from . import database

        db_url = database.normalize(db_url)
        database.check_not_shared(school, class_id, db_url)
        school.root.mkdir(parents=True, exist_ok=True)
        db_url, secret_file = database.store_password(school, db_url)
    klass = SchoolClass(school, class_id, name.strip(), lang, db_url or None, iso(utcnow()))
    # The gradebook must answer before anything is written (a mistyped PostgreSQL URL must
    # not leave half a class behind). nbgrader creates its tables here, once, before any
    # grading worker exists (parallel creation races).
    created_root = not klass.root.exists()
    klass.root.mkdir(parents=True, exist_ok=True)
    # student code runs as another user when we can arrange it: keep it out of the class
    os.chmod(klass.root, 0o700)
    try:
        from .gradebook import open_gradebook

        with open_gradebook(klass):
            pass
    except BaseException:
        if created_root:
            import shutil

            shutil.rmtree(klass.root, ignore_errors=True)
        raise
    for sub in NBGRADER_DIRS + ("archive", "records", "published"):
        (klass.root / sub).mkdir(exist_ok=True)
    school.exchange_root.mkdir(parents=True, exist_ok=True)
    klass.write_nbgrader_config_file()
    klass.save()
    klass.password_file = secret_file
    return klass


def run_add(args) -> int:
    from .common import teacher_language

    school = School.open(args.school, create=True)
    klass = create_class(school, args.class_id, args.name, args.class_lang or teacher_language(),
                         args.db_url)
    say("class_created", class_id=klass.id, name=klass.name, language=klass.language,
        path=str(klass.root))
    if getattr(klass, "password_file", None):
        say("class_password_kept", path=str(klass.password_file))
    return 0


def run_list(args) -> int:
    school = School.open(args.school)
    ids = school.class_ids()
    if not ids:
        say("no_classes")
        return 0
    for class_id in ids:
        klass = school.get_class(class_id)
        say("class_line", class_id=klass.id, name=klass.name, language=klass.language,
            students=len(klass.roster()))
    return 0
