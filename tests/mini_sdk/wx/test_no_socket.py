"""mini_sdk never touches the network: a full flow (request, login, pay, cloud) with every way
of opening a connection made to fail loudly."""
import os
import socket

import pytest

from mini_sdk import MiniProgram

EXAMPLE = os.path.join(os.path.dirname(__file__), "..", "..", "..", "examples", "bubble_tea")


@pytest.fixture
def no_network(monkeypatch):
    attempts = []

    class NoSocket(socket.socket):
        def __init__(self, *args, **kwargs):
            attempts.append(("socket", args))
            raise AssertionError("mini_sdk tried to open a socket")

    def refuse(name):
        def fn(*args, **kwargs):
            attempts.append((name, args))
            raise AssertionError(f"mini_sdk tried socket.{name}{args}")
        return fn

    monkeypatch.setattr(socket, "socket", NoSocket)
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "socketpair", "create_server"):
        monkeypatch.setattr(socket, name, refuse(name))
    return attempts


def test_full_flow_opens_no_socket(no_network):
    from mini_sdk.testing import launch

    program = MiniProgram.load(EXAMPLE)
    with launch(program) as phone:
        page = phone.current_page
        page.query("#add-1").tap()
        page.query("#go-cart").tap()
        phone.current_page.query("#checkout").tap()        # login + checkout requests
        phone.confirm_payment()                            # pay + notification + cloud add
        phone.advance(60_000)
        assert phone.payments[-1]["status"] == "paid"
        assert program.cloud.data("orders")
        assert [r["path"] for r in phone.requests] == ["/menu", "/login", "/checkout"]
    assert no_network == []


def test_the_trap_works(no_network):
    with pytest.raises(AssertionError):
        socket.create_connection(("api.bubbletea.example", 443))
    with pytest.raises(AssertionError):
        socket.socket()
    assert len(no_network) == 2
