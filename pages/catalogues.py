"""The site's translation catalogues, extracted and compiled in pure Python (Babel).

``locale/<code>/LC_MESSAGES/django.po`` holds each language's translations; the ``.mo`` files
Django reads are compiled from them by ``manage.py compile_catalogues`` (``make setup`` runs it,
and so does the test session) and are not kept in git. ``manage.py update_catalogues`` collects
every message the code and the templates mark for translation and adds the new ones to each
catalogue, the way Django's ``makemessages`` does but without GNU gettext: Python files go
through Babel's extractor, templates through Django's own ``templatize`` first (which turns
``{% translate %}`` and ``{% blocktranslate %}`` into gettext calls) and then the same extractor.
Entries are sorted by message and carry no source locations, so that two people adding strings
rarely touch the same lines.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

# The worksheet prompts' context and languages (worksheets/kinds/__init__.py), named here too so
# that compiling the catalogues needs no Django settings.
PROMPT_CONTEXT = "worksheet prompt"
PROMPT_LANGUAGES = ("es", "fr")

BASE_DIR = Path(__file__).resolve().parent.parent
LOCALE_DIR = BASE_DIR / "locale"
DOMAIN = "django"

# Django's translation functions, as its makemessages passes them to xgettext, and our
# pgettext_noop (meetings/types.py), which marks a name translated later in its context.
KEYWORDS = {
    "_": None,
    "gettext": None,
    "gettext_lazy": None,
    "gettext_noop": None,
    "ngettext": (1, 2),
    "ngettext_lazy": (1, 2),
    "pgettext": ((1, "c"), 2),
    "pgettext_lazy": ((1, "c"), 2),
    "pgettext_noop": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
    "npgettext_lazy": ((1, "c"), 2, 3),
}
COMMENT_TAGS = ("Translators:",)


def gettext_noop(message: str) -> str:
    """Marks a message for extraction, as Django's does, without needing Django's settings."""
    return message


# Words Django itself shows (the empty choice of a select, in the admin's filters and forms)
# that its own catalogues do not translate yet in every language we ship: ours are read first
# (LOCALE_PATHS), so listing them here fills the gap.
DJANGO_GAPS = (gettext_noop("- Select an option -"),)

# Folders of our own code; tests, benchmarks, scripts and migrations hold nothing a visitor reads.
SKIPPED_PARTS = {"tests", "bench", "scripts", "migrations", "static", "docs", "locale"}


def po_path(code: str) -> Path:
    return LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def shipped_languages() -> list[str]:
    """Every language with a catalogue (English, the source language, has none)."""
    return sorted(path.name for path in LOCALE_DIR.iterdir() if po_path(path.name).exists())


def read(code: str) -> Catalog:
    with po_path(code).open("rb") as source:
        return read_po(source, locale=code, domain=DOMAIN)


def compile_catalogues(*, force: bool = False) -> list[Path]:
    """Write each catalogue's ``.mo`` where it is missing or older than its ``.po``."""
    written = []
    for code in shipped_languages() if LOCALE_DIR.exists() else []:
        po = po_path(code)
        mo = po.with_suffix(".mo")
        if not force and mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        catalog = read(code)
        buffer = io.BytesIO()
        # Fuzzy entries are left out, as msgfmt does: Django then shows the English.
        write_mo(buffer, catalog, use_fuzzy=False)
        partial = mo.with_suffix(".mo.partial")
        partial.write_bytes(buffer.getvalue())
        partial.replace(mo)
        written.append(mo)
    return written


def source_files() -> Iterator[tuple[str, Path]]:
    """("python" or "template", path) for every file that may hold a message, in a fixed order."""
    apps = sorted(path.parent for path in BASE_DIR.glob("*/apps.py")) + [BASE_DIR / "smartrecovery"]
    for app in apps:
        for path in sorted(app.rglob("*.py")):
            if not SKIPPED_PARTS.intersection(path.relative_to(BASE_DIR).parts):
                yield "python", path
    for folder in [BASE_DIR / "templates", *(app / "templates" for app in apps)]:
        for path in sorted(folder.rglob("*")):
            if path.suffix in {".html", ".txt"}:
                yield "template", path


def messages_in(kind: str, path: Path) -> Iterator[tuple[int, str | tuple[str, ...], list, str]]:
    """(line, message, comments, context) for each message a file marks for translation."""
    if kind == "template":
        # Imported here: the compile step (make setup) must not need Django's settings.
        from django.utils.translation.template import templatize

        # templatize blanks everything but the messages out (keeping the lines), in a form
        # xgettext reads; Python's tokenizer also needs it without indentation.
        code = templatize(path.read_text(encoding="utf-8"), origin=str(path))
        source = "\n".join(line.lstrip() for line in code.split("\n")).encode()
    else:
        source = path.read_bytes()
    yield from extract(
        "python",
        io.BytesIO(source),
        keywords=KEYWORDS,
        comment_tags=COMMENT_TAGS,
        strip_comment_tags=True,
    )


def extracted() -> Catalog:
    """Every message the code and the templates mark for translation, and the prompts of the
    worksheet kinds written in other languages, as a template catalogue."""
    template = Catalog(domain=DOMAIN, project="smartrecovery", fuzzy=False)
    for kind, path in source_files():
        where = str(path.relative_to(BASE_DIR))
        for line, message, comments, context in messages_in(kind, path):
            template.add(message, None, [(where, line)], auto_comments=comments, context=context)
    for message, where in worksheet_prompts():
        template.add(message, None, [(where, 0)], context=PROMPT_CONTEXT)
    return template


def worksheet_prompts() -> Iterator[tuple[str, str]]:
    """(prompt, the kind's module) for every kind whose prompts are written in other languages.

    Imported here: reading the registry needs Django's settings, which compiling does not.
    """
    from worksheets.kinds import REGISTRY, prompts

    for kind in REGISTRY.values():
        if set(kind.languages) & set(PROMPT_LANGUAGES):
            module = f"worksheets/kinds/{kind.key.value.replace('-', '_')}.py"
            for text in prompts(kind):
                yield text, module


def wanted(message: Message, code: str) -> bool:
    """Whether ``code``'s catalogue holds the message: a worksheet's prompts are written in
    PROMPT_LANGUAGES only, and other languages show them in English with a note."""
    return message.context != PROMPT_CONTEXT or code in PROMPT_LANGUAGES


def update_catalogues(codes: list[str]) -> dict[str, list[Message]]:
    """Add the newly marked messages to each language's catalogue (untranslated), and drop the
    ones no longer used. Returns each language's untranslated messages."""
    template = extracted()
    untranslated = {}
    for code in codes:
        path = po_path(code)
        if path.exists():
            catalog = read(code)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            catalog = Catalog(
                locale=code,
                domain=DOMAIN,
                header_comment=f"# The smartrecovery site in {code} (pages/catalogues.py).",
                project="smartrecovery",
                fuzzy=False,
            )
        mine = Catalog(domain=DOMAIN, fuzzy=False)
        for message in template:
            if message.id and wanted(message, code):
                mine.add(
                    message.id,
                    None,
                    message.locations,
                    auto_comments=message.auto_comments,
                    context=message.context,
                )
        catalog.update(
            mine,
            no_fuzzy_matching=True,
            update_header_comment=False,
            update_creation_date=False,
        )
        catalog.obsolete.clear()
        with path.open("wb") as target:
            write_po(target, catalog, width=100, no_location=True, sort_output=True)
        untranslated[code] = [message for message in catalog if message.id and not is_done(message)]
    return untranslated


def is_done(message: Message) -> bool:
    """Translated in full (every plural form) and not marked fuzzy."""
    strings = message.string if isinstance(message.string, tuple | list) else [message.string]
    return all(strings) and not message.fuzzy
