"""Messages of the lesson self-checks (mini_sdk.selfcheck): what a 12-year-old reads after
running a check cell. Short, friendly, and always pointing at what to do next."""

MESSAGES = {
    "selfcheck_passed": {
        "en": "✅ Well done! Everything checked out.",
        "zh-Hans": "✅ 太棒了！全部检查通过。",
        "zh-Hant": "✅ 做得好！全部檢查通過。",
    },
    "selfcheck_failed": {
        "en": "❌ Not yet: {problem}",
        "zh-Hans": "❌ 还差一点：{problem}",
        "zh-Hant": "❌ 還差一點：{problem}",
    },
    "selfcheck_hint": {
        "en": "💡 Hint: {hint}",
        "zh-Hans": "💡 提示：{hint}",
        "zh-Hant": "💡 提示：{hint}",
    },
    "selfcheck_not_program": {
        "en": "the check needs your MiniProgram, but it got {kind}. Did you write program = MiniProgram(pages={{...}}) and run that cell?",
        "zh-Hans": "检查需要你的 MiniProgram，但拿到的是 {kind}。你写了 program = MiniProgram(pages={{...}}) 并运行那个单元格了吗？",
        "zh-Hant": "檢查需要你的 MiniProgram，但拿到的是 {kind}。你寫了 program = MiniProgram(pages={{...}}) 並執行那個儲存格了嗎？",
    },
    "selfcheck_program_problem": {
        "en": "your mini-program has a problem: {message}",
        "zh-Hans": "你的小程序有一个问题：{message}",
        "zh-Hant": "你的小程式有一個問題：{message}",
    },
    "selfcheck_code_error": {
        "en": "your code stopped with an error: {error}",
        "zh-Hans": "你的代码运行时出错了：{error}",
        "zh-Hant": "你的程式碼執行時出錯了：{error}",
    },
    "selfcheck_where": {
        "en": "👉 {cell}line {line}: {code}",
        "zh-Hans": "👉 {cell}第 {line} 行：{code}",
        "zh-Hant": "👉 {cell}第 {line} 行：{code}",
    },
    "selfcheck_cell": {
        "en": "cell [{number}], ",
        "zh-Hans": "单元格 [{number}]，",
        "zh-Hant": "儲存格 [{number}]，",
    },
    "selfcheck_error_hint": {
        "en": "Read the error, fix that line, run your cell again, then run this check again.",
        "zh-Hans": "读一读错误信息，改好那一行，重新运行你的单元格，再运行一次这个检查。",
        "zh-Hant": "讀一讀錯誤訊息，改好那一行，重新執行你的儲存格，再執行一次這個檢查。",
    },
    "selfcheck_rerun_hint": {
        "en": "Run the cell with your code first (Shift+Enter), then run this check again.",
        "zh-Hans": "先运行写着你代码的单元格（Shift+Enter），再运行一次这个检查。",
        "zh-Hant": "先執行寫著你程式碼的儲存格（Shift+Enter），再執行一次這個檢查。",
    },
    "selfcheck_not_run": {
        "en": "there is no {name} yet: the cell that makes it has not been run.",
        "zh-Hans": "还没有 {name}：定义它的那个单元格还没有运行。",
        "zh-Hant": "還沒有 {name}：定義它的那個儲存格還未執行。",
    },
    "selfcheck_stale": {
        "en": "your cell [{cell}] stopped with an error, so this check would test the version from before: {error}",
        "zh-Hans": "你的单元格 [{cell}] 运行时出错了，所以这个检查只能测到之前的版本：{error}",
        "zh-Hant": "你的儲存格 [{cell}] 執行時出錯了，所以這個檢查只能測到之前的版本：{error}",
    },
    "selfcheck_stale_hint": {
        "en": "Fix that cell and run it again (Shift+Enter) until it shows no error, then run this check again.",
        "zh-Hans": "改好那个单元格，再运行一次（Shift+Enter），直到它不再报错，然后再运行这个检查。",
        "zh-Hant": "改好那個儲存格，再執行一次（Shift+Enter），直到它不再出錯，然後再執行這個檢查。",
    },
    "selfcheck_more_hints": {
        "en": "(Still stuck after trying? Run this check again for a bigger hint.)",
        "zh-Hans": "（试过了还是不行？再运行一次这个检查，会有更多提示。）",
        "zh-Hant": "（試過了還是不行？再執行一次這個檢查，會有更多提示。）",
    },
    "selfcheck_answer_offer": {
        "en": "🔑 Want to see one way to write it? Run show_answer() in a new cell.",
        "zh-Hans": "🔑 想看一种写法？在新的单元格里运行 show_answer()。",
        "zh-Hant": "🔑 想看一種寫法？在新的儲存格裡執行 show_answer()。",
    },
    "selfcheck_answer": {
        "en": "🔑 One way to write it:\n{answer}",
        "zh-Hans": "🔑 一种写法：\n{answer}",
        "zh-Hant": "🔑 一種寫法：\n{answer}",
    },
    "selfcheck_no_answer": {
        "en": "There is no answer to show: run a check first.",
        "zh-Hans": "没有可以显示的答案：先运行一个检查。",
        "zh-Hant": "沒有可以顯示的答案：先執行一個檢查。",
    },
    "selfcheck_tried_data": {
        "en": "ℹ️ To test your page with other data, the check put in its own: {data} (your cell is unchanged).",
        "zh-Hans": "ℹ️ 为了用别的数据测试你的页面，检查放进了它自己的数据：{data}（你的单元格没有被改动）。",
        "zh-Hant": "ℹ️ 為了用其他資料測試你的頁面，檢查放進了它自己的資料：{data}（你的儲存格沒有被改動）。",
    },
}
