"""Page: one screen of a mini-program (``Page({...})`` in real WeChat)."""
from __future__ import annotations

from typing import Any

from .events import EventChannel
from .instance import TemplateOwner

#: lifecycle hooks in snake_case, and the real JavaScript name of each (for messages)
PAGE_HOOKS = {
    "on_load": "onLoad",
    "on_show": "onShow",
    "on_ready": "onReady",
    "on_hide": "onHide",
    "on_unload": "onUnload",
    "on_pull_down_refresh": "onPullDownRefresh",
    "on_reach_bottom": "onReachBottom",
    "on_share_app_message": "onShareAppMessage",
    "on_share_timeline": "onShareTimeline",
    "on_page_scroll": "onPageScroll",
    "on_tab_item_tap": "onTabItemTap",
    "on_resize": "onResize",
}


class Page(TemplateOwner):
    """Subclass it for each page of your mini-program.

    ``template`` (WXML), ``data`` (initial data), optional ``style`` (WXSS) and ``config``
    (like page.json: ``navigationBarTitleText``, ``enablePullDownRefresh`` ...). Lifecycle
    hooks: ``on_load(query)``, ``on_show()``, ``on_ready()``, ``on_hide()``, ``on_unload()``,
    ``on_pull_down_refresh()``, ``on_reach_bottom()``, ``on_share_app_message(res)``, ``on_share_timeline()``.
    Event handlers are methods taking one ``event``.
    """

    #: like page.json: window options for this page, and "usingComponents"
    config: dict = {}

    def __init__(self) -> None:
        super().__init__()
        self.route = ""  # path without leading "/", e.g. "pages/index/index"
        self.options: dict = {}  # the query that opened the page
        self._opened_at = 0
        self._opener_channel = None

    @property
    def is_(self) -> str:
        return self.route

    @classmethod
    def _using_components(cls) -> dict:
        listed = cls.config.get("usingComponents", {}) if isinstance(cls.config, dict) else {}
        # a loaded project's page.json lists paths (MiniProgram.load turned them into classes
        # in using_components, or left them out with a note); inline config may give classes
        found = {tag: c for tag, c in dict(listed).items() if isinstance(c, type)}
        found.update(cls.using_components or {})
        return found

    def get_opener_event_channel(self):
        """The channel to the page that opened this one with ``navigate_to(..., events=...)``."""
        if self._opener_channel is None:
            self._opener_channel = EventChannel(self._phone)
        return self._opener_channel

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.route or '(not open)'}>"

    # Hooks defined so calling them is always safe; students override what they need.
    def on_load(self, query: dict) -> Any: ...
    def on_show(self) -> Any: ...
    def on_ready(self) -> Any: ...
    def on_hide(self) -> Any: ...
    def on_unload(self) -> Any: ...
