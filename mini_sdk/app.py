"""App: the one app instance of a mini-program (``App({...})`` in real WeChat)."""
from __future__ import annotations

from typing import Any


class App:
    """Subclass it to give your mini-program app-wide data and lifecycle hooks.

    ``global_data`` is copied for each running phone. Hooks (all optional):
    ``on_launch(options)`` once, ``on_show(options)`` at launch and each return to the
    foreground, ``on_hide()``, ``on_error(message)``, ``on_page_not_found(res)``.
    Reach the instance anywhere with ``get_app()``.
    """

    global_data: dict = {}

    def __init__(self) -> None:
        import copy

        self.global_data = copy.deepcopy(type(self).global_data)
        self._phone = None

    # The hooks exist on the base class so that calling them is always safe.
    def on_launch(self, options: dict) -> Any: ...
    def on_show(self, options: dict) -> Any: ...
    def on_hide(self) -> Any: ...
    def on_error(self, message: str) -> Any: ...

    # on_page_not_found is looked up only if a subclass defines it: without it the phone shows
    # its own "page not found" page, as the real client does.
