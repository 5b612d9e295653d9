"""Issue 15's speed figures in one table: the list page at 100, 1,000 and 10,000 items and the
counter page, medians over several runs, beside the goals.

    .venv/bin/python benchmarks/speed_table.py            # 3 runs
    .venv/bin/python benchmarks/speed_table.py 5          # 5 runs

Each run measures every column afresh (benchmarks/list_page.py: medians of single calls, CPU
time, through mini_sdk.testing); the table shows the median of the runs' medians. The machine's
load and what an empty Python call costs are printed first: on a shared machine every figure is
slower by about that call's cost over an idle laptop's (~40 ns).
"""
from __future__ import annotations

import os
import statistics
import sys

from list_page import SIZES, _fmt, call_ns, measure
from taps import counter_taps_per_second

COLUMNS = ("one-item set_data", "tap + set_data", "tap, no-op", "whole list", "screen()",
           "set_data + screen()", 'query("#last")', 'set_data + query("#last")', "page.data")


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    print(f"machine: load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; "
          f"an empty Python call takes {call_ns():.0f} ns; {runs} runs, medians")
    samples: dict = {n: {c: [] for c in COLUMNS} for n in SIZES}
    taps: dict = {"driver": [], "phone": []}
    for _ in range(runs):
        for n in SIZES:
            for column, ms in measure(n, COLUMNS).items():
                samples[n][column].append(ms)
        for label, (median, _best) in counter_taps_per_second().items():
            taps[label].append(median)
    widths = [max(len(c), 9) for c in COLUMNS]
    print("| " + " | ".join(["N".rjust(6)] + [c.rjust(w) for c, w in zip(COLUMNS, widths)]) + " |")
    print("|" + "|".join(["-" * 8] + ["-" * (w + 2) for w in widths]) + "|")
    table = {}
    for n in SIZES:
        row = {c: statistics.median(samples[n][c]) for c in COLUMNS}
        table[n] = row
        cells = [f"{n:>6,}"] + [_fmt(row[c]).rjust(w) for c, w in zip(COLUMNS, widths)]
        print("| " + " | ".join(cells) + " |")
    ratio = table[1_000]["whole list"] / table[1_000]["one-item set_data"]
    print(f"goal: a tap on the 10,000-item page < 0.2 ms: {table[10_000]['tap, no-op']:.4f} ms "
          f"(with a handler that changes one item: {table[10_000]['tap + set_data']:.4f} ms)")
    print(f"goal: one-item update >= 100x cheaper than the whole list at 1,000 items: {ratio:,.0f}x")
    print(f"goal: counter-page taps >= 50,000/s: {statistics.median(taps['driver']):,.0f}/s through "
          f"mini_sdk.testing, {statistics.median(taps['phone']):,.0f}/s through Phone.tap (the preview's)")



if __name__ == "__main__":
    main()
