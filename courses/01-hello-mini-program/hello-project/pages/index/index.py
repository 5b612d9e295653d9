# The page's code · 页面的代码 · 頁面的程式碼
# In real WeChat this file is index.js and says: Page({ data: {} })
from mini_sdk import Page


class IndexPage(Page):
    data = {}
