"""Pretend servers for mini-programs: they behave like the real ones and never touch the network.

* :class:`Backend` -- your own web server, written in Python (routes, status codes, JSON).
* the WeChat platform of each program (created for you): the login server behind ``wx.login``
  and ``request.code2session(code)``, and the WeChat Pay sandbox behind ``request.pay`` and
  ``wx.request_payment``.
* :class:`CloudEnv` -- a cloud environment: a document database with permission modes and
  cloud functions written in Python.
"""
from .backend import Backend, Headers, Request, Response, ServerSetupError
from .cloud import COMMAND, CloudContext, CloudEnv, CloudError, CloudSetupError
from .pay import (
    PayApiError,
    PayClient,
    PayNotifyError,
    aes_gcm_decrypt,
    rsa_sign,
    rsa_verify,
    v2_sign,
    v3_pay_message,
)
from .wechat import LoginServer, WeChatPlatform, openid_for, platform_for

__all__ = [
    "Backend", "Request", "Response", "Headers", "ServerSetupError",
    "CloudEnv", "CloudContext", "CloudError", "CloudSetupError", "COMMAND",
    "PayClient", "PayApiError", "PayNotifyError", "rsa_sign", "rsa_verify", "v2_sign",
    "v3_pay_message", "aes_gcm_decrypt",
    "LoginServer", "WeChatPlatform", "openid_for", "platform_for",
]
