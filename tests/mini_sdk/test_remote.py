"""mini_sdk.remote: what a student's error becomes on the grader's side of the channel.

The student's side (Server) runs in a real thread here, over a real socket pair; in grading
it is the sandbox."""
import os
import socket
import threading

import pytest

from mini_sdk.remote import Channel, Connection, SandboxFailure, bind_names

STUDENT = '''
class Event:
    current_target = {"dataset": {"price": 12}}

def price_of(tapped):
    event = Event()
    return event.currentTarget["dataset"]["price"]
'''


@pytest.fixture
def student_side():
    import mini_sdk

    def start(lang):
        mini_sdk.set_language(lang)
        import linecache

        namespace = {}
        # the student's own cell, which IPython keeps in linecache as here
        linecache.cache["<ipython-input-3-menu>"] = (len(STUDENT), None, STUDENT.splitlines(True),
                                                     "<ipython-input-3-menu>")
        exec(compile(STUDENT, "<ipython-input-3-menu>", "exec"), namespace)
        ours, theirs = socket.socketpair()
        from mini_sdk.remote import Server

        def serve():
            Server(namespace).serve(Channel(theirs.fileno(), theirs.fileno()))

        thread = threading.Thread(target=serve, daemon=True)
        thread.start()
        conn = Connection(Channel(ours.fileno(), ours.fileno()))
        names = {}
        bind_names(conn, conn.names(), names, keep=set())
        started.append((ours, theirs, thread))
        return names

    started = []
    yield start
    for ours, theirs, thread in started:
        ours.close()        # the server reads the end of its input and returns...
        thread.join(5)
        theirs.close()      # ...and only then is its socket closed under it
    import mini_sdk

    mini_sdk.set_language("en")


@pytest.mark.parametrize("lang,words", [
    ("en", "current_target"), ("zh-Hans", "current_target"), ("zh-Hant", "current_target")])
def test_a_students_error_reaches_the_grader_explained_in_their_language_at_their_line(student_side, lang, words):
    from mini_sdk.messages import catalogue

    names = student_side(lang)
    with pytest.raises(SandboxFailure) as failure:
        names["price_of"]("tap")
    text = str(failure.value)
    assert failure.value.kind == "AttributeError"
    assert words in text                                    # "did you mean current_target?"
    assert "currentTarget" in text
    where = text.splitlines()[-1]
    assert where.startswith("👉") and "7" in where and 'event.currentTarget["dataset"]["price"]' in where
    python_says = catalogue.text("explain_python_says", lang, original="X").split("X")[0].strip()
    assert python_says and python_says in text             # the sentence before Python's own words
    assert "Traceback" not in text and os.sep + "mini_sdk" + os.sep not in text


def test_javascripts_undefined_is_called_so_in_pythons_own_errors():
    """A handler reading data-* from a name the template does not have (a `wx:fro` typo) gets
    JavaScript's undefined; Python's error names it so, not by mini_sdk's class name."""
    from mini_sdk.wxml.expr import UNDEFINED

    with pytest.raises(TypeError) as error:
        UNDEFINED["price"]
    assert "'undefined' object is not subscriptable" in str(error.value)
    assert "_Undefined" not in str(error.value) and "mini_sdk" not in str(error.value)
