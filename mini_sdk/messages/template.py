"""Messages of the template engine (mini_sdk/wxml, mini_sdk/wxss.py).

Errors are raised as ``TemplateError(key, where="pages/index/index.wxml:12:5\\n<snippet>", ...)``
so the file, line and the student's own line are shown under the message. Warnings go through
``ctx.warn(key, **params)`` and carry ``where`` as a parameter.

Literal ``{{`` / ``}}`` are written ``{{{{`` / ``}}}}`` because messages go through str.format.
"""

MESSAGES = {
    # ------------------------------------------------------------------ warnings (wxml/lint.py)
    "tpl_unknown_tag": {
        "en": "<{tag}> is not a WXML tag, so the phone shows nothing special for it ({where}). Did you mean <{meant}>?",
        "zh-Hans": "<{tag}> 不是 WXML 标签，手机不会把它当成组件显示（{where}）。你是不是想写 <{meant}>？",
        "zh-Hant": "<{tag}> 不是 WXML 標籤，手機不會把它當成元件顯示（{where}）。你是不是想寫 <{meant}>？",
    },
    "tpl_unknown_tag_plain": {
        "en": "<{tag}> is not a WXML tag and no component of that name is registered ({where}).{meant}",
        "zh-Hans": "<{tag}> 不是 WXML 标签，也没有登记叫这个名字的组件（{where}）。{meant}",
        "zh-Hant": "<{tag}> 不是 WXML 標籤，也沒有登記叫這個名字的元件（{where}）。{meant}",
    },
    "tpl_unknown_wx_attr": {
        "en": "{attr} is not a wx: attribute, so it does nothing ({where}). Did you mean {meant}?",
        "zh-Hans": "{attr} 不是 wx: 属性，它不会起任何作用（{where}）。你是不是想写 {meant}？",
        "zh-Hant": "{attr} 不是 wx: 屬性，它不會起任何作用（{where}）。你是不是想寫 {meant}？",
    },
    "tpl_python_constant": {
        "en": "{{{{ }}}} in WXML is JavaScript: write {js}, not {name} ({where}). {name} there is read as a data field that doesn't exist.",
        "zh-Hans": "WXML 里的 {{{{ }}}} 是 JavaScript 的写法：要写 {js}，不是 {name}（{where}）。写 {name} 会被当成一个不存在的数据字段。",
        "zh-Hant": "WXML 裡的 {{{{ }}}} 是 JavaScript 的寫法：要寫 {js}，不是 {name}（{where}）。寫 {name} 會被當成一個不存在的資料欄位。",
    },
    # ------------------------------------------------------------------ reading the file
    "tpl_unterminated_mustache": {
        "en": "A {{{{ is opened here but never closed with }}}}. Add }}}} at the end of the expression.",
        "zh-Hans": "这里的 {{{{ 没有对应的 }}}}。请在表达式末尾加上 }}}}。",
        "zh-Hant": "這裡的 {{{{ 沒有對應的 }}}}。請在表達式末尾加上 }}}}。",
    },
    "tpl_unterminated_comment": {
        "en": "A comment <!-- starts here but never ends. Close it with -->.",
        "zh-Hans": "这里的注释 <!-- 没有结束。请用 --> 把它关上。",
        "zh-Hant": "這裡的註解 <!-- 沒有結束。請用 --> 把它關上。",
    },
    "tpl_unterminated_tag": {
        "en": "The tag {tag} starts here but its > is missing. Finish the tag with > (or /> if it has no content).",
        "zh-Hans": "标签 {tag} 从这里开始，但缺少 >。请用 > 结束这个标签（没有内容的标签用 />）。",
        "zh-Hant": "標籤 {tag} 從這裡開始，但缺少 >。請用 > 結束這個標籤（沒有內容的標籤用 />）。",
    },
    "tpl_bad_end_tag": {
        "en": "The closing tag </{tag} is not finished. Write it as </{tag}>.",
        "zh-Hans": "结束标签 </{tag} 没有写完整。请写成 </{tag}>。",
        "zh-Hant": "結束標籤 </{tag} 沒有寫完整。請寫成 </{tag}>。",
    },
    "tpl_bad_attribute": {
        "en": "Unexpected {char} inside the <{tag}> tag. Attributes look like name=\"value\".",
        "zh-Hans": "<{tag}> 标签里出现了意外的 {char}。属性要写成 name=\"value\" 的样子。",
        "zh-Hant": "<{tag}> 標籤裡出現了意外的 {char}。屬性要寫成 name=\"value\" 的樣子。",
    },
    "tpl_unterminated_quote": {
        "en": "The value of {name} starts with {quote} here but the closing {quote} is missing.",
        "zh-Hans": "属性 {name} 的值从这里的 {quote} 开始，但缺少结尾的 {quote}。",
        "zh-Hant": "屬性 {name} 的值從這裡的 {quote} 開始，但缺少結尾的 {quote}。",
    },
    "tpl_unclosed_tag": {
        "en": "The <{tag}> opened on line {line} is never closed. Add </{tag}> where it should end (or write <{tag} … /> if it has no content).",
        "zh-Hans": "第 {line} 行打开的 <{tag}> 一直没有关闭。请在它结束的地方加上 </{tag}>（没有内容的话写成 <{tag} … />）。",
        "zh-Hant": "第 {line} 行打開的 <{tag}> 一直沒有關閉。請在它結束的地方加上 </{tag}>（沒有內容的話寫成 <{tag} … />）。",
    },
    "tpl_stray_close": {
        "en": "</{tag}> closes a tag that was never opened. Remove it, or add the missing <{tag}>.",
        "zh-Hans": "</{tag}> 关闭了一个从没打开过的标签。请删掉它，或者补上缺少的 <{tag}>。",
        "zh-Hant": "</{tag}> 關閉了一個從沒打開過的標籤。請刪掉它，或者補上缺少的 <{tag}>。",
    },
    "tpl_mismatched_close": {
        "en": "Found </{found}> here, but the tag still open is <{expected}> from line {open_line}. Close </{expected}> first, or check the spelling of both tags.",
        "zh-Hans": "这里是 </{found}>，但还没关闭的是第 {open_line} 行的 <{expected}>。请先写 </{expected}>，或者检查两个标签的拼写。",
        "zh-Hant": "這裡是 </{found}>，但還沒關閉的是第 {open_line} 行的 <{expected}>。請先寫 </{expected}>，或者檢查兩個標籤的拼寫。",
    },
    "tpl_attr_must_be_static": {
        "en": "The {attr} of <{tag}> must be plain text, without {{{{ }}}}.",
        "zh-Hans": "<{tag}> 的 {attr} 必须是普通文字，不能用 {{{{ }}}}。",
        "zh-Hant": "<{tag}> 的 {attr} 必須是普通文字，不能用 {{{{ }}}}。",
    },
    # ------------------------------------------------------------------ expressions
    "tpl_mustache_not_closed": {
        "en": "{expr} is not closed: write }}}} after it (two braces), as in {{{{name}}}}.",
        "zh-Hans": "{expr} 没有关上：要在后面写 }}}}（两个大括号），像 {{{{name}}}} 这样。",
        "zh-Hant": "{expr} 沒有關上：要在後面寫 }}}}（兩個大括號），像 {{{{name}}}} 這樣。",
    },
    "tpl_expr_unexpected": {
        "en": "The template can't understand {token} in {expr}. Check for a typo or a missing operator.",
        "zh-Hans": "模板看不懂 {expr} 里的 {token}。请检查是否打错字或少了运算符。",
        "zh-Hant": "模板看不懂 {expr} 裡的 {token}。請檢查是否打錯字或少了運算符。",
    },
    "tpl_expr_unexpected_end": {
        "en": "{expr} ends too early: something is missing at the end.",
        "zh-Hans": "{expr} 结束得太早了：结尾少了东西。",
        "zh-Hant": "{expr} 結束得太早了：結尾少了東西。",
    },
    "tpl_expr_missing": {
        "en": "{expr} is missing a {token}.",
        "zh-Hans": "{expr} 少了一个 {token}。",
        "zh-Hant": "{expr} 少了一個 {token}。",
    },
    "tpl_expr_unterminated_string": {
        "en": "A text in quotes in {expr} is never closed. Add the closing quote.",
        "zh-Hans": "{expr} 里有一段引号里的文字没有结束。请补上结尾的引号。",
        "zh-Hant": "{expr} 裡有一段引號裡的文字沒有結束。請補上結尾的引號。",
    },
    "tpl_expr_empty": {
        "en": "{expr} is empty. Put a data name inside, like {{{{count}}}}.",
        "zh-Hans": "{expr} 是空的。请在里面写数据名，比如 {{{{count}}}}。",
        "zh-Hant": "{expr} 是空的。請在裡面寫資料名，比如 {{{{count}}}}。",
    },
    "tpl_expr_assignment": {
        "en": "{expr} uses a single =. A template can only show data, not change it: to compare, write == or ===; to change data, call self.set_data in Python.",
        "zh-Hans": "{expr} 用了一个 =。模板只能显示数据，不能修改数据：比较请写 == 或 ===；修改数据请在 Python 里调用 self.set_data。",
        "zh-Hant": "{expr} 用了一個 =。模板只能顯示資料，不能修改資料：比較請寫 == 或 ===；修改資料請在 Python 裡呼叫 self.set_data。",
    },
    "tpl_expr_not_supported": {
        "en": "{what} can't be used inside {{{{ }}}} ({expr}). Work the value out in Python and set_data it, or use a wxs module.",
        "zh-Hans": "{{{{ }}}} 里不能使用 {what}（{expr}）。请在 Python 里算好这个值再 set_data，或者使用 wxs 模块。",
        "zh-Hant": "{{{{ }}}} 裡不能使用 {what}（{expr}）。請在 Python 裡算好這個值再 set_data，或者使用 wxs 模組。",
    },
    "tpl_call_not_allowed": {
        "en": "{expr} calls {call}(…), but templates can't call page methods or methods of your data. Work the value out in Python and put it in the data with set_data, or write the function in a wxs module (<wxs module=\"fmt\" …/>) and call fmt.something(…).",
        "zh-Hans": "{expr} 调用了 {call}(…)，但模板不能调用页面的方法，也不能调用数据自带的方法。请在 Python 里算好这个值再用 set_data 放进数据，或者把函数写进 wxs 模块（<wxs module=\"fmt\" …/>），再调用 fmt.something(…)。",
        "zh-Hant": "{expr} 呼叫了 {call}(…)，但模板不能呼叫頁面的方法，也不能呼叫資料自帶的方法。請在 Python 裡算好這個值再用 set_data 放進資料，或者把函式寫進 wxs 模組（<wxs module=\"fmt\" …/>），再呼叫 fmt.something(…)。",
    },
    "tpl_not_a_function": {
        "en": "{name} is not a function, so it can't be called. Check the name of the function in your wxs module.",
        "zh-Hans": "{name} 不是函数，所以不能调用。请检查 wxs 模块里函数的名字。",
        "zh-Hant": "{name} 不是函式，所以不能呼叫。請檢查 wxs 模組裡函式的名字。",
    },
    "tpl_wxs_raised": {
        "en": "The wxs function {name} went wrong: {error}",
        "zh-Hans": "wxs 函数 {name} 出错了：{error}",
        "zh-Hant": "wxs 函式 {name} 出錯了：{error}",
    },
    # ------------------------------------------------------------------ structure
    "tpl_else_without_if": {
        "en": "{attr} on <{tag}> must come right after an element with wx:if or wx:elif.",
        "zh-Hans": "<{tag}> 上的 {attr} 必须紧跟在带 wx:if 或 wx:elif 的元素后面。",
        "zh-Hant": "<{tag}> 上的 {attr} 必須緊跟在帶 wx:if 或 wx:elif 的元素後面。",
    },
    "tpl_template_needs_name": {
        "en": "A <template> needs name=\"…\" (to define it) or is=\"…\" (to use it).",
        "zh-Hans": "<template> 需要 name=\"…\"（定义模板）或 is=\"…\"（使用模板）。",
        "zh-Hant": "<template> 需要 name=\"…\"（定義模板）或 is=\"…\"（使用模板）。",
    },
    "tpl_template_too_deep": {
        "en": "The template \"{name}\" uses itself again and again without end. Make sure it stops when there is nothing left to show.",
        "zh-Hans": "模板 \"{name}\" 不停地使用自己，停不下来。请确保没有东西可显示时它会停下。",
        "zh-Hant": "模板 \"{name}\" 不停地使用自己，停不下來。請確保沒有東西可顯示時它會停下。",
    },
    "tpl_wxs_needs_module": {
        "en": "A <wxs> needs a module name: <wxs module=\"fmt\" …>.",
        "zh-Hans": "<wxs> 需要模块名：<wxs module=\"fmt\" …>。",
        "zh-Hant": "<wxs> 需要模組名：<wxs module=\"fmt\" …>。",
    },
    "tpl_wxs_bad_module_name": {
        "en": "\"{module}\" can't be a wxs module name: use letters, digits and _, starting with a letter.",
        "zh-Hans": "\"{module}\" 不能做 wxs 模块名：只能用字母、数字和 _，并且以字母开头。",
        "zh-Hant": "\"{module}\" 不能做 wxs 模組名：只能用字母、數字和 _，並且以字母開頭。",
    },
    "wxs_error": {
        "en": "The WXS code went wrong: {error}",
        "zh-Hans": "WXS 代码出错了：{error}",
        "zh-Hant": "WXS 程式碼出錯了：{error}",
    },
    "wxs_not_es5": {
        "en": "WXS is a small, older JavaScript (ES5): \"{what}\" does not exist in it. Write var instead of let/const and function (x) {{ ... }} instead of =>; join strings with +.",
        "zh-Hans": "WXS 是一种较老的小型 JavaScript（ES5）：里面没有 \"{what}\"。请用 var 代替 let/const，用 function (x) {{ ... }} 代替 =>，用 + 拼接字符串。",
        "zh-Hant": "WXS 是一種較舊的小型 JavaScript（ES5）：裡面沒有 \"{what}\"。請用 var 代替 let/const，用 function (x) {{ ... }} 代替 =>，用 + 串接字串。",
    },
    "wxs_too_slow": {
        "en": "The WXS code ran for more than {seconds} s and was stopped. Is there a loop that never ends?",
        "zh-Hans": "WXS 代码运行超过了 {seconds} 秒，被停下了。是不是有一个停不下来的循环？",
        "zh-Hant": "WXS 程式碼執行超過了 {seconds} 秒，被停下了。是不是有一個停不下來的迴圈？",
    },
    "wxs_src_not_found": {
        "en": "<wxs module=\"{module}\" src=\"{src}\">: there is no file {path}. The path is relative to this file and ends in .wxs. (Or give a Python stand-in: wxs = {{\"{module}\": …}} in your Page or Component class.)",
        "zh-Hans": "<wxs module=\"{module}\" src=\"{src}\">：找不到文件 {path}。路径相对于当前文件，并以 .wxs 结尾。（也可以用 Python 代替：在 Page 或 Component 类里写 wxs = {{\"{module}\": …}}。）",
        "zh-Hant": "<wxs module=\"{module}\" src=\"{src}\">：找不到檔案 {path}。路徑相對於目前檔案，並以 .wxs 結尾。（也可以用 Python 代替：在 Page 或 Component 類裡寫 wxs = {{\"{module}\": …}}。）",
    },
    "tpl_wxs_missing": {
        "en": "{file} uses the wxs module \"{module}\", but the page did not give it. In mini_sdk, wxs modules are written in Python: add wxs = {{\"{module}\": …}} to your Page (or Component) class.",
        "zh-Hans": "{file} 用到了 wxs 模块 \"{module}\"，但页面没有提供它。在 mini_sdk 里 wxs 模块用 Python 写：请在你的 Page（或 Component）类里加上 wxs = {{\"{module}\": …}}。",
        "zh-Hant": "{file} 用到了 wxs 模組 \"{module}\"，但頁面沒有提供它。在 mini_sdk 裡 wxs 模組用 Python 寫：請在你的 Page（或 Component）類裡加上 wxs = {{\"{module}\": …}}。",
    },
    "tpl_src_missing": {
        "en": "<{tag}> needs src=\"…\" naming the file to use.",
        "zh-Hans": "<{tag}> 需要 src=\"…\" 写明要用的文件。",
        "zh-Hant": "<{tag}> 需要 src=\"…\" 寫明要用的檔案。",
    },
    "tpl_no_loader": {
        "en": "<{tag} src=\"{src}\"> needs to read another file, but this template was given as text. Put the page in a project folder (MiniProgram.load) so other files can be found.",
        "zh-Hans": "<{tag} src=\"{src}\"> 需要读取另一个文件，但这个模板是直接写成文字的。请把页面放进项目文件夹（MiniProgram.load），这样才能找到其他文件。",
        "zh-Hant": "<{tag} src=\"{src}\"> 需要讀取另一個檔案，但這個模板是直接寫成文字的。請把頁面放進專案資料夾（MiniProgram.load），這樣才能找到其他檔案。",
    },
    "tpl_file_not_found": {
        "en": "<{tag} src=\"{src}\">: there is no file {path}. Check the path: it is relative to this file, or starts with / from the project folder.",
        "zh-Hans": "<{tag} src=\"{src}\">：找不到文件 {path}。请检查路径：它相对于当前文件，或者以 / 开头表示从项目文件夹算起。",
        "zh-Hant": "<{tag} src=\"{src}\">：找不到檔案 {path}。請檢查路徑：它相對於目前檔案，或者以 / 開頭表示從專案資料夾算起。",
    },
    "tpl_include_cycle": {
        "en": "These files include each other in a circle: {chain}. Remove one of the <include> tags.",
        "zh-Hans": "这些文件互相 include，绕成了一个圈：{chain}。请删掉其中一个 <include>。",
        "zh-Hant": "這些檔案互相 include，繞成了一個圈：{chain}。請刪掉其中一個 <include>。",
    },
    # ------------------------------------------------------------------ warnings
    "tpl_wx_for_no_key": {
        "en": "Tip ({where}): give this wx:for a wx:key (like wx:key=\"id\", or wx:key=\"*this\" for a list of texts or numbers) so the list updates correctly.",
        "zh-Hans": "提示（{where}）：请给这个 wx:for 加上 wx:key（比如 wx:key=\"id\"；文字或数字列表用 wx:key=\"*this\"），这样列表才能正确更新。",
        "zh-Hant": "提示（{where}）：請給這個 wx:for 加上 wx:key（比如 wx:key=\"id\"；文字或數字列表用 wx:key=\"*this\"），這樣列表才能正確更新。",
    },
    "tpl_wx_key_mustache": {
        "en": "Warning ({where}): wx:key=\"{key}\" should not use {{{{ }}}}. Write only the field name, like wx:key=\"id\".",
        "zh-Hans": "警告（{where}）：wx:key=\"{key}\" 不应该用 {{{{ }}}}。只写字段名就好，比如 wx:key=\"id\"。",
        "zh-Hant": "警告（{where}）：wx:key=\"{key}\" 不應該用 {{{{ }}}}。只寫欄位名就好，比如 wx:key=\"id\"。",
    },
    "tpl_wx_key_star": {
        "en": "Warning ({where}): wx:key=\"{key}\" is not a valid key. Use the name of a field (wx:key=\"id\") or the keyword *this.",
        "zh-Hans": "警告（{where}）：wx:key=\"{key}\" 不是有效的 key。请用字段名（wx:key=\"id\"）或者关键字 *this。",
        "zh-Hant": "警告（{where}）：wx:key=\"{key}\" 不是有效的 key。請用欄位名（wx:key=\"id\"）或者關鍵字 *this。",
    },
    "tpl_wx_key_missing": {
        "en": "Warning ({where}): wx:key=\"{key}\", but some items have no \"{key}\" field.",
        "zh-Hans": "警告（{where}）：wx:key=\"{key}\"，但有些项目没有 \"{key}\" 字段。",
        "zh-Hant": "警告（{where}）：wx:key=\"{key}\"，但有些項目沒有 \"{key}\" 欄位。",
    },
    "tpl_wx_key_not_simple": {
        "en": "Warning ({where}): the wx:key \"{key}\" of some items is not a text or a number. Keys must be texts or numbers.",
        "zh-Hans": "警告（{where}）：有些项目的 wx:key \"{key}\" 不是文字或数字。key 必须是文字或数字。",
        "zh-Hant": "警告（{where}）：有些項目的 wx:key \"{key}\" 不是文字或數字。key 必須是文字或數字。",
    },
    "tpl_wx_key_duplicate": {
        "en": "Warning ({where}): two items have the same wx:key \"{value}\" ({key}). Each item's key must be different.",
        "zh-Hans": "警告（{where}）：有两个项目的 wx:key 都是 \"{value}\"（{key}）。每个项目的 key 都必须不同。",
        "zh-Hant": "警告（{where}）：有兩個項目的 wx:key 都是 \"{value}\"（{key}）。每個項目的 key 都必須不同。",
    },
    "tpl_template_not_found": {
        "en": "Warning ({where}): there is no template named \"{name}\". Check the name, and <import> the file that defines it (import is not passed on: import it in this file).",
        "zh-Hans": "警告（{where}）：没有叫 \"{name}\" 的模板。请检查名字，并 <import> 定义它的文件（import 不会传递：要在这个文件里 import）。",
        "zh-Hant": "警告（{where}）：沒有叫 \"{name}\" 的模板。請檢查名字，並 <import> 定義它的檔案（import 不會傳遞：要在這個檔案裡 import）。",
    },
    "tpl_template_data_not_object": {
        "en": "Warning ({where}): the data of template \"{name}\" must be an object, like data=\"{{{{...item}}}}\" or data=\"{{{{title: 'Hi'}}}}\".",
        "zh-Hans": "警告（{where}）：模板 \"{name}\" 的 data 必须是对象，比如 data=\"{{{{...item}}}}\" 或 data=\"{{{{title: 'Hi'}}}}\"。",
        "zh-Hant": "警告（{where}）：模板 \"{name}\" 的 data 必須是物件，比如 data=\"{{{{...item}}}}\" 或 data=\"{{{{title: 'Hi'}}}}\"。",
    },
    "tpl_handler_bad_value": {
        "en": "Warning ({where}): {attr} should name a method, but it is {value}. The event is not bound.",
        "zh-Hans": "警告（{where}）：{attr} 应该写方法名，但它是 {value}。这个事件没有绑定。",
        "zh-Hant": "警告（{where}）：{attr} 應該寫方法名，但它是 {value}。這個事件沒有綁定。",
    },
    "tpl_model_not_path": {
        "en": "Warning ({where}): model:{attr} only works with a plain data name, like model:{attr}=\"{{{{name}}}}\".",
        "zh-Hans": "警告（{where}）：model:{attr} 只能绑定一个简单的数据名，比如 model:{attr}=\"{{{{name}}}}\"。",
        "zh-Hant": "警告（{where}）：model:{attr} 只能綁定一個簡單的資料名，比如 model:{attr}=\"{{{{name}}}}\"。",
    },
    # ------------------------------------------------------------------ selectors
    "tpl_selector_invalid": {
        "en": "\"{selector}\" is not a selector mini_sdk understands ({detail}). Use tag names, #id, .class, [attr=value], spaces, > and commas.",
        "zh-Hans": "\"{selector}\" 不是 mini_sdk 能理解的选择器（{detail}）。请使用标签名、#id、.class、[attr=value]、空格、> 和逗号。",
        "zh-Hant": "\"{selector}\" 不是 mini_sdk 能理解的選擇器（{detail}）。請使用標籤名、#id、.class、[attr=value]、空格、> 和逗號。",
    },
    # ------------------------------------------------------------------ WXSS
    "wxss_file_not_found": {
        "en": "@import \"{src}\": there is no file {path}. Check the path: it is relative to this .wxss file.",
        "zh-Hans": "@import \"{src}\"：找不到文件 {path}。请检查路径：它相对于当前的 .wxss 文件。",
        "zh-Hant": "@import \"{src}\"：找不到檔案 {path}。請檢查路徑：它相對於目前的 .wxss 檔案。",
    },
    "wxss_import_cycle": {
        "en": "These style files @import each other in a circle: {chain}. Remove one of the @import lines.",
        "zh-Hans": "这些样式文件互相 @import，绕成了一个圈：{chain}。请删掉其中一行 @import。",
        "zh-Hant": "這些樣式檔案互相 @import，繞成了一個圈：{chain}。請刪掉其中一行 @import。",
    },
}
