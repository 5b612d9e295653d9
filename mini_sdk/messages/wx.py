"""Messages of the wx APIs and the pretend servers (errors and warnings), for 12-year-olds:
what happened, and what to do."""

MESSAGES = {
    # ---- calling convention -----------------------------------------------------------------
    "wx.call_failed": {
        "en": "wx.{api} failed: {err}",
        "zh-Hans": "wx.{api} 失败了：{err}",
        "zh-Hant": "wx.{api} 失敗了：{err}",
    },
    "wx.waiting_for_user": {
        "en": "wx.{api} is waiting for the user to answer the {what}. In a test, answer it first "
              "(for example phone.services.ui.queue_modal_answer(), phone.services.pay.queue_answer('confirm') "
              "or phone.mock_wx_method(...)), or use success/fail callbacks instead of .result().",
        "zh-Hans": "wx.{api} 正在等用户回应 {what}。在测试里请先准备好回答（例如 "
                   "phone.services.ui.queue_modal_answer()、phone.services.pay.queue_answer('confirm') "
                   "或 phone.mock_wx_method(...)），或者改用 success/fail 回调，不要用 .result()。",
        "zh-Hant": "wx.{api} 正在等用戶回應 {what}。在測試裡請先準備好回答（例如 "
                   "phone.services.ui.queue_modal_answer()、phone.services.pay.queue_answer('confirm') "
                   "或 phone.mock_wx_method(...)），或者改用 success/fail 回呼，不要用 .result()。",
    },
    "wx.never_answered": {
        "en": "wx.{api} got no answer even after waiting {ms} ms on the phone's clock.",
        "zh-Hans": "在手机时钟上等了 {ms} 毫秒，wx.{api} 还是没有结果。",
        "zh-Hant": "在手機時鐘上等了 {ms} 毫秒，wx.{api} 還是沒有結果。",
    },
    "wx.result_no_field": {
        "en": "This result has no '{name}'. It has: {fields}.",
        "zh-Hans": "这个结果里没有 '{name}'。它有：{fields}。",
        "zh-Hant": "這個結果裡沒有 '{name}'。它有：{fields}。",
    },
    "wx.unknown_option": {
        "en": "wx.{api} has no option '{name}' (a typo?). Its options are: {known}.",
        "zh-Hans": "wx.{api} 没有 '{name}' 这个选项（打错字了吗？）。可用的选项：{known}。",
        "zh-Hant": "wx.{api} 沒有 '{name}' 這個選項（打錯字了嗎？）。可用的選項：{known}。",
    },
    "wx.unhandled_rejection": {
        "en": "wx.{api} failed and nothing handled it: {err_msg} (real WeChat's console says \"Uncaught (in promise)\"). Give it fail=... or read the answer with .result() or .catch(...).",
        "zh-Hans": "wx.{api} 失败了，却没有代码处理它：{err_msg}（真实微信的控制台会显示 \"Uncaught (in promise)\"）。请给它加上 fail=...，或者用 .result() 或 .catch(...) 读取结果。",
        "zh-Hant": "wx.{api} 失敗了，卻沒有程式碼處理它：{err_msg}（真實微信的主控台會顯示 \"Uncaught (in promise)\"）。請給它加上 fail=...，或者用 .result() 或 .catch(...) 讀取結果。",
    },
    "wx.callback_not_callable": {
        "en": "wx.{api}: '{name}' must be a function, but it is a {type}. Write {name}=my_function (no brackets).",
        "zh-Hans": "wx.{api}：'{name}' 应该是一个函数，但它是 {type}。写成 {name}=my_function（不要加括号）。",
        "zh-Hant": "wx.{api}：'{name}' 應該是一個函式，但它是 {type}。寫成 {name}=my_function（不要加括號）。",
    },
    "wx.too_many_arguments": {
        "en": "wx.{api} takes {expected} value(s) here, but got {given}. Pass options as name=value.",
        "zh-Hans": "wx.{api} 在这里只接受 {expected} 个值，却收到了 {given} 个。请用 名字=值 的写法传选项。",
        "zh-Hant": "wx.{api} 在這裡只接受 {expected} 個值，卻收到了 {given} 個。請用 名字=值 的寫法傳選項。",
    },
    "wx.use_snake_case": {
        "en": "In mini_sdk the name is wx.{snake}, not wx.{name} (Python uses snake_case).",
        "zh-Hans": "在 mini_sdk 里要写 wx.{snake}，不是 wx.{name}（Python 用下划线命名）。",
        "zh-Hant": "在 mini_sdk 裡要寫 wx.{snake}，不是 wx.{name}（Python 用底線命名）。",
    },
    "wx.no_such_api": {
        "en": "wx has no '{name}'. Did you mean one of: {close}? (dir(wx) lists them all.)",
        "zh-Hans": "wx 没有 '{name}'。你是不是想用：{close}？（dir(wx) 可以列出全部。）",
        "zh-Hant": "wx 沒有 '{name}'。你是不是想用：{close}？（dir(wx) 可以列出全部。）",
    },
    "wx.cannot_assign": {
        "en": "You can't change wx.{name}. To fake it in a test, use phone.mock_wx_method('{name}', result=...).",
        "zh-Hans": "不能修改 wx.{name}。想在测试里假装它的结果，请用 phone.mock_wx_method('{name}', result=...)。",
        "zh-Hant": "不能修改 wx.{name}。想在測試裡假裝它的結果，請用 phone.mock_wx_method('{name}', result=...)。",
    },
    # ---- storage ------------------------------------------------------------------------------
    "wx.storage_key_not_text": {
        "en": "A storage key must be text (a str), like \"cart\", but you gave {given}.",
        "zh-Hans": "缓存的 key 必须是文字（str），比如 \"cart\"，你给的是 {given}。",
        "zh-Hant": "快取的 key 必須是文字（str），例如 \"cart\"，你給的是 {given}。",
    },
    "wx.storage_not_json": {
        "en": "Can't store a {type} under '{key}': storage keeps only JSON data "
              "(dict, list, str, int, float, bool, None).",
        "zh-Hans": "不能把 {type} 存到 '{key}'：缓存只能存 JSON 数据（dict、list、str、int、float、bool、None）。",
        "zh-Hant": "不能把 {type} 存到 '{key}'：快取只能存 JSON 資料（dict、list、str、int、float、bool、None）。",
    },
    "wx.storage_key_too_big": {
        "en": "'{key}' is {kb} KB, but one key may hold at most {limit_kb} KB. Store less, or split it over several keys.",
        "zh-Hans": "'{key}' 有 {kb} KB，但一个 key 最多只能存 {limit_kb} KB。少存一点，或者分到几个 key 里。",
        "zh-Hant": "'{key}' 有 {kb} KB，但一個 key 最多只能存 {limit_kb} KB。少存一點，或者分到幾個 key 裡。",
    },
    "wx.storage_full": {
        "en": "Storage is full: {used_kb} KB used, '{key}' needs {kb} KB more, the limit is {limit_kb} KB. "
              "Remove keys you no longer need (wx.remove_storage_sync).",
        "zh-Hans": "缓存满了：已用 {used_kb} KB，'{key}' 还要 {kb} KB，上限是 {limit_kb} KB。"
                   "请删掉不用的 key（wx.remove_storage_sync）。",
        "zh-Hant": "快取滿了：已用 {used_kb} KB，'{key}' 還要 {kb} KB，上限是 {limit_kb} KB。"
                   "請刪掉不用的 key（wx.remove_storage_sync）。",
    },
    # ---- ui -------------------------------------------------------------------------------------
    "wx.toast_icon_unknown": {
        "en": "show_toast icon '{icon}' does not exist; use one of: {known}.",
        "zh-Hans": "show_toast 没有 '{icon}' 这个图标；可以用：{known}。",
        "zh-Hant": "show_toast 沒有 '{icon}' 這個圖示；可以用：{known}。",
    },
    "wx.toast_title_cut": {
        "en": "The toast title \"{title}\" is too long for a toast with an icon (about 7 Chinese characters fit); "
              "the phone cuts it. Use icon=\"none\" for longer text.",
        "zh-Hans": "提示框标题 \"{title}\" 太长了，带图标时大约只能显示 7 个汉字，手机会截断。长文字请用 icon=\"none\"。",
        "zh-Hant": "提示框標題 \"{title}\" 太長了，帶圖示時大約只能顯示 7 個漢字，手機會截斷。長文字請用 icon=\"none\"。",
    },
    "wx.hide_closed_other": {
        "en": "{api} also closed the {kind} \"{title}\": toast and loading share one place on the screen. "
              "Hide the loading before you show a toast.",
        "zh-Hans": "{api} 把 {kind}「{title}」也关掉了：toast 和 loading 共用屏幕上同一个位置。请先隐藏 loading 再显示 toast。",
        "zh-Hant": "{api} 把 {kind}「{title}」也關掉了：toast 和 loading 共用螢幕上同一個位置。請先隱藏 loading 再顯示 toast。",
    },
    "wx.no_modal": {
        "en": "There is no modal on the screen to answer. Did the program call wx.show_modal?",
        "zh-Hans": "屏幕上没有对话框可以回答。程序调用 wx.show_modal 了吗？",
        "zh-Hant": "螢幕上沒有對話框可以回答。程式呼叫 wx.show_modal 了嗎？",
    },
    "wx.modal_has_no_cancel": {
        "en": "The modal \"{title}\" has no cancel button (show_cancel=False), so the user can't cancel it.",
        "zh-Hans": "对话框「{title}」没有取消按钮（show_cancel=False），用户不能取消。",
        "zh-Hant": "對話框「{title}」沒有取消按鈕（show_cancel=False），用戶不能取消。",
    },
    "wx.modal_not_editable": {
        "en": "The modal \"{title}\" has no text box (editable=False), so nothing can be typed into it.",
        "zh-Hans": "对话框「{title}」没有输入框（editable=False），不能输入文字。",
        "zh-Hant": "對話框「{title}」沒有輸入框（editable=False），不能輸入文字。",
    },
    "wx.no_action_sheet": {
        "en": "There is no action sheet on the screen. Did the program call wx.show_action_sheet?",
        "zh-Hans": "屏幕上没有操作菜单。程序调用 wx.show_action_sheet 了吗？",
        "zh-Hant": "螢幕上沒有操作選單。程式呼叫 wx.show_action_sheet 了嗎？",
    },
    "wx.action_sheet_no_item": {
        "en": "The action sheet has {count} items, so there is no item number {index} (counting starts at 0).",
        "zh-Hans": "操作菜单只有 {count} 项，没有第 {index} 项（从 0 开始数）。",
        "zh-Hant": "操作選單只有 {count} 項，沒有第 {index} 項（從 0 開始數）。",
    },
    # ---- network --------------------------------------------------------------------------------
    "wx.request_invalid_url": {
        "en": "wx.request: {url} is not a full address. Write it like https://api.myshop.com/menu.",
        "zh-Hans": "wx.request：{url} 不是完整的地址。要写成 https://api.myshop.com/menu 这样。",
        "zh-Hant": "wx.request：{url} 不是完整的網址。要寫成 https://api.myshop.com/menu 這樣。",
    },
    "wx.request_needs_https": {
        "en": "wx.request refused {url}: mini-programs may only use https:// addresses.",
        "zh-Hans": "wx.request 拒绝了 {url}：小程序只能访问 https:// 开头的地址。",
        "zh-Hant": "wx.request 拒絕了 {url}：小程式只能存取 https:// 開頭的網址。",
    },
    "wx.request_no_ip": {
        "en": "wx.request refused {url}: an IP address is not allowed, use your server's domain name.",
        "zh-Hans": "wx.request 拒绝了 {url}：不能用 IP 地址，请用服务器的域名。",
        "zh-Hant": "wx.request 拒絕了 {url}：不能用 IP 位址，請用伺服器的網域名稱。",
    },
    "wx.request_no_localhost": {
        "en": "wx.request refused {url}: localhost is the phone itself, not your server. Use your backend's domain.",
        "zh-Hans": "wx.request 拒绝了 {url}：localhost 指的是手机自己，不是你的服务器。请用后端的域名。",
        "zh-Hant": "wx.request 拒絕了 {url}：localhost 指的是手機自己，不是你的伺服器。請用後端的網域。",
    },
    "wx.request_weixin_api": {
        "en": "wx.request refused {url}: the phone may never call api.weixin.qq.com (that would leak the AppSecret). "
              "Call code2session from your backend: request.code2session(code).",
        "zh-Hans": "wx.request 拒绝了 {url}：手机不能直接调用 api.weixin.qq.com（会泄露 AppSecret）。"
                   "请在后端调用 request.code2session(code)。",
        "zh-Hant": "wx.request 拒絕了 {url}：手機不能直接呼叫 api.weixin.qq.com（會洩露 AppSecret）。"
                   "請在後端呼叫 request.code2session(code)。",
    },
    "wx.request_no_backend": {
        "en": "wx.request refused {url}: this program has no backend. Give one: MiniProgram(..., backend=my_backend).",
        "zh-Hans": "wx.request 拒绝了 {url}：这个程序没有后端。请这样提供：MiniProgram(..., backend=my_backend)。",
        "zh-Hant": "wx.request 拒絕了 {url}：這個程式沒有後端。請這樣提供：MiniProgram(..., backend=my_backend)。",
    },
    "wx.request_domain_not_listed": {
        "en": "wx.request refused {url}: that domain is not one of the program's server domains ({domains}). "
              "Check the spelling and the port.",
        "zh-Hans": "wx.request 拒绝了 {url}：这个域名不在程序的服务器域名里（{domains}）。请检查拼写和端口。",
        "zh-Hant": "wx.request 拒絕了 {url}：這個網域不在程式的伺服器網域裡（{domains}）。請檢查拼字和連接埠。",
    },
    "wx.request_bad_method": {
        "en": "wx.request: method '{method}' does not exist; use GET, POST, PUT, DELETE, HEAD, OPTIONS, TRACE or CONNECT.",
        "zh-Hans": "wx.request：没有 '{method}' 这种 method；请用 GET、POST、PUT、DELETE、HEAD、OPTIONS、TRACE 或 CONNECT。",
        "zh-Hant": "wx.request：沒有 '{method}' 這種 method；請用 GET、POST、PUT、DELETE、HEAD、OPTIONS、TRACE 或 CONNECT。",
    },
    "wx.request_data_not_json": {
        "en": "wx.request: can't send a {type} as data; send a dict, a list or text.",
        "zh-Hans": "wx.request：不能把 {type} 当作 data 发送；请发送 dict、list 或文字。",
        "zh-Hant": "wx.request：不能把 {type} 當作 data 傳送；請傳送 dict、list 或文字。",
    },
    "wx.request_no_referer": {
        "en": "wx.request ignores a Referer header: the phone always sets it itself.",
        "zh-Hans": "wx.request 会忽略 Referer 请求头：手机总是自己设置它。",
        "zh-Hant": "wx.request 會忽略 Referer 標頭：手機總是自己設定它。",
    },
    "wx.backend_bad_answer": {
        "en": "The backend route for {path} returned something that can't be sent back ({problem}); the phone got status 500. "
              "Return a dict, a list, text, or (status, body).",
        "zh-Hans": "后端 {path} 的函数返回了不能发送的内容（{problem}），手机收到状态码 500。请返回 dict、list、文字或 (状态码, 内容)。",
        "zh-Hant": "後端 {path} 的函式回傳了不能傳送的內容（{problem}），手機收到狀態碼 500。請回傳 dict、list、文字或 (狀態碼, 內容)。",
    },
    # ---- pay (client) ---------------------------------------------------------------------------
    "wx.pay_param_type": {
        "en": "wx.request_payment needs {name} as text, but it is {type}. Pass on exactly what your backend's sign_pay_params() gave.",
        "zh-Hans": "wx.request_payment 需要文字形式的 {name}，现在却是 {type}。请原样传入后端 sign_pay_params() 给的参数。",
        "zh-Hant": "wx.request_payment 需要文字形式的 {name}，現在卻是 {type}。請原樣傳入後端 sign_pay_params() 給的參數。",
    },
    "wx.pay_sign_type": {
        "en": "wx.request_payment: sign_type '{value}' does not exist; use \"RSA\" (v3) or \"MD5\" / \"HMAC-SHA256\" (v2).",
        "zh-Hans": "wx.request_payment：没有 '{value}' 这种 sign_type；请用 \"RSA\"（v3）或 \"MD5\" / \"HMAC-SHA256\"（v2）。",
        "zh-Hant": "wx.request_payment：沒有 '{value}' 這種 sign_type；請用 \"RSA\"（v3）或 \"MD5\" / \"HMAC-SHA256\"（v2）。",
    },
    "wx.pay_nonce_long": {
        "en": "wx.request_payment: nonce_str may be at most 32 characters long.",
        "zh-Hans": "wx.request_payment：nonce_str 最多 32 个字符。",
        "zh-Hant": "wx.request_payment：nonce_str 最多 32 個字元。",
    },
    "wx.pay_bad_package": {
        "en": "wx.request_payment: package must look like \"prepay_id=...\" with the prepay_id your backend got from create_jsapi_order.",
        "zh-Hans": "wx.request_payment：package 应该是 \"prepay_id=...\" 的样子，里面是后端 create_jsapi_order 得到的 prepay_id。",
        "zh-Hant": "wx.request_payment：package 應該是 \"prepay_id=...\" 的樣子，裡面是後端 create_jsapi_order 得到的 prepay_id。",
    },
    "wx.pay_unknown_prepay": {
        "en": "wx.request_payment: WeChat Pay has never seen this prepay_id. Create the order on your backend first.",
        "zh-Hans": "wx.request_payment：微信支付不认识这个 prepay_id。请先在后端下单。",
        "zh-Hant": "wx.request_payment：微信支付不認識這個 prepay_id。請先在後端下單。",
    },
    "wx.pay_wrong_app": {
        "en": "wx.request_payment: this order was made for a different mini-program (appid).",
        "zh-Hans": "wx.request_payment：这个订单是为另一个小程序（appid）创建的。",
        "zh-Hant": "wx.request_payment：這個訂單是為另一個小程式（appid）建立的。",
    },
    "wx.pay_already_paid": {
        "en": "wx.request_payment: this order is already paid. Make a new order (a new out_trade_no) for a new payment.",
        "zh-Hans": "wx.request_payment：这个订单已经付过款了。新的付款要用新的订单（新的 out_trade_no）。",
        "zh-Hant": "wx.request_payment：這個訂單已經付過款了。新的付款要用新的訂單（新的 out_trade_no）。",
    },
    "wx.pay_order_closed": {
        "en": "wx.request_payment: this order is closed (expired or closed by the shop). Make a new order.",
        "zh-Hans": "wx.request_payment：这个订单已关闭（过期了或被商户关闭）。请重新下单。",
        "zh-Hant": "wx.request_payment：這個訂單已關閉（過期了或被商戶關閉）。請重新下單。",
    },
    "wx.pay_prepay_expired": {
        "en": "wx.request_payment: the prepay_id is older than 2 hours. Ask your backend for a new one.",
        "zh-Hans": "wx.request_payment：prepay_id 已经超过 2 小时失效了。请让后端重新下单。",
        "zh-Hant": "wx.request_payment：prepay_id 已經超過 2 小時失效了。請讓後端重新下單。",
    },
    "wx.pay_wrong_user": {
        "en": "wx.request_payment: the order was made for another WeChat user (payer openid). Use the openid of the user who is paying.",
        "zh-Hans": "wx.request_payment：这个订单是给另一个微信用户（payer 的 openid）下的。请用正在付款的用户的 openid。",
        "zh-Hant": "wx.request_payment：這個訂單是給另一個微信用戶（payer 的 openid）下的。請用正在付款的用戶的 openid。",
    },
    "wx.pay_bad_sign": {
        "en": "wx.request_payment: the pay_sign does not match (sign_type {sign_type}, order made with API {api}). "
              "A v3 order needs sign_type \"RSA\" and sign_pay_params(); a v2 order needs \"MD5\" and sign_pay_params_v2(). "
              "Don't change any parameter after signing.",
        "zh-Hans": "wx.request_payment：pay_sign 对不上（sign_type 是 {sign_type}，订单用的是 {api} 接口）。"
                   "v3 订单要用 sign_type \"RSA\" 和 sign_pay_params()；v2 订单要用 \"MD5\" 和 sign_pay_params_v2()。签名之后不要再改任何参数。",
        "zh-Hant": "wx.request_payment：pay_sign 對不上（sign_type 是 {sign_type}，訂單用的是 {api} 介面）。"
                   "v3 訂單要用 sign_type \"RSA\" 和 sign_pay_params()；v2 訂單要用 \"MD5\" 和 sign_pay_params_v2()。簽名之後不要再改任何參數。",
    },
    "wx.pay_sheet_busy": {
        "en": "wx.request_payment: another payment is still on the screen. Wait for it to finish.",
        "zh-Hans": "wx.request_payment：另一个付款还没结束。请等它完成。",
        "zh-Hant": "wx.request_payment：另一個付款還沒結束。請等它完成。",
    },
    "wx.no_pay_sheet": {
        "en": "There is no pay sheet on the screen. Did the program call wx.request_payment, and did the phone accept its parameters?",
        "zh-Hans": "屏幕上没有付款页面。程序调用 wx.request_payment 了吗？参数被手机接受了吗？",
        "zh-Hant": "螢幕上沒有付款頁面。程式呼叫 wx.request_payment 了嗎？參數被手機接受了嗎？",
    },
    "wx.pay_bad_answer": {
        "en": "A pay sheet answer is \"confirm\", \"cancel\" or \"fail:<message>\", not {action!r}.",
        "zh-Hans": "付款页面的回答只能是 \"confirm\"、\"cancel\" 或 \"fail:<原因>\"，不是 {action!r}。",
        "zh-Hant": "付款頁面的回答只能是 \"confirm\"、\"cancel\" 或 \"fail:<原因>\"，不是 {action!r}。",
    },
    # ---- device ---------------------------------------------------------------------------------
    "wx.no_device_prompt": {
        "en": "There is no device prompt ({api}) waiting for an answer.",
        "zh-Hans": "没有等待回答的设备请求（{api}）。",
        "zh-Hant": "沒有等待回答的裝置請求（{api}）。",
    },
    "wx.device_bad_answer": {
        "en": "The answer's {field} must be a number, not {value}.",
        "zh-Hans": "回答里的 {field} 必须是数字，不能是 {value}。",
        "zh-Hant": "回答裡的 {field} 必須是數字，不能是 {value}。",
    },
    "wx.device_bad_location": {
        "en": "({latitude}, {longitude}) is not a place on Earth: latitude goes from -90 to 90, longitude from -180 to 180.",
        "zh-Hans": "({latitude}, {longitude}) 不是地球上的位置：纬度在 -90 到 90 之间，经度在 -180 到 180 之间。",
        "zh-Hant": "({latitude}, {longitude}) 不是地球上的位置：緯度在 -90 到 90 之間，經度在 -180 到 180 之間。",
    },
    "wx.device_too_many_files": {
        "en": "The user can pick at most {count} files here (count={count}), not {given}.",
        "zh-Hans": "这里用户最多只能选 {count} 个文件（count={count}），不能选 {given} 个。",
        "zh-Hant": "這裡用戶最多只能選 {count} 個檔案（count={count}），不能選 {given} 個。",
    },
    "wx.device_permission_denied_before": {
        "en": "wx.{api} failed at once: the user refused {scope} before, and the phone does not ask again. "
              "Explain why you need it and let the user open the settings (wx.open_setting).",
        "zh-Hans": "wx.{api} 直接失败了：用户之前拒绝过 {scope}，手机不会再问。请说明为什么需要它，并让用户打开设置（wx.open_setting）。",
        "zh-Hant": "wx.{api} 直接失敗了：用戶之前拒絕過 {scope}，手機不會再問。請說明為什麼需要它，並讓用戶打開設定（wx.open_setting）。",
    },
    "wx.location_not_declared": {
        "en": "wx.get_location needs \"requiredPrivateInfos\": [\"getLocation\"] in app.json.",
        "zh-Hans": "wx.get_location 需要在 app.json 里写上 \"requiredPrivateInfos\": [\"getLocation\"]。",
        "zh-Hant": "wx.get_location 需要在 app.json 裡寫上 \"requiredPrivateInfos\": [\"getLocation\"]。",
    },
    "wx.location_no_desc": {
        "en": "wx.get_location needs a reason shown to the user, in app.json: "
              "\"permission\": {{\"scope.userLocation\": {{\"desc\": \"to find the nearest shop\"}}}}.",
        "zh-Hans": "wx.get_location 需要在 app.json 里写明给用户看的理由："
                   "\"permission\": {{\"scope.userLocation\": {{\"desc\": \"用于查找最近的门店\"}}}}。",
        "zh-Hant": "wx.get_location 需要在 app.json 裡寫明給用戶看的理由："
                   "\"permission\": {{\"scope.userLocation\": {{\"desc\": \"用於查找最近的門市\"}}}}。",
    },
    "wx.location_bad_type": {
        "en": "wx.get_location type must be \"wgs84\" or \"gcj02\", not {value!r}.",
        "zh-Hans": "wx.get_location 的 type 只能是 \"wgs84\" 或 \"gcj02\"，不能是 {value!r}。",
        "zh-Hant": "wx.get_location 的 type 只能是 \"wgs84\" 或 \"gcj02\"，不能是 {value!r}。",
    },
    "wx.media_bad_count": {
        "en": "wx.choose_media count must be a whole number from 1 to 20, not {value!r}.",
        "zh-Hans": "wx.choose_media 的 count 必须是 1 到 20 的整数，不能是 {value!r}。",
        "zh-Hant": "wx.choose_media 的 count 必須是 1 到 20 的整數，不能是 {value!r}。",
    },
    "wx.media_bad_duration": {
        "en": "wx.choose_media max_duration must be from 3 to 60 seconds, not {value!r}.",
        "zh-Hans": "wx.choose_media 的 max_duration 必须在 3 到 60 秒之间，不能是 {value!r}。",
        "zh-Hant": "wx.choose_media 的 max_duration 必須在 3 到 60 秒之間，不能是 {value!r}。",
    },
    "wx.user_profile_reclaimed": {
        "en": "Since October 2022 wx.get_user_profile only gives the grey avatar and the name \"微信用户\". "
              "Use <button open-type=\"chooseAvatar\"> and <input type=\"nickname\"> instead.",
        "zh-Hans": "从 2022 年 10 月起，wx.get_user_profile 只返回灰色头像和昵称「微信用户」。"
                   "请改用 <button open-type=\"chooseAvatar\"> 和 <input type=\"nickname\">。",
        "zh-Hant": "從 2022 年 10 月起，wx.get_user_profile 只回傳灰色頭像和暱稱「微信用户」。"
                   "請改用 <button open-type=\"chooseAvatar\"> 和 <input type=\"nickname\">。",
    },
    # ---- cloud ----------------------------------------------------------------------------------
    "wx.cloud_not_initialised": {
        "en": "Call wx.cloud.init() first (usually in the App's on_launch), then use the cloud.",
        "zh-Hans": "请先调用 wx.cloud.init()（一般写在 App 的 on_launch 里），再使用云开发。",
        "zh-Hant": "請先呼叫 wx.cloud.init()（一般寫在 App 的 on_launch 裡），再使用雲開發。",
    },
    "wx.cloud_no_env": {
        "en": "This program has no cloud environment. Give one: MiniProgram(..., cloud=CloudEnv(\"my-env\")).",
        "zh-Hans": "这个程序没有云环境。请这样提供：MiniProgram(..., cloud=CloudEnv(\"my-env\"))。",
        "zh-Hant": "這個程式沒有雲環境。請這樣提供：MiniProgram(..., cloud=CloudEnv(\"my-env\"))。",
    },
    "wx.cloud_unknown_env": {
        "en": "There is no cloud environment '{env}'. The program has: {known}.",
        "zh-Hans": "没有叫 '{env}' 的云环境。程序里有：{known}。",
        "zh-Hant": "沒有叫 '{env}' 的雲環境。程式裡有：{known}。",
    },
    "wx.cloud_no_function": {
        "en": "There is no cloud function '{name}'. The cloud has: {known}.",
        "zh-Hans": "没有叫 '{name}' 的云函数。云端有：{known}。",
        "zh-Hant": "沒有叫 '{name}' 的雲函式。雲端有：{known}。",
    },
    "wx.cloud_limit_capped": {
        "en": "On the phone one get() returns at most {limit} records, so limit({asked}) gives {limit}. "
              "Use skip() to read the next page, or a cloud function.",
        "zh-Hans": "在手机上一次 get() 最多返回 {limit} 条记录，所以 limit({asked}) 只会得到 {limit} 条。请用 skip() 翻页，或者用云函数。",
        "zh-Hant": "在手機上一次 get() 最多回傳 {limit} 筆記錄，所以 limit({asked}) 只會得到 {limit} 筆。請用 skip() 翻頁，或者用雲函式。",
    },
    "wx.cloud_not_yours": {
        "en": "Nothing happened to record {id} in '{name}': on the phone you can only {action} records you created. "
              "Use a cloud function to change other people's records.",
        "zh-Hans": "'{name}' 里的记录 {id} 没有变化：在手机上只能 {action} 自己创建的记录。要改别人的记录，请用云函数。",
        "zh-Hant": "'{name}' 裡的記錄 {id} 沒有變化：在手機上只能 {action} 自己建立的記錄。要改別人的記錄，請用雲函式。",
    },
    "wx.cloud_query_write_on_phone": {
        "en": "On the phone a query can't {action} many records at once ('{name}'). "
              "Use .doc(id).{action}() for one of your own records, or a cloud function.",
        "zh-Hans": "在手机上不能用查询一次 {action} 多条记录（'{name}'）。请对自己的一条记录用 .doc(id).{action}()，或者用云函数。",
        "zh-Hant": "在手機上不能用查詢一次 {action} 多筆記錄（'{name}'）。請對自己的一筆記錄用 .doc(id).{action}()，或者用雲函式。",
    },
    # ---- servers --------------------------------------------------------------------------------
    "servers.domain_not_https": {
        "en": "A backend domain must start with https:// (got {domain}). WeChat only allows https servers.",
        "zh-Hans": "后端域名必须以 https:// 开头（现在是 {domain}）。微信只允许 https 服务器。",
        "zh-Hant": "後端網域必須以 https:// 開頭（現在是 {domain}）。微信只允許 https 伺服器。",
    },
    "servers.domain_not_allowed": {
        "en": "{domain} can't be a server domain: WeChat refuses IP addresses and localhost. Use a name like https://api.myshop.com.",
        "zh-Hans": "{domain} 不能当服务器域名：微信不接受 IP 地址和 localhost。请用 https://api.myshop.com 这样的名字。",
        "zh-Hant": "{domain} 不能當伺服器網域：微信不接受 IP 位址和 localhost。請用 https://api.myshop.com 這樣的名字。",
    },
    "servers.domain_weixin": {
        "en": "{domain} belongs to WeChat and can't be your server domain.",
        "zh-Hans": "{domain} 是微信自己的域名，不能当你的服务器域名。",
        "zh-Hant": "{domain} 是微信自己的網域，不能當你的伺服器網域。",
    },
    "servers.route_needs_slash": {
        "en": "A route path starts with /, like \"/menu\" (got {path!r}).",
        "zh-Hans": "路由路径要以 / 开头，比如 \"/menu\"（现在是 {path!r}）。",
        "zh-Hant": "路由路徑要以 / 開頭，例如 \"/menu\"（現在是 {path!r}）。",
    },
    "servers.route_bad_method": {
        "en": "Route {path}: '{method}' is not an HTTP method (GET, POST, PUT, DELETE, ...).",
        "zh-Hans": "路由 {path}：'{method}' 不是 HTTP 方法（GET、POST、PUT、DELETE……）。",
        "zh-Hant": "路由 {path}：'{method}' 不是 HTTP 方法（GET、POST、PUT、DELETE……）。",
    },
    "servers.no_backend_for_session": {
        "en": "Sessions belong to a backend; this request did not come through one.",
        "zh-Hans": "登录态属于某个后端；这个请求不是从后端来的。",
        "zh-Hant": "登入狀態屬於某個後端；這個請求不是從後端來的。",
    },
    "servers.no_platform": {
        "en": "This request is not connected to a WeChat platform (it did not come from a phone).",
        "zh-Hans": "这个请求没有连接到微信平台（它不是从手机发来的）。",
        "zh-Hant": "這個請求沒有連接到微信平台（它不是從手機發來的）。",
    },
    "servers.pay_description": {
        "en": "WeChat Pay refused the order ({code}: {detail}): description is required, e.g. \"Brown sugar boba x1\".",
        "zh-Hans": "微信支付拒绝了下单（{code}：{detail}）：必须写 description，比如 \"黑糖珍珠奶茶 x1\"。",
        "zh-Hant": "微信支付拒絕了下單（{code}：{detail}）：必須寫 description，例如 \"黑糖珍珠奶茶 x1\"。",
    },
    "servers.pay_description_long": {
        "en": "WeChat Pay refused the order ({code}: {detail}): description has {length} characters, at most 127 are allowed.",
        "zh-Hans": "微信支付拒绝了下单（{code}：{detail}）：description 有 {length} 个字，最多 127 个。",
        "zh-Hant": "微信支付拒絕了下單（{code}：{detail}）：description 有 {length} 個字，最多 127 個。",
    },
    "servers.pay_out_trade_no": {
        "en": "WeChat Pay refused the order ({code}: {detail}): out_trade_no {value} must be 6 to 32 letters, digits or _ - * |.",
        "zh-Hans": "微信支付拒绝了下单（{code}：{detail}）：out_trade_no {value} 必须是 6 到 32 个字母、数字或 _ - * |。",
        "zh-Hant": "微信支付拒絕了下單（{code}：{detail}）：out_trade_no {value} 必須是 6 到 32 個字母、數字或 _ - * |。",
    },
    "servers.pay_out_trade_no_used": {
        "en": "WeChat Pay refused the order ({code}: {detail}): out_trade_no {value} was already used for a different order. "
              "Every order needs its own number.",
        "zh-Hans": "微信支付拒绝了下单（{code}：{detail}）：out_trade_no {value} 已经用在另一个订单上了。每个订单要有自己的编号。",
        "zh-Hant": "微信支付拒絕了下單（{code}：{detail}）：out_trade_no {value} 已經用在另一個訂單上了。每個訂單要有自己的編號。",
    },
    "servers.pay_total_not_fen": {
        "en": "WeChat Pay refused ({code}: {detail}): amounts are whole numbers of fen (分), not {value}. 18.00 yuan is 1800.",
        "zh-Hans": "微信支付拒绝了（{code}：{detail}）：金额要用整数的「分」，不能是 {value}。18.00 元写成 1800。",
        "zh-Hant": "微信支付拒絕了（{code}：{detail}）：金額要用整數的「分」，不能是 {value}。18.00 元寫成 1800。",
    },
    "servers.pay_total_positive": {
        "en": "WeChat Pay refused the order ({code}: {detail}): the amount must be at least 1 fen, not {value}.",
        "zh-Hans": "微信支付拒绝了下单（{code}：{detail}）：金额至少 1 分，不能是 {value}。",
        "zh-Hant": "微信支付拒絕了下單（{code}：{detail}）：金額至少 1 分，不能是 {value}。",
    },
    "servers.pay_currency": {
        "en": "WeChat Pay refused the order ({code}: {detail}): the currency must be \"CNY\", not {value}.",
        "zh-Hans": "微信支付拒绝了下单（{code}：{detail}）：币种只能是 \"CNY\"，不能是 {value}。",
        "zh-Hant": "微信支付拒絕了下單（{code}：{detail}）：幣種只能是 \"CNY\"，不能是 {value}。",
    },
    "servers.pay_notify_url": {
        "en": "WeChat Pay refused the order ({code}: {detail}): notify_url {value} must be an https address on your backend, without ?query.",
        "zh-Hans": "微信支付拒绝了下单（{code}：{detail}）：notify_url {value} 必须是你后端的 https 地址，不能带 ? 参数。",
        "zh-Hant": "微信支付拒絕了下單（{code}：{detail}）：notify_url {value} 必須是你後端的 https 網址，不能帶 ? 參數。",
    },
    "servers.pay_openid": {
        "en": "WeChat Pay refused the order ({code}: {detail}): {value} is not the openid of a user of this mini-program. "
              "Get it with request.code2session(code).",
        "zh-Hans": "微信支付拒绝了下单（{code}：{detail}）：{value} 不是这个小程序用户的 openid。请用 request.code2session(code) 得到它。",
        "zh-Hant": "微信支付拒絕了下單（{code}：{detail}）：{value} 不是這個小程式用戶的 openid。請用 request.code2session(code) 取得它。",
    },
    "servers.pay_attach_long": {
        "en": "WeChat Pay refused the order ({code}: {detail}): attach may have at most 128 characters.",
        "zh-Hans": "微信支付拒绝了下单（{code}：{detail}）：attach 最多 128 个字。",
        "zh-Hant": "微信支付拒絕了下單（{code}：{detail}）：attach 最多 128 個字。",
    },
    "servers.pay_time_expire": {
        "en": "WeChat Pay refused the order ({code}: {detail}): time_expire {value} must look like 2024-09-01T10:00:00+08:00.",
        "zh-Hans": "微信支付拒绝了下单（{code}：{detail}）：time_expire {value} 应该写成 2024-09-01T10:00:00+08:00 这样。",
        "zh-Hant": "微信支付拒絕了下單（{code}：{detail}）：time_expire {value} 應該寫成 2024-09-01T10:00:00+08:00 這樣。",
    },
    "servers.pay_order_paid": {
        "en": "WeChat Pay ({code}: {detail}): this order is already paid.",
        "zh-Hans": "微信支付（{code}：{detail}）：这个订单已经支付了。",
        "zh-Hant": "微信支付（{code}：{detail}）：這個訂單已經支付了。",
    },
    "servers.pay_order_closed": {
        "en": "WeChat Pay ({code}: {detail}): this order is closed; use a new out_trade_no.",
        "zh-Hans": "微信支付（{code}：{detail}）：这个订单已关闭；请用新的 out_trade_no。",
        "zh-Hant": "微信支付（{code}：{detail}）：這個訂單已關閉；請用新的 out_trade_no。",
    },
    "servers.pay_no_order": {
        "en": "WeChat Pay ({code}: {detail}): there is no order {value} for this merchant.",
        "zh-Hans": "微信支付（{code}：{detail}）：这个商户没有订单 {value}。",
        "zh-Hant": "微信支付（{code}：{detail}）：這個商戶沒有訂單 {value}。",
    },
    "servers.pay_wrong_appid": {
        "en": "WeChat Pay refused the order ({code}: {detail}): appid {appid} is not this mini-program's.",
        "zh-Hans": "微信支付拒绝了下单（{code}：{detail}）：appid {appid} 不是这个小程序的。",
        "zh-Hant": "微信支付拒絕了下單（{code}：{detail}）：appid {appid} 不是這個小程式的。",
    },
    "servers.pay_trade_type": {
        "en": "WeChat Pay refused the order ({code}: {detail}): a mini-program pays with trade_type \"JSAPI\", not {value}.",
        "zh-Hans": "微信支付拒绝了下单（{code}：{detail}）：小程序支付的 trade_type 是 \"JSAPI\"，不是 {value}。",
        "zh-Hant": "微信支付拒絕了下單（{code}：{detail}）：小程式支付的 trade_type 是 \"JSAPI\"，不是 {value}。",
    },
    "servers.pay_refund_unpaid": {
        "en": "WeChat Pay ({code}: {detail}): only a paid order can be refunded.",
        "zh-Hans": "微信支付（{code}：{detail}）：只有已支付的订单才能退款。",
        "zh-Hant": "微信支付（{code}：{detail}）：只有已支付的訂單才能退款。",
    },
    "servers.pay_refund_total": {
        "en": "WeChat Pay ({code}: {detail}): total must be the order's amount ({total} fen), not {value}.",
        "zh-Hans": "微信支付（{code}：{detail}）：total 必须是订单金额（{total} 分），不能是 {value}。",
        "zh-Hant": "微信支付（{code}：{detail}）：total 必須是訂單金額（{total} 分），不能是 {value}。",
    },
    "servers.pay_refund_too_much": {
        "en": "WeChat Pay ({code}: {detail}): can't refund {value} fen, only {left} fen are left to refund.",
        "zh-Hans": "微信支付（{code}：{detail}）：不能退 {value} 分，只剩 {left} 分可以退。",
        "zh-Hant": "微信支付（{code}：{detail}）：不能退 {value} 分，只剩 {left} 分可以退。",
    },
    "servers.pay_notify_bad_signature": {
        "en": "This payment notification's signature is wrong: it did not come from WeChat Pay. Don't trust it (answer 401).",
        "zh-Hans": "这个支付通知的签名不对：它不是微信支付发的。不要相信它（请返回 401）。",
        "zh-Hant": "這個支付通知的簽名不對：它不是微信支付發的。不要相信它（請回傳 401）。",
    },
    "servers.pay_notify_cannot_decrypt": {
        "en": "This payment notification can't be decrypted with your APIv3 key.",
        "zh-Hans": "用你的 APIv3 密钥解不开这个支付通知。",
        "zh-Hant": "用你的 APIv3 金鑰解不開這個支付通知。",
    },
    "servers.cloud_bad_permission": {
        "en": "'{mode}' is not a permission mode; use one of: {known}.",
        "zh-Hans": "'{mode}' 不是权限模式；请用：{known}。",
        "zh-Hant": "'{mode}' 不是權限模式；請用：{known}。",
    },
    "servers.cloud_no_collection": {
        "en": "The cloud database has no collection '{name}' (it has: {known}). Create it first: CloudEnv(..., collections={{...}}).",
        "zh-Hans": "云数据库里没有集合 '{name}'（现有：{known}）。请先创建：CloudEnv(..., collections={{...}})。",
        "zh-Hant": "雲資料庫裡沒有集合 '{name}'（現有：{known}）。請先建立：CloudEnv(..., collections={{...}})。",
    },
    "servers.cloud_no_document": {
        "en": "No record {id} in '{name}' that you may read.",
        "zh-Hans": "'{name}' 里没有你能读取的记录 {id}。",
        "zh-Hant": "'{name}' 裡沒有你能讀取的記錄 {id}。",
    },
    "servers.cloud_permission_read": {
        "en": "The phone may not read '{name}' (permission {mode}: only cloud functions can). Use a cloud function.",
        "zh-Hans": "手机不能读取 '{name}'（权限 {mode}：只有云函数可以）。请用云函数。",
        "zh-Hant": "手機不能讀取 '{name}'（權限 {mode}：只有雲函式可以）。請用雲函式。",
    },
    "servers.cloud_permission_write": {
        "en": "The phone may not write to '{name}' (permission {mode}: only cloud functions can). Use a cloud function.",
        "zh-Hans": "手机不能写入 '{name}'（权限 {mode}：只有云函数可以）。请用云函数。",
        "zh-Hant": "手機不能寫入 '{name}'（權限 {mode}：只有雲函式可以）。請用雲函式。",
    },
    "servers.cloud_add_needs_dict": {
        "en": "The record to save must be a dict: add(data={{\"name\": ...}}).",
        "zh-Hans": "要保存的记录必须是 dict：add(data={{\"name\": ...}})。",
        "zh-Hant": "要儲存的記錄必須是 dict：add(data={{\"name\": ...}})。",
    },
    "servers.cloud_no_openid_write": {
        "en": "_openid is filled in by the cloud (who created the record); don't set it yourself.",
        "zh-Hans": "_openid 由云端自动填写（记录的创建者），不要自己设置。",
        "zh-Hant": "_openid 由雲端自動填寫（記錄的建立者），不要自己設定。",
    },
    "servers.cloud_cannot_change_id": {
        "en": "A record's _id (and _openid) can't be changed.",
        "zh-Hans": "记录的 _id（和 _openid）不能修改。",
        "zh-Hant": "記錄的 _id（和 _openid）不能修改。",
    },
    "servers.cloud_duplicate_id": {
        "en": "There is already a record with _id {id}. Leave _id out to get a new one.",
        "zh-Hans": "已经有 _id 为 {id} 的记录了。不写 _id 就会自动生成新的。",
        "zh-Hant": "已經有 _id 為 {id} 的記錄了。不寫 _id 就會自動產生新的。",
    },
    "servers.cloud_not_json": {
        "en": "A {type} can't be saved in the cloud database; use dict, list, str, numbers, bool or None.",
        "zh-Hans": "{type} 不能存进云数据库；请用 dict、list、str、数字、bool 或 None。",
        "zh-Hant": "{type} 不能存進雲資料庫；請用 dict、list、str、數字、bool 或 None。",
    },
    "servers.cloud_command_in_data": {
        "en": "db.command operators go in where() or update(), not in the data you add or set.",
        "zh-Hans": "db.command 的操作符只能用在 where() 或 update() 里，不能放在 add 或 set 的数据里。",
        "zh-Hant": "db.command 的運算子只能用在 where() 或 update() 裡，不能放在 add 或 set 的資料裡。",
    },
    "servers.cloud_bad_command": {
        "en": "'{op}' can't be used here.",
        "zh-Hans": "这里不能用 '{op}'。",
        "zh-Hant": "這裡不能用 '{op}'。",
    },
    "servers.cloud_bad_where": {
        "en": "where() needs a dict like {{\"status\": \"paid\"}}, or _.or_([...]).",
        "zh-Hans": "where() 需要一个 dict，比如 {{\"status\": \"paid\"}}，或者 _.or_([...])。",
        "zh-Hant": "where() 需要一個 dict，例如 {{\"status\": \"paid\"}}，或者 _.or_([...])。",
    },
    "servers.cloud_bad_order": {
        "en": "order_by direction must be \"asc\" or \"desc\", not {direction!r}.",
        "zh-Hans": "order_by 的方向只能是 \"asc\" 或 \"desc\"，不能是 {direction!r}。",
        "zh-Hant": "order_by 的方向只能是 \"asc\" 或 \"desc\"，不能是 {direction!r}。",
    },
}

MESSAGES["wx.server_code_crashed"] = {
    "en": "Server code {function} crashed ({error}); the phone got an error answer. Look at phone.errors for the line.",
    "zh-Hans": "服务器代码 {function} 出错了（{error}），手机收到了错误的回应。请在 phone.errors 里查看出错的行。",
    "zh-Hant": "伺服器程式 {function} 出錯了（{error}），手機收到了錯誤的回應。請在 phone.errors 裡查看出錯的行。",
}
