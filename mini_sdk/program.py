"""MiniProgram: a whole mini-program, from Python classes or from a real project folder.

``MiniProgram(pages=..., app=..., window=..., tab_bar=...)`` mirrors app.json;
``MiniProgram.load(folder)`` reads the real layout (project.config.json's miniprogramRoot,
app.json, app.py, app.wxss, pages/<name>/<name>.wxml|.py|.json|.wxss, subpackages' pages,
components in usingComponents, npm ones built into miniprogram_npm), plus the optional
pretend servers ``backend.py`` (a ``backend`` object) and ``cloud.py`` (a ``cloud`` object).
What it cannot run (a page's JavaScript logic, npm packages not built, plugins) it leaves out
and says so (``program.left_out``; the phone warns at launch).
"""
from __future__ import annotations

import importlib.util
import json
import os
import re
import sys
import uuid
from typing import Any

from .app import App
from .component import Component
from .errors import ProgramError
from .page import Page

#: window defaults from the page configuration reference (spec §4.1)
WINDOW_DEFAULTS = {
    "navigationBarBackgroundColor": "#000000",
    "navigationBarTextStyle": "white",
    "navigationBarTitleText": "",
    "navigationStyle": "default",
    "backgroundColor": "#ffffff",
    "backgroundTextStyle": "dark",
    "enablePullDownRefresh": False,
    "onReachBottomDistance": 50,
    "pageOrientation": "portrait",
}
TAB_BAR_MIN, TAB_BAR_MAX = 2, 5
DEFAULT_APP_ID = "wx1234567890abcdef"


def normalize_page_path(path: str) -> str:
    """``/pages/index/index`` and ``pages/index/index.wxml`` -> ``pages/index/index``."""
    path = str(path).strip().lstrip("/")
    for ext in (".wxml", ".py", ".js", ".json", ".wxss"):
        if path.endswith(ext):
            path = path[: -len(ext)]
    return path


class MiniProgram:
    def __init__(
        self,
        pages: dict,
        app: type | None = None,
        window: dict | None = None,
        tab_bar: dict | None = None,
        components: dict | None = None,
        style: str | None = None,
        backend: Any = None,
        cloud: Any = None,
        app_id: str = DEFAULT_APP_ID,
        name: str | None = None,
        config: dict | None = None,
    ) -> None:
        __tracebackhide__ = True
        if not isinstance(pages, dict) or not pages:
            raise ProgramError("program_no_pages")
        self.pages: dict[str, type] = {}
        for path, cls in pages.items():
            norm = normalize_page_path(path)
            if not norm:
                raise ProgramError("program_bad_page_path", path=repr(path))
            if not (isinstance(cls, type) and issubclass(cls, Page)):
                raise ProgramError("program_page_not_page", path=norm, value=_describe_value(cls))
            self.pages[norm] = cls
        if app is None:
            app = App
        if not (isinstance(app, type) and issubclass(app, App)):
            raise ProgramError("program_app_not_app", value=_describe_value(app))
        self.app_class = app
        self.window = {**WINDOW_DEFAULTS, **(window or {})}
        self.components: dict[str, type] = {}
        for tag, cls in (components or {}).items():
            if not (isinstance(cls, type) and issubclass(cls, Component)):
                raise ProgramError("program_component_not_component", tag=tag, value=_describe_value(cls))
            self.components[tag] = cls
        self.tab_bar = self._check_tab_bar(tab_bar)
        self.style = style
        self.backend = backend
        self.cloud = cloud
        self.app_id = app_id
        self.name = name or self.window.get("navigationBarTitleText") or "mini-program"
        self.config: dict = dict(config or {})
        self.config.setdefault("pages", list(self.pages))
        self.config.setdefault("window", self.window)
        if self.tab_bar:
            self.config.setdefault("tabBar", self.tab_bar)
        self.root: str | None = None
        #: what MiniProgram.load left out of a real project (JavaScript logic, npm packages not
        #: built, plugins): ``{"message_key": ..., params}``; the phone warns about each at launch
        self.left_out: list[dict] = []

    # ---------------------------------------------------------------------------------------
    @property
    def launch_page(self) -> str:
        """The first entry of ``pages`` opens first, as in app.json."""
        return next(iter(self.pages))

    @property
    def tab_pages(self) -> list[str]:
        return [item["pagePath"] for item in (self.tab_bar or {}).get("list", [])]

    def is_tab_page(self, path: str) -> bool:
        return normalize_page_path(path) in self.tab_pages

    def page_window(self, path: str) -> dict:
        """The window options for one page: app window, overridden by the page's config."""
        cls = self.pages[path]
        merged = dict(self.window)
        config = cls.config if isinstance(cls.config, dict) else {}
        merged.update({k: v for k, v in config.items() if k in WINDOW_DEFAULTS or k in ("disableScroll",)})
        return merged

    def _check_tab_bar(self, tab_bar: dict | None) -> dict | None:
        if tab_bar is None:
            return None
        if not isinstance(tab_bar, dict) or not isinstance(tab_bar.get("list"), list):
            raise ProgramError("tab_bar_no_list")
        items = tab_bar["list"]
        if not TAB_BAR_MIN <= len(items) <= TAB_BAR_MAX:
            raise ProgramError("tab_bar_count", count=len(items), min=TAB_BAR_MIN, max=TAB_BAR_MAX)
        checked = []
        for number, item in enumerate(items, start=1):
            if not isinstance(item, dict) or "pagePath" not in item or "text" not in item:
                raise ProgramError("tab_bar_item_fields", number=number)
            path = normalize_page_path(item["pagePath"])
            if path not in self.pages:
                raise ProgramError("tab_bar_unknown_page", number=number, path=path,
                                   pages=", ".join(self.pages))
            checked.append({**item, "pagePath": path})
        paths = [i["pagePath"] for i in checked]
        if len(set(paths)) != len(paths):
            raise ProgramError("tab_bar_duplicate")
        result = {"color": "#7A7E83", "selectedColor": "#3cc51f", "backgroundColor": "#ffffff",
                  "borderStyle": "black", "position": "bottom", **tab_bar, "list": checked}
        return result

    def __repr__(self) -> str:
        return f"<MiniProgram {self.name!r}: {len(self.pages)} page(s)>"

    def _repr_html_(self) -> str:
        """A notebook shows a program as its launch page on a phone (drawn by the phone,
        which sits above this module and hands down how: :func:`draw_programs_with`)."""
        return _draw(self)

    # ---------------------------------------------------------------------------------------
    @classmethod
    def load(cls, folder: str | os.PathLike) -> "MiniProgram":
        """Read a real project folder: app.json, app.py, pages/<name>/<name>.* ..."""
        __tracebackhide__ = True
        return _ProjectLoader(os.fspath(folder)).load()


def _draw_unavailable(program: MiniProgram) -> str:  # pragma: no cover - mini_sdk imports the phone
    raise RuntimeError("mini_sdk.phone was not imported")


_draw = _draw_unavailable


def draw_programs_with(draw) -> None:
    """How a notebook draws a program: ``draw(program) -> html`` (``mini_sdk.phone`` gives
    one that launches the program on a new phone)."""
    global _draw
    _draw = draw


def _describe_value(value: Any) -> str:
    if isinstance(value, type):
        return f"class {value.__name__}"
    return f"{type(value).__name__} {value!r}"[:80]


class _ProjectLoader:
    def __init__(self, folder: str) -> None:
        self.root = os.path.abspath(folder)
        self.folder = self.root   # as given; root moves to miniprogramRoot if there is one
        self.package = "mc_project_" + uuid.uuid4().hex[:10]

    def rel(self, path: str) -> str:
        return os.path.relpath(path, self.root).replace(os.sep, "/")

    def read_json(self, path: str, required: bool = False) -> dict:
        if not os.path.exists(path):
            if required:
                raise ProgramError("project_missing_file", file=self.rel(path), folder=self.root)
            return {}
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ProgramError("project_bad_json", file=self.rel(path), line=exc.lineno,
                               column=exc.colno, reason=exc.msg) from None
        if not isinstance(value, dict):
            raise ProgramError("project_json_not_object", file=self.rel(path))
        return value

    def import_file(self, path: str):
        name = self.package + "." + re.sub(r"\W", "_", self.rel(path)[:-3])
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        added = self.root not in sys.path
        if added:
            sys.path.insert(0, self.root)
        try:
            spec.loader.exec_module(module)
        except SyntaxError as exc:
            raise ProgramError("project_syntax_error", file=self.rel(path), line=exc.lineno or 0,
                               reason=exc.msg) from None
        finally:
            if added:
                sys.path.remove(self.root)
        return module

    def find_class(self, module, base: type, file: str, required: bool = True):
        found = [v for v in vars(module).values()
                 if isinstance(v, type) and issubclass(v, base) and v is not base
                 and v.__module__ == module.__name__]
        if not found:
            if required:
                raise ProgramError("project_no_class", file=file, base=base.__name__)
            return None
        if len(found) > 1:
            raise ProgramError("project_many_classes", file=file, base=base.__name__,
                               names=", ".join(c.__name__ for c in found))
        return found[0]

    def load_owner(self, path_no_ext: str, base: type, label: str):
        py = path_no_ext + ".py"
        if os.path.exists(py):
            module = self.import_file(py)
            cls = self.find_class(module, base, self.rel(py))
        elif os.path.exists(path_no_ext + ".js") or os.path.exists(path_no_ext + ".ts"):
            # a real project's page or component: its JavaScript logic is not run here; its
            # WXML, WXSS and JSON are (data starts empty, handlers are missing)
            name = re.sub(r"\W", "_", os.path.basename(path_no_ext).title()) or base.__name__
            cls = type(name, (base,), {"__module__": self.package})
            self.note("project_left_out_js", file=self.rel(path_no_ext) + (".js" if os.path.exists(path_no_ext + ".js") else ".ts"))
        else:
            raise ProgramError("project_missing_file", file=self.rel(py), folder=self.root)
        cls._project_root = self.root
        cls._label = label
        if cls.template is None:
            wxml = path_no_ext + ".wxml"
            if not os.path.exists(wxml):
                raise ProgramError("project_missing_file", file=self.rel(wxml), folder=self.root)
            cls._template_file = wxml
        if cls.style is None and os.path.exists(path_no_ext + ".wxss"):
            cls._style_file = path_no_ext + ".wxss"
        config = self.read_json(path_no_ext + ".json")
        using = {}
        for tag, comp_path in config.get("usingComponents", {}).items():
            found = self.load_component(comp_path, path_no_ext, tag)
            if found is not None:
                using[tag] = found
        if using:
            cls.using_components = {**using, **(cls.using_components or {})}
        if base is Page and config:
            cls.config = {**config, **(cls.config or {})}
        elif base is Component and config:
            cls._json_config = config
        return cls

    def note(self, message_key: str, **params) -> None:
        """Something of the project mini_sdk leaves out; the phone warns about it at launch."""
        entry = {"message_key": message_key, **params}
        if entry not in self.left_out:
            self.left_out.append(entry)

    def load_component(self, comp_path: str, relative_to: str, tag: str = ""):
        """The component class ``usingComponents`` names: ``/from/root``, ``./relative``, or
        an npm package built into a ``miniprogram_npm`` folder (looked for from the using
        file's folder up to the project root, as DevTools' "build npm" lays it out). None,
        with a note, for what cannot be had here (a plugin, an npm package not built)."""
        comp_path = str(comp_path)
        where = self.rel(relative_to)
        if comp_path.startswith("plugin://"):
            self.note("project_left_out_plugin", tag=tag, path=comp_path, file=where)
            return None
        if comp_path.startswith("/"):
            target = os.path.join(self.root, comp_path.lstrip("/"))
        elif comp_path.startswith("."):
            target = os.path.join(os.path.dirname(relative_to), comp_path)
        else:
            target = self.npm_component(comp_path, relative_to)
            if target is None:
                self.note("project_left_out_npm", tag=tag, path=comp_path, file=where)
                return None
        target = os.path.normpath(target)
        top = os.path.realpath(self.root)
        real = os.path.realpath(target)
        if not (real == top or real.startswith(top + os.sep)):
            raise ProgramError("project_outside_root", path=comp_path, file=where)
        if os.path.isdir(target):
            target = os.path.join(target, "index")
        if "miniprogram_npm" in comp_path and not any(
                os.path.exists(target + ext) for ext in (".py", ".js", ".ts", ".wxml")):
            self.note("project_left_out_npm", tag=tag, path=comp_path, file=where)
            return None  # npm was not built
        cache = self.__dict__.setdefault("_components", {})
        if target not in cache:
            cache[target] = self.load_owner(target, Component, self.rel(target))
        return cache[target]

    def npm_component(self, comp_path: str, relative_to: str) -> str | None:
        folder = os.path.dirname(relative_to)
        top = os.path.realpath(self.root)
        while True:
            base = os.path.join(folder, "miniprogram_npm", comp_path)
            for candidate in (base, os.path.join(base, "index")):
                if any(os.path.exists(candidate + ext) for ext in (".py", ".js", ".wxml")):
                    return candidate
            if os.path.realpath(folder) == top or len(folder) <= len(self.root):
                return None
            folder = os.path.dirname(folder)

    def load(self) -> MiniProgram:
        if not os.path.isdir(self.root):
            raise ProgramError("project_not_folder", folder=self.root)
        self.left_out: list[dict] = []
        # project.config.json's miniprogramRoot: where app.json and the pages are
        project_config = self.read_json(os.path.join(self.root, "project.config.json"))
        mini_root = project_config.get("miniprogramRoot")
        if isinstance(mini_root, str) and mini_root.strip("/. "):
            inner = os.path.normpath(os.path.join(self.root, mini_root))
            if not os.path.isdir(inner):
                raise ProgramError("project_missing_file", file=mini_root, folder=self.root)
            self.root = inner
        app_json = self.read_json(os.path.join(self.root, "app.json"), required=True)
        pages_list = app_json.get("pages")
        if not isinstance(pages_list, list) or not pages_list:
            raise ProgramError("project_no_pages", file="app.json")
        app_py = os.path.join(self.root, "app.py")
        app_cls = None
        if os.path.exists(app_py):
            app_cls = self.find_class(self.import_file(app_py), App, "app.py", required=False)
        components = {}
        for tag, comp_path in app_json.get("usingComponents", {}).items():
            found = self.load_component(comp_path, os.path.join(self.root, "app"), tag)
            if found is not None:
                components[tag] = found
        # the main package's pages, then each subpackage's (its root + its page paths)
        paths = [normalize_page_path(path) for path in pages_list]
        for package in app_json.get("subpackages") or app_json.get("subPackages") or []:
            if not isinstance(package, dict) or not isinstance(package.get("root"), str):
                continue
            root = package["root"].strip("/")
            for page in package.get("pages") or []:
                paths.append(normalize_page_path(f"{root}/{normalize_page_path(page)}"))
        pages = {}
        for norm in paths:
            pages[norm] = self.load_owner(os.path.join(self.root, norm), Page, norm)
        style = None
        app_wxss = os.path.join(self.root, "app.wxss")
        if os.path.exists(app_wxss):
            with open(app_wxss, encoding="utf-8") as fh:
                style = fh.read()
        backend = cloud = None
        if os.path.exists(os.path.join(self.root, "backend.py")):
            backend = getattr(self.import_file(os.path.join(self.root, "backend.py")), "backend", None)
        if os.path.exists(os.path.join(self.root, "cloud.py")):
            cloud = getattr(self.import_file(os.path.join(self.root, "cloud.py")), "cloud", None)
        program = MiniProgram(
            pages=pages,
            app=app_cls,
            window=app_json.get("window"),
            tab_bar=app_json.get("tabBar"),
            components=components,
            style=style,
            backend=backend,
            cloud=cloud,
            app_id=project_config.get("appid", DEFAULT_APP_ID),
            name=project_config.get("projectname") or os.path.basename(self.folder),
            config=app_json,
        )
        program.root = self.root
        program.left_out = list(self.left_out)
        return program
