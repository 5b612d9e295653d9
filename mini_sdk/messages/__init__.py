"""The one catalogue of everything mini_sdk says, in zh-Hans, zh-Hant and en.

Each area keeps its own part; they merge here (a key defined twice is an error).
"""
from ..i18n import Catalogue
from . import core, explain, preview, selfcheck, template, testing, wx

catalogue = Catalogue(
    core.MESSAGES, template.MESSAGES, testing.MESSAGES, wx.MESSAGES, preview.MESSAGES,
    selfcheck.MESSAGES, explain.MESSAGES,
)
