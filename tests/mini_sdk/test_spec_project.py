"""Rules of a real project's layout (spec §4.1, DevTools): project.config.json's
``miniprogramRoot`` says where app.json is; app.json's ``subpackages``/``subPackages`` add
pages under each package's root; ``usingComponents`` names ``/root`` or ``./relative`` paths,
or npm packages built into ``miniprogram_npm``; what mini_sdk cannot run (JavaScript logic,
npm packages not built, plugins) is left out with a warning naming it; no page reads files
outside the project.

The last test renders every .wxml of a real project checkout named by
``MINICOURSE_REAL_PROJECT`` (e.g. wechat-miniprogram/miniprogram-demo), skipped without one.
"""
import json
import os
import shutil
from pathlib import Path

import pytest

from mini_sdk import MiniProgram, ProgramError, TemplateError
from mini_sdk.testing import launch
from mini_sdk.wxml import FileLoader, RenderContext, compile_template

FIXTURE = Path(__file__).parent.parent / "fixtures" / "real_layout_project"


@pytest.fixture
def project(tmp_path):
    """A fresh copy of the fixture (loading imports its .py files; tests may change it)."""
    root = tmp_path / "tea-shop"
    shutil.copytree(FIXTURE, root)
    return root


def test_rule_miniprogram_root_and_subpackage_pages_load(project):
    program = MiniProgram.load(project)
    assert program.root == str(project / "miniprogram")
    assert program.name == "tea-shop" and program.app_id == "wx0123456789abcdef"
    assert list(program.pages) == ["pages/index/index", "packageShop/pages/menu/menu",
                                   "packageShop/pages/legacy/legacy"]
    with launch(program) as phone:
        assert phone.title == "Home"
        phone.current_page.query("#menu").tap()
        assert phone.current_page.path == "packageShop/pages/menu/menu"
        assert phone.current_page.query("#table").text == "Table 7"
        # <include> inside the subpackage, a global component, its src= wxs run for real
        assert [e.text for e in phone.current_page.query_all(".name")] == ["Oolong", "Jasmine"]
        assert [e.text for e in phone.current_page.query_all(".price")] == ["¥12.00", "¥10.50"]


def test_rule_subpackages_spelled_either_way(project):
    app_json = project / "miniprogram" / "app.json"
    config = json.loads(app_json.read_text(encoding="utf-8"))
    config["subpackages"] = config.pop("subPackages")
    app_json.write_text(json.dumps(config), encoding="utf-8")
    assert "packageShop/pages/menu/menu" in MiniProgram.load(project).pages


def test_rule_npm_component_from_miniprogram_npm_and_what_is_left_out_is_said(project):
    program = MiniProgram.load(project)
    left_out = {(e["message_key"], e.get("tag", e.get("file"))) for e in program.left_out}
    assert left_out == {("project_left_out_npm", "fancy-chart"), ("project_left_out_plugin", "map-view"),
                        ("project_left_out_js", "packageShop/pages/legacy/legacy.js")}
    with launch(program) as phone:
        assert phone.current_page.query(".stars").text == "4 stars"      # built npm component
        assert phone.current_page.query("#chart").text == "chart"        # left out: a plain element
        warnings = "\n".join(phone.warnings)
        assert "fancy-chart" in warnings and "Build npm" in warnings
        assert "plugin://maps/map" in warnings and "legacy.js" in warnings
        assert ".brand" in phone._phone._repr_html_()                     # app.wxss @import
        phone.navigate_to("/packageShop/pages/legacy/legacy")             # JS logic left out:
        assert phone.current_page.query("#legacy").text == "Old page"    # WXML shown, data empty


def test_rule_include_cannot_reach_outside_the_project(project):
    (project / "outside.wxml").write_text("<text>secret</text>", encoding="utf-8")
    (project / "miniprogram" / "pages" / "index" / "index.wxml").write_text(
        '<include src="../../../outside.wxml"/>', encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        with launch(MiniProgram.load(project)):
            pass
    assert caught.value.message_key == "tpl_file_not_found"
    assert "secret" not in str(caught.value)


def test_rule_a_component_path_outside_the_project_is_refused(project):
    index_json = project / "miniprogram" / "pages" / "index" / "index.json"
    index_json.write_text(json.dumps({"usingComponents": {"x": "../../../elsewhere/x"}}), encoding="utf-8")
    with pytest.raises(ProgramError) as caught:
        MiniProgram.load(project)
    assert caught.value.message_key == "project_outside_root"


REAL_PROJECT = os.environ.get("MINICOURSE_REAL_PROJECT")


@pytest.mark.skipif(not REAL_PROJECT, reason="set MINICOURSE_REAL_PROJECT to a real project checkout")
def test_every_wxml_of_a_real_project_renders():
    """Each file renders, or fails only with a TemplateError naming a file that truly is not
    in the checkout (real projects have such broken imports; DevTools fails on them too)."""
    top = Path(REAL_PROJECT)
    config_file = top / "project.config.json"
    config = json.loads(config_file.read_text(encoding="utf-8")) if config_file.exists() else {}
    root = top / config.get("miniprogramRoot", "")
    loader = FileLoader(root)
    files = sorted(p for p in root.rglob("*.wxml") if "node_modules" not in p.parts)
    assert files
    rendered, broken = 0, []
    for path in files:
        rel = path.relative_to(root).as_posix()
        try:
            compile_template(path.read_text(encoding="utf-8-sig"), rel, loader=loader).render({}, RenderContext())
            rendered += 1
        except TemplateError as err:
            assert err.message_key == "tpl_file_not_found", f"{rel}: {err}"
            assert not (root / err.params["path"]).exists()
            broken.append(rel)
    print(f"{rendered} of {len(files)} WXML files render; {len(broken)} import a file that is not there")
