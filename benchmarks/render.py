"""Incremental rendering benchmark for the WXML engine (no runtime involved).

    .venv/bin/python benchmarks/render.py

A page shows a 1000-item ``wx:for`` list. The view data is updated copy-on-write, the way the
runtime does it (spec: set_data path keys; docs/architecture.md):

* one-item change: ``list[k].count += 1`` → a new top-level list and a new dict for item k,
  the other 999 items are the very same objects;
* whole-list replacement: a new list of new, equal dicts (what ``set_data({"list": ...})``
  with a freshly built list gives).

Both are rendered with the same RenderContext (so the memo is in play for both); the time of
building the new data is not counted. The goal: a one-item change at least 10x cheaper.
Also reports a small counter page (the runtime aims at >= 10,000 taps/s including render).
"""
from __future__ import annotations

import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from mini_sdk.wxml import RenderContext, compile_template  # noqa: E402

LIST_TEMPLATE = """
<view class="page">
  <text class="title">{{title}} ({{list.length}} items)</text>
  <view wx:for="{{list}}" wx:key="id" class="item {{item.done ? 'done' : ''}}"
        data-id="{{item.id}}" bindtap="toggle">
    <text class="name">{{index + 1}}. {{item.name}}</text>
    <text class="count">x{{item.count}}</text>
    <text wx:if="{{item.count > 3}}" class="many">many!</text>
    <button size="mini" catchtap="inc" data-index="{{index}}">+1</button>
  </view>
</view>
"""

COUNTER_TEMPLATE = """
<view class="box">
  <text id="count">Count: {{count}}</text>
  <button id="add" bindtap="add" data-step="1">+1</button>
</view>
"""

N = 1000


def best_of(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    template = compile_template(LIST_TEMPLATE, "pages/list/list.wxml")
    items = [{"id": i, "name": f"Item {i}", "count": i % 5, "done": i % 3 == 0} for i in range(N)]
    ctx = RenderContext(owner="page")
    state = {"data": {"title": "Shopping", "list": items}}
    first = template.render(state["data"], ctx)
    assert len(first[0].children) == N + 1

    # --- one item changed, copy-on-write
    counter = [0]

    def prepare_one():
        k = counter[0] % N
        counter[0] += 7
        data = state["data"]
        new_list = list(data["list"])
        new_list[k] = {**new_list[k], "count": new_list[k]["count"] + 1}
        return {**data, "list": new_list}

    def prepare_all():
        data = state["data"]
        return {**data, "list": [dict(it) for it in data["list"]]}

    def timed(prepare, repeat):
        times = []
        for _ in range(repeat):
            data = prepare()
            t0 = time.perf_counter()
            vnodes = template.render(data, ctx)
            times.append(time.perf_counter() - t0)
            state["data"] = data
        return statistics.median(times), vnodes

    # check the reuse: 999 item subtrees identical, one rebuilt
    before = template.render(state["data"], ctx)[0].children
    data = prepare_one()
    after = template.render(data, ctx)[0].children
    state["data"] = data
    reused = sum(1 for a, b in zip(before[1:], after[1:]) if a is b)

    for _ in range(3):  # warm up
        timed(prepare_one, 5)
        timed(prepare_all, 2)
    one, _ = timed(prepare_one, 200)
    full, _ = timed(prepare_all, 30)

    # --- small counter page: a tap changes count
    counter_t = compile_template(COUNTER_TEMPLATE, "pages/index/index.wxml")
    cctx = RenderContext(owner="page")
    counter_t.render({"count": 0}, cctx)
    reps = 20000
    t0 = time.perf_counter()
    for i in range(1, reps + 1):
        counter_t.render({"count": i}, cctx)
    per_counter = (time.perf_counter() - t0) / reps
    t0 = time.perf_counter()
    same = {"count": 5}
    for _ in range(reps):
        counter_t.render(same, cctx)
    per_unchanged = (time.perf_counter() - t0) / reps

    print(f"wx:for over {N} items, copy-on-write view data, engine only")
    print(f"  item subtrees reused after a one-item change: {reused} of {N}")
    print(f"  one-item change   : {one * 1e3:8.3f} ms per render")
    print(f"  whole-list replace: {full * 1e3:8.3f} ms per render")
    print(f"  ratio             : {full / one:8.1f}x  (goal >= 10x)")
    print("counter page")
    print(f"  count changed     : {per_counter * 1e6:8.2f} us per render "
          f"({1 / per_counter:,.0f} renders/s)")
    print(f"  nothing changed   : {per_unchanged * 1e6:8.2f} us per render")
    if full / one < 10:
        sys.exit("FAIL: one-item change is not 10x cheaper than replacing the list")


if __name__ == "__main__":
    main()
