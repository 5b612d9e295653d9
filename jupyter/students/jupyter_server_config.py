"""Jupyter for students: start their server with this folder first on JUPYTER_CONFIG_PATH
(the hub's spawner does, graders/hub_spawner.py) or as JUPYTER_CONFIG_DIR, and MINICOURSE_LANG
set to the student's language.

* nbgrader's teacher parts are off: the formgrader, the course list and Validate (server
  extensions, here) and the Create Assignment toolbar, the Formgrader, Courses and Validate
  parts (lab plugins, ``labconfig/page_config.json``). Students keep the Assignment List
  (fetch, submit, feedback); a notebook's own self-checks take Validate's place.
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
    "nbgrader.server_extensions.validate_assignment": False,
}
language = LANGUAGES.get(os.environ.get("MINICOURSE_LANG", "").strip().lower(), "en")
c.LabApp.app_settings_dir = os.path.join(HERE, "settings", language)
