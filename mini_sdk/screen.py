"""What a person sees on the phone: as text (terminals, tests) and as HTML (notebooks).

Both show the navigation bar (title, back arrow when there is a page to go back to), the page,
the tab bar, and whatever floats above the page: a toast or loading box, a modal dialog, the
pay sheet.
"""
from __future__ import annotations

import html
import itertools
import re
from typing import TYPE_CHECKING, Any

from .css_display import invisible_nodes, style_sources
from .page import Page
from .wx.device import DEVICE_INFO

if TYPE_CHECKING:  # pragma: no cover
    from .phone import Phone

#: the phone as drawn: the simulated device's screen
PHONE_WIDTH, PHONE_HEIGHT = DEVICE_INFO["screen_width"], DEVICE_INFO["screen_height"]
_scope_ids = itertools.count(1)
#: what str.splitlines() breaks lines at besides "\n" (the page's text is joined by "\n")
_OTHER_LINE_BREAKS = re.compile("[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


class NotFoundPage(Page):
    """The client's own page for a path that does not exist (when on_page_not_found is absent)."""

    template = '<view class="mc-not-found"><text>{{title}}</text><text>{{body}}</text></view>'
    data = {"title": "", "body": ""}

    def on_load(self, query):
        from .messages import catalogue

        self.set_data({"title": catalogue("page_not_found_title"), "body": catalogue("page_not_found_body")})


# overlays: read from the wx services as plain data ----------------------------------------------
def overlays(phone: "Phone") -> dict[str, Any]:
    """The toast/loading box, modal and pay sheet on screen now (plain dicts or None)."""
    if phone._services is None:
        return {"toast": None, "modal": None, "pay_sheet": None, "action_sheet": None}
    ui, pay = phone._services.ui, phone._services.pay
    return {"toast": ui.current_toast(), "modal": ui.current_modal(),
            "action_sheet": ui.current_action_sheet(), "pay_sheet": pay.current_sheet()}


# text ----------------------------------------------------------------------------------------------
def screen_text(phone: "Phone") -> str:
    from .wxml.nodes import screen_text as page_text
    from .wxml.nodes import subtree_memo

    page = phone.current_page
    if page is None:
        return ""
    invisible_nodes(phone)  # display:none from WXSS hides as `hidden` does
    lines: list[str] = []
    back = "‹ " if len(phone.page_stack) > 1 else ""
    lines.append(f"{back}{phone.title}".rstrip() or " ")
    lines.append("─" * 24)
    body = page._cached("text", lambda: page_text(page._vnodes, memo=subtree_memo(page, "text")))
    if body and _OTHER_LINE_BREAKS.search(body) is None:
        lines.append(body)   # its lines as they are: one string, not split and joined again
    else:
        lines.extend(body.splitlines() if body else [])
    tab_bar = phone.program.tab_bar if phone.program else None
    if tab_bar and phone.program.is_tab_page(page.route):
        lines.append("─" * 24)
        tabs = []
        for item in tab_bar["list"]:
            text = item["text"]
            tabs.append(f"[{text}]" if item["pagePath"] == page.route else f" {text} ")
        lines.append(" ".join(tabs))
    layer = overlays(phone)
    toast = layer["toast"]
    if toast:
        icon = {"success": "✓ ", "error": "✗ ", "loading": "… "}.get(toast.get("icon", ""), "")
        lines.append(f"« {icon}{toast.get('title', '')} »")
    modal = layer["modal"]
    if modal:
        lines.append("┌ " + str(modal.get("title") or ""))
        if modal.get("content"):
            lines.append("│ " + str(modal["content"]))
        buttons = []
        if modal.get("show_cancel", True):
            buttons.append(f"[{modal.get('cancel_text', '取消')}]")
        buttons.append(f"[{modal.get('confirm_text', '确定')}]")
        lines.append("└ " + " ".join(buttons))
    sheet = layer["action_sheet"]
    if sheet:
        for item in sheet.get("item_list", []):
            lines.append(f"[{item}]")
    pay = layer["pay_sheet"]
    if pay:
        amount = pay.get("amount_text") or pay.get("amount") or ""
        lines.append(f"┌ WeChat Pay {pay.get('merchant', '')}".rstrip())
        lines.append(f"│ {pay.get('description', '')} {amount}".rstrip())
        lines.append("└ [Pay] [Cancel]")
    return "\n".join(lines)


# HTML ----------------------------------------------------------------------------------------------
def page_css(phone: "Phone", scope: str) -> str:
    """The components' default look (BASE_CSS), then every WXSS of the page, scoped to one
    phone on the page."""
    from .wxss import BASE_CSS, compile_wxss

    parts = [compile_wxss(BASE_CSS, scope, filename="base.wxss")]
    for _key, source, filename, loader, hosts in style_sources(phone):
        parts.append(compile_wxss(source, scope, filename=filename, loader=loader, host_tags=hosts))
    return "\n".join(parts)


_FRAME_CSS = """
.{s}.mc-phone{{width:{w}px;height:{h}px;border:10px solid #222;border-radius:28px;overflow:hidden;
  display:flex;flex-direction:column;font-family:-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;
  font-size:16px;background:#fff;position:relative;box-sizing:content-box;color:#000}}
.{s} .mc-navbar{{height:44px;display:flex;align-items:center;justify-content:center;position:relative;
  flex:none;font-size:17px;font-weight:500}}
.{s} .mc-back{{position:absolute;left:12px;font-size:22px}}
.{s} .wx-page{{flex:1;overflow:auto;}}
.{s} .mc-tabbar{{height:50px;display:flex;flex:none;border-top:1px solid #ddd}}
.{s} .mc-tab{{flex:1;display:flex;align-items:center;justify-content:center;font-size:12px}}
.{s} .mc-toast{{position:absolute;left:50%;top:45%;transform:translate(-50%,-50%);background:rgba(17,17,17,.7);
  color:#fff;border-radius:8px;padding:14px 18px;text-align:center;max-width:70%}}
.{s} .mc-mask{{position:absolute;inset:0;background:rgba(0,0,0,.5);display:flex;align-items:center;justify-content:center}}
.{s} .mc-modal{{background:#fff;border-radius:12px;width:80%;text-align:center;overflow:hidden}}
.{s} .mc-modal-title{{font-weight:600;padding:20px 16px 8px}}
.{s} .mc-modal-content{{color:#555;padding:0 16px 20px}}
.{s} .mc-modal-buttons{{display:flex;border-top:1px solid #eee}}
.{s} .mc-modal-buttons div{{flex:1;padding:12px 0}}
.{s} .mc-sheet{{position:absolute;left:0;right:0;bottom:0;background:#f7f7f7;border-radius:12px 12px 0 0;padding:16px;text-align:center}}
.{s} .wx-input{{outline:none;background:transparent;width:100%;box-sizing:border-box;padding:4px 0}}
"""


def phone_html(phone: "Phone") -> str:
    """The whole phone as one self-contained HTML fragment (used by _repr_html_ and nbconvert)."""
    from .wxml.nodes import to_html

    page = phone.current_page
    invisible_nodes(phone)
    scope = f"mc-s{next(_scope_ids)}"
    window = phone.program.page_window(page.route) if (page and phone.program and page.route in phone.program.pages) else {}
    bar_bg = html.escape(str(window.get("navigationBarBackgroundColor", "#000000")))
    bar_fg = "#000" if window.get("navigationBarTextStyle") == "black" else "#fff"
    esc = html.escape
    parts = [f"<style>{_FRAME_CSS.format(s=scope, w=PHONE_WIDTH, h=PHONE_HEIGHT)}\n{page_css(phone, scope) if page else ''}</style>"]
    parts.append(f'<div class="{scope} mc-phone">')
    parts.append(f'<div class="mc-navbar" style="background:{bar_bg};color:{bar_fg}">')
    if len(phone.page_stack) > 1:
        parts.append('<span class="mc-back">‹</span>')
    parts.append(f"<span class=\"mc-title\">{esc(phone.title)}</span></div>")
    parts.append(f'<div class="wx-page">{to_html(page._vnodes, scope) if page else ""}</div>')
    tab_bar = phone.program.tab_bar if phone.program else None
    if tab_bar and page is not None and phone.program.is_tab_page(page.route):
        parts.append(f'<div class="mc-tabbar" style="background:{esc(str(tab_bar.get("backgroundColor", "#fff")))}">')
        for item in tab_bar["list"]:
            color = tab_bar.get("selectedColor") if item["pagePath"] == page.route else tab_bar.get("color")
            parts.append(f'<div class="mc-tab" style="color:{esc(str(color))}">{esc(item["text"])}</div>')
        parts.append("</div>")
    layer = overlays(phone)
    if layer["toast"]:
        toast = layer["toast"]
        icon = {"success": "✓", "error": "✗", "loading": "⟳"}.get(toast.get("icon", ""), "")
        parts.append(f'<div class="mc-toast">{esc(icon)}<div>{esc(str(toast.get("title", "")))}</div></div>')
    if layer["modal"]:
        modal = layer["modal"]
        buttons = ""
        if modal.get("show_cancel", True):
            buttons += f'<div>{esc(str(modal.get("cancel_text", "取消")))}</div>'
        buttons += f'<div style="color:#576B95">{esc(str(modal.get("confirm_text", "确定")))}</div>'
        parts.append(
            f'<div class="mc-mask"><div class="mc-modal"><div class="mc-modal-title">{esc(str(modal.get("title") or ""))}</div>'
            f'<div class="mc-modal-content">{esc(str(modal.get("content") or ""))}</div>'
            f'<div class="mc-modal-buttons">{buttons}</div></div></div>'
        )
    if layer["pay_sheet"]:
        pay = layer["pay_sheet"]
        amount = pay.get("amount_text") or pay.get("amount") or ""
        parts.append(
            f'<div class="mc-mask"><div class="mc-sheet"><div>WeChat Pay</div>'
            f'<div>{esc(str(pay.get("description", "")))}</div><div style="font-size:28px">{esc(str(amount))}</div></div></div>'
        )
    parts.append("</div>")
    return "".join(parts)
