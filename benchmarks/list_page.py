"""The list page both runtime benchmarks measure (benchmarks/set_data.py, benchmarks/taps.py).

A page showing an N-item ``wx:for`` list, 9 rendered nodes per item (issue 15): the item's
``view`` and four elements, each with its text. Everything goes through the public driver
(``mini_sdk.testing.launch``), so each figure is what a test or a grader pays:

* ``one-item set_data``   ``page.set_data({"drinks[k].count": n})`` and the render after it
* ``tap + set_data``      tap item k's button; its handler does that one-item set_data
* ``tap, no-op``          tap item k's name; its handler does nothing
* ``whole list``          ``page.set_data({"drinks": new_list})`` (the list built beforehand)
* ``screen()``            the phone's screen as text (read again, nothing changed)
* ``set_data + screen()`` a one-item set_data, then the screen (what a test does after a tap;
                          only the rebuilt nodes' lines are laid out again)
* ``query("#last")``      find the element after the list by its id (nothing changed)
* ``set_data + query("#last")``  a one-item set_data, then that query (the #id index is
                          brought up to date: only the rebuilt nodes are looked into)
* ``page.data``           the plain copy of the page's data a test reads

Medians of single calls, in milliseconds of CPU time (see ``clock``); the item ``k`` moves
through the list.
"""
from __future__ import annotations

import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from mini_sdk import MiniProgram, Page, time_limit  # noqa: E402
from mini_sdk.testing import launch  # noqa: E402

# the figures are CPU time; on a loaded machine a handler's wall time can pass the phone's
# 3 s limit on student code (a collector pass at 10,000 items, the process not scheduled)
time_limit.set_limit(120)

SIZES = (100, 1_000, 10_000)

TEMPLATE = """
<view class="menu">
  <view wx:for="{{drinks}}" wx:key="id" id="drink-{{item.id}}" class="drink">
    <text class="name" bindtap="look">{{item.name}}</text>
    <text class="price">¥{{item.price}}</text>
    <button class="add" bindtap="add" data-index="{{index}}">+</button>
    <text class="count">{{item.count}}</text>
  </view>
  <view id="last">{{drinks.length}} drinks</view>
</view>
"""


def drinks(n: int) -> list[dict]:
    return [{"id": i, "name": f"drink {i}", "price": 10 + i % 7, "count": 0} for i in range(n)]


def list_page(n: int) -> type:
    class Menu(Page):
        template = TEMPLATE
        data = {"drinks": drinks(n)}

        def add(self, event):
            i = event.current_target.dataset["index"]
            self.set_data({f"drinks[{i}].count": self.data["drinks"][i]["count"] + 1})

        def look(self, event):
            pass

    return Menu


#: CPU time of this process: the figures do not depend on what else the machine is doing
#: (on an idle machine it is the wall time; a shared one's wall time is longer).
clock = time.process_time


def median_ms(fn, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = clock()
        fn()
        samples.append(clock() - start)
    return statistics.median(samples) * 1000


def _repeats(n: int, fast: int, slow: int) -> tuple[int, int]:
    """(repeats for per-item operations, repeats for whole-page ones) at size n."""
    scale = max(1, n // 100)
    return max(20, fast // scale), max(3, slow // scale)


def measure(n: int, columns: tuple[str, ...]) -> dict[str, float]:
    """Median ms of each named column on an n-item list page (columns as in ``COLUMNS``)."""
    program = MiniProgram(pages={"pages/menu/menu": list_page(n)})
    out: dict[str, float] = {}
    fast, slow = _repeats(n, 2000, 200)
    with launch(program) as phone:
        page = phone.current_page
        step = max(1, n // 97)
        state = {"k": 0, "count": 0}

        def next_k() -> int:
            state["k"] = (state["k"] + step) % n
            return state["k"]

        if "one-item set_data" in columns:
            def one_item():
                state["count"] += 1
                page.set_data({f"drinks[{next_k()}].count": state["count"]})
            out["one-item set_data"] = median_ms(one_item, fast)

        if "tap + set_data" in columns or "tap, no-op" in columns:
            if "tap + set_data" in columns:
                buttons = page.query_all(".add")
                out["tap + set_data"] = median_ms(lambda: buttons[next_k()].tap(), fast)
            if "tap, no-op" in columns:
                names = page.query_all(".name")   # found after the changes above
                out["tap, no-op"] = median_ms(lambda: names[next_k()].tap(), fast)

        if "whole list" in columns:
            lists = [drinks(n) for _ in range(slow)]
            for i, fresh in enumerate(lists):
                fresh[i % n]["count"] = i + 1
            out["whole list"] = median_ms(lambda: page.set_data({"drinks": lists.pop()}), slow)

        if "screen()" in columns:
            out["screen()"] = median_ms(phone.screen, slow)
        if "set_data + screen()" in columns:
            def changed_screen():
                state["count"] += 1
                page.set_data({f"drinks[{next_k()}].count": state["count"]})
                phone.screen()
            out["set_data + screen()"] = median_ms(changed_screen, slow)
        if 'set_data + query("#last")' in columns:
            def changed_query():
                state["count"] += 1
                page.set_data({f"drinks[{next_k()}].count": state["count"]})
                phone.current_page.query("#last")
            # the first #id query after "whole list" builds the index from nothing (and the
            # next lets go of what that kept): at 10,000 items only 3 samples are taken, so
            # without these two the median was that first build, not a one-item update
            changed_query()
            changed_query()
            out['set_data + query("#last")'] = median_ms(changed_query, slow)
        if 'query("#last")' in columns:
            out['query("#last")'] = median_ms(lambda: phone.current_page.query("#last"), fast)
        if "page.data" in columns:
            out["page.data"] = median_ms(lambda: phone.current_page.data, fast)

        # what was measured really happened on the page
        data = phone.current_page.data["drinks"]
        assert len(data) == n
        shown = phone.current_page.query_all(".count")
        for k in (0, n // 2, n - 1):
            assert shown[k].text == str(data[k]["count"]), (k, shown[k].text, data[k])
        assert phone.current_page.query("#last").text == f"{n} drinks"
    return out


def call_ns() -> float:
    """What one empty Python function call costs on this machine now (ns, best of 5): the
    yardstick for comparing these figures across machines and loads (an idle laptop: ~40)."""
    import timeit

    def f():
        pass

    return min(timeit.repeat(f, number=200_000, repeat=5)) / 200_000 * 1e9


def print_table(columns: tuple[str, ...], sizes=SIZES) -> dict[int, dict[str, float]]:
    results = {}
    widths = [max(len(c), 9) for c in columns]
    print(f"machine: load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; "
          f"an empty Python call takes {call_ns():.0f} ns")
    print("N-item wx:for list page, 9 nodes per item; medians in ms (CPU time), through mini_sdk.testing")
    print("| " + " | ".join(["N".rjust(6)] + [c.rjust(w) for c, w in zip(columns, widths)]) + " |")
    print("|" + "|".join(["-" * 8] + ["-" * (w + 2) for w in widths]) + "|")
    for n in sizes:
        row = measure(n, columns)
        results[n] = row
        cells = [f"{n:>6,}"] + [_fmt(row[c]).rjust(w) for c, w in zip(columns, widths)]
        print("| " + " | ".join(cells) + " |", flush=True)
    return results


def _fmt(ms: float) -> str:
    if ms >= 100:
        return f"{ms:,.0f}"
    if ms >= 1:
        return f"{ms:.2f}"
    return f"{ms:.4f}"


def sizes_from_argv() -> tuple[int, ...]:
    """``python benchmarks/taps.py 100 1000`` measures only those sizes."""
    args = [a.replace(",", "").replace("_", "") for a in sys.argv[1:]]
    return tuple(int(a) for a in args) if args else SIZES
