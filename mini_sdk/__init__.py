"""mini_sdk: build WeChat-style mini-programs in Python, on a simulated phone.

    from mini_sdk import MiniProgram, App, Page, Component, wx, get_app, get_current_pages, preview

The real framework's rules (lifecycles, set_data, WXML, routes, limits, err_msg strings) are
modelled faithfully; everything asynchronous runs on a deterministic virtual clock.
"""
from .app import App
from .component import Component
from .errors import (
    MiniProgramError,
    NavigationError,
    ProgramError,
    SetDataError,
    TemplateError,
    WxError,
)
from .i18n import get_language, set_language
from .page import Page
from .phone import get_app, get_current_pages
from .program import MiniProgram
from .timers import clear_interval, clear_timeout, set_interval, set_timeout

__all__ = [
    "MiniProgram", "App", "Page", "Component", "wx", "get_app", "get_current_pages", "preview",
    "set_language", "get_language", "set_timeout", "set_interval", "clear_timeout",
    "clear_interval", "MiniProgramError", "ProgramError", "TemplateError", "SetDataError",
    "NavigationError", "WxError",
]


def preview(program, **options):
    """Show a live, tappable phone running ``program`` in the notebook (ipywidgets).

    The widgets live in ``mini_sdk.live_preview``, imported only when a preview is made, so
    grading kernels that never preview don't pay for ipywidgets."""
    from .live_preview import preview as _preview

    return _preview(program, **options)

# The object ``wx`` shadows its own package name on purpose: ``from mini_sdk import wx`` must
# give the API object, as ``wx`` is in real WeChat. (Imported last, after what it depends on.)
from .wx import wx  # noqa: E402

# In a person's notebook (not in a plain Python process, not while grading), Python's own
# errors in every cell are explained in the student's language (mini_sdk.explain).
from .explain import install_in_notebook as _install_in_notebook  # noqa: E402

_install_in_notebook()
