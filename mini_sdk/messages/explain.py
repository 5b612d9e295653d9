"""Python's own errors explained to a 12-year-old (mini_sdk.explain), in their language.

Each names what went wrong in the student's words, and what to try; ``{original}`` is what
Python itself said (in English), kept so a student can search for it."""

MESSAGES = {
    "explain_name": {
        "en": "Python does not know the name {name}: nothing called {name} has been made yet.",
        "zh-Hans": "Python 不认识名字 {name}：还没有任何东西叫 {name}。",
        "zh-Hant": "Python 不認識名字 {name}：還沒有任何東西叫 {name}。",
    },
    "explain_name_failed_cell": {
        "en": "Your cell [{cell}] makes {name}, but it stopped with an error before it could. Fix that cell "
              "first (its error is the one to read), run it again, then run this one.",
        "zh-Hans": "{name} 是由你的单元格 [{cell}] 定义的，可是那个单元格出错停下了，没能定义它。"
                   "先改好那个单元格（要看的是它的错误），再运行一次，然后再运行这一个。",
        "zh-Hant": "{name} 是由你的儲存格 [{cell}] 定義的，可是那個儲存格出錯停下了，沒能定義它。"
                   "先改好那個儲存格（要看的是它的錯誤），再執行一次，然後再執行這一個。",
    },
    "explain_list_position": {
        "en": "A list is looked up by a position, a whole number (0 for the first item, 1, 2 …), but here it was given {got}.",
        "zh-Hans": "列表要用位置来取，也就是一个整数（第一项是 0，然后 1、2……），可是这里给的是 {got}。",
        "zh-Hant": "列表要用位置來取，也就是一個整數（第一項是 0，然後 1、2……），可是這裡給的是 {got}。",
    },
    "explain_list_position_undefined": {
        "en": "undefined is what the template gives for a name it does not have: look at the data-… attribute "
              "this came from (is it inside the wx:for, spelt right, and is the wx:for spelt right?).",
        "zh-Hans": "模板里用了一个它没有的名字，就会得到 undefined：看看这个值来自哪个 data-… 属性"
                   "（它在 wx:for 里面吗？拼写对吗？wx:for 本身拼对了吗？）。",
        "zh-Hant": "範本裡用了一個它沒有的名字，就會得到 undefined：看看這個值來自哪個 data-… 屬性"
                   "（它在 wx:for 裡面嗎？串法對嗎？wx:for 本身串對了嗎？）。",
    },
    "explain_not_implemented": {
        "en": "This is where your code goes: raise NotImplementedError() only holds the place. Replace that "
              "line with your own code, then run the cell again.",
        "zh-Hans": "这里是写你的代码的地方：raise NotImplementedError() 只是占个位置。把这一行换成你自己的代码，"
                   "然后再运行这个单元格。",
        "zh-Hant": "這裡是寫你的程式碼的地方：raise NotImplementedError() 只是佔個位置。把這一行換成你自己的程式碼，"
                   "然後再執行這個儲存格。",
    },
    "explain_name_hint": {
        "en": "Check the spelling (capitals count), and run the cell that makes {name} first.",
        "zh-Hans": "检查一下拼写（大小写也算），并先运行定义 {name} 的那个单元格。",
        "zh-Hant": "檢查一下串法（大小寫也算），並先執行定義 {name} 的那個儲存格。",
    },
    "explain_unbound": {
        "en": "The function uses {name} before giving it a value: inside a function, a name you assign to (=) belongs to that function.",
        "zh-Hans": "这个函数在给 {name} 赋值之前就用了它：在函数里，你用 = 赋值过的名字属于这个函数自己。",
        "zh-Hant": "這個函數在給 {name} 賦值之前就用了它：在函數裡，你用 = 賦值過的名字屬於這個函數自己。",
    },
    "explain_attribute": {
        "en": "{owner} has nothing called {name}.",
        "zh-Hans": "{owner} 没有叫 {name} 的东西。",
        "zh-Hant": "{owner} 沒有叫 {name} 的東西。",
    },
    "explain_did_you_mean": {
        "en": "Did you mean {suggestion}?",
        "zh-Hans": "你是不是想写 {suggestion}？",
        "zh-Hant": "你是不是想寫 {suggestion}？",
    },
    "explain_js_name": {
        "en": "{name} is the JavaScript name (as in real WeChat); in Python write {suggestion}.",
        "zh-Hans": "{name} 是 JavaScript 里的名字（真实的微信小程序里这样写）；在 Python 里要写 {suggestion}。",
        "zh-Hant": "{name} 是 JavaScript 裡的名字（真正的微信小程式裡這樣寫）；在 Python 裡要寫 {suggestion}。",
    },
    "explain_key": {
        "en": "There is no key {key} in this dictionary. Check its spelling, and that the data really has it.",
        "zh-Hans": "这个字典里没有键 {key}。检查一下拼写，看看数据里是不是真的有它。",
        "zh-Hant": "這個字典裡沒有鍵 {key}。檢查一下串法，看看資料裡是不是真的有它。",
    },
    "explain_index": {
        "en": "There is no item at that position in the list: it is shorter than you think (the first item is number 0).",
        "zh-Hans": "列表里没有那个位置的元素：它比你想的要短（第一个元素的编号是 0）。",
        "zh-Hant": "列表裡沒有那個位置的元素：它比你想的要短（第一個元素的編號是 0）。",
    },
    "explain_zero": {
        "en": "A number was divided by zero, which has no answer.",
        "zh-Hans": "有一个数被 0 除了，这没有答案。",
        "zh-Hant": "有一個數被 0 除了，這沒有答案。",
    },
    "explain_text_and_number": {
        "en": "Text and a number were put together with + (or another sign). Turn one into the other first: str(n) for text, int(text) for a number.",
        "zh-Hans": "文字和数字被 +（或别的运算符）放在一起了。先把其中一个转换一下：str(n) 变成文字，int(文字) 变成数字。",
        "zh-Hant": "文字和數字被 +（或其他運算符）放在一起了。先把其中一個轉換一下：str(n) 變成文字，int(文字) 變成數字。",
    },
    "explain_not_callable": {
        "en": "Something that is not a function was called with ( ). Remove the ( ), or check the name.",
        "zh-Hans": "有一个不是函数的东西被加上 ( ) 调用了。去掉 ( )，或者检查一下名字。",
        "zh-Hant": "有一個不是函數的東西被加上 ( ) 呼叫了。去掉 ( )，或者檢查一下名字。",
    },
    "explain_arguments": {
        "en": "A function was called with the wrong number of values. Compare the call with its def line (methods start with self; handlers take self and event).",
        "zh-Hans": "调用函数时给的值的个数不对。对照一下它的 def 那一行（方法的第一个参数是 self；事件处理函数是 self 和 event）。",
        "zh-Hant": "呼叫函數時給的值的數目不對。對照一下它的 def 那一行（方法的第一個參數是 self；事件處理函數是 self 和 event）。",
    },
    "explain_int_text": {
        "en": "int() can only turn text made of digits into a number.",
        "zh-Hans": "int() 只能把由数字组成的文字变成数。",
        "zh-Hant": "int() 只能把由數字組成的文字變成數。",
    },
    "explain_recursion": {
        "en": "A function keeps calling itself and never stops.",
        "zh-Hans": "有一个函数不停地调用自己，停不下来。",
        "zh-Hant": "有一個函數不停地呼叫自己，停不下來。",
    },
    "explain_other": {
        "en": "Python stopped with an error: {original}",
        "zh-Hans": "Python 运行时出错了：{original}",
        "zh-Hant": "Python 執行時出錯了：{original}",
    },
    "explain_python_says": {
        "en": "(Python says: {original})",
        "zh-Hans": "（Python 的原话：{original}）",
        "zh-Hant": "（Python 的原話：{original}）",
    },
    # reading the code: SyntaxError, IndentationError -----------------------------------------
    "explain_syntax": {
        "en": "Python cannot read line {line}: it is not written the way Python expects, so nothing in this cell ran.",
        "zh-Hans": "Python 读不懂第 {line} 行：它的写法不符合 Python 的规则，所以这个单元格里的代码一行都没有运行。",
        "zh-Hant": "Python 讀不懂第 {line} 行：它的寫法不符合 Python 的規則，所以這個儲存格裡的程式碼一行都沒有執行。",
    },
    "explain_syntax_colon": {
        "en": "A line that starts with def, class, if, else, for or while must end with a colon (:).",
        "zh-Hans": "以 def、class、if、else、for 或 while 开头的行，末尾要有冒号（:）。",
        "zh-Hant": "以 def、class、if、else、for 或 while 開頭的行，末尾要有冒號（:）。",
    },
    "explain_syntax_bracket": {
        "en": "A bracket ( [ or {{ was opened and never closed (or closed once too often).",
        "zh-Hans": "有一个括号 ( [ 或 {{ 打开了却没有关上（或者多关了一个）。",
        "zh-Hant": "有一個括號 ( [ 或 {{ 打開了卻沒有關上（或者多關了一個）。",
    },
    "explain_syntax_quote": {
        "en": "A text (string) is missing its closing quote; for a template over several lines use three quotes \"\"\" ... \"\"\".",
        "zh-Hans": "有一段文字（字符串）少了结尾的引号；跨好几行的模板要用三个引号 \"\"\" ... \"\"\"。",
        "zh-Hant": "有一段文字（字串）少了結尾的引號；跨好幾行的範本要用三個引號 \"\"\" ... \"\"\"。",
    },
    "explain_syntax_equals": {
        "en": "To compare two values write ==; a single = gives a name a value.",
        "zh-Hans": "比较两个值要写 ==；一个 = 是给名字赋值。",
        "zh-Hant": "比較兩個值要寫 ==；一個 = 是給名字賦值。",
    },
    "explain_syntax_comma": {
        "en": "A comma is probably missing between two items.",
        "zh-Hans": "两个元素之间可能少了一个逗号。",
        "zh-Hant": "兩個元素之間可能少了一個逗號。",
    },
    "explain_indent": {
        "en": "The spaces at the start of line {line} are wrong. Lines inside def, class, if, for and while are indented by 4 more spaces than that line; lines of the same block line up exactly.",
        "zh-Hans": "第 {line} 行开头的空格不对。def、class、if、for、while 里面的行要比它多缩进 4 个空格；同一块里的行要上下对齐。",
        "zh-Hant": "第 {line} 行開頭的空格不對。def、class、if、for、while 裡面的行要比它多縮排 4 個空格；同一塊裡的行要上下對齊。",
    },
    "explain_indent_expected": {
        "en": "After a line ending in a colon (:), the next line must be indented (4 spaces).",
        "zh-Hans": "以冒号（:）结尾的行后面，下一行必须缩进（4 个空格）。",
        "zh-Hant": "以冒號（:）結尾的行後面，下一行必須縮排（4 個空格）。",
    },
    "explain_indent_unexpected": {
        "en": "This line is indented but nothing above asks for it: remove the extra spaces.",
        "zh-Hans": "这一行缩进了，但上面没有需要缩进的地方：去掉多余的空格。",
        "zh-Hant": "這一行縮排了，但上面沒有需要縮排的地方：去掉多餘的空格。",
    },
}
