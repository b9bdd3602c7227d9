"""The toolbox's words, read from Markdown files and loaded into the database by slug.

Each Point, Stage, Tool and Guide is a file, ``toolbox/content/<kind's folder>/<slug>.md``: the
short fields in front matter between two ``---`` lines, the long texts as Markdown below, under
the page's own ``## `` headings where a page has more than one. toolbox/content/README.md shows
writers the format. The front matter looks like YAML (``key: value``, and ``key:`` followed by
``  - item`` lines) but is read here by a small strict reader, without a YAML library: a value is
the rest of its line as written, so a colon or a quote in a summary needs no escaping.

Reading checks every file before anything is written, and a problem names the file and line.
Loading then creates or updates each row by its slug, rendering through the models' own
``render()``, and leaves rows that no file names (added in the admin) alone.

A page in another language is a file of the same name under the language's folder
(``toolbox/content/es/tools/cost-benefit-analysis.md``): only ``title`` and ``summary`` in its
front matter, and its sections under their headings in that language (``## Cómo usarla``, as
the site's catalogue translates "How to use it"). It is stored as a PageTranslation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import translation
from django.utils.translation import gettext_noop

from toolbox.models import Guide, PageTranslation, Point, Stage, Tool

CONTENT_DIR = Path(__file__).resolve().parent / "content"

FENCE = "---"
KEY = re.compile(r"^(?P<key>[a-z_]+):(?: (?P<value>.*))?$")
ITEM = re.compile(r"^ *- (?P<item>.*)$")
STEP = re.compile(r"^\d+\. +(?P<text>.*)$")


class Problem(Exception):
    """One thing to fix in one file, at one line when there is a line to point at."""

    def __init__(self, path: Path, line: int | None, message: str) -> None:
        self.path = path
        self.line = line
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = shown(self.path) if self.line is None else f"{shown(self.path)}:{self.line}"
        return f"{where}: {self.message}"


class ContentError(ValueError):
    """The files cannot be loaded: every problem found, each naming its file and line."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


def shown(path: Path) -> str:
    """A path as a writer would type it: from the project's folder when it is inside it."""
    try:
        return str(path.relative_to(settings.BASE_DIR))
    except ValueError:
        return str(path)


@dataclass(frozen=True)
class Kind:
    """One folder of files: which model, which front matter, which sections the body has.

    A section of ``None`` is the text before the first named heading; when every section is
    named, nothing may come before the first, and no other ``## `` heading may appear (the page
    shows each section under its own ``<h2>``, so headings inside one start at ``###``).
    """

    name: str
    folder: str
    model: type[models.Model]
    scalars: tuple[str, ...]
    sections: tuple[tuple[str | None, str], ...]
    optional: tuple[str, ...] = ()
    lists: tuple[str, ...] = ()
    steps: str | None = None

    @property
    def headings(self) -> list[str]:
        return [heading for heading, _ in self.sections if heading]

    @property
    def unique(self) -> list[str]:
        """Fields besides the slug that no two rows may share: a point's number, a stage's order."""
        return [
            f.name
            for f in self.model._meta.fields
            if f.unique and not f.primary_key and f.name != "slug"
        ]


POINTS = Kind(
    name="point",
    folder="points",
    model=Point,
    scalars=("number", "title", "summary"),
    sections=((None, "intro"),),
)
STAGES = Kind(
    name="stage",
    folder="stages",
    model=Stage,
    scalars=("order", "title", "summary"),
    sections=(("What it feels like", "feels_like"), ("What helps", "what_helps")),
)
TOOLS = Kind(
    name="tool",
    folder="tools",
    model=Tool,
    scalars=("order", "title", "summary"),
    optional=("worksheet",),
    lists=("points", "stages"),
    sections=((None, "body"), ("How to use it", "steps")),
    steps="steps",
)
GUIDES = Kind(
    name="guide",
    folder="guides",
    model=Guide,
    scalars=("title", "summary"),
    sections=((None, "body"),),
)
# Tools link to points and stages, so those load first.
KINDS = (POINTS, STAGES, TOOLS, GUIDES)
LINKED = {"points": POINTS, "stages": STAGES}
# The sections' headings, which a translated file writes in its own language.
HEADINGS = (
    gettext_noop("How to use it"),
    gettext_noop("What it feels like"),
    gettext_noop("What helps"),
)
TRANSLATED_SCALARS = ("title", "summary")


def translation_languages() -> list[str]:
    return [code for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def in_language(kind: Kind, language: str) -> Kind:
    """The kind as a file in ``language`` is written: its headings in that language."""
    with translation.override(language):
        sections = tuple(
            (translation.gettext(heading) if heading else None, name)
            for heading, name in kind.sections
        )
    return replace(kind, scalars=TRANSLATED_SCALARS, optional=(), lists=(), sections=sections)


@dataclass
class Record:
    """One file's row: the model's fields, and for a tool the slugs of what it links to."""

    kind: Kind
    path: Path
    slug: str
    fields: dict[str, Any]
    links: dict[str, list[str]]
    lines: dict[str, int]

    def problem(self, name: str, message: str) -> Problem:
        return Problem(self.path, self.lines.get(name, 1), message)


@dataclass
class Change:
    kind: str
    slug: str
    outcome: str  # "created", "updated", "unchanged", or "left alone" (in no file)


@dataclass
class Translated:
    """One page's words in another language."""

    language: str
    record: Record


@dataclass
class Content:
    """Every file's record, by kind name, in the order the site lists them."""

    records: dict[str, list[Record]] = field(default_factory=dict)
    translations: list[Translated] = field(default_factory=list)

    def __getitem__(self, kind: str) -> list[Record]:
        return self.records[kind]

    def counts(self) -> str:
        """How many files of each kind: "4 points, 7 stages, 19 tools, 1 guide"."""
        counted = [(len(self.records[kind.name]), kind) for kind in KINDS]
        return ", ".join(f"{n} {kind.name if n == 1 else kind.folder}" for n, kind in counted)


# Reading -------------------------------------------------------------------------------------


def read_content(folder: Path = CONTENT_DIR) -> Content:
    """Read and check every file under ``folder``; raise ContentError listing what to fix."""
    problems: list[Problem] = []
    if not folder.is_dir():
        raise ContentError([Problem(folder, None, "there is no such folder")])
    known = {kind.folder for kind in KINDS}
    languages = translation_languages()
    problems.extend(
        Problem(
            entry,
            None,
            f"not a kind of content: the folders are {', '.join(sorted(known))}, and one per "
            f"language ({', '.join(languages)})",
        )
        for entry in sorted(folder.iterdir())
        if entry.is_dir()
        and entry.name not in known
        and entry.name not in languages
        and not entry.name.startswith((".", "_"))
    )
    content = Content()
    # Every file's slug, readable or not: a link to a file with a problem is not one more.
    present: dict[str, set[str]] = {}
    for kind in KINDS:
        records = []
        present[kind.name] = set()
        if not (folder / kind.folder).is_dir():
            problems.append(Problem(folder / kind.folder, None, "this folder is missing"))
        for path in sorted((folder / kind.folder).glob("*")):
            if path.name.startswith("."):
                continue
            present[kind.name].add(path.stem)
            try:
                if path.suffix != ".md" or not path.is_file():
                    raise Problem(path, None, "not a Markdown file: name it <slug>.md")
                records.append(read_record(kind, path))
            except Problem as problem:
                problems.append(problem)
        ordering = kind.model._meta.ordering
        content.records[kind.name] = sorted(
            records, key=lambda record: [record.fields[name] for name in ordering]
        )
        problems.extend(duplicates(kind, records))
    problems.extend(broken_links(content, present))
    problems.extend(read_translations(folder, content, present))
    if problems:
        raise ContentError(problems)
    return content


def read_translations(
    folder: Path, content: Content, present: dict[str, set[str]]
) -> list[Problem]:
    """Read every language's files into ``content``; the problems found."""
    problems: list[Problem] = []
    for language in translation_languages():
        for kind in KINDS:
            for path in sorted((folder / language / kind.folder).glob("*")):
                if path.name.startswith("."):
                    continue
                try:
                    if path.suffix != ".md" or not path.is_file():
                        raise Problem(path, None, "not a Markdown file: name it <slug>.md")
                    if path.stem not in present[kind.name]:
                        raise Problem(
                            path,
                            None,
                            f"no English {kind.name} `{path.stem}` ({kind.folder}/{path.name}): "
                            "a translation has the name of the English page's file",
                        )
                    record = read_record(in_language(kind, language), path)
                    content.translations.append(Translated(language, record))
                except Problem as problem:
                    problems.append(problem)
    return problems


def read_record(kind: Kind, path: Path) -> Record:
    """One file's record, its fields checked by the model's own field rules."""
    lines = read_lines(path)
    front, where, body_start = front_matter(path, lines)
    allowed = [*kind.scalars, *kind.optional, *kind.lists]
    for key in front:
        if key not in allowed:
            names = ", ".join(f"`{name}`" for name in allowed)
            raise Problem(path, where[key], f"unknown field `{key}`: a {kind.name} has {names}")
    closing = body_start - 1
    for key in kind.scalars:
        if key not in front:
            raise Problem(path, closing, f"the front matter has no `{key}:`")
    fields: dict[str, Any] = {}
    for key in [*kind.scalars, *kind.optional]:
        value = front.get(key, "")
        if isinstance(value, list):
            raise Problem(path, where[key], f"`{key}` is one value on its own line, not a list")
        fields[key] = value
    links: dict[str, list[str]] = {}
    for key in kind.lists:
        value = front.get(key, [])
        if isinstance(value, str):
            example = f"`{key}:` then lines like `  - {value or 'a-slug'}`"
            raise Problem(path, where.get(key, closing), f"`{key}` is a list: write {example}")
        if not value:
            raise Problem(path, where.get(key, closing), f"`{key}` needs at least one item")
        repeated = {item for item in value if value.count(item) > 1}
        if repeated:
            raise Problem(path, where[key], f"`{key}` names {sorted(repeated)[0]} twice")
        links[key] = value
    texts, text_lines = sections(kind, path, lines, body_start)
    fields.update(texts)
    where.update(text_lines)
    slug = path.stem
    fields["slug"] = slug
    where.setdefault("slug", 1)
    record = Record(kind, path, slug, {}, links, where)
    for name, value in fields.items():
        try:
            record.fields[name] = kind.model._meta.get_field(name).clean(value, None)
        except ValidationError as error:
            message = f"{label(kind, name)}: {' '.join(error.messages)}"
            if choices := kind.model._meta.get_field(name).choices:
                message += " Choose one of: " + ", ".join(str(key) for key, _ in choices if key)
            raise record.problem(name, message) from None
    return record


def label(kind: Kind, name: str) -> str:
    """How a writer sees a field in the file."""
    if name == "slug":
        return "the file's name (the page's address)"
    headings = {field: heading for heading, field in kind.sections}
    if name not in headings:
        return f"`{name}`"
    heading = headings[name]
    return f"the section `## {heading}`" if heading else "the text below the front matter"


def read_lines(path: Path) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        raise Problem(path, line, "not UTF-8 text: save the file as UTF-8") from None
    return text.splitlines()


def front_matter(
    path: Path, lines: list[str]
) -> tuple[dict[str, str | list[str]], dict[str, int], int]:
    """The fields between the two ``---`` lines, the line of each, and the body's first line."""
    if not lines or lines[0].rstrip() != FENCE:
        raise Problem(path, 1, "the file must start with a `---` line, then its front matter")
    values: dict[str, str | list[str]] = {}
    where: dict[str, int] = {}
    key = None
    for number, line in enumerate(lines[1:], start=2):
        if line.rstrip() == FENCE:
            return values, where, number + 1
        if not line.strip():
            continue
        if match := KEY.match(line.rstrip()):
            key = match["key"]
            if key in values:
                raise Problem(path, number, f"`{key}` is given twice (first at line {where[key]})")
            values[key] = (match["value"] or "").strip()
            where[key] = number
        elif match := ITEM.match(line.rstrip()):
            if key is None or values[key] and isinstance(values[key], str):
                raise Problem(path, number, "a `- ` item belongs under a `key:` with no value")
            values[key] = [*(values[key] or []), match["item"].strip()]
        else:
            raise Problem(
                path,
                number,
                "expected `key: value`, or `  - item` under a `key:` (is the closing `---` "
                "missing?)",
            )
    raise Problem(path, 1, "the front matter has no closing `---` line")


def sections(
    kind: Kind, path: Path, lines: list[str], start: int
) -> tuple[dict[str, str], dict[str, int]]:
    """The body's texts by field name, and the line where each starts."""
    headings = kind.headings
    found: list[tuple[str | None, int]] = [(None, start)]
    for number, line in enumerate(lines[start - 1 :], start=start):
        text = line.rstrip()
        if text.startswith("# "):
            raise Problem(
                path, number, "a `# ` heading: the title is the page's only one; use `##`"
            )
        if not text.startswith("## "):
            continue
        heading = text[3:].strip()
        if heading in headings:
            if heading in (name for name, _ in found):
                raise Problem(path, number, f"`## {heading}` appears twice")
            found.append((heading, number))
        elif kind.sections[0][0] is not None:
            raise Problem(
                path,
                number,
                f"`{text}`: a {kind.name} has the sections "
                + " and ".join(f"`## {name}`" for name in headings)
                + "; a heading inside one starts with `###`",
            )
    named = [name for name, _ in found[1:]]
    for heading in headings:
        if heading not in named:
            raise Problem(path, len(lines), f"the section `## {heading}` is missing")
    if named != headings:
        raise Problem(
            path,
            found[1][1],
            "the sections must come in this order: "
            + ", ".join(f"`## {name}`" for name in headings),
        )
    texts: dict[str, str] = {}
    where: dict[str, int] = {}
    ends = [line for _, line in found[1:]] + [len(lines) + 1]
    for (heading, first), end in zip(found, ends, strict=True):
        chunk = lines[first : end - 1] if heading else lines[first - 1 : end - 1]
        if heading is None and kind.sections[0][0] is not None:
            stray = next((n for n, line in enumerate(chunk, start=first) if line.strip()), None)
            if stray:
                raise Problem(path, stray, f"text before `## {headings[0]}`: put it in a section")
            continue
        name = dict(kind.sections)[heading]
        where[name] = first
        if name == kind.steps:
            texts[name] = "\n".join(steps(path, chunk, first + 1))
        else:
            texts[name] = paragraphs(chunk)
    return texts, where


def paragraphs(lines: list[str]) -> str:
    """Markdown as written, without the blank lines around it, ending with one newline."""
    while lines and not lines[0].strip():
        lines = lines[1:]
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    return "\n".join(lines) + "\n" if lines else ""


def steps(path: Path, lines: list[str], start: int) -> list[str]:
    """A numbered list's items, one per step; an indented line continues the step above."""
    items: list[list[str]] = []
    for number, line in enumerate(lines, start=start):
        if not line.strip():
            continue
        if match := STEP.match(line):
            items.append([match["text"].strip()])
        elif line[0] in " \t" and items:
            items[-1].append(line.strip())
        else:
            raise Problem(
                path, number, "each step starts `1. `, `2. `...; indent a line to continue a step"
            )
    return [" ".join(parts) for parts in items]


def duplicates(kind: Kind, records: list[Record]) -> list[Problem]:
    problems = []
    for name in kind.unique:
        seen: dict[Any, Record] = {}
        for record in records:
            value = record.fields[name]
            if value in seen:
                other = shown(seen[value].path)
                problems.append(record.problem(name, f"{name} {value} is also given in {other}"))
            seen.setdefault(value, record)
    return problems


def broken_links(content: Content, present: dict[str, set[str]]) -> list[Problem]:
    problems = []
    for record in content[TOOLS.name]:
        for key, slugs in record.links.items():
            kind = LINKED[key]
            known = present[kind.name]
            problems.extend(
                record.problem(
                    key,
                    f"no {kind.name} `{slug}` (no file {kind.folder}/{slug}.md): "
                    f"the {kind.folder} are {', '.join(sorted(known))}",
                )
                for slug in slugs
                if slug not in known
            )
    return problems


# Loading -------------------------------------------------------------------------------------


def stored(item: models.Model) -> dict[str, Any]:
    """What a row holds, the computed search vector and the id aside."""
    return {
        f.attname: getattr(item, f.attname)
        for f in item._meta.concrete_fields
        if not f.primary_key and not f.generated
    }


@transaction.atomic
def load(content: Content) -> list[Change]:
    """Create or update every row the files describe, by slug; report what happened to each."""
    changes: list[Change] = []
    rows: dict[str, dict[str, models.Model]] = {}
    for kind in KINDS:
        records = content[kind.name]
        existing = {item.slug: item for item in kind.model.objects.all()}
        make_room(kind, records, existing)
        rows[kind.name] = {}
        for record in records:
            item = existing.get(record.slug)
            before = stored(item) if item else None
            item = item or kind.model()
            for name, value in record.fields.items():
                setattr(item, name, value)
            item.render()
            outcome = "unchanged" if stored(item) == before else "updated" if before else "created"
            if outcome != "unchanged":
                item.save()
            if record.links and link(item, record, rows) and outcome == "unchanged":
                outcome = "updated"
            rows[kind.name][record.slug] = item
            changes.append(Change(kind.name, record.slug, outcome))
        changes.extend(
            Change(kind.name, slug, "left alone")
            for slug in existing
            if slug not in rows[kind.name]
        )
    changes.extend(load_translations(content, rows))
    return changes


def load_translations(content: Content, rows: dict[str, dict[str, models.Model]]) -> list[Change]:
    """Store each translated page, rendered as its English page would be; drop the ones whose
    file is gone (translations come only from files)."""
    changes = []
    existing = {(row.language, row.kind, row.slug): row for row in PageTranslation.objects.all()}
    for translated in content.translations:
        record = translated.record
        kind = record.kind
        page = kind.model(**{**stored(rows[kind.name][record.slug]), **record.fields})
        page.render()
        attributes = [name if name == kind.steps else f"{name}_html" for _, name in kind.sections]
        words = {
            "title": page.title,
            "summary": page.summary,
            "texts": {name: getattr(page, name) for name in attributes},
        }
        key = (translated.language, kind.name, record.slug)
        row = existing.pop(key, None)
        if row is None:
            language, kind_name, slug = key
            PageTranslation.objects.create(language=language, kind=kind_name, slug=slug, **words)
            outcome = "created"
        elif {name: getattr(row, name) for name in words} != words:
            PageTranslation.objects.filter(pk=row.pk).update(**words)
            outcome = "updated"
        else:
            outcome = "unchanged"
        changes.append(
            Change("translation", f"{translated.language}/{kind.folder}/{record.slug}", outcome)
        )
    PageTranslation.objects.filter(pk__in=[row.pk for row in existing.values()]).delete()
    changes.extend(
        Change("translation", f"{language}/{kind}/{slug}", "deleted (no file)")
        for language, kind, slug in existing
    )
    return changes


def make_room(kind: Kind, records: list[Record], existing: dict[str, models.Model]) -> None:
    """Let rows swap numbers: move each row whose number changes past the others first.

    A number held by a row that no file names is a problem to solve in the admin.
    """
    slugs = {record.slug for record in records}
    for name in kind.unique:
        for record in records:
            holder = next(
                (
                    item
                    for slug, item in existing.items()
                    if getattr(item, name) == record.fields[name] and slug != record.slug
                ),
                None,
            )
            if holder is not None and holder.slug not in slugs:
                raise ContentError(
                    [
                        record.problem(
                            name,
                            f"{name} {record.fields[name]} belongs to the {kind.name} "
                            f"`{holder.slug}`, which is in the database but in no file: "
                            "change its number or delete it in the admin first",
                        )
                    ]
                )
        top = max([getattr(item, name) for item in existing.values()], default=0)
        wanted = {record.slug: record.fields[name] for record in records}
        moving = [
            item
            for slug, item in existing.items()
            if slug in wanted and getattr(item, name) != wanted[slug]
        ]
        for offset, item in enumerate(moving, start=1):
            kind.model.objects.filter(pk=item.pk).update(**{name: top + offset})


def link(tool: models.Model, record: Record, rows: dict[str, dict[str, models.Model]]) -> bool:
    """Point a tool at the points and stages its file names; say whether anything changed."""
    changed = False
    for key, slugs in record.links.items():
        manager = getattr(tool, key)
        if set(manager.values_list("slug", flat=True)) != set(slugs):
            manager.set([rows[LINKED[key].name][slug] for slug in slugs])
            changed = True
    return changed
