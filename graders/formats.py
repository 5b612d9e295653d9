"""Numbers, percentages, durations and times as a teacher or student reads them, in 简体中文,
繁體中文 (Hong Kong) or English, through Babel (CLDR): one format for a score everywhere
(CSV, XLSX, report, feedback), durations rounded to the nearest unit, never truncated.
"""
from __future__ import annotations

import datetime as dt

LOCALES = {"en": "en", "zh-Hans": "zh_Hans_CN", "zh-Hant": "zh_Hant_HK"}
SCORE = "0.##"     # 7, 7.5, 7.25: at most two decimals, none when whole
PERCENT = "0.#%"


def locale(lang: str | None) -> str:
    return LOCALES.get(lang or "en", "en")


def score(x, lang: str | None = None) -> str:
    """A score or points: '7', '7.5'; '–' when there is none (not graded yet)."""
    if x is None:
        return "–"
    from babel.numbers import format_decimal

    return format_decimal(round(float(x), 2), SCORE, locale=locale(lang))


def score_value(x):
    """The same rounding as :func:`score`, as a number (for spreadsheets): 7 or 7.5."""
    if x is None:
        return None
    x = round(float(x), 2)
    return int(x) if x.is_integer() else x


def percent(part, whole, lang: str | None = None) -> str:
    if part is None or not whole:
        return "–"
    from babel.numbers import format_percent

    return format_percent(float(part) / float(whole), PERCENT, locale=locale(lang))


def duration(seconds: float, lang: str | None = None) -> str:
    """'45 s', '40 min', '1 hr 30 min', '2 days 3 hr' (CLDR's short units): the two largest
    units, rounded to the nearest minute from a minute on."""
    from babel.dates import format_timedelta

    seconds = max(0, int(round(seconds)))
    loc = locale(lang)
    if seconds < 60:
        return format_timedelta(dt.timedelta(seconds=seconds), granularity="second", threshold=60,
                                format="short", locale=loc)
    minutes = int(round(seconds / 60))
    units = [("day", 1440), ("hour", 60), ("minute", 1)]
    parts = []
    for name, size in units:
        count, minutes = divmod(minutes, size)
        if count or parts:
            parts.append((name, count))
    parts = [(n, c) for n, c in parts[:2] if c]
    sep = "" if loc == "zh_Hans_CN" else " "
    return sep.join(format_timedelta(dt.timedelta(minutes=c * dict(units)[n]), granularity=n,
                                     threshold=10**6, format="short", locale=loc) for n, c in parts)


def when(ts: dt.datetime | None, tz, lang: str | None = None) -> str:
    """A moment in the school's time zone: 2026-01-02 09:00 (the same in three languages)."""
    if ts is None:
        return ""
    return ts.astimezone(tz).strftime("%Y-%m-%d %H:%M")
