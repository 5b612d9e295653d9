"""Helpers for the template engine's conformance tests (spec §2, §3, §7).

Imported by the test modules next to it (pytest puts this folder on sys.path)."""
from __future__ import annotations

from mini_sdk.wxml import RenderContext, compile_template, screen_text, select_all, select_one


class Rendered:
    """One rendered template: the VNodes, the context (warnings) and shortcuts."""

    def __init__(self, template, vnodes, ctx):
        self.template, self.vnodes, self.ctx = template, vnodes, ctx

    def one(self, selector):
        node = select_one(self.vnodes, selector)
        assert node is not None, f"nothing matches {selector!r}"
        return node

    def all(self, selector):
        return select_all(self.vnodes, selector)

    @property
    def screen(self):
        return screen_text(self.vnodes)

    @property
    def warnings(self):
        return [key for key, _ in self.ctx.warnings]

    def again(self, data):
        self.vnodes = self.template.render(data, self.ctx)
        return self


def render(source, data=None, *, filename="pages/index/index.wxml", loader=None, **ctx_options):
    template = compile_template(source, filename, loader=loader)
    ctx = RenderContext(**ctx_options)
    return Rendered(template, template.render(data or {}, ctx), ctx)



def error_of(source, *, filename="pages/index/index.wxml", loader=None, data=None, **ctx_options):
    """The TemplateError compiling (and rendering) ``source`` raises."""
    from mini_sdk.errors import TemplateError

    try:
        render(source, data, filename=filename, loader=loader, **ctx_options)
    except TemplateError as err:
        return err
    raise AssertionError("no TemplateError was raised")


def message(err, lang="en"):
    """The error's text from the template catalogue part (independent of the merge)."""
    from mini_sdk.i18n import Catalogue
    from mini_sdk.messages.template import MESSAGES

    return Catalogue(MESSAGES).text(err.message_key, lang, **err.params)
