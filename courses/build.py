"""Build the course notebooks from their single sources: one source, three languages.

    .venv/bin/python courses/build.py            # (re)write every notebook
    .venv/bin/python courses/build.py --check    # exit 1 if a committed notebook has drifted

Sources (UTF-8 Markdown, readable on their own):

* ``courses/<NN-slug>/lesson.source.md``  ->  ``courses/<NN-slug>/lesson.<lang>.ipynb``
* ``assignments/<id>.source.md``          ->  ``assignments/<id>/<notebook>.<lang>.ipynb``
  (nbgrader *source* notebooks; the source file sits outside ``assignments/<id>/`` because
  everything in that folder is copied to students)

with ``<lang>`` in zh-Hans, zh-Hant, en. The format, line by line:

``---`` header ``---``
    ``key: value`` lines: ``notebook`` (output name, default ``lesson``), ``output`` (folder,
    relative to the source, default ``.``), ``language_bar`` (``yes``: first cell links the
    three versions).
``::: en`` / ``::: zh-Hans`` / ``::: zh-Hant`` ... ``:::``
    prose. One block in each of the three languages, one after another, make ONE markdown
    cell. Anything inside (code fences for JavaScript, tables...) is prose.
A fenced block ```` ```python ```` ... ```` ``` ```` outside prose
    ONE code cell, written once, identical in every language.
A fenced block ```` ```strings ```` ... ```` ``` ```` (TOML)
    the on-screen string table: ``[key]`` with ``en``, ``zh-Hans``, ``zh-Hant``. ``«key»`` in a
    code cell or in prose becomes that language's string. This is the ONLY way code cells may
    differ between languages (tests/courses checks it).
``<!-- cell: grade_id=test_total points=3 grade locked -->``
    metadata for the next cell: nbgrader (``grade_id``, ``points``, flags ``grade``,
    ``solution``, ``locked``, ``task``), ``tags=a,b``, ``id=ex1`` (the notebook cell id;
    lessons mark exercise cells ``exN`` and their self-checks ``checkN``, which the tests use)
    and ``hide_source`` (JupyterLab shows the cell folded: self-checks, whose code is long).
    ``«selfcheck»`` and the other COMMON_STRINGS need no table entry.
Other ``<!-- ... -->`` lines outside prose are notes for authors and are dropped.

The notebooks are deterministic (fixed cell ids, no outputs), so rebuilding an unchanged
source gives byte-identical files and ``--check`` can compare them.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

LANGUAGES = ("zh-Hans", "zh-Hant", "en")
LANGUAGE_NAMES = {"zh-Hans": "简体中文", "zh-Hant": "繁體中文", "en": "English"}
REPO = Path(__file__).resolve().parent.parent
PLACEHOLDER = re.compile(r"«([A-Za-z0-9_.-]+)»")
CELL_META = re.compile(r"^<!--\s*cell:(?P<body>.*?)-->\s*$")
NBGRADER_FLAGS = ("grade", "solution", "locked", "task")

#: strings every source may use without defining them
COMMON_STRINGS = {
    "selfcheck": {"en": "Self-check", "zh-Hans": "自我检查", "zh-Hant": "自我檢查"},
}


class SourceError(Exception):
    """A problem in a source file, with its line number."""

    def __init__(self, path: Path, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")


@dataclass
class Cell:
    kind: str  # "markdown" or "code"
    text: dict[str, str] | str  # markdown: lang -> text; code: the source (with «keys»)
    meta: dict = field(default_factory=dict)
    line: int = 0


@dataclass
class Source:
    path: Path
    header: dict[str, str]
    strings: dict[str, dict[str, str]]
    cells: list[Cell]

    @property
    def notebook(self) -> str:
        return self.header.get("notebook", "lesson")

    @property
    def output_dir(self) -> Path:
        return (self.path.parent / self.header.get("output", ".")).resolve()

    def output_path(self, lang: str) -> Path:
        return self.output_dir / f"{self.notebook}.{lang}.ipynb"


# ------------------------------------------------------------------------------------ parsing
def parse(path: Path) -> Source:
    lines = path.read_text(encoding="utf-8").splitlines()
    i = 0
    header: dict[str, str] = {}
    strings: dict[str, dict[str, str]] = {}
    cells: list[Cell] = []
    pending_meta: dict | None = None
    prose: dict[str, str] = {}
    prose_line = 0

    def fail(line_no: int, message: str):
        raise SourceError(path, line_no, message)

    def close_prose(line_no: int):
        nonlocal prose, pending_meta
        if not prose:
            return
        missing = [lang for lang in LANGUAGES if lang not in prose]
        if missing:
            fail(prose_line, f"prose block lacks {', '.join(missing)}")
        cells.append(Cell("markdown", prose, pending_meta or {}, prose_line))
        prose, pending_meta = {}, None

    if lines and lines[0].strip() == "---":
        i = 1
        while i < len(lines) and lines[i].strip() != "---":
            if lines[i].strip() and not lines[i].lstrip().startswith("#"):
                key, sep, value = lines[i].partition(":")
                if not sep:
                    fail(i + 1, "header lines are 'key: value'")
                header[key.strip()] = value.strip()
            i += 1
        if i == len(lines):
            fail(1, "header not closed with ---")
        i += 1

    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if not stripped:
            i += 1
            continue
        m = re.match(r"^:::\s*(\S+)\s*$", stripped)
        if m:
            lang = m.group(1)
            if lang not in LANGUAGES:
                fail(i + 1, f"unknown language {lang!r} (use {', '.join(LANGUAGES)})")
            if lang in prose:  # a new cell starts
                close_prose(i + 1)
            if not prose:
                prose_line = i + 1
            body, i = _until(lines, i + 1, ":::", path)
            prose[lang] = _trim(body)
            continue
        close_prose(i + 1)
        m = CELL_META.match(stripped)
        if m:
            if pending_meta is not None:
                fail(i + 1, "two cell: comments in a row")
            pending_meta = _parse_meta(m.group("body"), path, i + 1)
            i += 1
            continue
        if stripped.startswith("<!--"):
            while "-->" not in lines[i]:
                i += 1
                if i == len(lines):
                    fail(len(lines), "comment not closed")
            i += 1
            continue
        if stripped.startswith("```strings"):
            body, i = _until(lines, i + 1, "```", path)
            try:
                table = tomllib.loads(body)
            except tomllib.TOMLDecodeError as exc:
                fail(i, f"string table: {exc}")
            for key, texts in table.items():
                missing = [lang for lang in LANGUAGES if lang not in texts]
                if missing:
                    fail(i, f"string «{key}» lacks {', '.join(missing)}")
                if key in strings:
                    fail(i, f"string «{key}» defined twice")
                strings[key] = {lang: str(texts[lang]) for lang in LANGUAGES}
            continue
        if stripped.startswith("```python"):
            start = i + 1
            body, i = _until(lines, i + 1, "```", path)
            cells.append(Cell("code", body.strip("\n"), pending_meta or {}, start))
            pending_meta = None
            continue
        fail(i + 1, "outside a prose block: start prose with '::: en' (or zh-Hans, zh-Hant), "
                    "code with '```python'")
    close_prose(len(lines))
    if pending_meta is not None:
        fail(len(lines), "cell: comment with no cell after it")

    for key, texts in COMMON_STRINGS.items():
        strings.setdefault(key, dict(texts))
    source = Source(path, header, strings, cells)
    _check_placeholders(source)
    return source


def _until(lines: list[str], i: int, end: str, path: Path) -> tuple[str, int]:
    start = i
    while i < len(lines) and lines[i].strip() != end:
        i += 1
    if i == len(lines):
        raise SourceError(path, start, f"block not closed with {end}")
    return "\n".join(lines[start:i]), i + 1


def _trim(text: str) -> str:
    return text.strip("\n").rstrip()


def _parse_meta(body: str, path: Path, line: int) -> dict:
    meta: dict = {}
    for word in body.split():
        key, sep, value = word.partition("=")
        if key in NBGRADER_FLAGS and not sep:
            meta.setdefault("nbgrader", {})[key] = True
        elif key == "grade_id" and sep:
            meta.setdefault("nbgrader", {})["grade_id"] = value
        elif key == "points" and sep:
            meta.setdefault("nbgrader", {})["points"] = float(value) if "." in value else int(value)
        elif key == "tags" and sep:
            meta["tags"] = [t for t in value.split(",") if t]
        elif key == "hide_source" and not sep:
            meta.setdefault("jupyter", {})["source_hidden"] = True
        elif key == "id" and sep:
            if not re.fullmatch(r"[A-Za-z0-9_-]{1,64}", value):
                raise SourceError(path, line, f"bad cell id {value!r}")
            meta["id"] = value
        else:
            raise SourceError(path, line, f"unknown cell setting {word!r}")
    nb = meta.get("nbgrader")
    if nb is not None:
        if "grade_id" not in nb:
            raise SourceError(path, line, "nbgrader cells need grade_id=...")
        for flag in NBGRADER_FLAGS:
            nb.setdefault(flag, False)
        nb["schema_version"] = 3
        if nb["grade"] and "points" not in nb:
            raise SourceError(path, line, "grade cells need points=...")
    return meta


def _check_placeholders(source: Source) -> None:
    for cell in source.cells:
        texts = cell.text.values() if isinstance(cell.text, dict) else [cell.text]
        for text in texts:
            for key in PLACEHOLDER.findall(text):
                if key not in source.strings:
                    raise SourceError(source.path, cell.line, f"«{key}» is not in the string table")


# ----------------------------------------------------------------------------------- building
_CJK = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_ENDS_CJK = re.compile(rf"[{_CJK}][*_]*$")
_STARTS_CJK = re.compile(rf"^[*_]*[{_CJK}]")


def join_cjk_lines(text: str) -> str:
    """Chinese prose: a line break between two Chinese characters is joined with nothing.

    Markdown turns a line break inside a paragraph into a space, which is right between
    English words but a stray space inside a Chinese sentence. Code fences are left alone,
    and a line that starts a block (list item, heading, table row, quote) is never joined."""
    out: list[str] = []
    fenced = False
    for line in text.split("\n"):
        if line.lstrip().startswith("```"):
            fenced = not fenced
            out.append(line)
            continue
        if (not fenced and out and _ENDS_CJK.search(out[-1]) and _STARTS_CJK.match(line)
                and not out[-1].lstrip().startswith(("```", "|", "#"))):
            out[-1] += line
            continue
        out.append(line)
    return "\n".join(out)


def fill(text: str, strings: dict[str, dict[str, str]], lang: str) -> str:
    return PLACEHOLDER.sub(lambda m: strings[m.group(1)][lang], text)


def language_bar(source: Source, lang: str) -> str:
    links = []
    for other in LANGUAGES:
        name = LANGUAGE_NAMES[other]
        if other == lang:
            links.append(f"**{name}**")
        else:
            links.append(f"[{name}]({source.notebook}.{other}.ipynb)")
    return "🌐 " + " · ".join(links)


def notebook(source: Source, lang: str) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
        "minicourse": {
            "language": lang,
            "source": source.path.relative_to(REPO).as_posix() if source.path.is_relative_to(REPO)
            else source.path.name,
            "generated": "do not edit: change the source and run courses/build.py",
        },
    }
    cells = []
    for index, cell in enumerate(source.cells):
        meta = {k: v for k, v in cell.meta.items() if k != "id"}
        cell_id = (cell.meta.get("id") or meta.get("nbgrader", {}).get("grade_id")
                   or f"cell-{index:02d}")
        if cell.kind == "markdown":
            text = fill(cell.text[lang], source.strings, lang)
            if lang.startswith("zh"):
                text = join_cjk_lines(text)
            if index == 0 and source.header.get("language_bar") == "yes":
                text = language_bar(source, lang) + "\n\n" + text
            new = nbformat.v4.new_markdown_cell(text)
        else:
            new = nbformat.v4.new_code_cell(fill(cell.text, source.strings, lang))
        new.id = cell_id
        new.metadata = json.loads(json.dumps(meta))
        cells.append(new)
    ids = [c.id for c in cells]
    if len(set(ids)) != len(ids):
        raise SourceError(source.path, 0, "two cells share an id (grade_id used twice?)")
    nb.cells = cells
    return nb


def render(source: Source, lang: str) -> str:
    nb = notebook(source, lang)
    nbformat.validate(nb)
    return nbformat.writes(nb) + "\n"


def find_sources(repo: Path = REPO) -> list[Path]:
    return sorted(repo.glob("courses/*/lesson.source.md")) + sorted(repo.glob("assignments/*.source.md"))


def build(paths: list[Path] | None = None, check: bool = False) -> list[Path]:
    """Write (or, with ``check``, compare) every notebook; returns the paths that differ."""
    differ = []
    for path in paths or find_sources():
        source = parse(path)
        source.output_dir.mkdir(parents=True, exist_ok=True)
        for lang in LANGUAGES:
            out = source.output_path(lang)
            text = render(source, lang)
            current = out.read_text(encoding="utf-8") if out.exists() else None
            if current != text:
                differ.append(out)
                if not check:
                    out.write_text(text, encoding="utf-8")
    return differ


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="do not write; exit 1 if any notebook differs from its source")
    parser.add_argument("sources", nargs="*", type=Path, help="source files (default: all)")
    args = parser.parse_args(argv)
    try:
        differ = build([p.resolve() for p in args.sources] or None, check=args.check)
    except SourceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for path in differ:
        rel = path.relative_to(REPO) if path.is_relative_to(REPO) else path
        print(("out of date: " if args.check else "wrote ") + str(rel))
    if args.check and differ:
        print("run: .venv/bin/python courses/build.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
