"""set_data on an N-item wx:for list page: one item against the whole list, and what a test
reads afterwards (screen, query, page.data), at 100, 1,000 and 10,000 items.

    .venv/bin/python benchmarks/set_data.py            # all sizes
    .venv/bin/python benchmarks/set_data.py 1000       # one size

Measured through the whole runtime (set_data's path parse, JSON to the view layer, logic and
view copies, the render the phone schedules, the clock settling) via mini_sdk.testing; the
page is described in benchmarks/list_page.py. Goal (issue 15): at 1,000 items the one-item
update at least 100x cheaper than replacing the whole list.
"""
from __future__ import annotations

import sys

from list_page import print_table, sizes_from_argv

COLUMNS = ("one-item set_data", "whole list", "screen()", "set_data + screen()",
           'query("#last")', 'set_data + query("#last")', "page.data")


def main() -> None:
    results = print_table(COLUMNS, sizes_from_argv())
    if 1_000 in results:
        row = results[1_000]
        ratio = row["whole list"] / row["one-item set_data"]
        print(f"at 1,000 items the one-item update is {ratio:,.0f}x cheaper than the whole list "
              f"(goal >= 100x)")
        if ratio < 100:
            sys.exit("FAIL: the one-item update is not 100x cheaper than the whole list")


if __name__ == "__main__":
    main()
