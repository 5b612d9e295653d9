"""Messages of the framework core: program, pages, set_data, routes, events."""

MESSAGES = {
    # the clock -------------------------------------------------------------------------------
    "clock_runaway": {
        "en": "Your program keeps scheduling new work at the same moment (a timer or callback that restarts itself with no delay), so the phone can never finish. Give set_interval/set_timeout a delay, or stop the loop.",
        "zh-Hans": "你的程序在同一时刻不停地安排新任务（某个定时器或回调没有延时地反复启动自己），手机永远停不下来。请给 set_interval/set_timeout 设置延时，或者让循环停下来。",
        "zh-Hant": "你的程式在同一時刻不停地安排新工作（某個計時器或回呼沒有延時地反覆啟動自己），手機永遠停不下來。請給 set_interval/set_timeout 設定延時，或者讓迴圈停下來。",
    },
    # student code stopped -------------------------------------------------------------------
    "time_limit": {
        "en": "Your function {function} was still running after {seconds} seconds, so the phone stopped it at line {line}.\nIs there a loop that never ends (a while whose condition never becomes false)? Fix it, run its cell again, then try again.",
        "zh-Hans": "你的函数 {function} 运行了 {seconds} 秒还没结束，手机在第 {line} 行把它停下了。\n是不是有一个永远不会结束的循环（while 的条件一直为真）？改好以后重新运行那个单元格，再试一次。",
        "zh-Hant": "你的函數 {function} 執行了 {seconds} 秒還未完成，手機在第 {line} 行把它停下了。\n是不是有一個永遠不會結束的迴圈（while 的條件一直成立）？改好之後重新執行那個儲存格，再試一次。",
    },
    "interrupted": {
        "en": "You stopped the program while your function {function} was running (at line {line}: {code}).",
        "zh-Hans": "你在函数 {function} 运行的时候停止了程序（停在第 {line} 行：{code}）。",
        "zh-Hant": "你在函數 {function} 執行的時候停止了程式（停在第 {line} 行：{code}）。",
    },
    # program and project ------------------------------------------------------------------------
    "program_no_pages": {
        "en": "A mini-program needs at least one page: MiniProgram(pages={\"pages/index/index\": MyPage}).",
        "zh-Hans": "小程序至少需要一个页面：MiniProgram(pages={\"pages/index/index\": MyPage})。",
        "zh-Hant": "小程式至少需要一個頁面：MiniProgram(pages={\"pages/index/index\": MyPage})。",
    },
    "program_bad_page_path": {
        "en": "{path} is not a page path. Write page paths like \"pages/index/index\".",
        "zh-Hans": "{path} 不是页面路径。页面路径要写成 \"pages/index/index\" 这样。",
        "zh-Hant": "{path} 不是頁面路徑。頁面路徑要寫成 \"pages/index/index\" 這樣。",
    },
    "program_page_not_page": {
        "en": "The page \"{path}\" must be a class that extends Page, but it is {value}. Write: class MyPage(Page): ...",
        "zh-Hans": "页面 \"{path}\" 必须是继承 Page 的类，但它是 {value}。请写：class MyPage(Page): ...",
        "zh-Hant": "頁面 \"{path}\" 必須是繼承 Page 的類別，但它是 {value}。請寫：class MyPage(Page): ...",
    },
    "program_app_not_app": {
        "en": "app= must be a class that extends App, but it is {value}.",
        "zh-Hans": "app= 必须是继承 App 的类，但它是 {value}。",
        "zh-Hant": "app= 必須是繼承 App 的類別，但它是 {value}。",
    },
    "program_component_not_component": {
        "en": "The component <{tag}> must be a class that extends Component, but it is {value}.",
        "zh-Hans": "组件 <{tag}> 必须是继承 Component 的类，但它是 {value}。",
        "zh-Hant": "元件 <{tag}> 必須是繼承 Component 的類別，但它是 {value}。",
    },
    "component_not_a_component": {
        "en": "<{tag}> in {owner} is listed as a component but is not a Component class.",
        "zh-Hans": "{owner} 里的 <{tag}> 被登记为组件，但它不是 Component 类。",
        "zh-Hant": "{owner} 裡的 <{tag}> 被登記為元件，但它不是 Component 類別。",
    },
    "tab_bar_no_list": {
        "en": "tab_bar needs a \"list\" of tabs: {\"list\": [{\"pagePath\": \"pages/index/index\", \"text\": \"Home\"}, ...]}.",
        "zh-Hans": "tab_bar 需要一个 \"list\"：{\"list\": [{\"pagePath\": \"pages/index/index\", \"text\": \"首页\"}, ...]}。",
        "zh-Hant": "tab_bar 需要一個 \"list\"：{\"list\": [{\"pagePath\": \"pages/index/index\", \"text\": \"首頁\"}, ...]}。",
    },
    "tab_bar_count": {
        "en": "The tab bar has {count} tab(s), but it must have at least {min} and at most {max}.",
        "zh-Hans": "tabBar 有 {count} 个标签，但必须至少 {min} 个、最多 {max} 个。",
        "zh-Hant": "tabBar 有 {count} 個標籤，但必須至少 {min} 個、最多 {max} 個。",
    },
    "tab_bar_item_fields": {
        "en": "Tab number {number} needs both \"pagePath\" and \"text\".",
        "zh-Hans": "第 {number} 个标签需要同时写 \"pagePath\" 和 \"text\"。",
        "zh-Hant": "第 {number} 個標籤需要同時寫 \"pagePath\" 和 \"text\"。",
    },
    "tab_bar_unknown_page": {
        "en": "Tab number {number} points to \"{path}\", which is not one of the pages ({pages}). Every tab must be a page listed in pages.",
        "zh-Hans": "第 {number} 个标签指向 \"{path}\"，它不在页面列表里（{pages}）。每个标签都必须是 pages 里的页面。",
        "zh-Hant": "第 {number} 個標籤指向 \"{path}\"，它不在頁面列表裡（{pages}）。每個標籤都必須是 pages 裡的頁面。",
    },
    "tab_bar_duplicate": {
        "en": "Two tabs point to the same page. Each tab needs its own page.",
        "zh-Hans": "有两个标签指向同一个页面。每个标签要有自己的页面。",
        "zh-Hant": "有兩個標籤指向同一個頁面。每個標籤要有自己的頁面。",
    },
    "tab_bar_none": {
        "en": "This mini-program has no tab bar.",
        "zh-Hans": "这个小程序没有 tabBar。",
        "zh-Hant": "這個小程式沒有 tabBar。",
    },
    "tab_bar_no_item": {
        "en": "There is no tab \"{item}\". The tabs are: {items}.",
        "zh-Hans": "没有叫 \"{item}\" 的标签。现有标签：{items}。",
        "zh-Hant": "沒有叫 \"{item}\" 的標籤。現有標籤：{items}。",
    },
    "project_not_folder": {
        "en": "{folder} is not a folder. MiniProgram.load needs the folder that holds app.json.",
        "zh-Hans": "{folder} 不是文件夹。MiniProgram.load 需要放着 app.json 的那个文件夹。",
        "zh-Hant": "{folder} 不是資料夾。MiniProgram.load 需要放著 app.json 的那個資料夾。",
    },
    "project_missing_file": {
        "en": "The file {file} is missing in {folder}.",
        "zh-Hans": "{folder} 里缺少文件 {file}。",
        "zh-Hant": "{folder} 裡缺少檔案 {file}。",
    },
    "project_bad_json": {
        "en": "{file} is not valid JSON: line {line}, column {column}: {reason}. (Check commas and \"double quotes\".)",
        "zh-Hans": "{file} 不是正确的 JSON：第 {line} 行第 {column} 列：{reason}。（检查逗号和 \"双引号\"。）",
        "zh-Hant": "{file} 不是正確的 JSON：第 {line} 行第 {column} 欄：{reason}。（檢查逗號和 \"雙引號\"。）",
    },
    "project_json_not_object": {
        "en": "{file} must hold one JSON object: {{ ... }}.",
        "zh-Hans": "{file} 里必须是一个 JSON 对象：{{ ... }}。",
        "zh-Hant": "{file} 裡必須是一個 JSON 物件：{{ ... }}。",
    },
    "project_no_pages": {
        "en": "{file} needs a \"pages\" list with at least one page path.",
        "zh-Hans": "{file} 需要一个至少含一个页面路径的 \"pages\" 列表。",
        "zh-Hant": "{file} 需要一個至少含一個頁面路徑的 \"pages\" 列表。",
    },
    "project_left_out_js": {
        "en": "{file}: mini_sdk does not run JavaScript, so this page's (or component's) logic is left out: it shows its WXML with empty data and its handlers are missing. Write its logic in Python beside it ({file} → .py).",
        "zh-Hans": "{file}：mini_sdk 不运行 JavaScript，所以这个页面（或组件）的逻辑被略过了：它只显示 WXML（数据为空），事件处理函数都没有。请在旁边用 Python 写它的逻辑（{file} → .py）。",
        "zh-Hant": "{file}：mini_sdk 不執行 JavaScript，所以這個頁面（或元件）的邏輯被略過了：它只顯示 WXML（資料為空），事件處理函式都沒有。請在旁邊用 Python 寫它的邏輯（{file} → .py）。",
    },
    "project_left_out_npm": {
        "en": "{file} uses <{tag}> from the npm package \"{path}\", which is not built into a miniprogram_npm folder of the project, so <{tag}> is shown as a plain element. In DevTools: Tools → Build npm; or copy the built component into miniprogram_npm.",
        "zh-Hans": "{file} 用到了 npm 包 \"{path}\" 里的 <{tag}>，但项目的 miniprogram_npm 文件夹里没有构建好的它，所以 <{tag}> 只当作普通元素显示。在开发者工具里：工具 → 构建 npm；或者把构建好的组件复制到 miniprogram_npm。",
        "zh-Hant": "{file} 用到了 npm 套件 \"{path}\" 裡的 <{tag}>，但專案的 miniprogram_npm 資料夾裡沒有建構好的它，所以 <{tag}> 只當作普通元素顯示。在開發者工具裡：工具 → 建構 npm；或者把建構好的元件複製到 miniprogram_npm。",
    },
    "project_left_out_plugin": {
        "en": "{file} uses <{tag}> from a plugin ({path}); plugins live on WeChat's servers, so <{tag}> is shown as a plain element.",
        "zh-Hans": "{file} 用到了插件里的 <{tag}>（{path}）；插件在微信的服务器上，所以 <{tag}> 只当作普通元素显示。",
        "zh-Hant": "{file} 用到了外掛裡的 <{tag}>（{path}）；外掛在微信的伺服器上，所以 <{tag}> 只當作普通元素顯示。",
    },
    "project_outside_root": {
        "en": "{file} points at \"{path}\", which is outside the project folder. A mini-program can only use files inside its own folder.",
        "zh-Hans": "{file} 指向了 \"{path}\"，它在项目文件夹外面。小程序只能使用自己文件夹里的文件。",
        "zh-Hant": "{file} 指向了 \"{path}\"，它在專案資料夾外面。小程式只能使用自己資料夾裡的檔案。",
    },
    "project_syntax_error": {
        "en": "Python cannot read {file}, line {line}: {reason}.",
        "zh-Hans": "Python 读不懂 {file} 第 {line} 行：{reason}。",
        "zh-Hant": "Python 讀不懂 {file} 第 {line} 行：{reason}。",
    },
    "project_no_class": {
        "en": "{file} must define a class that extends {base}.",
        "zh-Hans": "{file} 里必须定义一个继承 {base} 的类。",
        "zh-Hant": "{file} 裡必須定義一個繼承 {base} 的類別。",
    },
    "project_many_classes": {
        "en": "{file} defines several {base} classes ({names}); keep exactly one per file.",
        "zh-Hans": "{file} 定义了好几个 {base} 类（{names}）；每个文件只能有一个。",
        "zh-Hant": "{file} 定義了好幾個 {base} 類別（{names}）；每個檔案只能有一個。",
    },
    "template_missing": {
        "en": "{owner} has no template. Add template = \"\"\"<view>...</view>\"\"\" to the class, or put a .wxml file with the same name beside its .py file.",
        "zh-Hans": "{owner} 没有模板。请在类里写 template = \"\"\"<view>...</view>\"\"\"，或者在它的 .py 文件旁边放一个同名的 .wxml 文件。",
        "zh-Hant": "{owner} 沒有模板。請在類別裡寫 template = \"\"\"<view>...</view>\"\"\"，或者在它的 .py 檔案旁邊放一個同名的 .wxml 檔案。",
    },
    "data_not_dict": {
        "en": "data in {owner} must be a dict like {{\"count\": 0}}, not a {type}.",
        "zh-Hans": "{owner} 的 data 必须是像 {{\"count\": 0}} 这样的字典，而不是 {type}。",
        "zh-Hant": "{owner} 的 data 必須是像 {{\"count\": 0}} 這樣的字典，而不是 {type}。",
    },
    "phone_no_program": {
        "en": "This phone has no mini-program to run.",
        "zh-Hans": "这台手机上没有要运行的小程序。",
        "zh-Hant": "這部手機上沒有要執行的小程式。",
    },
    "get_app_no_program": {
        "en": "get_app() reaches the App of the running mini-program, and none is running now. Use it inside on_launch, on_load, a handler or a callback, or launch the program first (with launch(program) as phone: ...).",
        "zh-Hans": "get_app() 取得的是正在运行的小程序的 App，可现在没有小程序在运行。请在 on_launch、on_load、事件处理函数或回调里使用它，或者先启动小程序（with launch(program) as phone: ...）。",
        "zh-Hant": "get_app() 取得的是正在執行的小程式的 App，可現在沒有小程式在執行。請在 on_launch、on_load、事件處理函式或回呼裡使用它，或者先啟動小程式（with launch(program) as phone: ...）。",
    },
    "hook_camel_case": {
        "en": "{owner} defines {camel}, the JavaScript name. In Python the lifecycle hook is called {snake}, so {camel} never runs.",
        "zh-Hans": "{owner} 定义了 {camel}，这是 JavaScript 里的名字。在 Python 里生命周期函数叫 {snake}，所以 {camel} 不会被调用。",
        "zh-Hant": "{owner} 定義了 {camel}，這是 JavaScript 裡的名字。在 Python 裡生命週期函式叫 {snake}，所以 {camel} 不會被呼叫。",
    },
    # set_data ----------------------------------------------------------------------------------
    "set_data_not_dict": {
        "en": "set_data needs a dict such as {{\"count\": 1}}, but got a {type}.",
        "zh-Hans": "set_data 需要一个字典，比如 {{\"count\": 1}}，但收到的是 {type}。",
        "zh-Hant": "set_data 需要一個字典，例如 {{\"count\": 1}}，但收到的是 {type}。",
    },
    "set_data_key_not_string": {
        "en": "set_data keys must be text (like \"count\" or \"list[0].name\"), but one key is {key}.",
        "zh-Hans": "set_data 的键必须是文字（比如 \"count\" 或 \"list[0].name\"），但有一个键是 {key}。",
        "zh-Hant": "set_data 的鍵必須是文字（例如 \"count\" 或 \"list[0].name\"），但有一個鍵是 {key}。",
    },
    "set_data_bad_path": {
        "en": "\"{key}\" is not a data path set_data understands. Use names joined by dots and [numbers], like \"cart[0].count\" or \"user.name\".",
        "zh-Hans": "set_data 看不懂路径 \"{key}\"。请用点和 [数字] 连接名字，比如 \"cart[0].count\" 或 \"user.name\"。",
        "zh-Hant": "set_data 看不懂路徑 \"{key}\"。請用點和 [數字] 連接名字，例如 \"cart[0].count\" 或 \"user.name\"。",
    },
    "set_data_bad_index": {
        "en": "In \"{key}\", {part} is not a list position. Inside [ ] put a whole number, like cart[0].",
        "zh-Hans": "在 \"{key}\" 里，{part} 不是列表位置。[ ] 里要写整数，比如 cart[0]。",
        "zh-Hant": "在 \"{key}\" 裡，{part} 不是列表位置。[ ] 裡要寫整數，例如 cart[0]。",
    },
    "set_data_not_json": {
        "en": "set_data can only send text, numbers, True/False, None, lists and dicts to the page, but \"{key}\" holds a {type}. Turn it into a list or dict first.",
        "zh-Hans": "set_data 只能把文字、数字、True/False、None、列表和字典发给页面，但 \"{key}\" 里有一个 {type}。请先把它变成列表或字典。",
        "zh-Hant": "set_data 只能把文字、數字、True/False、None、列表和字典傳給頁面，但 \"{key}\" 裡有一個 {type}。請先把它變成列表或字典。",
    },
    "set_data_circular": {
        "en": "The data for {keys} contains itself (a list or dict inside itself), so it cannot be sent to the page.",
        "zh-Hans": "{keys} 的数据包含了它自己（列表或字典套住了自己），没法发给页面。",
        "zh-Hant": "{keys} 的資料包含了它自己（列表或字典套住了自己），沒法傳給頁面。",
    },
    "set_data_too_big": {
        "en": "This set_data sends {size_kb} kB, but one set_data may send at most {limit_kb} kB. Send only what changed, e.g. {{\"list[3].count\": 2}} instead of the whole list.",
        "zh-Hans": "这次 set_data 要发送 {size_kb} kB，但一次最多只能发送 {limit_kb} kB。只发送变化的部分，比如用 {{\"list[3].count\": 2}} 代替整个列表。",
        "zh-Hant": "這次 set_data 要傳送 {size_kb} kB，但一次最多只能傳送 {limit_kb} kB。只傳送變化的部分，例如用 {{\"list[3].count\": 2}} 代替整個列表。",
    },
    "set_data_in_created": {
        "en": "{owner} calls set_data in created(), where it is not allowed yet. Move it to attached().",
        "zh-Hans": "{owner} 在 created() 里调用了 set_data，这时还不允许。请把它移到 attached() 里。",
        "zh-Hant": "{owner} 在 created() 裡呼叫了 set_data，這時還不允許。請把它移到 attached() 裡。",
    },
    "set_data_index_gap": {
        "en": "set_data \"{key}\" writes past the end of a list that has {length} item(s); the gap was filled with None.",
        "zh-Hans": "set_data \"{key}\" 写到了列表末尾之后（列表只有 {length} 项）；中间的空位用 None 填上了。",
        "zh-Hant": "set_data \"{key}\" 寫到了列表末尾之後（列表只有 {length} 項）；中間的空位用 None 填上了。",
    },
    # components --------------------------------------------------------------------------------
    "property_bad_type": {
        "en": "Property \"{name}\" of {owner} has type {type}; use str, int, float, bool, list, dict or None.",
        "zh-Hans": "{owner} 的属性 \"{name}\" 类型是 {type}；请用 str、int、float、bool、list、dict 或 None。",
        "zh-Hant": "{owner} 的屬性 \"{name}\" 類型是 {type}；請用 str、int、float、bool、list、dict 或 None。",
    },
    "property_wrong_type": {
        "en": "Property \"{name}\" of {owner} should be a {expected}, but the page gave {value}; the default value is used.",
        "zh-Hans": "{owner} 的属性 \"{name}\" 应该是 {expected}，但页面传来的是 {value}；已改用默认值。",
        "zh-Hant": "{owner} 的屬性 \"{name}\" 應該是 {expected}，但頁面傳來的是 {value}；已改用預設值。",
    },
    "observer_missing": {
        "en": "An observer of {owner} names \"{name}\", but there is no such method.",
        "zh-Hans": "{owner} 的一个 observer 指向 \"{name}\"，但没有这个方法。",
        "zh-Hant": "{owner} 的一個 observer 指向 \"{name}\"，但沒有這個方法。",
    },
    "observer_loop": {
        "en": "The observers of {owner} keep calling set_data on what they watch, so they would run for ever. Don't set a watched field inside its own observer.",
        "zh-Hans": "{owner} 的 observer 一直对自己监听的数据调用 set_data，会无限循环。不要在 observer 里设置它正在监听的字段。",
        "zh-Hant": "{owner} 的 observer 一直對自己監聽的資料呼叫 set_data，會無限循環。不要在 observer 裡設定它正在監聽的欄位。",
    },
    # events ------------------------------------------------------------------------------------
    "handler_missing": {
        "en": "{owner} has no method \"{handler}\" to handle the \"{event}\" event. Add def {handler}(self, event): ... to the class (or fix the name in the template).",
        "zh-Hans": "{owner} 没有处理 \"{event}\" 事件的方法 \"{handler}\"。请在类里加上 def {handler}(self, event): ...（或者改正模板里的名字）。",
        "zh-Hant": "{owner} 沒有處理 \"{event}\" 事件的方法 \"{handler}\"。請在類別裡加上 def {handler}(self, event): ...（或者改正模板裡的名字）。",
    },
    "element_not_on_page": {
        "en": "This <{tag}> is no longer on the page {page} (the page changed or was closed). Find it again with query().",
        "zh-Hans": "这个 <{tag}> 已经不在页面 {page} 上了（页面变了或被关闭了）。请用 query() 重新找它。",
        "zh-Hant": "這個 <{tag}> 已經不在頁面 {page} 上了（頁面變了或被關閉了）。請用 query() 重新找它。",
    },
    "input_not_input": {
        "en": "Only <input> and <textarea> can be typed into, not <{tag}>.",
        "zh-Hans": "只有 <input> 和 <textarea> 可以输入文字，<{tag}> 不行。",
        "zh-Hant": "只有 <input> 和 <textarea> 可以輸入文字，<{tag}> 不行。",
    },
    "navigator_failed": {
        "en": "The <navigator> to {url} did not open: {reason}",
        "zh-Hans": "跳转到 {url} 的 <navigator> 没有打开：{reason}",
        "zh-Hant": "跳轉到 {url} 的 <navigator> 沒有打開：{reason}",
    },
    # routes ------------------------------------------------------------------------------------
    "route_no_url": {
        "en": "{api} needs a url, like \"/pages/detail/detail?id=3\".",
        "zh-Hans": "{api} 需要一个 url，比如 \"/pages/detail/detail?id=3\"。",
        "zh-Hant": "{api} 需要一個 url，例如 \"/pages/detail/detail?id=3\"。",
    },
    "route_page_not_found": {
        "en": "{api}: there is no page \"{path}\". The pages are: {pages}.",
        "zh-Hans": "{api}：没有页面 \"{path}\"。现有页面：{pages}。",
        "zh-Hant": "{api}：沒有頁面 \"{path}\"。現有頁面：{pages}。",
    },
    "route_tab_page": {
        "en": "{api} cannot open \"{path}\" because it is a tab page. Use switch_tab for tab pages.",
        "zh-Hans": "{api} 不能打开 \"{path}\"，因为它是 tabBar 页面。tabBar 页面要用 switch_tab。",
        "zh-Hant": "{api} 不能打開 \"{path}\"，因為它是 tabBar 頁面。tabBar 頁面要用 switch_tab。",
    },
    "route_not_tab_page": {
        "en": "switch_tab only opens tab pages ({tabs}); \"{path}\" is not one. Use navigate_to instead.",
        "zh-Hans": "switch_tab 只能打开 tabBar 页面（{tabs}）；\"{path}\" 不是。请改用 navigate_to。",
        "zh-Hant": "switch_tab 只能打開 tabBar 頁面（{tabs}）；\"{path}\" 不是。請改用 navigate_to。",
    },
    "route_stack_full": {
        "en": "Already {limit} pages are open, the most a mini-program allows. Use redirect_to (which replaces this page) or navigate_back.",
        "zh-Hans": "已经打开了 {limit} 层页面，这是小程序的上限。请用 redirect_to（替换当前页）或 navigate_back。",
        "zh-Hant": "已經打開了 {limit} 層頁面，這是小程式的上限。請用 redirect_to（取代目前頁面）或 navigate_back。",
    },
    "route_back_first_page": {
        "en": "navigate_back: this is the first page, there is nothing to go back to.",
        "zh-Hans": "navigate_back：这已经是第一个页面了，没有可以返回的页面。",
        "zh-Hant": "navigate_back：這已經是第一個頁面了，沒有可以返回的頁面。",
    },
    "route_switch_tab_query": {
        "en": "switch_tab(\"{url}\"): tab pages cannot receive ?parameters; they were dropped. Share data through get_app().global_data or storage.",
        "zh-Hans": "switch_tab(\"{url}\")：tabBar 页面不能带 ?参数，参数已被丢掉。可以用 get_app().global_data 或本地缓存传数据。",
        "zh-Hant": "switch_tab(\"{url}\")：tabBar 頁面不能帶 ?參數，參數已被丟掉。可以用 get_app().global_data 或本機快取傳資料。",
    },
    "page_not_found_title": {
        "en": "Page not found",
        "zh-Hans": "页面不存在",
        "zh-Hant": "頁面不存在",
    },
    "page_not_found_body": {
        "en": "The page you opened does not exist.",
        "zh-Hans": "你打开的页面不存在。",
        "zh-Hant": "你打開的頁面不存在。",
    },
    # calling the student's functions ------------------------------------------------------------
    "function_needs_more_arguments": {
        "en": "{function} cannot be called: the mini-program gives it {given} value(s) (a handler gets the event, on_load gets the query, most other hooks get nothing), but it is written to need {needed}. Remove the extra parameters, or give them a default (def {name}(self, {parameter}=None): ...).",
        "zh-Hans": "{function} 没法被调用：小程序只会传给它 {given} 个值（事件处理函数得到 event，on_load 得到 query，大多数其他生命周期函数什么也得不到），可它写成了需要 {needed} 个。请删掉多出来的参数，或者给它们默认值（def {name}(self, {parameter}=None): ...）。",
        "zh-Hant": "{function} 沒法被呼叫：小程式只會傳給它 {given} 個值（事件處理函式得到 event，on_load 得到 query，大多數其他生命週期函式什麼也得不到），可它寫成了需要 {needed} 個。請刪掉多出來的參數，或者給它們預設值（def {name}(self, {parameter}=None): ...）。",
    },
}
