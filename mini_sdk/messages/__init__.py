"""The one catalogue of everything mini_sdk says, in zh-Hans, zh-Hant and en.

Each area keeps its own part (core, wx, testing, preview); they merge here.
"""
from ..i18n import Catalogue
from . import core

_parts = [core.MESSAGES]
for _name in ("wx", "testing", "preview"):
    try:
        _module = __import__(f"{__name__}.{_name}", fromlist=["MESSAGES"])
    except ModuleNotFoundError:
        continue
    _parts.append(_module.MESSAGES)

catalogue = Catalogue(*_parts)
