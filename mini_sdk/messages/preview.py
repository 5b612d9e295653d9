"""Messages of the notebook preview (mini_sdk.preview): everything a student reads on the phone."""

MESSAGES = {
    "preview_stale": {
        "en": "your cell [{cell}] stopped with an error, so this preview would show the version from before: {error} "
              "Fix that cell and run it again (Shift+Enter) until it shows no error, then run this cell again.",
        "zh-Hans": "你的单元格 [{cell}] 运行时出错了，所以这里只能显示之前的版本：{error} "
                   "改好那个单元格，再运行一次（Shift+Enter），直到它不再报错，然后再运行这个单元格。",
        "zh-Hant": "你的儲存格 [{cell}] 執行時出錯了，所以這裡只能顯示之前的版本：{error} "
                   "改好那個儲存格，再執行一次（Shift+Enter），直到它不再出錯，然後再執行這個儲存格。",
    },
    "preview_error_title": {
        "en": "Your code hit an error",
        "zh-Hans": "你的代码出错了",
        "zh-Hant": "你的程式碼出錯了",
    },
    "preview_error_where_cell": {
        "en": "in {function}, line {line} of your notebook cell",
        "zh-Hans": "在 {function} 里，你的单元格第 {line} 行",
        "zh-Hant": "在 {function} 裡，你的儲存格第 {line} 行",
    },
    "preview_error_where_file": {
        "en": "in {function}, {file} line {line}",
        "zh-Hans": "在 {function} 里，{file} 第 {line} 行",
        "zh-Hant": "在 {function} 裡，{file} 第 {line} 行",
    },
    "preview_error_hint": {
        "en": "Fix the line above, run your cells again, and tap again.",
        "zh-Hans": "改好上面这一行，重新运行单元格，再点一次试试。",
        "zh-Hant": "改好上面這一行，重新執行儲存格，再點一次試試。",
    },
    "preview_internal_error": {
        "en": "The preview could not draw this screen ({detail}). The program itself may still be fine: check it with mini_sdk.testing.launch.",
        "zh-Hans": "预览无法画出这个画面（{detail}）。程序本身可能没有问题：可以用 mini_sdk.testing.launch 检查。",
        "zh-Hant": "預覽無法畫出這個畫面（{detail}）。程式本身可能沒有問題：可以用 mini_sdk.testing.launch 檢查。",
    },
    "preview_not_program": {
        "en": "preview() needs a MiniProgram, not {value}. Write: preview(MiniProgram(pages={{\"pages/index/index\": MyPage}}))",
        "zh-Hans": "preview() 需要一个 MiniProgram，而不是 {value}。请写：preview(MiniProgram(pages={{\"pages/index/index\": MyPage}}))",
        "zh-Hant": "preview() 需要一個 MiniProgram，而不是 {value}。請寫：preview(MiniProgram(pages={{\"pages/index/index\": MyPage}}))",
    },
    "preview_dismiss": {
        "en": "Close",
        "zh-Hans": "关闭",
        "zh-Hant": "關閉",
    },
    "preview_back": {
        "en": "Back",
        "zh-Hans": "返回",
        "zh-Hant": "返回",
    },
    "preview_skip_time": {
        "en": "Let time pass: skip {seconds} s ahead (toasts vanish, timers fire)",
        "zh-Hans": "让时间流逝：快进 {seconds} 秒（提示框消失，定时器触发）",
        "zh-Hant": "讓時間流逝：快轉 {seconds} 秒（提示框消失，計時器觸發）",
    },
    "preview_pay_title": {
        "en": "WeChat Pay",
        "zh-Hans": "微信支付",
        "zh-Hant": "微信支付",
    },
    "preview_pay_confirm": {
        "en": "Pay",
        "zh-Hans": "立即支付",
        "zh-Hant": "立即支付",
    },
    "preview_pay_cancel": {
        "en": "Cancel",
        "zh-Hans": "取消",
        "zh-Hant": "取消",
    },
    "preview_pay_sandbox": {
        "en": "Sandbox: no real money moves",
        "zh-Hans": "沙箱环境：不会真的扣钱",
        "zh-Hant": "沙箱環境：不會真的扣錢",
    },
    "preview_sheet_cancel": {
        "en": "Cancel",
        "zh-Hans": "取消",
        "zh-Hant": "取消",
    },
    "preview_console_title": {
        "en": "Console (print output)",
        "zh-Hans": "控制台（print 的输出）",
        "zh-Hant": "主控台（print 的輸出）",
    },
    "preview_clear_console": {
        "en": "Clear",
        "zh-Hans": "清空",
        "zh-Hant": "清除",
    },
    "preview_no_page": {
        "en": "No page is open.",
        "zh-Hans": "没有打开的页面。",
        "zh-Hant": "沒有打開的頁面。",
    },
}
