"""Addresses: a one-line address split into its parts, and a record's venue built from them.

A file may give a venue's address in parts (street, city, state, postal code, country) or as one
line with commas, as the 12 Step Meeting List plugin's CSV export writes it.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext

from meetings.geocoding import country_codes, normalize, us_states
from meetings.importing.fields import as_text, parse_number, parse_yes_no, validate
from meetings.importing.problems import Report
from meetings.models import Location

ADDRESS_PARTS = ("address", "city", "state", "postal_code", "country")


def country_code(text: str) -> str | None:
    return country_codes().get(normalize(text))


def split_address(text: str) -> dict[str, str]:
    """Best-effort parts of a one-line address, "street, city, state zip, country" and its kin."""
    parts = [part.strip() for part in text.split(",") if part.strip()]
    found = {"address": "", "city": "", "state": "", "postal_code": "", "country": ""}
    if len(parts) > 1 and country_code(parts[-1]):
        found["country"] = parts.pop()
    if parts:
        words, postal = _split_postal(parts[-1])
        if postal or (len(parts) > 1 and _is_state(words)):
            parts.pop()
            found["postal_code"] = postal
            if _is_state(words) or not words:
                found["state"] = words
            else:
                # "London SW1A 2AA": the city shares a part with its postcode.
                parts.append(words)
    if len(parts) > 1:
        found["city"] = parts.pop()
        found["address"] = ", ".join(parts)
    elif parts:
        found["address" if parts[0][:1].isdigit() else "city"] = parts[0]
    return found


def _split_postal(part: str) -> tuple[str, str]:
    """ "TX 78701" -> ("TX", "78701"), "London SW1A 2AA" -> ("London", "SW1A 2AA")."""
    tokens = part.split()
    end = len(tokens)
    while end > max(0, len(tokens) - 2) and any(char.isdigit() for char in tokens[end - 1]):
        end -= 1
    postal = " ".join(tokens[end:])
    if len(postal) < 3:
        return part, ""
    return " ".join(tokens[:end]), postal


def _is_state(words: str) -> bool:
    if not words:
        return False
    if words.isupper() and len(words) <= 3:
        return True
    return words.lower() in us_states()


def parse_venue(
    report: Report, number: int, record: dict[str, Any]
) -> tuple[Location | None, bool | None]:
    """The venue as an unsaved Location (None if the row names none), and its "approximate"."""
    parts = {name: as_text(record.get(name)) for name in ADDRESS_PARTS}
    if not any(parts[name] for name in ("city", "state", "postal_code", "country")):
        # One line with commas is a whole address, as the plugin's CSV export writes it.
        one_line = parts["address"] or as_text(record.get("formatted_address"))
        if "," in one_line or not parts["address"]:
            parts.update(split_address(one_line))
    if parts["country"]:
        code = country_code(parts["country"])
        if code is None:
            report.problem(
                number,
                "country",
                gettext("“%(value)s” is not a country; use a code such as US or GB")
                % {"value": parts["country"]},
            )
        parts["country"] = code or ""
    latitude = parse_number(report, number, "latitude", record.get("latitude"))
    longitude = parse_number(report, number, "longitude", record.get("longitude"))
    if bool(as_text(record.get("latitude"))) != bool(as_text(record.get("longitude"))):
        report.problem(
            number,
            "longitude" if longitude is None else "latitude",
            gettext("give both latitude and longitude, or neither"),
        )
    approximate = parse_yes_no(report, number, "approximate", record.get("approximate"))
    location = Location(
        name=as_text(record.get("location")),
        notes=as_text(record.get("location_notes")),
        latitude=latitude,
        longitude=longitude,
        **parts,
    )
    labels = {"name": "location", "notes": "location_notes"}
    for name in ("name", "notes", "latitude", "longitude", *parts):
        validate(report, number, Location, name, getattr(location, name), labels.get(name, ""))
    if not (location.name or location.address_query() or latitude is not None):
        return None, approximate
    location.formatted_address = location.build_formatted_address()
    return location, approximate
