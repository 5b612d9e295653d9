"""argparse's own words ("usage:", "options", "invalid choice", ...) in the teacher's language.

argparse looks every one of them up through gettext (``argparse._`` and ``argparse.ngettext``);
this module is that catalogue for 简体中文 and 繁體中文 (English is argparse's own), installed
for the CLI by :func:`install`.
"""
from __future__ import annotations

import argparse

WORDS = {
    "usage: ": ("用法：", "用法："),
    "positional arguments": ("位置参数", "位置參數"),
    "options": ("选项", "選項"),
    "show this help message and exit": ("显示本帮助并退出", "顯示本說明並退出"),
    "%(prog)s: error: %(message)s\n": ("%(prog)s：错误：%(message)s\n", "%(prog)s：錯誤：%(message)s\n"),
    "the following arguments are required: %s": ("缺少以下参数：%s", "缺少以下參數：%s"),
    "invalid choice: %(value)r (choose from %(choices)s)": ("无效的选择：%(value)r（可选：%(choices)s）",
                                                            "無效的選擇：%(value)r（可選：%(choices)s）"),
    "unrecognized arguments: %s": ("无法识别的参数：%s", "無法識別的參數：%s"),
    "argument %(argument_name)s: %(message)s": ("参数 %(argument_name)s：%(message)s",
                                                "參數 %(argument_name)s：%(message)s"),
    "invalid %(type)s value: %(value)r": ("无效的 %(type)s 值：%(value)r", "無效的 %(type)s 值：%(value)r"),
    "expected one argument": ("需要一个值", "需要一個值"),
    "expected at least one argument": ("至少需要一个值", "至少需要一個值"),
    "expected at most one argument": ("最多只能有一个值", "最多只能有一個值"),
    "ambiguous option: %(option)s could match %(matches)s": ("选项不明确：%(option)s 可能是 %(matches)s",
                                                             "選項不明確：%(option)s 可能是 %(matches)s"),
    "not allowed with argument %s": ("不能与参数 %s 一起使用", "不能與參數 %s 一起使用"),
    "one of the arguments %s is required": ("需要以下参数之一：%s", "需要以下參數之一：%s"),
    "ignored explicit argument %r": ("忽略了多余的值 %r", "忽略了多餘的值 %r"),
    "expected %s argument": ("需要 %s 个值", "需要 %s 個值"),
    "expected %s arguments": ("需要 %s 个值", "需要 %s 個值"),
}
COLUMN = {"zh-Hans": 0, "zh-Hant": 1}


def install(lang: str) -> None:
    """Make argparse speak ``lang`` (zh-Hans, zh-Hant; anything else: English)."""
    col = COLUMN.get(lang)

    def gettext(message: str) -> str:
        return WORDS[message][col] if col is not None and message in WORDS else message

    def ngettext(singular: str, plural: str, n: int) -> str:
        return gettext(singular if n == 1 else plural)

    argparse._ = gettext
    argparse.ngettext = ngettext
