"""Jupyter for students: start their server with JUPYTER_CONFIG_DIR pointing at this folder
(the hub's spawner does) and MINICOURSE_LANG set to the student's language.

* nbgrader's teacher parts are off: the formgrader and the course list (server extensions,
  here) and the Create Assignment toolbar, the Formgrader and Courses menus (lab plugins,
  ``labconfig/page_config.json``). Students keep the assignment list (fetch, submit) and
  Validate.
* JupyterLab's own menus speak the student's language: ``settings/<lang>/overrides.json``
  sets the default of JupyterLab's language setting (the zh-CN / zh-TW language packs are
  pinned in pyproject.toml). A student may still change it in Settings → Language.
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
LANGUAGES = {"zh-hans": "zh-Hans", "zh-cn": "zh-Hans", "zh_cn": "zh-Hans", "zh-hant": "zh-Hant",
             "zh-hk": "zh-Hant", "zh_hk": "zh-Hant", "zh-tw": "zh-Hant", "zh_tw": "zh-Hant",
             "zh-mo": "zh-Hant", "en": "en"}

c = get_config()  # noqa: F821 - provided by Jupyter when it reads this file
c.ServerApp.jpserver_extensions = {
    "nbgrader.server_extensions.formgrader": False,
    "nbgrader.server_extensions.course_list": False,
    "nbgrader.server_extensions.assignment_list": True,
    "nbgrader.server_extensions.validate_assignment": True,
}
language = LANGUAGES.get(os.environ.get("MINICOURSE_LANG", "").strip().lower(), "en")
c.LabApp.app_settings_dir = os.path.join(HERE, "settings", language)
