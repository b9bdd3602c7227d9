"""The site links a trimmed Bootstrap stylesheet (tools/bootstrap-trim/trim.mjs): every Bootstrap
class a template uses must still be in it."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENDOR = ROOT / "static" / "vendor" / "bootstrap"
CLASS_SELECTOR = re.compile(r"\.([A-Za-z][\w-]*)")
CLASS_ATTRIBUTE = re.compile(r'class="([^"]*)"')


def classes_in(stylesheet: Path) -> set[str]:
    return set(CLASS_SELECTOR.findall(stylesheet.read_text(encoding="utf-8")))


def classes_used() -> dict[str, Path]:
    templates = [*ROOT.glob("templates/**/*.html"), *ROOT.glob("*/templates/**/*.html")]
    used = {}
    for template in templates:
        for attribute in CLASS_ATTRIBUTE.findall(template.read_text(encoding="utf-8")):
            # Parts written by template tags ("alert-{{ tag }}") are safelisted in trim.mjs.
            plain = re.sub(r"\{[{%].*?[%}]\}", " ", attribute)
            for name in plain.split():
                used.setdefault(name, template)
    return used


def test_every_bootstrap_class_a_template_uses_is_in_the_trimmed_stylesheet():
    dropped = classes_in(VENDOR / "bootstrap.min.css") - classes_in(
        VENDOR / "bootstrap.trimmed.min.css"
    )

    missing = {
        name: str(path.relative_to(ROOT))
        for name, path in classes_used().items()
        if name in dropped
    }

    assert not missing, (
        f"Bootstrap classes missing from the trimmed stylesheet: {missing}. "
        "Run: cd tools/bootstrap-trim && npm ci && node trim.mjs"
    )


def test_the_site_links_the_trimmed_stylesheet(client, db):
    content = client.get("/about/").content.decode()

    assert "vendor/bootstrap/bootstrap.trimmed.min.css" in content
    assert "vendor/bootstrap/bootstrap.min.css" not in content
