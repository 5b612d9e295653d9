"""One-item set_data in a 1,000-item wx:for list, against replacing the whole list.

    .venv/bin/python benchmarks/set_data.py

Goal (issue 2): the one-item change >= 10x cheaper. Measured through the whole runtime:
set_data (path parse, JSON to the view layer, logic and view copies), the render the phone
schedules, and the clock settling, exactly as after a tap.
"""
from __future__ import annotations

import statistics
import time

from mini_sdk import MiniProgram, Page
from mini_sdk.testing import launch

N = 1000


class Menu(Page):
    template = """
    <view class="menu">
      <view wx:for="{{drinks}}" wx:key="id" class="drink" data-id="{{item.id}}">
        <text class="name">{{item.name}}</text>
        <text class="price">¥{{item.price}}</text>
        <button class="add" bindtap="add" data-index="{{index}}">+</button>
        <text class="count">{{item.count}}</text>
      </view>
    </view>
    """
    data = {"drinks": [{"id": i, "name": f"drink {i}", "price": 10 + i % 7, "count": 0} for i in range(N)]}


def timed(fn, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    with launch(MiniProgram(pages={"pages/menu/menu": Menu})) as phone:
        raw = phone._phone
        page = raw.current_page
        counter = {"n": 0}

        def one_item():
            counter["n"] += 1
            page.set_data({f"drinks[{counter['n'] % N}].count": counter["n"]})
            raw.settle()

        def whole_list():
            counter["n"] += 1
            drinks = [dict(d) for d in page.data["drinks"]]
            drinks[counter["n"] % N]["count"] = counter["n"]
            page.set_data({"drinks": drinks})
            raw.settle()

        one = timed(one_item, 200)
        whole = timed(whole_list, 20)
        shown = phone.current_page.query_all(".count")[counter["n"] % N].text
    assert shown == str(counter["n"]), shown
    print(f"{N}-item wx:for list, full runtime (set_data + render + settle), median:")
    print(f"  one item   set_data({{'drinks[i].count': n}}): {one * 1000:8.3f} ms")
    print(f"  whole list set_data({{'drinks': [...]}})    : {whole * 1000:8.3f} ms")
    print(f"  ratio: {whole / one:,.1f}x cheaper (goal >= 10x)")


if __name__ == "__main__":
    main()
