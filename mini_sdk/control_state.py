"""What the user did to a form control stays until the program changes that very attribute.

In real WeChat an ``<input>`` is a native control: what the user typed stays in it when
``setData`` changes something else on the element (its class after a validation message, a
sibling appearing), and is replaced only when the value the template binds changes. The same
holds for a switch or checkbox the user toggled and a slider or picker the user moved. A
``wx:if`` that removes the control destroys it, and what was typed goes with it.

The renderer builds a new node whenever an element's attributes change, so the runtime
remembers, per page or component, where the control is (each level: tag, file, line,
``wx:for`` key and position among equal siblings) and what the user left in it, and puts it
back after every render of that page or component.
"""
from __future__ import annotations

from typing import Any

from .events import tree_path
from .wxml.nodes import nodes_edited


class _Kept:
    __slots__ = ("where", "attr", "value", "rendered", "node")

    def __init__(self, where: tuple, attr: str, value: Any, rendered: Any, node) -> None:
        self.where = where
        self.attr = attr
        self.value = value        # what the user left in the control
        self.rendered = rendered  # what the template said when the user changed it
        self.node = node          # the node it is in now


def _signature(node) -> tuple:
    return (node.tag, node.filename, node.line, node.key)


def _where(roots: list, node) -> tuple | None:
    path = tree_path(roots, node)
    if path is None:
        return None
    steps = []
    siblings = roots
    for step in path:
        signature = _signature(step)
        nth = 0
        for other in siblings:
            if other is step:
                break
            if _signature(other) == signature:
                nth += 1
        steps.append((signature, nth))
        siblings = step.children or []
    return tuple(steps)


def _find(roots: list, where: tuple):
    siblings = roots
    node = None
    for signature, nth in where:
        seen = 0
        node = None
        for other in siblings:
            if _signature(other) == signature:
                if seen == nth:
                    node = other
                    break
                seen += 1
        if node is None:
            return None
        siblings = node.children or []
    return node


def remember(node, attr: str, value: Any) -> None:
    """The user set ``attr`` of ``node`` (a control) to ``value``; keep it across renders."""
    owner = node.owner
    if owner is None:
        node.attrs[attr] = value
        nodes_edited()
        return
    kept: dict = owner.__dict__.setdefault("_control_state", {})
    previous = next((k for k in kept.values() if k.node is node and k.attr == attr), None)
    rendered = previous.rendered if previous is not None else node.attrs.get(attr)
    node.attrs[attr] = value
    nodes_edited()
    where = _where(owner._vnodes or [], node)
    if where is None:
        return
    kept[(where, attr)] = _Kept(where, attr, value, rendered, node)


def restore(owner) -> None:
    """After ``owner`` rendered: put back what the user left in its controls, unless the
    template now says something else for that attribute (then the program's value wins)."""
    kept: dict = owner.__dict__.get("_control_state")
    if not kept:
        return
    roots = owner._vnodes or []
    for key, entry in list(kept.items()):
        node = _find(roots, entry.where)
        if node is None:
            del kept[key]          # the control is gone (wx:if): so is what was typed
            continue
        if node is entry.node:
            continue               # the same node, re-used by the renderer: nothing to do
        if node.attrs.get(entry.attr) != entry.rendered:
            del kept[key]          # the program set this attribute: its value wins
            continue
        node.attrs[entry.attr] = entry.value
        nodes_edited()
        entry.node = node
