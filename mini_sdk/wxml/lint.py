"""What a real console warns about in a template that still renders: an unknown tag
(``<txet>``), an unknown ``wx:`` attribute (``wx:fro``), Python's ``True``/``False``/``None``
inside ``{{ }}`` (WXML writes ``true``/``false``/``null``; a Python name there is just an
undefined data field, so ``{{x == True}}`` never matches).

``lint(unit, components)`` returns ``[(message_key, params), ...]``, each naming the file and
line; the runtime shows them on the phone's console (``phone.warnings``) the first time a page
or component renders, and self-checks print them when they say ❌.
"""
from __future__ import annotations

import difflib
from typing import Iterable

from .nodes import BLOCK_TAGS, INLINE_TAGS

#: tags the real framework knows besides the ones mini_sdk draws (spec: components list)
OTHER_TAGS = frozenset({
    "block", "slot", "template", "import", "include", "wxs", "live-player", "live-pusher",
    "match-media", "page-meta", "navigation-bar", "root-portal", "page-container",
    "share-element", "keyboard-accessory", "open-data", "functional-page-navigator",
    "voip-room", "grid-view", "list-view", "sticky-header", "sticky-section", "span",
    "channel-live", "channel-video", "store-product", "store-home",
})
KNOWN_TAGS = BLOCK_TAGS | INLINE_TAGS | OTHER_TAGS
WX_ATTRIBUTES = frozenset({"wx:if", "wx:elif", "wx:else", "wx:for", "wx:for-item",
                           "wx:for-index", "wx:key", "wx:for-items"})
PYTHON_CONSTANTS = {"True": "true", "False": "false", "None": "null"}


def _meant(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return close[0] if close else ""


def lint(unit, components: Iterable[str] = ()) -> list[tuple[str, dict]]:
    found: list[tuple[str, dict]] = []
    known = KNOWN_TAGS | set(components)
    seen_units: set = set()

    def visit(nodes):
        for node in nodes:
            if node.tag == "#text":
                _values(node, [node.text])
                continue
            tag = node.tag
            if tag not in known and not tag.startswith("#"):
                meant = _meant(tag, KNOWN_TAGS)
                found.append(("tpl_unknown_tag" if meant else "tpl_unknown_tag_plain",
                              {"tag": tag, "meant": meant, "where": node.where}))
            for name in node.attrs:
                if name.startswith("wx:") and name not in WX_ATTRIBUTES:
                    found.append(("tpl_unknown_wx_attr", {"attr": name, "where": node.where,
                                                          "meant": _meant(name, WX_ATTRIBUTES) or "wx:for"}))
            _values(node, node.attrs.values())
            visit(node.children)

    def _values(node, values):
        for value in values:
            if value is None:
                continue
            for name in sorted(set(value.names) & PYTHON_CONSTANTS.keys()):
                found.append(("tpl_python_constant", {"name": name, "js": PYTHON_CONSTANTS[name],
                                                      "where": node.where}))

    def visit_unit(u):
        if id(u) in seen_units:
            return
        seen_units.add(id(u))
        visit(u.nodes)
        visit(list(u.templates.values()))
        for imported in u.imports:
            visit_unit(imported)

    visit_unit(unit)
    return found
