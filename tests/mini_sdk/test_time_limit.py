"""A time limit on the student's code that the phone runs: an endless loop in a handler, a hook,
a callback or a server route is stopped after a few seconds with a message naming the
student's function and line, in their language; the phone, the preview and the self-check go
on working; an interrupt (Kernel → Interrupt, in a real kernel) is one line, not a traceback
through mini_sdk."""
from __future__ import annotations

import inspect
import queue
import sys
import textwrap
import time

import pytest

from mini_sdk import MiniProgram, Page, set_language, set_timeout, wx
from mini_sdk import time_limit
from mini_sdk.selfcheck import check, expect
from mini_sdk.servers.backend import Backend
from mini_sdk.testing import launch

LIMIT = 0.4
STOPPED = {  # what each language says, and the word for "line"
    "en": ("was still running after 0.4 seconds", "line {line}"),
    "zh-Hans": ("运行了 0.4 秒还没结束", "第 {line} 行"),
    "zh-Hant": ("執行了 0.4 秒還未完成", "第 {line} 行"),
}


@pytest.fixture(autouse=True)
def short_limit():
    old = time_limit.set_limit(LIMIT)
    yield
    time_limit.set_limit(old)


def line_of(fn, text: str) -> int:
    lines, first = inspect.getsourcelines(fn)
    return first + next(i for i, line in enumerate(lines) if text in line)


class Looping(Page):
    template = """
    <text id="count">Count: {{count}}</text>
    <button id="add" bindtap="add">+</button>
    <button id="ok" bindtap="ok">ok</button>
    """
    data = {"count": 0}

    def add(self, event):
        count = self.data["count"]
        while count < 10:
            count - 1  # forgot "count = count + 1"
        self.set_data({"count": count})

    def ok(self, event):
        self.set_data({"count": self.data["count"] + 1})


def looping_program():
    return MiniProgram(pages={"pages/index/index": Looping})


@pytest.mark.parametrize("lang", list(STOPPED))
def test_an_endless_loop_in_a_handler_is_stopped_naming_the_function_and_line(lang):
    set_language(lang)
    words, line_word = STOPPED[lang]
    line = line_of(Looping.add, "while count < 10")
    with launch(looping_program()) as phone:
        started = time.monotonic()
        with pytest.raises(time_limit.TimeLimitError) as caught:
            phone.current_page.query("#add").tap()
        assert time.monotonic() - started < LIMIT + 2
        message = str(caught.value)
        assert words in message and "add" in message and line_word.format(line=line) in message
        # the traceback is the student's own line, not mini_sdk's
        tb = caught.value.__traceback__
        while tb.tb_next is not None:
            tb = tb.tb_next
        assert tb.tb_frame.f_code.co_name == "add" and tb.tb_lineno in (line, line + 1)
        assert phone.errors[-1]["type"] == "TimeLimitError"
        assert phone.errors[-1]["function"] == "add"
        # the phone goes on working
        phone.current_page.query("#ok").tap()
        assert "Count: 1" in phone.screen()


def test_fast_handlers_are_not_touched_and_nothing_is_left_pending():
    with launch(looping_program()) as phone:
        for _ in range(200):
            phone.current_page.query("#ok").tap()
        time.sleep(LIMIT * 2)  # no stray interruption arrives after the handlers returned
        assert phone.current_page.data["count"] == 200
        assert phone.errors == []


class SlowLoad(Page):
    template = "<text>{{n}}</text>"
    data = {"n": 0}

    def on_load(self, query):
        n = 0
        while n != -1:
            n = n + 2


def test_an_endless_loop_in_on_load_is_stopped():
    with pytest.raises(time_limit.TimeLimitError, match="on_load") as caught:
        with launch(MiniProgram(pages={"pages/index/index": SlowLoad})):
            pass
    assert f"line {line_of(SlowLoad.on_load, 'while n != -1')}" in str(caught.value) \
        or f"line {line_of(SlowLoad.on_load, 'n = n + 2')}" in str(caught.value)


class Timer(Page):
    template = '<button id="go" bindtap="go">go</button>'

    def go(self, event):
        set_timeout(self.later, 100)

    def later(self):
        while True:
            pass


def test_an_endless_loop_in_a_timer_callback_is_stopped():
    with launch(MiniProgram(pages={"pages/index/index": Timer})) as phone:
        phone.current_page.query("#go").tap()
        with pytest.raises(time_limit.TimeLimitError, match="later"):
            phone.advance(200)


def test_an_endless_loop_in_a_server_route_answers_the_phone_with_an_error():
    backend = Backend("https://api.tea.example")

    @backend.get("/menu")
    def menu(request):
        while True:
            pass

    answers = []

    class Shop(Page):
        template = '<button id="load" bindtap="load">load</button>'

        def load(self, event):
            wx.request(url="https://api.tea.example/menu",
                       success=lambda res: answers.append(res["status_code"]),
                       fail=lambda err: answers.append(err["err_msg"]))

    with launch(MiniProgram(pages={"pages/index/index": Shop}, backend=backend)) as phone:
        phone.current_page.query("#load").tap()
        phone.advance(100)
        assert answers and answers != [200]
        said = " ".join(map(str, phone.warnings)) + " ".join(map(str, phone.errors))
        assert "menu" in said and "0.4 seconds" in said


@pytest.mark.parametrize("lang", list(STOPPED))
def test_the_self_check_says_so_and_checks_the_fixed_program_after_a_rerun(lang, capsys):
    set_language(lang)

    def test(phone):
        phone.current_page.query("#add").tap()
        expect("10" in phone.screen(), "no 10")

    check(test, looping_program())
    out = capsys.readouterr()
    assert out.err == ""
    assert out.out.startswith("❌") and STOPPED[lang][0] in out.out and "add" in out.out
    assert "Traceback" not in out.out and "mini_sdk" not in out.out

    class Fixed(Looping):  # the student fixes the loop and runs the cell again
        def add(self, event):
            count = self.data["count"]
            while count < 10:
                count = count + 1
            self.set_data({"count": count})

    check(test, MiniProgram(pages={"pages/index/index": Fixed}))
    assert capsys.readouterr().out.startswith("✅")


@pytest.mark.parametrize("lang", list(STOPPED))
def test_the_preview_shows_it_in_the_red_box_and_recovers(lang):
    from mini_sdk.live_preview import preview

    set_language(lang)
    pv = preview(looping_program(), live=False)
    try:
        pv.click("#add")
        assert pv.errors and STOPPED[lang][0] in pv.errors[0]["message"]
        assert "count - 1" in pv.errors[0]["code"] or "while count" in pv.errors[0]["code"]
        assert "add" in pv.errors[0]["where"]
        pv.find_button("✕").click()
        pv.click("#ok")
        assert pv.errors == [] and "Count: 1" in pv.screen()
    finally:
        pv.close()


INTERRUPTED = {"en": "You stopped the program while your function add was running",
               "zh-Hans": "你在函数 add 运行的时候停止了程序",
               "zh-Hant": "你在函數 add 執行的時候停止了程式"}


@pytest.mark.slow
@pytest.mark.parametrize("lang", list(INTERRUPTED))
def test_an_interrupt_in_a_real_kernel_is_one_line_naming_the_students_function(lang):
    from jupyter_client.manager import start_new_kernel

    km, kc = start_new_kernel(kernel_name="python3")
    try:
        kc.execute_interactive(textwrap.dedent(f"""
            import sys; sys.path.insert(0, {str(__import__('pathlib').Path(__file__).parents[2])!r})
            from mini_sdk import MiniProgram, Page, set_language
            from mini_sdk.testing import launch
            from mini_sdk import time_limit
            set_language({lang!r}); time_limit.set_limit(60)
            class P(Page):
                template = '<button id="add" bindtap="add">+</button>'
                def add(self, event):
                    n = 0
                    while n >= 0:
                        n += 1
            program = MiniProgram(pages={{"pages/index/index": P}})
        """), timeout=60)
        msg_id = kc.execute('with launch(program) as phone:\n    phone.current_page.query("#add").tap()')
        time.sleep(2)
        km.interrupt_kernel()
        error = None
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                msg = kc.get_iopub_msg(timeout=5)
            except queue.Empty:
                continue
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "error":
                error = msg["content"]
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                break
        assert error is not None
        shown = "\n".join(error["traceback"])
        assert error["ename"] == "Interrupted" or "KeyboardInterrupt" in shown
        assert INTERRUPTED[lang] in shown and ("n += 1" in shown or "while n >= 0" in shown)
        assert "mini_sdk" not in shown and len(error["traceback"]) == 1, shown
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


class BusyLoop(Page):
    template = '<button id="clear" bindtap="clear">clear</button><text>{{n}}</text>'
    data = {"n": 0}

    def clear(self, event):
        i = 0
        while i < 4:
            self.set_data({"n": i})  # forgot i = i + 1: most of the time is spent in json, not here


def test_the_message_names_the_students_function_even_when_stopped_inside_the_library():
    with launch(MiniProgram(pages={"pages/index/index": BusyLoop})) as phone:
        with pytest.raises(time_limit.TimeLimitError) as caught:
            phone.current_page.query("#clear").tap()
    message = str(caught.value)
    assert "clear" in message and "decode" not in message and "dumps" not in message
    assert f"line {line_of(BusyLoop.clear, 'self.set_data')}" in message \
        or f"line {line_of(BusyLoop.clear, 'while i < 4')}" in message


@pytest.mark.parametrize("swallows", [False, True], ids=["plain loop", "bare except loop"])
def test_a_forked_child_has_its_own_time_limit(swallows):
    """A grader's sandbox forks the student's process for each test: the child must still
    stop an endless handler (the parent's watchdog thread does not exist there), one inside a
    bare ``except`` too."""
    import os

    from mini_sdk import MiniProgram, Page
    from mini_sdk.testing import launch

    class Stuck(Page):
        template = '<button id="go" bindtap="go">go</button>'

        def go(self, event):
            while True:
                pass

    class Swallows(Stuck):
        def go(self, event):
            while True:
                try:
                    pass
                except:  # noqa: E722
                    pass

    program = MiniProgram(pages={"pages/index/index": Swallows if swallows else Stuck})
    with launch(program) as phone:
        phone.current_page.query("#go")          # the parent has used the phone: watchdog started
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        ok = b"no"
        try:
            with launch(program) as phone:
                try:
                    phone.current_page.query("#go").tap()
                except Exception as exc:  # noqa: BLE001
                    ok = type(exc).__name__.encode()
        finally:
            os.write(write, ok)
            os._exit(0)
    os.close(write)
    from mini_sdk.remote import wait_readable   # poll: a busy test worker's fds pass 1023

    ready = wait_readable(read, 30)
    got = os.read(read, 100) if ready else b"hung"
    if not ready:
        os.kill(pid, 9)
    os.waitpid(pid, 0)
    assert got == b"TimeLimitError"


class Swallowing(Page):
    """A loop inside a bare ``except: pass``, one level down inside another: swallows every
    interruption the watchdog sends."""
    template = """
    <text id="count">Count: {{count}}</text>
    <button id="add" bindtap="add">+</button>
    <button id="ok" bindtap="ok">ok</button>
    """
    data = {"count": 0}

    def step(self, count):
        while True:
            try:
                count = count + 0
            except:  # noqa: E722 (the student's habit)
                pass

    def add(self, event):
        while True:
            try:
                self.step(self.data["count"])
            except BaseException:
                pass

    def ok(self, event):
        self.set_data({"count": self.data["count"] + 1})


def swallowing_program():
    return MiniProgram(pages={"pages/index/index": Swallowing})


def _loop_lines():
    """Where the first stop lands: in the inner loop (step's), which is named even though its
    except and add's swallowed it (not the except's pass, where it was raised at last)."""
    return {line_of(Swallowing.step, text) for text in ("while True", "try:", "count = count + 0")}


@pytest.mark.parametrize("lang", list(STOPPED))
def test_a_loop_inside_a_bare_except_is_stopped_too(lang):
    set_language(lang)
    words, line_word = STOPPED[lang]
    before = sys.gettrace()  # coverage's, a debugger's, or None: put back afterwards
    with launch(swallowing_program()) as phone:
        started = time.monotonic()
        with pytest.raises(time_limit.TimeLimitError) as caught:
            phone.current_page.query("#add").tap()
        assert time.monotonic() - started < LIMIT + 2
        message = str(caught.value)
        assert words in message and "step" in message
        assert any(line_word.format(line=line) in message for line in _loop_lines()), message
        assert sys.gettrace() is before
        assert phone.errors[-1]["type"] == "TimeLimitError"
        # the phone goes on working, with no stray interruption later
        phone.current_page.query("#ok").tap()
        time.sleep(LIMIT * 2)
        phone.current_page.query("#ok").tap()
        assert "Count: 2" in phone.screen()


class LoopInTry(Page):
    """The loop inside the try, the bare except after it (a student's way to "stop errors")."""
    template = '<button id="add" bindtap="add">+</button>'

    def add(self, event):
        try:
            while True:
                self.data.get("count")
        except:  # noqa: E722
            print("stopped")


@pytest.mark.parametrize("lang", list(STOPPED))
def test_a_loop_whose_except_swallows_the_stop_is_named_by_the_loops_line_not_the_excepts(lang):
    set_language(lang)
    words, line_word = STOPPED[lang]
    loop = {line_of(LoopInTry.add, "while True"), line_of(LoopInTry.add, "self.data.get")}
    with launch(MiniProgram(pages={"pages/index/index": LoopInTry})) as phone:
        with pytest.raises(time_limit.TimeLimitError) as caught:
            phone.current_page.query("#add").tap()
        message = str(caught.value)
        assert words in message and "add" in message
        assert any(line_word.format(line=line) in message for line in loop), message
        assert line_word.format(line=line_of(LoopInTry.add, 'print("stopped")')) not in message
        assert int(phone.errors[-1]["where"].rpartition(":")[2]) in loop


@pytest.mark.parametrize("lang", list(STOPPED))
def test_a_bare_except_loop_in_the_self_check_and_the_preview_then_both_recover(lang, capsys):
    from mini_sdk.live_preview import preview

    set_language(lang)

    def test(phone):
        phone.current_page.query("#add").tap()
        expect("Count: 1" in phone.screen(), "no 1")

    check(test, swallowing_program())
    out = capsys.readouterr()
    assert out.out.startswith("❌") and STOPPED[lang][0] in out.out and "step" in out.out
    pointed = [line for line in out.out.splitlines() if "👉" in line]
    assert pointed and any(code in pointed[0] for code in ("count = count + 0", "while True", "try:")), pointed
    assert "Traceback" not in out.out and "mini_sdk" not in out.out

    class Fixed(Swallowing):
        def add(self, event):
            self.set_data({"count": self.data["count"] + 1})

    check(test, MiniProgram(pages={"pages/index/index": Fixed}))
    assert capsys.readouterr().out.startswith("✅")

    pv = preview(swallowing_program(), live=False)
    try:
        pv.click("#add")
        assert pv.errors and STOPPED[lang][0] in pv.errors[0]["message"]
        pv.find_button("✕").click()
        pv.click("#ok")
        assert pv.errors == [] and "Count: 1" in pv.screen()
    finally:
        pv.close()
