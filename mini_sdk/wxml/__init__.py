"""The WXML template engine: tokenizer, parser, ``{{ }}`` evaluator, incremental renderer,
rendered nodes, selectors. It knows nothing about pages or phones: the runtime gives it a
scope (the view data) and a :class:`RenderContext`, and gets VNodes back.

    from mini_sdk.wxml import compile_template, RenderContext
    template = compile_template(source, filename="pages/index/index.wxml", loader=loader)
    vnodes = template.render(view_data, ctx)
"""
from .expr import UNDEFINED, to_text, truthy
from .nodes import EventBinding, VNode, node_at_path, screen_text, to_html
from .parser import DictLoader, FileLoader, resolve_path
from .render import RenderContext, Template, compile_template
from .select import SelectorError, select_all, select_one

__all__ = [
    "compile_template", "Template", "RenderContext", "VNode", "EventBinding",
    "screen_text", "to_html", "node_at_path", "select_all", "select_one", "SelectorError",
    "DictLoader", "FileLoader", "resolve_path", "UNDEFINED", "to_text", "truthy",
]
