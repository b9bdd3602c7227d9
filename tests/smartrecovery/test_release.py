"""The release fingerprint that kept markup and searches are keyed by."""

from __future__ import annotations

from pathlib import Path

from smartrecovery.release import fingerprint


def project(root: Path) -> Path:
    (root / "templates").mkdir(parents=True)
    (root / "templates" / "base.html").write_text("<p>{{ name }}</p>")
    (root / "meetings").mkdir()
    (root / "meetings" / "search.py").write_text("PAGE_SIZE = 20\n")
    (root / "locale").mkdir()
    (root / "locale" / "django.po").write_text('msgid "Save"\nmsgstr "Guardar"\n')
    (root / "requirements.lock").write_text("django==6.1.3\n")
    return root


def test_the_same_files_give_the_same_fingerprint_on_any_machine(tmp_path):
    first = project(tmp_path / "first")
    second = project(tmp_path / "second")

    assert fingerprint(first) == fingerprint(second)


def test_a_changed_template_code_translation_or_package_gives_another(tmp_path):
    root = project(tmp_path)
    before = fingerprint(root)

    for path, text in (
        ("templates/base.html", "<p>{{ name|upper }}</p>"),
        ("meetings/search.py", "PAGE_SIZE = 25\n"),
        ("locale/django.po", 'msgid "Save"\nmsgstr "Guardar ahora"\n'),
        ("requirements.lock", "django==6.1.4\n"),
    ):
        original = (root / path).read_text()
        (root / path).write_text(text)
        assert fingerprint(root) != before, path
        (root / path).write_text(original)

    assert fingerprint(root) == before


def test_what_the_site_does_not_run_is_left_out(tmp_path):
    root = project(tmp_path)
    before = fingerprint(root)

    (root / "tests").mkdir()
    (root / "tests" / "test_search.py").write_text("def test(): pass\n")
    (root / ".venv").mkdir()
    (root / ".venv" / "site.py").write_text("x = 1\n")
    (root / "notes.md").write_text("# notes\n")

    assert fingerprint(root) == before
