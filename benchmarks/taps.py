"""Taps per second on a counter page: tap -> handler -> set_data -> re-render.

    .venv/bin/python benchmarks/taps.py

Goal (issue 2): >= 10,000 taps/s. Each tap is the full user path of the driver: the element
is found in the live page, touchstart/touchend/tap are dispatched (capture and bubble), the
handler runs, set_data goes through JSON into the view copy, the page re-renders (memoised),
and the phone's clock settles.
"""
from __future__ import annotations

import time

from mini_sdk import MiniProgram, Page
from mini_sdk.testing import launch


class Counter(Page):
    template = """
    <view class="box">
      <text id="count">Count: {{count}}</text>
      <button id="add" bindtap="add" data-step="1">+1</button>
    </view>
    """
    data = {"count": 0}

    def add(self, event):
        step = event.current_target.dataset["step"]
        self.set_data({"count": self.data["count"] + int(step)})


def main(taps: int = 30_000, rounds: int = 5) -> None:
    best = 0.0
    with launch(MiniProgram(pages={"pages/index/index": Counter})) as phone:
        button = phone.current_page.query("#add")
        button.tap()  # warm up
        done = 1
        for _ in range(rounds):
            start = time.perf_counter()
            for _ in range(taps):
                button.tap()
            elapsed = time.perf_counter() - start
            done += taps
            best = max(best, taps / elapsed)
        count = phone.current_page.data["count"]
        shown = phone.current_page.query("#count").text
    assert count == done and shown == f"Count: {done}", (count, shown)
    print(f"counter page: {best:,.0f} taps/s (best of {rounds} rounds of {taps:,} taps; "
          f"goal >= 10,000; final {shown!r})")


if __name__ == "__main__":
    main()
