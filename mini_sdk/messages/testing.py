"""Messages of the test driver (mini_sdk.testing): what a failing check tells its reader."""

MESSAGES = {
    "remote_program_stopped": {
        "en": "Your program stopped during this test (it crashed, called exit or ran out of memory).",
        "zh-Hans": "在这个测试进行时，你的程序停止了（崩溃、调用了 exit 或者内存不够）。",
        "zh-Hant": "在這個測試進行時，你的程式停止了（當機、呼叫了 exit 或者記憶體不足）。",
    },
    "remote_time_limit": {
        "en": "Your program took too long to answer during this test (an endless loop?).",
        "zh-Hans": "在这个测试进行时，你的程序太久没有回应（是不是死循环？）。",
        "zh-Hant": "在這個測試進行時，你的程式太久沒有回應（是不是無限迴圈？）。",
    },
    "driver_not_program": {
        "en": "launch() needs a MiniProgram (or the folder of a project), not a {value}.",
        "zh-Hans": "launch() 需要一个 MiniProgram（或者项目文件夹），而不是 {value}。",
        "zh-Hant": "launch() 需要一個 MiniProgram（或者專案資料夾），而不是 {value}。",
    },
    "driver_stale": {
        "en": "your cell [{cell}] stopped with an error, so this test would run the version from before: {error} "
              "Fix that cell and run it again (Shift+Enter) until it shows no error, then run this test again.",
        "zh-Hans": "你的单元格 [{cell}] 运行时出错了，所以这个测试只能测到之前的版本：{error} "
                   "改好那个单元格，再运行一次（Shift+Enter），直到它不再报错，然后再运行这个测试。",
        "zh-Hant": "你的儲存格 [{cell}] 執行時出錯了，所以這個測試只能測到之前的版本：{error} "
                   "改好那個儲存格，再執行一次（Shift+Enter），直到它不再出錯，然後再執行這個測試。",
    },
    "driver_no_page": {
        "en": "No page is open on the phone.",
        "zh-Hans": "手机上没有打开任何页面。",
        "zh-Hant": "手機上沒有打開任何頁面。",
    },
    "driver_no_match": {
        "en": "No element matches '{selector}' on {place}. Elements with ids: {ids}. Tags on the page: {tags}.",
        "zh-Hans": "在 {place} 上找不到与 '{selector}' 匹配的元素。带 id 的元素：{ids}。页面上的标签：{tags}。",
        "zh-Hant": "在 {place} 上找不到與 '{selector}' 相符的元素。帶 id 的元素：{ids}。頁面上的標籤：{tags}。",
    },
    "driver_page_not_shown": {
        "en": "{element} is on the page {page}, but the phone now shows {current}.",
        "zh-Hans": "{element} 在页面 {page} 上，但手机现在显示的是 {current}。",
        "zh-Hant": "{element} 在頁面 {page} 上，但手機現在顯示的是 {current}。",
    },
    "driver_element_gone": {
        "en": "{element} ('{selector}') is no longer on {page}: the page changed and it disappeared.",
        "zh-Hans": "{element}（'{selector}'）已经不在 {page} 上了：页面变化后它消失了。",
        "zh-Hant": "{element}（'{selector}'）已經不在 {page} 上了：頁面變化後它消失了。",
    },
    "driver_navigation_failed": {
        "en": "The page did not open: {reason}",
        "zh-Hans": "页面没有打开：{reason}",
        "zh-Hant": "頁面沒有打開：{reason}",
    },
    "dialog_blocks_page": {
        "en": "{action}: a dialog ({dialog}) covers the screen, so a finger cannot reach the page under it, as on a real phone. Answer it first: phone.confirm_modal() / phone.cancel_modal(), phone.choose_action(i), phone.confirm_payment() / phone.cancel_payment(), or phone.advance(ms) until a toast is gone.",
        "zh-Hans": "{action}：对话框（{dialog}）盖住了屏幕，手指碰不到下面的页面，真手机也是这样。请先回答它：phone.confirm_modal() / phone.cancel_modal()、phone.choose_action(i)、phone.confirm_payment() / phone.cancel_payment()，或者用 phone.advance(ms) 等提示消失。",
        "zh-Hant": "{action}：對話框（{dialog}）蓋住了螢幕，手指碰不到下面的頁面，真手機也是這樣。請先回答它：phone.confirm_modal() / phone.cancel_modal()、phone.choose_action(i)、phone.confirm_payment() / phone.cancel_payment()，或者用 phone.advance(ms) 等提示消失。",
    },
    "driver_no_modal": {
        "en": "There is no dialog on the screen to answer. The screen shows:\n{screen}",
        "zh-Hans": "屏幕上没有可以回答的对话框。屏幕上显示：\n{screen}",
        "zh-Hant": "螢幕上沒有可以回答的對話框。螢幕上顯示：\n{screen}",
    },
    "driver_no_pay_sheet": {
        "en": "There is no WeChat Pay sheet on the screen. The screen shows:\n{screen}",
        "zh-Hans": "屏幕上没有微信支付窗口。屏幕上显示：\n{screen}",
        "zh-Hant": "螢幕上沒有微信支付視窗。螢幕上顯示：\n{screen}",
    },
    "driver_no_method": {
        "en": "{page} has no method \"{name}\".",
        "zh-Hans": "{page} 没有方法 \"{name}\"。",
        "zh-Hant": "{page} 沒有方法 \"{name}\"。",
    },
    "driver_not_component": {
        "en": "render_component() needs a Component class, not {value}.",
        "zh-Hans": "render_component() 需要一个 Component 类，而不是 {value}。",
        "zh-Hant": "render_component() 需要一個 Component 類別，而不是 {value}。",
    },
    "driver_unknown_property": {
        "en": "{component} has no property \"{name}\". Its properties: {names}.",
        "zh-Hans": "{component} 没有属性 \"{name}\"。它的属性有：{names}。",
        "zh-Hant": "{component} 沒有屬性 \"{name}\"。它的屬性有：{names}。",
    },
}
