"""Every sentence graders say, to a teacher (CLI, reports) or a student (feedback pages),
in 简体中文, 繁體中文 and English. Looked up through ``catalogue`` (mini_sdk.i18n.Catalogue).

A sentence with a count ("1 student", "2 students") has plural forms, as gettext's ngettext
entries do: ``plural(by, en={"one": ..., "other": ...}, ...)`` names the count that chooses,
and each language gives one sentence per plural category of its CLDR rule, chosen by Babel
(English: one/other; Chinese has the one form "other", so a plain sentence)."""
from mini_sdk.i18n import LANGUAGES, Catalogue, normalize_language, placeholders


def m(en: str, hans: str, hant: str) -> dict:
    return {"en": en, "zh-Hans": hans, "zh-Hant": hant}


def plural(by: str, en: dict, hans, hant) -> dict:
    """A message whose words follow the number ``{by}``: per language a sentence, or a dict
    CLDR plural category -> sentence ("one", "other", ...)."""
    return {"en": en, "zh-Hans": hans, "zh-Hant": hant, "plural": by}


def _babel_locale(lang: str):
    from babel import Locale

    return Locale.parse({"zh-Hans": "zh_Hans", "zh-Hant": "zh_Hant"}.get(lang, lang))


def plural_categories(lang: str) -> set[str]:
    """The plural categories a language's sentences must give (Babel's CLDR rule)."""
    return set(_babel_locale(lang).plural_form.tags) | {"other"}


def plural_category(lang: str, count) -> str:
    """CLDR plural category of ``count`` in ``lang``; a count already written as text
    ("1.5", "1,000") is read back as a number in that language."""
    if isinstance(count, str):
        from babel.numbers import NumberFormatError, parse_decimal

        try:
            count = parse_decimal(count.strip(), locale=_babel_locale(lang))
        except (NumberFormatError, ValueError):
            return "other"
    try:
        return _babel_locale(lang).plural_form(count)
    except (TypeError, ValueError):
        return "other"


class GradersCatalogue(Catalogue):
    """mini_sdk's catalogue with plural forms."""

    def text(self, message_key: str, lang: str | None = None, /, **params) -> str:
        texts = self.messages[message_key]
        by = texts.get("plural")
        if not by:
            return super().text(message_key, lang, **params)
        from mini_sdk.i18n import get_language

        lang = normalize_language(lang) or get_language()
        forms = texts.get(lang) or texts["en"]
        if isinstance(forms, dict):
            if by not in params:  # never hide the real problem behind a formatting error
                return forms["other"] + " " + repr(params)
            forms = forms.get(plural_category(lang, params[by])) or forms["other"]
        try:
            return forms.format(**params)
        except (KeyError, IndexError, ValueError):
            return forms + " " + repr(params)

    __call__ = text

    def problems(self) -> list[str]:
        found = []
        for key, texts in self.messages.items():
            by = texts.get("plural")
            if not by:
                continue
            names = set()
            for lang in LANGUAGES:
                forms = texts.get(lang)
                forms = forms if isinstance(forms, dict) else {"other": forms}
                if set(forms) != plural_categories(lang) or not all(forms.values()):
                    found.append(f"{key}: {lang} needs the plural forms {sorted(plural_categories(lang))}, "
                                 f"has {sorted(forms)}")
                    continue
                for sentence in forms.values():
                    names.add(frozenset(placeholders(sentence)))
            if len(names) > 1:
                found.append(f"{key}: placeholders differ {names}")
            elif names and by not in next(iter(names)):
                found.append(f"{key}: the count {{{by}}} is not in the sentence")
        singular = {k: t for k, t in self.messages.items() if not t.get("plural")}
        return found + Catalogue(singular).problems()


MESSAGES = {
    # -- CLI and help ------------------------------------------------------------------------
    "help_main": m(
        "The teacher's week: classes and rosters, release, collect, grade, feedback, publish "
        "(nbgrader keeps the gradebook).",
        "教师的一周：班级与名册、发布、收作业、评分、反馈、公布成绩（成绩册由 nbgrader 保存）。",
        "教師的一週：班別與名冊、發佈、收功課、評分、回饋、公佈成績（成績冊由 nbgrader 保存）。"),
    "help_verbs": m("verbs", "命令", "指令"),
    "help_arg_school": m(
        "school folder (default: $MINICOURSE_SCHOOL or the current folder)",
        "学校文件夹（默认：$MINICOURSE_SCHOOL 或当前文件夹）",
        "學校資料夾（預設：$MINICOURSE_SCHOOL 或目前資料夾）"),
    "help_arg_lang": m("language of messages: zh-Hans, zh-Hant or en",
                       "提示语言：zh-Hans、zh-Hant 或 en", "提示語言：zh-Hans、zh-Hant 或 en"),
    "help_class": m("create and list classes", "创建和列出班级", "建立和列出班別"),
    "help_class_add": m("create a class (an nbgrader course with its own gradebook)",
                        "创建班级（一个 nbgrader 课程，有自己的成绩册）",
                        "建立班別（一個 nbgrader 課程，有自己的成績冊）"),
    "help_class_list": m("list the classes of the school", "列出学校的所有班级", "列出學校的所有班別"),
    "help_arg_class_id": m("class id: letters, digits, - and _ (e.g. 8c)",
                           "班级编号：字母、数字、- 和 _（例如 8c）",
                           "班別編號：字母、數字、- 和 _（例如 8c）"),
    "help_arg_class_name": m("display name, in any script (e.g. 初二(3)班)",
                             "显示名称，可用中文（例如 初二(3)班）", "顯示名稱，可用中文（例如 中二丙班）"),
    "help_arg_class_lang": m("the class's language: zh-Hans, zh-Hant or en (default: yours)",
                             "班级语言：zh-Hans、zh-Hant 或 en（默认与你相同）",
                             "班別語言：zh-Hans、zh-Hant 或 en（預設與你相同）"),
    "help_arg_db_url": m("gradebook database URL (default: SQLite in the class folder), e.g. "
                         "postgresql+psycopg2://user@host/db8c",
                         "成绩册数据库地址（默认：班级文件夹中的 SQLite），例如 postgresql+psycopg2://user@host/db8c",
                         "成績冊資料庫位址（預設：班別資料夾中的 SQLite），例如 postgresql+psycopg2://user@host/db8c"),
    "help_roster": m("import and show class rosters", "导入和查看班级名册", "匯入和查看班別名冊"),
    "help_roster_import": m(
        "import students from CSV or XLSX (student number, name, optional English name, email, language); "
        "nothing changes if any row is wrong",
        "从 CSV 或 XLSX 导入学生（学号、姓名，可选英文名、电邮、语言）；只要有一行有错就不做任何改动",
        "從 CSV 或 XLSX 匯入學生（學號、姓名，可選英文名、電郵、語言）；只要有一行有錯就不作任何改動"),
    "help_roster_show": m("show a class roster", "查看班级名册", "查看班別名冊"),
    "help_arg_class": m("class id", "班级编号", "班別編號"),
    "help_arg_classes": m("class id, several separated by commas, or all",
                          "班级编号，多个用逗号分隔，或 all", "班別編號，多個用逗號分隔，或 all"),
    "help_arg_roster_file": m("the roster file (.csv or .xlsx)", "名册文件（.csv 或 .xlsx）",
                              "名冊檔案（.csv 或 .xlsx）"),
    "help_arg_encoding": m("text encoding of a CSV file (default: detected among UTF-8, GB18030 and Big5)",
                           "CSV 文件的编码（默认在 UTF-8、GB18030、Big5 中自动识别）",
                           "CSV 檔案的編碼（預設在 UTF-8、GB18030、Big5 中自動識別）"),
    "help_arg_late_policy": m(
        "late penalty for the class: none, zero, per-hour:P (P points per started hour) or percent-per-day:N "
        "(default: c.LateSubmissionPlugin in the class's nbgrader_config.py, else none)",
        "班级的迟交扣分：none、zero、per-hour:P（每迟一小时扣 P 分）或 percent-per-day:N（每迟一天扣 N%%）"
        "（默认：班级 nbgrader_config.py 中的 c.LateSubmissionPlugin，否则不扣分）",
        "班別的遲交扣分：none、zero、per-hour:P（每遲一小時扣 P 分）或 percent-per-day:N（每遲一天扣 N%%）"
        "（預設：班別 nbgrader_config.py 中的 c.LateSubmissionPlugin，否則不扣分）"),
    "help_arg_extend": m("give a student more time, e.g. S002=2d (m, h or d); may be repeated",
                         "给学生延期，例如 S002=2d（m、h 或 d）；可重复", "給學生延期，例如 S002=2d（m、h 或 d）；可重複"),
    "late_policy_invalid": m("Unknown late policy '{value}': use none, zero, per-hour:P or percent-per-day:N.",
                             "未知的迟交规则“{value}”：请用 none、zero、per-hour:P 或 percent-per-day:N。",
                             "未知的遲交規則「{value}」：請用 none、zero、per-hour:P 或 percent-per-day:N。"),
    "late_extension_invalid": m("Cannot read the extension '{value}': write it as STUDENT=TIME, e.g. S002=2d or S002=12h.",
                                "无法读取延期“{value}”：请写成 学号=时间，例如 S002=2d 或 S002=12h。",
                                "無法讀取延期「{value}」：請寫成 學號=時間，例如 S002=2d 或 S002=12h。"),
    "late_extension_unknown": m("{student_id} is not on the roster of {class_id}: no extension given.",
                                "{student_id} 不在 {class_id} 的名册上：没有延期。",
                                "{student_id} 不在 {class_id} 的名冊上：沒有延期。"),
    "nbgrader_config_broken": m("{path} has an error ({reason}); fix your lines in it, then run again.",
                                "{path} 有错误（{reason}）；请修改你在其中写的内容后再运行。",
                                "{path} 有錯誤（{reason}）；請修改你在其中寫的內容後再執行。"),
    "help_release": m("generate an assignment and release it to a class through the exchange",
                      "生成作业并通过交换区发布给班级", "生成功課並經交換區發佈給班別"),
    "help_arg_assignment": m("assignment id (a folder in assignments/)", "作业编号（assignments/ 中的文件夹）",
                             "功課編號（assignments/ 中的資料夾）"),
    "help_arg_due": m("due date and time, e.g. 2025-03-10 18:00 (school time zone)",
                      "截止时间，例如 2025-03-10 18:00（学校时区）",
                      "截止時間，例如 2025-03-10 18:00（學校時區）"),
    "help_arg_source": m("folder holding the source assignments (default: assignments/)",
                         "存放作业源文件的文件夹（默认：assignments/）",
                         "存放功課原始檔的資料夾（預設：assignments/）"),
    "help_collect": m("collect submissions from the exchange, or from a folder or .zip of uploads",
                      "从交换区、或从上传的文件夹或 .zip 收作业",
                      "從交換區、或從上載的資料夾或 .zip 收功課"),
    "help_arg_from": m("a folder or .zip of uploaded notebooks (default: the exchange)",
                       "上传作业的文件夹或 .zip（默认：交换区）",
                       "上載功課的資料夾或 .zip（預設：交換區）"),
    "help_grade": m("autograde every new submission (parallel, sandboxed, with time and memory limits)",
                    "自动评分所有新提交（并行、隔离运行，有时间和内存限制）",
                    "自動評分所有新提交（並行、隔離執行，有時間和記憶體限制）"),
    "help_arg_workers": m("worker processes (default: number of CPU cores)", "并行进程数（默认：CPU 核数）",
                          "並行程序數（預設：CPU 核心數）"),
    "help_arg_time_limit": m("seconds allowed per submission (default {default})", "每份提交的时限，秒（默认 {default}）",
                             "每份提交的時限，秒（預設 {default}）"),
    "help_arg_memory_limit": m("memory allowed per submission in MB (default 2048)",
                               "每份提交可用内存，MB（默认 2048）", "每份提交可用記憶體，MB（預設 2048）"),
    "help_arg_retry_failed": m("also grade again submissions that failed to grade",
                               "同时重新评分之前评分失败的提交", "同時重新評分之前評分失敗的提交"),
    "help_arg_regrade": m("grade every newest submission again (manual grades are kept)",
                          "重新评分每个学生最新的提交（保留手动评分）",
                          "重新評分每個學生最新的提交（保留人手評分）"),
    "help_arg_student": m("only this student (may be repeated)", "只评这个学生（可重复）", "只評這個學生（可重複）"),
    "help_feedback": m("write a feedback page per student, in the student's language",
                       "为每个学生生成反馈页面（学生的语言）", "為每個學生生成回饋頁面（學生的語言）"),
    "help_publish": m("write scores.xlsx, scores.csv, the class report and the school summary; "
                      "release feedback through the exchange",
                      "生成 scores.xlsx、scores.csv、班级报告和全校汇总；通过交换区发放反馈",
                      "生成 scores.xlsx、scores.csv、班別報告和全校匯總；經交換區發放回饋"),
    "help_arg_no_release": m("do not release feedback through the exchange", "不通过交换区发放反馈",
                             "不經交換區發放回饋"),
    "help_demo": m("build a demo school with two classes and run a whole homework week",
                   "建立一个有两个班的示范学校，并运行完整的一周作业流程",
                   "建立一間有兩個班的示範學校，並執行完整的一週功課流程"),
    "help_arg_demo_school": m("where to build the demo school (default ./demo-school)",
                              "示范学校的位置（默认 ./demo-school）", "示範學校的位置（預設 ./demo-school）"),
    "error_prefix": m("Error: ", "错误：", "錯誤："),
    "interrupted": m("Stopped. Work finished so far is kept.", "已停止。已完成的工作都已保存。",
                     "已停止。已完成的工作都已保存。"),
    "internal_error": m(
        "Something went wrong inside minicourse (not your fault). Details for the developers: {log}",
        "minicourse 内部出错（不是你的问题）。给开发人员的详情：{log}",
        "minicourse 內部出錯（不是你的問題）。給開發人員的詳情：{log}"),

    # -- school and classes ---------------------------------------------------------------------
    "school_missing": m(
        "No school here ({path}). Create a class first (minicourse class add ...) or pass --school.",
        "这里没有学校（{path}）。请先创建班级（minicourse class add ...）或使用 --school。",
        "這裏沒有學校（{path}）。請先建立班別（minicourse class add ...）或使用 --school。"),
    "class_missing": m("There is no class {class_id}. Classes: {known}",
                       "没有班级 {class_id}。现有班级：{known}", "沒有班別 {class_id}。現有班別：{known}"),
    "no_classes": m("The school has no classes yet.", "学校还没有班级。", "學校還沒有班別。"),
    "class_busy": m("Another minicourse command is working on class {class_id}; try again when it ends.",
                    "另一个 minicourse 命令正在处理班级 {class_id}，请等它结束后再试。",
                    "另一個 minicourse 指令正在處理班別 {class_id}，請等它完成後再試。"),
    "class_id_invalid": m(
        "{class_id!r} cannot be a class id: use letters A-Z, digits, - and _ (the display name may be Chinese).",
        "{class_id!r} 不能作班级编号：请用英文字母、数字、- 和 _（显示名称可以用中文）。",
        "{class_id!r} 不能作班別編號：請用英文字母、數字、- 和 _（顯示名稱可以用中文）。"),
    "class_name_missing": m("The class needs a display name (--name).", "班级需要显示名称（--name）。",
                            "班別需要顯示名稱（--name）。"),
    "folder_not_writable": m(
        "minicourse may not write to {path}: this account has no permission there. Ask whoever looks after "
        "the school folder to give you write access, or use --school with a folder of your own.",
        "minicourse 无权写入 {path}：这个账号在那里没有写权限。请管理学校文件夹的人给你写权限，或用 --school 指定你自己的文件夹。",
        "minicourse 無權寫入 {path}：這個帳戶在那裏沒有寫入權限。請管理學校資料夾的人給你寫入權限，或用 --school 指定你自己的資料夾。"),
    "folder_read_only": m(
        "{path} is on a read-only disk (or a read-only share): minicourse cannot save there. "
        "Copy the school folder to a writable place, or ask for the share to be mounted read-write.",
        "{path} 位于只读磁盘（或只读共享）上：minicourse 无法在那里保存。请把学校文件夹复制到可写的位置，或请人把共享改为可写。",
        "{path} 位於唯讀磁碟（或唯讀共享）上：minicourse 無法在那裏儲存。請把學校資料夾複製到可寫入的位置，或請人把共享改為可寫入。"),
    "class_db_shared": m(
        "Class {other} already keeps its gradebook in that database: give {class_id} a database of its own "
        "(e.g. CREATE DATABASE gradebook_{class_id}); two classes in one would mix their assignments and due dates.",
        "班级 {other} 已经把成绩册放在这个数据库里：请给 {class_id} 单独建一个数据库（例如 CREATE DATABASE gradebook_{class_id}）；"
        "两个班共用会混淆作业和截止时间。",
        "班別 {other} 已經把成績冊放在這個資料庫裏：請給 {class_id} 另建一個資料庫（例如 CREATE DATABASE gradebook_{class_id}）；"
        "兩個班共用會混淆功課和截止時間。"),
    "class_password_kept": m(
        "The database password is kept in {path} (readable only by you), not in class.json or nbgrader_config.py. "
        "To start formgrader or nbgrader yourself: export PGPASSFILE={path}",
        "数据库密码保存在 {path}（只有你能读取），不写入 class.json 或 nbgrader_config.py。自己启动 formgrader 或 nbgrader 时：export PGPASSFILE={path}",
        "資料庫密碼保存在 {path}（只有你能讀取），不寫入 class.json 或 nbgrader_config.py。自己啟動 formgrader 或 nbgrader 時：export PGPASSFILE={path}"),
    "language_unknown": m("Unknown language {value!r}: use zh-Hans, zh-Hant or en.",
                          "未知语言 {value!r}：请用 zh-Hans、zh-Hant 或 en。",
                          "未知語言 {value!r}：請用 zh-Hans、zh-Hant 或 en。"),
    "class_exists": m("Class {class_id} already exists.", "班级 {class_id} 已经存在。", "班別 {class_id} 已經存在。"),
    "class_created": m("Created class {class_id} ({name}, {language}) in {path}",
                       "已创建班级 {class_id}（{name}，{language}），位置 {path}",
                       "已建立班別 {class_id}（{name}，{language}），位置 {path}"),
    "class_line": plural("students", {"one": "{class_id}  {name}  [{language}]  {students} student", "other": "{class_id}  {name}  [{language}]  {students} students"},
                    "{class_id}  {name}  [{language}]  {students} 名学生",
                    "{class_id}  {name}  [{language}]  {students} 名學生"),
    "gradebook_unreachable": m(
        "Cannot open the gradebook of class {class_id} ({url}): {reason}",
        "无法打开班级 {class_id} 的成绩册（{url}）：{reason}",
        "無法開啟班別 {class_id} 的成績冊（{url}）：{reason}"),
    "bad_datetime": m("{value!r} is not a date and time; write it like 2025-03-10 18:00.",
                      "{value!r} 不是日期时间；请写成 2025-03-10 18:00 这样。",
                      "{value!r} 不是日期時間；請寫成 2025-03-10 18:00 這樣。"),
    "file_missing": m("There is no file {path}.", "找不到文件 {path}。", "找不到檔案 {path}。"),

    # -- roster ------------------------------------------------------------------------------------
    "roster_format": m("{path}: a roster must be a .csv or .xlsx file.", "{path}：名册必须是 .csv 或 .xlsx 文件。",
                       "{path}：名冊必須是 .csv 或 .xlsx 檔案。"),
    "roster_unreadable": m("{path} cannot be read as an Excel workbook ({reason}).",
                           "{path} 无法作为 Excel 工作簿读取（{reason}）。",
                           "{path} 無法作為 Excel 活頁簿讀取（{reason}）。"),
    "roster_encoding": m("{path}: cannot tell the text encoding; save it as UTF-8 or use --encoding.",
                         "{path}：无法识别文字编码；请另存为 UTF-8 或使用 --encoding。",
                         "{path}：無法識別文字編碼；請另存為 UTF-8 或使用 --encoding。"),
    "roster_no_header": m(
        "The roster needs a heading row with at least a student number and a name column "
        "(e.g. 'student number, name' or '学号, 姓名'); its first row has: {found}.",
        "名册需要标题行，至少包括学号和姓名两列（例如“学号, 姓名”）；它的第一行是：{found}。",
        "名冊需要標題列，至少包括學號和姓名兩欄（例如「學號, 姓名」）；它的第一列是：{found}。"),
    "help_roster_remove": m(
        "take students off a class roster (and out of its gradebook); their collected work stays in archive/",
        "把学生移出班级名册（以及成绩册）；已收的作业仍保存在 archive/ 中",
        "把學生移出班別名冊（以及成績冊）；已收的功課仍保存在 archive/ 中"),
    "help_arg_students": m("student numbers", "学号", "學號"),
    "help_arg_remove_force": m("also remove students who already have graded work",
                               "已有评分记录的学生也移除", "已有評分記錄的學生也移除"),
    "roster_remove_unknown": m("Not on the roster of {class_id}: {students}. Nothing was removed.",
                               "不在 {class_id} 的名册上：{students}。没有移除任何学生。",
                               "不在 {class_id} 的名冊上：{students}。沒有移除任何學生。"),
    "roster_remove_graded": m(
        "{students} already have graded work in the gradebook; nothing was removed. "
        "Add --force to remove them and their grades (their files in archive/ are kept).",
        "{students} 在成绩册中已有评分记录；没有移除任何学生。加上 --force 可连同成绩一起移除（archive/ 中的文件会保留）。",
        "{students} 在成績冊中已有評分記錄；沒有移除任何學生。加上 --force 可連同成績一併移除（archive/ 中的檔案會保留）。"),
    "roster_removed": m("Roster of {class_id}: {count} removed ({students}).",
                        "{class_id} 名册：移除了 {count} 名学生（{students}）。",
                        "{class_id} 名冊：移除了 {count} 名學生（{students}）。"),
    "roster_rejected": plural("count", {"one": "{path}: {count} problem; nothing was imported:", "other": "{path}: {count} problems; nothing was imported:"},
                         "{path}：有 {count} 个问题；没有导入任何内容：",
                         "{path}：有 {count} 個問題；沒有匯入任何內容："),
    "roster_empty": m("{path} has no students.", "{path} 里没有学生。", "{path} 裏沒有學生。"),
    "row_id_missing": m("row {row}: the student number is missing", "第 {row} 行：缺少学号",
                        "第 {row} 行：缺少學號"),
    "row_id_invalid": m(
        "row {row}: student number {student_id!r} has characters a student number cannot hold "
        "(use letters A-Z, digits, '-', '_' and '.')",
        "第 {row} 行：学号 {student_id!r} 含有不能用在学号里的字符（请用英文字母、数字、-、_ 和 .）",
        "第 {row} 行：學號 {student_id!r} 含有不能用在學號裏的字元（請用英文字母、數字、-、_ 和 .）"),
    "row_id_duplicate": m("row {row}: student number {student_id} already appears on row {first}",
                          "第 {row} 行：学号 {student_id} 与第 {first} 行重复",
                          "第 {row} 行：學號 {student_id} 與第 {first} 行重複"),
    "row_id_case_clash": m("row {row}: student number {student_id} differs from {other} only in upper/lower case",
                           "第 {row} 行：学号 {student_id} 与 {other} 只有大小写不同",
                           "第 {row} 行：學號 {student_id} 與 {other} 只有大小寫不同"),
    "row_name_missing": m("row {row}: the name is missing", "第 {row} 行：缺少姓名", "第 {row} 行：缺少姓名"),
    "row_name_too_long": m("row {row}: the name is longer than {limit} characters",
                           "第 {row} 行：姓名超过 {limit} 个字符", "第 {row} 行：姓名超過 {limit} 個字元"),
    "row_email_invalid": m("row {row}: {value!r} is not an email address", "第 {row} 行：{value!r} 不是电邮地址",
                           "第 {row} 行：{value!r} 不是電郵地址"),
    "row_language_invalid": m("row {row}: unknown language {value!r} (use 简体, 繁體, English, zh-Hans, zh-Hant or en)",
                              "第 {row} 行：未知语言 {value!r}（请用 简体、繁體、English、zh-Hans、zh-Hant 或 en）",
                              "第 {row} 行：未知語言 {value!r}（請用 简体、繁體、English、zh-Hans、zh-Hant 或 en）"),
    "roster_imported": m("Roster of {class_id}: {added} added, {updated} updated, {unchanged} unchanged.",
                         "{class_id} 名册：新增 {added} 人，更新 {updated} 人，{unchanged} 人不变。",
                         "{class_id} 名冊：新增 {added} 人，更新 {updated} 人，{unchanged} 人不變。"),
    "roster_kept": plural("count", {"one": "{count} student already on the roster but not in the file was kept: {students}", "other": "{count} students already on the roster but not in the file were kept: {students}"},
                     "有 {count} 名学生在名册中但不在文件里，已保留：{students}",
                     "有 {count} 名學生在名冊中但不在檔案裏，已保留：{students}"),
    "roster_header": plural("count", {"one": "{class_id} {name}: {count} student", "other": "{class_id} {name}: {count} students"}, "{class_id} {name}：{count} 名学生",
                       "{class_id} {name}：{count} 名學生"),
    "roster_missing": m("Class {class_id} has no roster yet: minicourse roster import {class_id} FILE",
                        "班级 {class_id} 还没有名册：minicourse roster import {class_id} 文件",
                        "班別 {class_id} 還沒有名冊：minicourse roster import {class_id} 檔案"),

    # -- release -----------------------------------------------------------------------------------
    "assignment_id_invalid": m("{assignment!r} cannot be an assignment id: use letters A-Z, digits, - and _.",
                               "{assignment!r} 不能作作业编号：请用英文字母、数字、- 和 _。",
                               "{assignment!r} 不能作功課編號：請用英文字母、數字、- 和 _。"),
    "assignment_missing": m("There is no assignment {assignment} in {path}. Assignments: {known}",
                            "{path} 中没有作业 {assignment}。现有作业：{known}",
                            "{path} 中沒有功課 {assignment}。現有功課：{known}"),
    "assignment_no_notebooks": m(
        "{path} holds no notebooks named <notebook>.<zh-Hans|zh-Hant|en>.ipynb.",
        "{path} 中没有名为 <notebook>.<zh-Hans|zh-Hant|en>.ipynb 的笔记本。",
        "{path} 中沒有名為 <notebook>.<zh-Hans|zh-Hant|en>.ipynb 的筆記本。"),
    "generate_failed": m("nbgrader could not generate {assignment}: {reason}",
                         "nbgrader 无法生成作业 {assignment}：{reason}", "nbgrader 無法生成功課 {assignment}：{reason}"),
    "exchange_failed": m("The exchange refused: {reason}", "交换区拒绝了操作：{reason}", "交換區拒絕了操作：{reason}"),
    "release_language_substitute": m(
        "Note: {notebook} has no {wanted} version; the {used} version was released.",
        "注意：{notebook} 没有 {wanted} 版本，已发布 {used} 版本。",
        "注意：{notebook} 沒有 {wanted} 版本，已發佈 {used} 版本。"),
    # nbgrader's stubs in the student version (ClearSolutions.code_stub's comment, text_stub):
    # the student replaces the code stub's `raise NotImplementedError()` line, so only the
    # comment is translated
    "stub_code_comment": m("YOUR CODE HERE", "在这里写你的代码", "在這裡寫你的程式碼"),
    "stub_answer": m("YOUR ANSWER HERE", "在这里写你的答案", "在這裡寫你的答案"),
    "released": m("Released {assignment} to {class_id} ({name}), due {due}: {notebooks}",
                  "已向 {class_id}（{name}）发布 {assignment}，截止 {due}：{notebooks}",
                  "已向 {class_id}（{name}）發佈 {assignment}，截止 {due}：{notebooks}"),
    "not_released": m("{assignment} has not been released to class {class_id} (minicourse release ...).",
                      "{assignment} 还没有发布给班级 {class_id}（minicourse release ...）。",
                      "{assignment} 還沒有發佈給班別 {class_id}（minicourse release ...）。"),

    # -- collect -----------------------------------------------------------------------------------
    "upload_not_zip": m("{path} is neither a folder nor a .zip file.", "{path} 既不是文件夹也不是 .zip 文件。",
                        "{path} 既不是資料夾也不是 .zip 檔案。"),
    "upload_too_many": m("{path} holds {count} files (at most {limit}); nothing was taken.",
                         "{path} 含有 {count} 个文件（最多 {limit} 个）；没有收取任何文件。",
                         "{path} 含有 {count} 個檔案（最多 {limit} 個）；沒有收取任何檔案。"),
    "upload_too_big": m("{path} unpacks to {size} (at most {limit}); nothing was taken.",
                        "{path} 解压后有 {size}（最多 {limit}）；没有收取任何文件。",
                        "{path} 解壓後有 {size}（最多 {limit}）；沒有收取任何檔案。"),
    "refused_path_escape": m("its path leads outside the upload", "路径指向上传内容之外",
                             "路徑指向上載內容之外"),
    "refused_link": m("it is a link, not a file", "这是链接，不是文件", "這是連結，不是檔案"),
    "refused_not_notebook": m("not a notebook (.ipynb)", "不是笔记本（.ipynb）", "不是筆記本（.ipynb）"),
    "refused_encrypted": m("the file is password-protected", "文件有密码保护", "檔案有密碼保護"),
    "refused_too_big": m("too large ({size}; at most {limit})", "文件太大（{size}；最多 {limit}）",
                         "檔案太大（{size}；最多 {limit}）"),
    "refused_zip_bomb": m("looks like a zip bomb (compressed {ratio} times)", "疑似压缩炸弹（压缩了 {ratio} 倍）",
                          "疑似壓縮炸彈（壓縮了 {ratio} 倍）"),
    "refused_corrupt": m("the archive entry is damaged", "压缩包中的该文件已损坏", "壓縮檔中的該檔案已損壞"),
    "refused_bad_timestamp": m("unreadable submission time {value!r}", "无法读取提交时间 {value!r}",
                               "無法讀取提交時間 {value!r}"),
    "refused_empty": m("the submission is empty", "提交是空的", "提交是空的"),
    "refused_unknown_student": m("{student_id} is not on the class roster", "{student_id} 不在班级名册中",
                                 "{student_id} 不在班別名冊中"),
    "refused_other_students_account": m(
        "handed in as {student_id} from {owner}'s account: refused (a student may only hand in their own work)",
        "以 {student_id} 的名义从 {owner} 的账号提交：已拒收（学生只能提交自己的作业）",
        "以 {student_id} 的名義從 {owner} 的帳戶提交：已拒收（學生只能提交自己的功課）"),
    "refused_two_students": m(
        "its path names two students ({students}): refused, given to neither (a student hands in only in their own folder)",
        "路径中出现两名学生（{students}）：已拒收，不算作任何一人的作业（学生只能交到自己的文件夹）",
        "路徑中出現兩名學生（{students}）：已拒收，不算作任何一人的功課（學生只能交到自己的資料夾）"),
    "refused_broken_json": m(
        "the notebook file is damaged (its JSON breaks at line {line}, column {column}); ask the student to download it from Jupyter again",
        "笔记本文件已损坏（JSON 在第 {line} 行第 {column} 列出错）；请学生从 Jupyter 重新下载",
        "筆記本檔案已損壞（JSON 在第 {line} 行第 {column} 欄出錯）；請學生從 Jupyter 重新下載"),
    "refused_not_text": m(
        "the notebook file is not text (not UTF-8): not a Jupyter notebook; ask the student to download it from Jupyter again",
        "笔记本文件不是文本（不是 UTF-8）：不是 Jupyter 笔记本；请学生从 Jupyter 重新下载",
        "筆記本檔案不是文字（不是 UTF-8）：不是 Jupyter 筆記本；請學生從 Jupyter 重新下載"),
    "refused_not_notebook_json": m(
        "the file is JSON but not a Jupyter notebook (no cells); ask the student to download it from Jupyter again",
        "文件是 JSON 但不是 Jupyter 笔记本（没有单元格）；请学生从 Jupyter 重新下载",
        "檔案是 JSON 但不是 Jupyter 筆記本（沒有儲存格）；請學生從 Jupyter 重新下載"),
    "refused_too_many_cells": m(
        "the notebook has {count} cells (at most {limit}): too many to grade",
        "笔记本有 {count} 个单元格（最多 {limit} 个）：太多，无法评分",
        "筆記本有 {count} 個儲存格（最多 {limit} 個）：太多，無法評分"),
    "refused_future_time": m(
        "its time ({when}) is in the future: the computer's clock is wrong or the time was changed; refused",
        "它的时间（{when}）在未来：电脑时钟有误或时间被改过；已拒收",
        "它的時間（{when}）在未來：電腦時鐘有誤或時間被改過；已拒收"),
    "refused_foreign_owner": m(
        "handed in as {student_id} but written by account {owner} (uid {uid}, gid {gid}), neither the student's nor the teacher's "
        "(e.g. the grading sandbox's user): refused",
        "以 {student_id} 的名义提交，但由账号 {owner}（uid {uid}，gid {gid}）写入，既不是该学生也不是教师的账号（例如评分沙箱的用户）：已拒收",
        "以 {student_id} 的名義提交，但由帳戶 {owner}（uid {uid}，gid {gid}）寫入，既不是該學生也不是教師的帳戶（例如評分沙箱的用戶）：已拒收"),
    "collected_missing": plural("count", {"one": "Nothing handed in yet by {count} student: {students}", "other": "Nothing handed in yet by {count} students: {students}"},
        "还有 {count} 名学生未交：{students}",
        "還有 {count} 名學生未交：{students}"),
    "refused_name_not_on_roster": m(
        "the name '{name}' (from the learning platform's download) matches no student on the roster (or more than one): "
        "add the student, or their English name, to the roster",
        "名称“{name}”（来自学习平台的下载）与名册上的任何学生都不对应：请把该学生或其英文名加入名册",
        "名稱「{name}」（來自學習平台的下載）與名冊上的任何學生都不對應：請把該學生或其英文名加入名冊"),
    "refused_no_student": m("cannot tell whose file this is (name it <student number>_....ipynb)",
                            "无法判断是谁的文件（请命名为 <学号>_....ipynb）",
                            "無法判斷是誰的檔案（請命名為 <學號>_....ipynb）"),
    "refused_which_notebook": m("cannot tell which notebook this is (expected: {expected})",
                                "无法判断是哪个笔记本（应为：{expected}）", "無法判斷是哪個筆記本（應為：{expected}）"),
    "collected": plural("new", {"one": "{class_id}: {new} new submission, {already} already collected, {refused} refused.", "other": "{class_id}: {new} new submissions, {already} already collected, {refused} refused."},
                   "{class_id}：新提交 {new} 份，已收过 {already} 份，拒收 {refused} 份。",
                   "{class_id}：新提交 {new} 份，已收過 {already} 份，拒收 {refused} 份。"),
    "collected_line": m("  {student} {name}: {files} at {when}", "  {student} {name}：{files}，{when}",
                        "  {student} {name}：{files}，{when}"),
    "collected_line_late": m("  {student} {name}: {files} at {when} (late by {late})",
                             "  {student} {name}：{files}，{when}（迟交 {late}）",
                             "  {student} {name}：{files}，{when}（遲交 {late}）"),
    "refused_line": m("  refused {origin}: {reason}", "  拒收 {origin}：{reason}", "  拒收 {origin}：{reason}"),

    # -- grade -------------------------------------------------------------------------------------
    "grade_bad_limits": m("--time-limit must be above 0, --memory-limit at least 256 (MB), --workers at least 1.",
                          "--time-limit 必须大于 0，--memory-limit 至少 256（MB），--workers 至少 1。",
                          "--time-limit 必須大於 0，--memory-limit 至少 256（MB），--workers 至少 1。"),
    "grading_progress": m("grading {class_id} {assignment}", "正在评分 {class_id} {assignment}",
                          "正在評分 {class_id} {assignment}"),
    "graded_summary": plural("manual", {"one": "{class_id} {assignment}: {graded} graded, {manual} needs manual grading, {failed} failed to grade, {skipped} unchanged since last time ({seconds} s).", "other": "{class_id} {assignment}: {graded} graded, {manual} need manual grading, {failed} failed to grade, {skipped} unchanged since last time ({seconds} s)."},
        "{class_id} {assignment}：已评分 {graded} 份，需人工评分 {manual} 份，评分失败 {failed} 份，"
        "{skipped} 份自上次以来没有变化（用时 {seconds} 秒）。",
        "{class_id} {assignment}：已評分 {graded} 份，需人手評分 {manual} 份，評分失敗 {failed} 份，"
        "{skipped} 份自上次以來沒有變化（用時 {seconds} 秒）。"),
    "graded_line": m("  {student} {name}: {status}, {score}/{max_score}", "  {student} {name}：{status}，{score}/{max_score}",
                     "  {student} {name}：{status}，{score}/{max_score}"),
    "graded_line_failed": m("  {student} {name}: failed to grade: {reason}", "  {student} {name}：评分失败：{reason}",
                            "  {student} {name}：評分失敗：{reason}"),
    "isolation_line": m("Protections while grading: {protections}", "评分时的保护措施：{protections}",
                        "評分時的保護措施：{protections}"),
    "isolation_memory": m("memory limit", "内存限制", "記憶體限制"),
    "isolation_network": m("no network", "断网", "斷網"),
    "isolation_user": m("separate user", "独立用户", "獨立用戶"),
    "isolation_none": m("time limit only", "只有时间限制", "只有時間限制"),
    "reason_timeout": m("infinite loop? stopped after {seconds} s", "可能是死循环？{seconds} 秒后已停止",
                        "可能是無限迴圈？{seconds} 秒後已停止"),
    "help_arg_cell_time_limit": m("seconds one cell or one test cell may run (default: 30, at most --time-limit)",
                                  "一个单元格或一个测试单元格最多可运行的秒数（默认 30，不超过 --time-limit）",
                                  "一個儲存格或一個測試儲存格最多可執行的秒數（預設 30，不超過 --time-limit）"),
    "help_arg_no_fork_server": m("start a new sandboxed Python for every submission instead of forking one "
                                 "warm Python (slower; gives the same results)",
                                 "每份提交都启动一个新的沙盒 Python，而不是复制一个已预热的 Python（更慢，结果相同）",
                                 "每份提交都啟動一個新的沙盒 Python，而不是複製一個已預熱的 Python（較慢，結果相同）"),
    "help_arg_cluster": m("grade on a Dask cluster: tcp://HOST:8786 (a scheduler whose workers were started "
                          "with `dask worker` on machines with minicourse and bubblewrap) or local:N (N worker "
                          "processes on this machine); the gradebook is still written here only",
                          "在 Dask 集群上评分：tcp://主机:8786（调度器的工作进程用 `dask worker` 在装有 minicourse 和 "
                          "bubblewrap 的机器上启动）或 local:N（本机 N 个工作进程）；成绩簿仍只在本机写入",
                          "在 Dask 叢集上評分：tcp://主機:8786（排程器的工作程序用 `dask worker` 在裝有 minicourse 和 "
                          "bubblewrap 的電腦上啟動）或 local:N（本機 N 個工作程序）；成績簿仍只在本機寫入"),
    "cluster_not_installed": m("--cluster needs Dask's distributed package, which is not installed here "
                               "(bash scripts/setup.sh installs it).",
                               "--cluster 需要 Dask 的 distributed 套件，本机没有安装（bash scripts/setup.sh 会安装）。",
                               "--cluster 需要 Dask 的 distributed 套件，本機沒有安裝（bash scripts/setup.sh 會安裝）。"),
    "cluster_bad_address": m("--cluster {address}: give tcp://HOST:PORT of a Dask scheduler, or local:N with N at least 1.",
                             "--cluster {address}：请写 Dask 调度器的 tcp://主机:端口，或 local:N（N 至少为 1）。",
                             "--cluster {address}：請寫 Dask 排程器的 tcp://主機:連接埠，或 local:N（N 至少為 1）。"),
    "cluster_unreachable": m("Cannot reach the Dask scheduler at {address} ({reason}). Is `dask scheduler` running "
                             "there, and is the port open from this machine?",
                             "无法连接 {address} 的 Dask 调度器（{reason}）。那里在运行 `dask scheduler` 吗？本机能访问这个端口吗？",
                             "無法連線 {address} 的 Dask 排程器（{reason}）。那裡正在執行 `dask scheduler` 嗎？本機能連到這個連接埠嗎？"),
    "reason_cluster_failed": m("the cluster could not grade it ({detail}); nothing was saved, grade it again with "
                               "--retry-failed",
                               "集群无法为它评分（{detail}）；什么也没有保存，请用 --retry-failed 再评一次",
                               "叢集無法為它評分（{detail}）；甚麼也沒有儲存，請用 --retry-failed 再評一次"),
    "help_arg_no_sandbox": m("run students' code without the bubblewrap sandbox (unprotected: only for a "
                             "machine where it cannot run, on work you trust)",
                             "不用 bubblewrap 沙盒运行学生代码（没有保护：只用于无法运行沙盒的机器和你信任的作业）",
                             "不用 bubblewrap 沙盒執行學生程式碼（沒有保護：只用於無法執行沙盒的機器和你信任的功課）"),
    "reason_memory": m("used more than {mb} MB of memory (all its processes together) and was stopped",
                       "占用内存超过 {mb} MB（所有进程合计），已被停止",
                       "佔用記憶體超過 {mb} MB（所有程序合計），已被停止"),
    "reason_cell_timeout": m("a cell ran longer than {seconds} s (infinite loop?) and was stopped",
                             "有一个单元格运行超过 {seconds} 秒（死循环？），已被停止",
                             "有一個儲存格執行超過 {seconds} 秒（無限迴圈？），已被停止"),
    "reason_sandbox_unavailable": m("not graded: the grading sandbox could not start on this machine "
                                    "(the teacher's setup, not the student's work): {detail}",
                                    "未评分：评分沙盒无法在这台机器上启动（是老师这边的设置问题，不是学生的作业问题）：{detail}",
                                    "未評分：評分沙盒無法在這部機器上啟動（是老師這邊的設定問題，不是學生的功課問題）：{detail}"),
    "test_failed_no_message": m("This check did not pass.", "这项检查没有通过。", "這項檢查沒有通過。"),
    "test_hidden_failed": m("A hidden check of this part did not pass: make it work for any use, not only the "
                            "visible test.",
                            "这部分的一项隐藏检查没有通过：要让它对任何用法都正确，而不只是看得到的测试。",
                            "這部分的一項隱藏檢查沒有通過：要令它對任何用法都正確，而不只是看得到的測試。"),
    "sandbox_no_bwrap": m("Grading needs the sandbox tool bubblewrap, which is not installed. Install it "
                          "(Debian/Ubuntu: sudo apt-get install bubblewrap), or grade without a sandbox with "
                          "--no-sandbox (students' code then runs as you, unprotected).",
                          "评分需要沙盒工具 bubblewrap，但它没有安装。请安装（Debian/Ubuntu：sudo apt-get install "
                          "bubblewrap），或者用 --no-sandbox 不用沙盒评分（学生的代码会以你的身份运行，没有保护）。",
                          "評分需要沙盒工具 bubblewrap，但它沒有安裝。請安裝（Debian/Ubuntu：sudo apt-get install "
                          "bubblewrap），或者用 --no-sandbox 不用沙盒評分（學生的程式碼會以你的身份執行，沒有保護）。"),
    "sandbox_did_not_start": m("The grading sandbox (bubblewrap) could not start here: {detail}. Check that user "
                               "namespaces are allowed (sysctl kernel.unprivileged_userns_clone=1, "
                               "user.max_user_namespaces > 0), or grade with --no-sandbox.",
                               "评分沙盒（bubblewrap）无法在这里启动：{detail}。请检查是否允许用户命名空间"
                               "（sysctl kernel.unprivileged_userns_clone=1，user.max_user_namespaces > 0），"
                               "或者用 --no-sandbox 评分。",
                               "評分沙盒（bubblewrap）無法在這裡啟動：{detail}。請檢查是否允許使用者命名空間"
                               "（sysctl kernel.unprivileged_userns_clone=1，user.max_user_namespaces > 0），"
                               "或者用 --no-sandbox 評分。"),
    "isolation_sandbox": m("bubblewrap sandbox", "bubblewrap 沙盒", "bubblewrap 沙盒"),
    "isolation_pid": m("own processes only", "只看得到自己的进程", "只看得到自己的程序"),
    "isolation_processes": m("process count limit", "进程数限制", "程序數目限制"),
    "isolation_folders": m("own folder only", "只看得到自己的文件夹", "只看得到自己的資料夾"),
    "isolation_tests-outside": m("tests run outside the student's program", "测试在学生程序之外运行",
                                 "測試在學生程式之外執行"),
    "reason_not_json": m("invalid notebook: {notebook} is not a notebook file (not valid JSON)",
                         "无效的笔记本：{notebook} 不是笔记本文件（不是有效的 JSON）",
                         "無效的筆記本：{notebook} 不是筆記本檔案（不是有效的 JSON）"),
    "reason_not_notebook": m("invalid notebook: {notebook} is not a Jupyter notebook",
                             "无效的笔记本：{notebook} 不是 Jupyter 笔记本",
                             "無效的筆記本：{notebook} 不是 Jupyter 筆記本"),
    "reason_not_notebook_detail": m("invalid notebook: {notebook} is damaged ({detail})",
                                    "无效的笔记本：{notebook} 已损坏（{detail}）",
                                    "無效的筆記本：{notebook} 已損壞（{detail}）"),
    "reason_metadata_version": m("invalid notebook: {notebook} was made with another nbgrader version",
                                 "无效的笔记本：{notebook} 由另一版本的 nbgrader 生成",
                                 "無效的筆記本：{notebook} 由另一版本的 nbgrader 生成"),
    "reason_no_notebook": m("no notebook of this assignment in the submission (expected: {expected})",
                            "提交中没有本作业的笔记本（应为：{expected}）",
                            "提交中沒有本功課的筆記本（應為：{expected}）"),
    "reason_crashed": m("program crashed: Python stopped while running {notebook} "
                        "(it called exit, ran out of memory or crashed)",
                        "程序崩溃：运行 {notebook} 时 Python 停止了（调用了 exit、内存不足或崩溃）",
                        "程式崩潰：執行 {notebook} 時 Python 停止了（呼叫了 exit、記憶體不足或崩潰）"),
    "reason_worker_died": m("the grading process stopped unexpectedly (exit code {code})",
                            "评分进程意外停止（退出码 {code}）", "評分程序意外停止（結束碼 {code}）"),
    "reason_internal": m("could not run the notebook: {detail}", "无法运行笔记本：{detail}",
                         "無法執行筆記本：{detail}"),
    "status_graded": m("graded", "已评分", "已評分"),
    "status_needs_manual_grading": m("needs manual grading", "需人工评分", "需人手評分"),
    "status_failed_to_grade": m("failed to grade", "评分失败", "評分失敗"),
    "status_missing": m("missing", "未交", "未交"),
    "status_not_graded_yet": m("collected, not graded yet", "已收，未评分", "已收，未評分"),
    "status_late": m("late", "迟交", "遲交"),
    # -- feedback pages (read by students, in their own language) -----------------------------
    "fb_title": m("{assignment}: feedback for {name}", "{assignment}：{name} 的反馈", "{assignment}：{name} 的回饋"),
    "fb_submitted_at": m("handed in {when}", "提交时间 {when}", "提交時間 {when}"),
    "fb_late": m("Handed in after the due date (late by {late}).", "在截止时间之后提交（迟了 {late}）。",
                 "在截止時間之後提交（遲了 {late}）。"),
    "fb_failed": m("Your notebook could not be graded: {reason}. Please talk to your teacher.",
                   "你的笔记本无法评分：{reason}。请联系老师。", "你的筆記本無法評分：{reason}。請聯絡老師。"),
    "fb_total": m("Score: {score} / {max_score}", "得分：{score} / {max_score}", "得分：{score} / {max_score}"),
    "fb_some_waiting": m("Some answers are still being marked by your teacher; the score may go up.",
                         "部分答案还在由老师批改，分数可能还会增加。", "部分答案仍由老師批改中，分數可能還會增加。"),
    "fb_penalty": plural("points", {"one": "{points} point was taken off for handing in late.", "other": "{points} points were taken off for handing in late."}, "因迟交扣了 {points} 分。",
                    "因遲交扣了 {points} 分。"),
    "fb_waiting": m("Waiting for your teacher to mark this answer.", "等待老师批改这道题。", "等待老師批改這道題。"),
    "fb_no_answer": m("Nothing was written here, so it scores 0.", "这里什么都没有写，所以是 0 分。",
                      "這裡甚麼都沒有寫，所以是 0 分。"),
    "fb_marked": m("Marked by your teacher.", "老师已批改。", "老師已批改。"),
    "fb_passed": m("Passed all checks.", "全部检查通过。", "全部檢查通過。"),
    "fb_partly": m("Some checks passed.", "部分检查通过。", "部分檢查通過。"),
    "fb_not_passed": m("Did not pass.", "没有通过。", "沒有通過。"),
    "fb_no_output": m("The checks gave no points for this answer.", "这道题的检查没有给分。", "這道題的檢查沒有給分。"),
    "fb_hidden_failed": m(
        "A hidden check did not pass ({error}). Test your code with more examples of your own.",
        "有一项隐藏检查没有通过（{error}）。试着用更多自己的例子测试你的代码。",
        "有一項隱藏檢查沒有通過（{error}）。試着用更多自己的例子測試你的程式。"),
    "fb_check_message": m("The check said:\n{message}\n\nThe check:\n{test}", "检查给出的信息：\n{message}\n\n检查代码：\n{test}",
                          "檢查給出的訊息：\n{message}\n\n檢查程式：\n{test}"),
    "fb_check_error": m("The check stopped with {error} while running your code.\n\nThe check:\n{test}",
                        "检查在运行你的代码时出现 {error} 而停止。\n\n检查代码：\n{test}",
                        "檢查在執行你的程式時出現 {error} 而停止。\n\n檢查程式：\n{test}"),
    "fb_teacher_changed": m("Your teacher changed the points from {auto} to {score}.",
                            "老师把这道题的分数从 {auto} 改为 {score}。", "老師把這道題的分數由 {auto} 改為 {score}。"),
    "fb_teacher_comment": m("Your teacher:", "老师的评语：", "老師的評語："),
    "fb_stderr_hidden": m("A check printed a warning or an error, so it scores 0.",
                          "检查时输出了警告或错误信息，所以得 0 分。", "檢查時輸出了警告或錯誤訊息，所以得 0 分。"),
    "fb_stderr": m("The check printed a warning or an error, so it scores 0:\n{text}",
                   "检查时输出了警告或错误信息，所以得 0 分：\n{text}", "檢查時輸出了警告或錯誤訊息，所以得 0 分：\n{text}"),
    "fb_your_cell_error": m("Your code for \"{question}\" stopped with an error:", "你为“{question}”写的代码出错停止了：",
                            "你為「{question}」寫的程式出錯停止了："),
    "fb_your_code": m("Errors in your own code", "你的代码中的错误", "你的程式中的錯誤"),
    "feedback_written": plural("count", {"one": "{class_id}: {count} feedback page in {path}", "other": "{class_id}: {count} feedback pages in {path}"}, "{class_id}：已生成 {count} 个反馈页面，位于 {path}",
                          "{class_id}：已生成 {count} 個回饋頁面，位於 {path}"),

    # -- publish -------------------------------------------------------------------------------
    "col_student_id": m("student number", "学号", "學號"),
    "col_name": m("name", "姓名", "姓名"),
    "col_other_name": m("English name", "英文名", "英文名"),
    "col_total": m("total", "总分", "總分"),
    "col_max": m("out of", "满分", "滿分"),
    "col_percent": m("%", "得分率 %", "得分率 %"),
    "col_status": m("status", "状态", "狀態"),
    "col_late": m("late by", "迟交", "遲交"),
    "col_submitted_at": m("handed in", "提交时间", "提交時間"),
    "col_reason": m("reason", "原因", "原因"),
    "col_submissions": m("submissions", "提交次数", "提交次數"),
    "col_about": m("about", "说明", "說明"),
    "col_class": m("class", "班级", "班別"),
    "col_assignment": m("assignment", "作业", "功課"),
    "col_why": m("why", "原因", "原因"),
    "attn_failed": m("could not be graded: {reason}", "无法评分：{reason}", "無法評分：{reason}"),
    "sep_reasons": m("; ", "；", "；"),
    "sep_items": m(", ", "、", "、"),
    "attn_missing": m("nothing handed in", "没有交作业", "沒有交功課"),
    "attn_manual": m("answers to mark by hand in formgrader: {questions}", "需在 formgrader 中人工批改：{questions}",
                     "需在 formgrader 中人手批改：{questions}"),
    "attn_waiting": m("handed in but not graded yet (minicourse grade)", "已交但未评分（minicourse grade）",
                      "已交但未評分（minicourse grade）"),
    "attn_low": m("only {percent} of the points", "只得到 {percent} 的分数", "只得到 {percent} 的分數"),
    "attn_late": m("late by {late}", "迟交 {late}", "遲交 {late}"),
    "attn_none": m("Nobody: everyone is graded and doing fine.", "没有：所有人都已评分且表现良好。",
                   "沒有：所有人都已評分且表現良好。"),
    "tile_students": m("students", "学生", "學生"),
    "tile_handed_in": m("handed in", "已交", "已交"),
    "tile_graded": m("graded", "已评分", "已評分"),
    "tile_manual": m("need manual grading", "需人工评分", "需人手評分"),
    "tile_failed": m("failed to grade", "评分失败", "評分失敗"),
    "tile_missing": m("missing", "未交", "未交"),
    "tile_late": m("late", "迟交", "遲交"),
    "tile_mean": m("mean %", "平均得分率 %", "平均得分率 %"),
    "tile_median": m("median %", "中位得分率 %", "中位得分率 %"),
    "report_title": m("{assignment} — {name}", "{assignment} — {name}", "{assignment} — {name}"),
    "report_attention": m("Students who need attention", "需要关注的学生", "需要關注的學生"),
    "report_distribution": m("Score distribution", "分数分布", "分數分佈"),
    "report_pass_rate": m("Pass rate per question", "每道题的通过率", "每道題的通過率"),
    "report_all": m("All students", "全部学生", "全部學生"),
    "report_footer": m("Scores come from the nbgrader gradebook, manual grades from formgrader included.",
                       "分数来自 nbgrader 成绩册，包括在 formgrader 中的人工评分。",
                       "分數來自 nbgrader 成績冊，包括在 formgrader 中的人手評分。"),
    "summary_title": m("{assignment}: all classes", "{assignment}：全校汇总", "{assignment}：全校匯總"),
    "summary_reports": m("Class reports", "各班报告", "各班報告"),
    "published": plural("released", {"one": "{class_id}: published in {folder} ({graded} graded, {manual} awaiting manual grading, {failed} failed, {missing} missing; feedback released to {released} student through the exchange)", "other": "{class_id}: published in {folder} ({graded} graded, {manual} awaiting manual grading, {failed} failed, {missing} missing; feedback released to {released} students through the exchange)"},
        "{class_id}：已公布到 {folder}（已评分 {graded}，需人工评分 {manual}，评分失败 {failed}，未交 {missing}；"
        "已通过交换区向 {released} 名学生发放反馈）",
        "{class_id}：已公佈到 {folder}（已評分 {graded}，需人手評分 {manual}，評分失敗 {failed}，未交 {missing}；"
        "已經交換區向 {released} 名學生發放回饋）"),
    "feedback_held": plural("count", {"one": "Feedback held back from {count} student until their manual grading is done (formgrader): {students}. Run publish again afterwards, or add --release-pending.", "other": "Feedback held back from {count} students until their manual grading is done (formgrader): {students}. Run publish again afterwards, or add --release-pending."},
        "{count} 名学生的人工评分未完成，暂不发放反馈：{students}。在 formgrader 批改后再运行 publish，或加上 --release-pending。",
        "{count} 名學生的人手評分未完成，暫不發放回饋：{students}。在 formgrader 批改後再執行 publish，或加上 --release-pending。"),
    "help_arg_release_pending": m("release feedback even to students whose manual grading is pending",
                                  "人工评分未完成的学生也发放反馈", "人手評分未完成的學生也發放回饋"),
    "plot_percent_of_points": m("% of points", "得分率 %", "得分率 %"),
    "plot_students": m("students", "学生人数", "學生人數"),
    "plot_full_marks": m("% of graded students with full marks", "已评分学生中得满分的比例 %",
                         "已評分學生中得滿分的比例 %"),
    "report_questions": m("Questions", "各题统计", "各題統計"),
    "col_question": m("question", "题目", "題目"),
    "col_graded_count": m("graded", "已评分人数", "已評分人數"),
    "col_mean": m("mean", "平均分", "平均分"),
    "col_distribution": m("scores (students)", "得分（人数）", "得分（人數）"),
    "col_common_failure": m("most common failing check", "最常见的未通过检查", "最常見的未通過檢查"),
    "kind_auto": m("autograded", "自动评分", "自動評分"),
    "kind_manual": m("marked by hand", "人工批改", "人手批改"),
    "school_summary_written": m("School summary: {path}", "全校汇总：{path}", "全校匯總：{path}"),
    # -- demo ----------------------------------------------------------------------------------
    "demo_folder_taken": m("{path} is not empty and is not a demo school: choose another folder with --school.",
                           "{path} 不是空文件夹，也不是示范学校：请用 --school 选择别的文件夹。",
                           "{path} 不是空資料夾，也不是示範學校：請用 --school 選擇別的資料夾。"),
    "demo_fallback": m("Note: assignments/hw1 does not exist yet; the demo uses the test exercise {assignment} ({path}).",
                       "注意：assignments/hw1 还不存在；示范使用测试练习 {assignment}（{path}）。",
                       "注意：assignments/hw1 還不存在；示範使用測試練習 {assignment}（{path}）。"),
    "demo_classes": m("Classes {a} and {b} created, rosters imported.", "已创建班级 {a} 和 {b}，并导入名册。",
                      "已建立班別 {a} 和 {b}，並匯入名冊。"),
    "demo_released": m("{assignment} released to the classes: 8a due {due_a}, s2c and g8e due {due_b} (already past).",
                       "{assignment} 已发布给各班：8a 截止 {due_a}，s2c 和 g8e 截止 {due_b}（已经过了）。",
                       "{assignment} 已發佈給各班：8a 截止 {due_a}，s2c 和 g8e 截止 {due_b}（已經過了）。"),
    "demo_fabricated": m("Students handed in: {a} through the exchange, {b} as an upload {zip}.",
                         "学生已交作业：{a} 通过交换区，{b} 通过上传文件 {zip}。",
                         "學生已交功課：{a} 經交換區，{b} 經上載檔案 {zip}。"),
    "demo_manual_grade": m("The teacher marked the written answer of {student} (as formgrader does).",
                           "老师批改了 {student} 的文字答案（与 formgrader 的操作相同）。",
                           "老師批改了 {student} 的文字答案（與 formgrader 的操作相同）。"),
    "demo_done": m("The week is done. Published files:", "一周流程完成。公布的文件：", "一週流程完成。公佈的檔案："),
    "demo_class_files": m("  {class_id} {name}:\n    {xlsx}\n    {csv}\n    {report}\n    {feedback}/",
                          "  {class_id} {name}：\n    {xlsx}\n    {csv}\n    {report}\n    {feedback}/",
                          "  {class_id} {name}：\n    {xlsx}\n    {csv}\n    {report}\n    {feedback}/"),
    "demo_formgrader": m("To grade by hand in formgrader: cd {path} && jupyter lab  (then Nbgrader > Formgrader)",
                         "在 formgrader 中人工批改：cd {path} && jupyter lab（然后 Nbgrader > Formgrader）",
                         "在 formgrader 中人手批改：cd {path} && jupyter lab（然後 Nbgrader > Formgrader）"),
}

# -- the school hub (graders/hub.py, hub_auth.py, signup.py, grade_on_submit.py) ------------------
HUB_MESSAGES = {
    "help_hub": m("run a JupyterHub for the school: students sign in, fetch, work and submit in "
                  "their browser; teachers open formgrader; submissions are graded on arrival",
                  "为全校运行 JupyterHub：学生在浏览器中登录、领取、完成并提交作业；老师打开 formgrader；作业一交上来就评分",
                  "為全校執行 JupyterHub：學生在瀏覽器中登入、領取、完成並提交功課；老師打開 formgrader；功課一交上來就評分"),
    "help_arg_hub_ip": m("address to listen on (default 127.0.0.1: this machine only; 0.0.0.0: every network)",
                         "监听地址（默认 127.0.0.1：只限本机；0.0.0.0：所有网络）",
                         "監聽位址（預設 127.0.0.1：只限本機；0.0.0.0：所有網絡）"),
    "help_arg_hub_port": m("port (default 8000)", "端口（默认 8000）", "埠（預設 8000）"),
    "help_arg_idle_timeout": m("stop a user's server after this many idle seconds (default 3600)",
                               "用户的服务器闲置这么多秒后停止（默认 3600）",
                               "用戶的伺服器閒置這麼多秒後停止（預設 3600）"),
    "help_arg_hub_mem": m("memory per user's server, e.g. 2G (default 2G)",
                          "每个用户服务器的内存，例如 2G（默认 2G）", "每個用戶伺服器的記憶體，例如 2G（預設 2G）"),
    "help_arg_hub_cpu": m("CPU cores per user's server (default 1)", "每个用户服务器的 CPU 核数（默认 1）",
                          "每個用戶伺服器的 CPU 核心數（預設 1）"),
    "help_arg_no_grade_on_submit": m("do not autograde submissions as they arrive",
                                     "不在作业交上来时自动评分", "不在功課交上來時自動評分"),
    "help_signup_codes": m("write a sheet of one-time sign-up codes for the hub, one per student "
                           "(or for a teacher: --teacher NAME), in the class's language",
                           "生成登录 JupyterHub 用的一次性注册码表，每个学生一个（或给老师：--teacher 名字），用班级语言",
                           "生成登入 JupyterHub 用的一次性登記碼表，每個學生一個（或給老師：--teacher 名字），用班別語言"),
    "help_arg_teacher": m("a teacher's sign-in name: make them a teacher of the class and print only their code",
                          "老师的登录名：设为该班老师，只打印其注册码",
                          "老師的登入名稱：設為該班老師，只列印其登記碼"),
    "help_arg_sheet_out": m("where to write the sheet (default: <school>/hub/sheets/<class>.html)",
                            "表格保存位置（默认：<school>/hub/sheets/<class>.html）",
                            "表格儲存位置（預設：<school>/hub/sheets/<class>.html）"),
    "help_arg_hub_url": m("the hub's address as students type it (default http://127.0.0.1:8000)",
                          "学生输入的 JupyterHub 地址（默认 http://127.0.0.1:8000）",
                          "學生輸入的 JupyterHub 位址（預設 http://127.0.0.1:8000）"),
    "signup_sheet_written": plural("issued", {"one": "{class_id}: sign-up sheet written to {path} ({issued} new code; {signed_up} already signed up). Print it and hand out the slips; the codes are shown only on this sheet.", "other": "{class_id}: sign-up sheet written to {path} ({issued} new codes; {signed_up} already signed up). Print it and hand out the slips; the codes are shown only on this sheet."},
        "{class_id}：注册码表已写到 {path}（新注册码 {issued} 个；已注册 {signed_up} 人）。打印后剪开分发；注册码只在这张表上出现。",
        "{class_id}：登記碼表已寫到 {path}（新登記碼 {issued} 個；已登記 {signed_up} 人）。列印後剪開派發；登記碼只在這張表上出現。"),
    "teacher_name_invalid": m("{name} cannot be a sign-in name: use letters, digits, '.', '-' and '_' only.",
                              "{name} 不能作登录名：只能用字母、数字、“.”、“-”和“_”。",
                              "{name} 不能作登入名稱：只能用字母、數字、「.」、「-」和「_」。"),
    "teacher_is_student": m("{name} is on a class roster as a student (class {class_id}) or is already a teacher "
                            "account the other way round: choose another name for the teacher.",
                            "{name} 已是学生（班级 {class_id} 名册）或角色相反：请给老师另选一个登录名。",
                            "{name} 已是學生（班別 {class_id} 名冊）或角色相反：請給老師另選一個登入名稱。"),
    "sheet_title": m("{name} ({class_id}): sign-up codes", "{name}（{class_id}）：注册码", "{name}（{class_id}）：登記碼"),
    "sheet_note": m("Cut along the dashed lines and give each student their own slip. A code works once.",
                    "沿虚线剪开，把每张纸条交给对应的学生。每个注册码只能用一次。",
                    "沿虛線剪開，把每張紙條交給對應的學生。每個登記碼只可用一次。"),
    "sheet_login_name": m("Student number:", "学号：", "學號："),
    "sheet_code": m("Sign-up code:", "注册码：", "登記碼："),
    "sheet_signed_up": m("already signed up: use your own password", "已注册：请用你自己的密码登录",
                         "已登記：請用你自己的密碼登入"),
    "sheet_step_open": m("Open {url}", "打开 {url}", "打開 {url}"),
    "sheet_step_sign_in": m("Type your student number and this code, then choose your own password "
                            "(8 characters or more).",
                            "输入学号和这个注册码，再设定你自己的密码（至少 8 个字符）。",
                            "輸入學號和這個登記碼，再設定你自己的密碼（最少 8 個字元）。"),
    "sheet_step_keep": m("Next time, sign in with your password. Keep it secret.",
                         "以后用你的密码登录。不要告诉别人。", "以後用你的密碼登入。不要告訴別人。"),
    # refusals on the login page (the student reads them)
    "hub_unknown_name": m("{name} is not on any class list. Check your student number; if it is right, "
                          "ask your teacher to add you to the class roster.",
                          "{name} 不在任何班级名册上。请检查学号；如果没错，请老师把你加进班级名册。",
                          "{name} 不在任何班別名冊上。請檢查學號；如果沒錯，請老師把你加進班別名冊。"),
    "hub_wrong_code": m("That sign-up code is not the one for {name}. Type it again exactly as on your slip "
                        "(letters and digits; dashes do not matter); if it still fails, ask your teacher for a new slip.",
                        "这个注册码不是 {name} 的。请照纸条重新输入（字母和数字，横线可省略）；仍然不行就请老师给你新的纸条。",
                        "這個登記碼不是 {name} 的。請照紙條重新輸入（字母和數字，橫線可省略）；仍然不行就請老師給你新的紙條。"),
    "hub_code_used": m("This sign-up code has already been used: {name} has signed up and chosen a password. "
                       "Sign in with that password. If it was not you, tell your teacher at once.",
                       "这个注册码已经用过了：{name} 已注册并设定了密码。请用那个密码登录。如果不是你本人注册的，请马上告诉老师。",
                       "這個登記碼已經用過了：{name} 已登記並設定了密碼。請用那個密碼登入。如果不是你本人登記的，請馬上告訴老師。"),
    "hub_wrong_password": m("Wrong password for {name}. If you forgot it, your teacher can give you a new sign-up code.",
                            "{name} 的密码不对。如果忘记了，老师可以给你新的注册码。",
                            "{name} 的密碼不對。如果忘記了，老師可以給你新的登記碼。"),
    "hub_no_code": m("{name} has no sign-up code yet: ask your teacher for your slip.",
                     "{name} 还没有注册码：请向老师领取你的纸条。", "{name} 還沒有登記碼：請向老師領取你的紙條。"),
    "hub_choose_password": m("The code is right. Now also choose your own password in the last box "
                             "(8 characters or more) and sign in again.",
                             "注册码正确。请在最后一格设定你自己的密码（至少 8 个字符），再登录一次。",
                             "登記碼正確。請在最後一格設定你自己的密碼（最少 8 個字元），再登入一次。"),
    "hub_password_short": m("Your new password is too short: use {limit} characters or more.",
                            "新密码太短：至少要 {limit} 个字符。", "新密碼太短：最少要 {limit} 個字元。"),
    "hub_password_is_code": m("Choose a password of your own, not the sign-up code.",
                              "请设定你自己的密码，不要用注册码。", "請設定你自己的密碼，不要用登記碼。"),
    # the teacher's terminal
    "hub_no_proxy": m("configurable-http-proxy (JupyterHub's proxy, from npm) is not installed: run "
                      "bash scripts/setup.sh (it installs it into {path}).",
                      "没有安装 configurable-http-proxy（JupyterHub 的代理，来自 npm）：请运行 bash scripts/setup.sh（会安装到 {path}）。",
                      "沒有安裝 configurable-http-proxy（JupyterHub 的代理，來自 npm）：請執行 bash scripts/setup.sh（會安裝到 {path}）。"),
    "hub_failed": m("JupyterHub did not start or stopped by itself: {reason}. Its whole log is in {log}.",
                    "JupyterHub 没有启动或自行停止了：{reason}。完整日志在 {log}。",
                    "JupyterHub 沒有啟動或自行停止了：{reason}。完整記錄在 {log}。"),
    "hub_not_root": m("Note: not running as root, so every student's server runs as your own user. They are kept apart "
                      "in the browser, but code a student runs could read another's files. For a class, start the hub as root "
                      "(each student then gets their own account and private folder).",
                      "注意：不是以 root 运行，所有学生的服务器都以你的用户运行。浏览器里互相看不到，但学生运行的代码可能读到别人的文件。"
                      "正式上课请以 root 启动（每个学生会有自己的账户和私人文件夹）。",
                      "注意：不是以 root 執行，所有學生的伺服器都以你的用戶執行。瀏覽器裡互相看不到，但學生執行的程式碼可能讀到別人的檔案。"
                      "正式上課請以 root 啟動（每個學生會有自己的帳戶和私人資料夾）。"),
    "hub_path_closed": m("Note: students' own accounts cannot reach {path} (a folder on the way is closed to other "
                         "users), so every student's server runs as root and students are kept apart in the browser only. "
                         "For private folders, put the school and minicourse where others may pass through (e.g. /srv) "
                         "and use a Python outside /root.",
                         "注意：学生自己的账户无法访问 {path}（路径上有文件夹不对其他用户开放），所以所有学生的服务器都以 root 运行，"
                         "学生只在浏览器里互相隔开。要有私人文件夹，请把学校和 minicourse 放在其他用户可进入的位置（例如 /srv），并使用 /root 以外的 Python。",
                         "注意：學生自己的帳戶無法存取 {path}（路徑上有資料夾不對其他用戶開放），所以所有學生的伺服器都以 root 執行，"
                         "學生只在瀏覽器裡互相隔開。要有私人資料夾，請把學校和 minicourse 放在其他用戶可進入的位置（例如 /srv），並使用 /root 以外的 Python。"),
    "hub_running": m("The school's hub is running at {url} (log: {log})", "学校的 JupyterHub 正在运行：{url}（日志：{log}）",
                     "學校的 JupyterHub 正在執行：{url}（記錄：{log}）"),
    "hub_class_line": plural("students", {"one": "  {class_id} {name}: {students} student, teachers: {teachers}; formgrader: {formgrader}", "other": "  {class_id} {name}: {students} students, teachers: {teachers}; formgrader: {formgrader}"},
                        "  {class_id} {name}：学生 {students} 人，老师：{teachers}；formgrader：{formgrader}",
                        "  {class_id} {name}：學生 {students} 人，老師：{teachers}；formgrader：{formgrader}"),
    "hub_stop_hint": m("Press Ctrl-C to stop it (every student's server stops too).",
                       "按 Ctrl-C 停止（所有学生的服务器也会停止）。", "按 Ctrl-C 停止（所有學生的伺服器也會停止）。"),
    "hub_stopping": m("Stopping the hub, its proxy and every user's server...", "正在停止 JupyterHub、代理和所有用户的服务器……",
                      "正在停止 JupyterHub、代理和所有用戶的伺服器……"),
    "hub_stopped": m("The hub has stopped.", "JupyterHub 已停止。", "JupyterHub 已停止。"),
    "fb_provisional": m("Provisional: these scores come from the automatic tests the moment you handed in. "
                        "Your teacher still has to mark some answers; the final scores come when they publish them.",
                        "暂定成绩：这些分数是你交作业时自动测试给出的。老师还要批改部分答案，最终成绩等老师公布。",
                        "暫定成績：這些分數是你交功課時自動測試給出的。老師還要批改部分答案，最終成績等老師公佈。"),
    "gos_started": m("Grading on submit for {school}", "交作业即评分：{school}", "交功課即評分：{school}"),
    "gos_graded": m("{class_id} {assignment}: {student} graded on submit: {status}, {score}/{max_score}; feedback released",
                    "{class_id} {assignment}：{student} 交作业即评分：{status}，{score}/{max_score}；已发放反馈",
                    "{class_id} {assignment}：{student} 交功課即評分：{status}，{score}/{max_score}；已發放回饋"),
    "gos_refused": m("{class_id}: submission {origin} refused: {reason}", "{class_id}：提交 {origin} 被拒收：{reason}",
                     "{class_id}：提交 {origin} 被拒收：{reason}"),
    "gos_failed": m("{class_id} {assignment}: grading on submit stopped for this round: {reason} (the teacher's "
                    "collect and grade still work)",
                    "{class_id} {assignment}：本轮交作业即评分中止：{reason}（老师的 collect 和 grade 仍可使用）",
                    "{class_id} {assignment}：本輪交功課即評分中止：{reason}（老師的 collect 和 grade 仍可使用）"),
}


# -- LTI 1.3 (graders/lti.py, lti_launch.py, lti_scores.py) ------------------------------------
LTI_MESSAGES = {
    "help_lti": m("LTI 1.3: let the school's Moodle or Canvas open the hub and receive published scores",
                  "LTI 1.3：让学校的 Moodle 或 Canvas 打开 JupyterHub 并接收公布的成绩",
                  "LTI 1.3：讓學校的 Moodle 或 Canvas 打開 JupyterHub 並接收公佈的成績"),
    "help_lti_add": m("register the school's LTI platform (its values are on the platform's tool registration page)",
                      "登记学校的 LTI 平台（各项数值在平台的工具登记页上）",
                      "登記學校的 LTI 平台（各項數值在平台的工具登記頁上）"),
    "help_arg_lti_issuer": m("the platform's issuer (Moodle: its address, e.g. https://moodle.school.example; "
                             "Canvas: https://canvas.instructure.com)",
                             "平台的 issuer（Moodle：网站地址，例如 https://moodle.school.example；Canvas：https://canvas.instructure.com）",
                             "平台的 issuer（Moodle：網站位址，例如 https://moodle.school.example；Canvas：https://canvas.instructure.com）"),
    "help_arg_lti_client_id": m("the client ID the platform gave minicourse", "平台给 minicourse 的 client ID",
                                "平台給 minicourse 的 client ID"),
    "help_arg_lti_deployment": m("a deployment ID of the tool on the platform (may be repeated)",
                                 "工具在平台上的 deployment ID（可重复）", "工具在平台上的 deployment ID（可重複）"),
    "help_arg_lti_auth_url": m("the platform's OIDC authentication URL", "平台的 OIDC 认证地址", "平台的 OIDC 認證位址"),
    "help_arg_lti_jwks_url": m("the platform's public keyset (JWKS) URL", "平台的公钥集（JWKS）地址",
                               "平台的公鑰集（JWKS）位址"),
    "help_arg_lti_token_url": m("the platform's access token URL", "平台的访问令牌（token）地址", "平台的存取權杖（token）位址"),
    "help_arg_lti_token_audience": m("audience of token requests, if the platform wants another than the token URL",
                                     "令牌请求的 audience（平台要求与 token 地址不同时才填）",
                                     "權杖請求的 audience（平台要求與 token 位址不同時才填）"),
    "help_arg_lti_user_claim": m("how a launch's user is found on the roster: lis_person_sourcedid (the platform's "
                                 "ID number / SIS ID = the student number), login_id (custom parameter login_id) or email",
                                 "如何在名册上找到启动的用户：lis_person_sourcedid（平台的学号/SIS ID = 学号）、"
                                 "login_id（自定义参数 login_id）或 email",
                                 "如何在名冊上找到啟動的用戶：lis_person_sourcedid（平台的學號/SIS ID = 學號）、"
                                 "login_id（自訂參數 login_id）或 email"),
    "help_arg_lti_name": m("a name for the platform in messages (default: its host)", "平台在提示中的名称（默认：主机名）",
                           "平台在提示中的名稱（預設：主機名稱）"),
    "help_lti_link": m("say which platform course (its context ID) is which class",
                       "指定平台上的哪个课程（context ID）对应哪个班级", "指定平台上的哪個課程（context ID）對應哪個班別"),
    "help_arg_lti_context": m("the course's context ID on the platform (shown on the refusal page of a launch from it)",
                              "课程在平台上的 context ID（从该课程启动被拒时页面上会显示）",
                              "課程在平台上的 context ID（從該課程啟動被拒時頁面上會顯示）"),
    "help_arg_lti_issuer_link": m("the platform's issuer (needed when several are registered)",
                                  "平台的 issuer（登记了多个平台时必填）", "平台的 issuer（登記了多個平台時必填）"),
    "help_lti_show": m("show the registered platforms, the linked classes and the URLs to give the platform",
                       "显示已登记的平台、已关联的班级和要填到平台上的地址",
                       "顯示已登記的平台、已關聯的班別和要填到平台上的位址"),
    "help_lti_send": m("send an assignment's published scores to the platform's gradebook (LTI Advantage AGS)",
                       "把一份作业公布的成绩发送到平台的成绩册（LTI Advantage AGS）",
                       "把一份功課公佈的成績傳送到平台的成績冊（LTI Advantage AGS）"),
    "help_arg_lti_resend": m("send every score again, also those unchanged since the last send",
                             "重新发送所有成绩，包括上次发送后没有变化的", "重新傳送所有成績，包括上次傳送後沒有變化的"),
    "help_arg_no_lti": m("do not send the scores to the school's LTI platform (sent by default when the class is "
                         "linked to one: minicourse lti link-class)",
                         "不把成绩发送到学校的 LTI 平台（班级已关联平台时默认发送：minicourse lti link-class）",
                         "不把成績傳送到學校的 LTI 平台（班別已關聯平台時預設傳送：minicourse lti link-class）"),
    "lti_publish_not_sent": m("{class_id}: published here, but the scores were not sent to the platform: {reason}",
                              "{class_id}：已在本地公布，但成绩没有发送到平台：{reason}",
                              "{class_id}：已在本機公佈，但成績沒有傳送到平台：{reason}"),
    "lti_no_key": m("The tool has no key yet ({path}): register the platform first with `minicourse lti add-platform`.",
                    "工具还没有密钥（{path}）：请先用 `minicourse lti add-platform` 登记平台。",
                    "工具還沒有金鑰（{path}）：請先用 `minicourse lti add-platform` 登記平台。"),
    "lti_bad_url": m("'{value}' is not a web address (it must start with https:// or http://).",
                     "“{value}”不是网址（必须以 https:// 或 http:// 开头）。", "「{value}」不是網址（必須以 https:// 或 http:// 開頭）。"),
    "lti_platform_added": m("Platform {name} registered ({issuer}, client {client_id}); its users are found on the "
                            "rosters by {claim}.",
                            "已登记平台 {name}（{issuer}，client {client_id}）；按 {claim} 在名册上找用户。",
                            "已登記平台 {name}（{issuer}，client {client_id}）；按 {claim} 在名冊上找用戶。"),
    "lti_platform_replaced": m("Platform {name} updated ({issuer}, client {client_id}); its users are found on the "
                               "rosters by {claim}.",
                               "已更新平台 {name}（{issuer}，client {client_id}）；按 {claim} 在名册上找用户。",
                               "已更新平台 {name}（{issuer}，client {client_id}）；按 {claim} 在名冊上找用戶。"),
    "lti_tool_urls": m("Give the platform these URLs:\n  login (OIDC initiation) URL: {login}\n  redirect URL: {redirect}\n"
                       "  target link URL: {target}\n  public keyset (JWKS) URL: {jwks}\n  Canvas JSON configuration: {config}\n"
                       "Then link each course to its class: minicourse lti link-class CLASS CONTEXT_ID",
                       "请把这些地址填到平台上：\n  登录（OIDC 发起）地址：{login}\n  重定向地址：{redirect}\n"
                       "  目标链接地址：{target}\n  公钥集（JWKS）地址：{jwks}\n  Canvas JSON 配置：{config}\n"
                       "然后把每个课程关联到班级：minicourse lti link-class 班级 CONTEXT_ID",
                       "請把這些位址填到平台上：\n  登入（OIDC 發起）位址：{login}\n  重新導向位址：{redirect}\n"
                       "  目標連結位址：{target}\n  公鑰集（JWKS）位址：{jwks}\n  Canvas JSON 設定：{config}\n"
                       "然後把每個課程關聯到班別：minicourse lti link-class 班別 CONTEXT_ID"),
    "lti_issuer_unknown": m("No platform with issuer {issuer} is registered (registered: {known}).",
                            "没有登记 issuer 为 {issuer} 的平台（已登记：{known}）。",
                            "沒有登記 issuer 為 {issuer} 的平台（已登記：{known}）。"),
    "lti_issuer_needed": m("Several platforms are registered ({known}): say which with --issuer.",
                           "登记了多个平台（{known}）：请用 --issuer 指定。", "登記了多個平台（{known}）：請用 --issuer 指定。"),
    "lti_no_platforms": m("No LTI platform is registered yet: run `minicourse lti add-platform` first.",
                          "还没有登记任何 LTI 平台：请先运行 `minicourse lti add-platform`。",
                          "還沒有登記任何 LTI 平台：請先執行 `minicourse lti add-platform`。"),
    "lti_no_platforms_yet": m("No LTI platform is registered (minicourse lti add-platform).",
                              "还没有登记 LTI 平台（minicourse lti add-platform）。", "還沒有登記 LTI 平台（minicourse lti add-platform）。"),
    "lti_class_linked": m("Class {class_id} is now the course {context_id} of {issuer}.",
                          "班级 {class_id} 已关联到 {issuer} 的课程 {context_id}。",
                          "班別 {class_id} 已關聯到 {issuer} 的課程 {context_id}。"),
    "lti_platform_line": m("{name}: {issuer}, client {client_id}, deployments {deployments}, users by {claim}",
                           "{name}：{issuer}，client {client_id}，deployment {deployments}，按 {claim} 找用户",
                           "{name}：{issuer}，client {client_id}，deployment {deployments}，按 {claim} 找用戶"),
    "lti_link_line": m("  class {class_id} = course {context_id} of {issuer}", "  班级 {class_id} = {issuer} 的课程 {context_id}",
                       "  班別 {class_id} = {issuer} 的課程 {context_id}"),
    # refusals of a launch: the page a student (or teacher) sees when opening the hub from the platform
    "lti_login_incomplete": m("This link from the school's learning platform is incomplete ({reason}). Tell your "
                              "teacher: the school's platform administrator has to check minicourse's tool settings.",
                              "学校学习平台的这个链接不完整（{reason}）。请告诉老师：需要学校的平台管理员检查 minicourse 的工具设置。",
                              "學校學習平台的這個連結不完整（{reason}）。請告訴老師：需要學校的平台管理員檢查 minicourse 的工具設定。"),
    "lti_unknown_platform": m("This hub does not know the platform that sent you here ({issuer}, client {client_id}). "
                              "Tell your teacher: the school registers it with `minicourse lti add-platform`.",
                              "这个 JupyterHub 不认识把你带到这里的平台（{issuer}，client {client_id}）。"
                              "请告诉老师：学校需用 `minicourse lti add-platform` 登记它。",
                              "這個 JupyterHub 不認識把你帶到這裡的平台（{issuer}，client {client_id}）。"
                              "請告訴老師：學校需用 `minicourse lti add-platform` 登記它。"),
    "lti_unknown_deployment": m("{name} sent you here from a deployment ({deployment}) the hub was not told about. "
                                "Tell your teacher: add it with `minicourse lti add-platform ... --deployment-id {deployment}`.",
                                "{name} 从一个 JupyterHub 不知道的部署（{deployment}）把你带到这里。"
                                "请告诉老师：用 `minicourse lti add-platform ... --deployment-id {deployment}` 加上它。",
                                "{name} 從一個 JupyterHub 不知道的部署（{deployment}）把你帶到這裡。"
                                "請告訴老師：用 `minicourse lti add-platform ... --deployment-id {deployment}` 加上它。"),
    "lti_launch_incomplete": m("The platform's answer is incomplete ({reason}). Go back and open the activity again; "
                               "if it keeps failing, tell your teacher.",
                               "平台的回应不完整（{reason}）。请返回再打开一次活动；如果一直失败，请告诉老师。",
                               "平台的回應不完整（{reason}）。請返回再打開一次活動；如果一直失敗，請告訴老師。"),
    "lti_launch_stale": m("This sign-in from the platform has expired or was opened in another browser window. "
                          "Go back to the platform and open the activity again.",
                          "这次从平台登录已过期，或是在另一个浏览器窗口打开的。请回到平台再打开一次活动。",
                          "這次從平台登入已過期，或是在另一個瀏覽器視窗打開的。請回到平台再打開一次活動。"),
    "lti_bad_token": m("The sign-in from {name} could not be verified ({reason}), so you were not let in. Go back and open "
                       "the activity again; if it keeps failing, tell your teacher (the platform's keys or clock may be wrong).",
                       "无法验证来自 {name} 的登录（{reason}），所以没有让你进入。请返回再打开一次活动；"
                       "如果一直失败，请告诉老师（平台的密钥或时钟可能有误）。",
                       "無法驗證來自 {name} 的登入（{reason}），所以沒有讓你進入。請返回再打開一次活動；"
                       "如果一直失敗，請告訴老師（平台的金鑰或時鐘可能有誤）。"),
    "lti_wrong_audience": m("The sign-in from {name} was meant for another tool (audience {audience}, but this hub is "
                            "client {client_id}). Tell your teacher: the client ID registered with `minicourse lti "
                            "add-platform` must be the one the platform gave.",
                            "来自 {name} 的登录是给另一个工具的（audience {audience}，但这个 JupyterHub 是 client {client_id}）。"
                            "请告诉老师：用 `minicourse lti add-platform` 登记的 client ID 必须是平台给的那个。",
                            "來自 {name} 的登入是給另一個工具的（audience {audience}，但這個 JupyterHub 是 client {client_id}）。"
                            "請告訴老師：用 `minicourse lti add-platform` 登記的 client ID 必須是平台給的那個。"),
    "lti_replayed": m("This sign-in from {name} has already been used once. Go back to the platform and open the "
                      "activity again (each sign-in works only once).",
                      "这次来自 {name} 的登录已经用过了。请回到平台再打开一次活动（每次登录只能用一次）。",
                      "這次來自 {name} 的登入已經用過了。請回到平台再打開一次活動（每次登入只可用一次）。"),
    "lti_context_not_linked": m("The course \"{title}\" on {name} (context {context_id}) is not linked to a class. "
                                "Tell your teacher: they run `minicourse lti link-class CLASS {context_id}`.",
                                "{name} 上的课程“{title}”（context {context_id}）还没有关联到班级。"
                                "请告诉老师：运行 `minicourse lti link-class 班级 {context_id}`。",
                                "{name} 上的課程「{title}」（context {context_id}）還沒有關聯到班別。"
                                "請告訴老師：執行 `minicourse lti link-class 班別 {context_id}`。"),
    "lti_unknown_student": m("You are not on the roster of class {class_id}: the platform says you are \"{value}\" "
                             "({claim}), and no student there has it. Ask your teacher to check your student number "
                             "on the platform and on the class roster.",
                             "你不在班级 {class_id} 的名册上：平台说你是“{value}”（{claim}），名册上没有这个学生。"
                             "请老师核对你在平台上和班级名册上的学号。",
                             "你不在班別 {class_id} 的名冊上：平台說你是「{value}」（{claim}），名冊上沒有這個學生。"
                             "請老師核對你在平台上和班別名冊上的學號。"),
    # sending scores (the teacher's terminal)
    "lti_sending": m("{class_id} {assignment}: scores to the platform's line item {lineitem}",
                     "{class_id} {assignment}：成绩发送到平台的成绩项 {lineitem}",
                     "{class_id} {assignment}：成績傳送到平台的成績項 {lineitem}"),
    "lti_sent_one": m("{student}: sent {what}", "{student}：已发送 {what}", "{student}：已傳送 {what}"),
    "lti_skipped_one": m("{student}: not sent: {reason}", "{student}：没有发送：{reason}", "{student}：沒有傳送：{reason}"),
    "lti_failed_one": m("{student}: the platform refused it: {reason} (run send-scores again once fixed)",
                        "{student}：平台拒收：{reason}（解决后再运行 send-scores）",
                        "{student}：平台拒收：{reason}（解決後再執行 send-scores）"),
    "lti_send_summary": m("{sent} sent, {unchanged} unchanged since the last send, {skipped} not sent, {failed} failed",
                          "已发送 {sent} 个，{unchanged} 个自上次发送后没有变化，{skipped} 个没有发送，{failed} 个失败",
                          "已傳送 {sent} 個，{unchanged} 個自上次傳送後沒有變化，{skipped} 個沒有傳送，{failed} 個失敗"),
    "lti_never_launched": m("has never opened the hub from the platform, so the platform's id for them is unknown "
                            "(they open the activity once, then send again)",
                            "从未从平台打开过 JupyterHub，所以不知道平台上的编号（请学生从平台打开一次活动后再发送）",
                            "從未從平台打開過 JupyterHub，所以不知道平台上的編號（請學生從平台打開一次活動後再傳送）"),
    "lti_class_never_launched": m("Nobody has opened the hub from the platform's course of class {class_id} yet, so its "
                                  "gradebook address is unknown: open the activity once from the platform (as teacher "
                                  "or student), then send again.",
                                  "还没有人从班级 {class_id} 的平台课程打开过 JupyterHub，所以不知道成绩册地址："
                                  "请从平台打开一次活动（老师或学生都可以）后再发送。",
                                  "還沒有人從班別 {class_id} 的平台課程打開過 JupyterHub，所以不知道成績冊位址："
                                  "請從平台打開一次活動（老師或學生都可以）後再傳送。"),
    "lti_no_score_scope": m("{name} did not allow minicourse to send scores for class {class_id}: in the tool's "
                            "settings on the platform, turn on the grade service (AGS, \"score\").",
                            "{name} 没有允许 minicourse 为班级 {class_id} 发送成绩：请在平台的工具设置中开启成绩服务（AGS，“score”）。",
                            "{name} 沒有允許 minicourse 為班別 {class_id} 傳送成績：請在平台的工具設定中開啟成績服務（AGS，「score」）。"),
    "lti_no_lineitems": m("{name} gave no gradebook column for this assignment in class {class_id} and no way to make "
                          "one: set the activity's custom parameter assignment=<id> on the platform, open it once, and "
                          "send again.",
                          "{name} 没有为班级 {class_id} 的这份作业提供成绩栏，也不能新建：请在平台上给活动设自定义参数 "
                          "assignment=<编号>，打开一次后再发送。",
                          "{name} 沒有為班別 {class_id} 的這份功課提供成績欄，也不能新建：請在平台上給活動設自訂參數 "
                          "assignment=<編號>，打開一次後再傳送。"),
    "lti_platform_failed": m("{name} refused minicourse access to its gradebook: {reason}. Check the token URL "
                             "registered with `minicourse lti add-platform` and that the platform has minicourse's "
                             "public keyset URL (minicourse lti show).",
                             "{name} 拒绝 minicourse 访问其成绩册：{reason}。请检查用 `minicourse lti add-platform` 登记的 token 地址，"
                             "以及平台是否填了 minicourse 的公钥集地址（minicourse lti show）。",
                             "{name} 拒絕 minicourse 存取其成績冊：{reason}。請檢查用 `minicourse lti add-platform` 登記的 token 位址，"
                             "以及平台是否填了 minicourse 的公鑰集位址（minicourse lti show）。"),
}

catalogue = GradersCatalogue(MESSAGES, HUB_MESSAGES, LTI_MESSAGES)
