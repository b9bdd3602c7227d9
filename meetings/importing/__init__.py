"""Importing meetings from a Meeting Guide JSON feed or a meeting-list CSV, all or nothing.

Every row is read and checked, geocoding included, before anything is written; any problem stops
the import with a report of every bad row and writes nothing. Meetings are matched by slug, so
importing the same file again changes nothing. ``docs/import.md`` describes the formats.

The steps, each in its own module: ``sources`` (the bytes: a path, an upload or a URL, and their
format), ``records`` (JSON or CSV into records, headers mapped to fields), ``fields`` (each
field's parser), ``addresses`` (one-line addresses and venues), ``rows`` (checked meetings and
their slugs), ``locating`` (geocoding and time zones), ``writer`` (regions, venues and meetings
matched, then written), ``scope`` (a coordinator's limits) and ``services`` (the whole run).
"""

from meetings.importing.addresses import split_address
from meetings.importing.problems import ImportFailed, ImportProblem, ImportResult
from meetings.importing.services import import_meetings
from meetings.importing.sources import FORMATS, fetch_url, guess_format, max_file_size, too_large

__all__ = [
    "FORMATS",
    "ImportFailed",
    "ImportProblem",
    "ImportResult",
    "fetch_url",
    "guess_format",
    "import_meetings",
    "max_file_size",
    "split_address",
    "too_large",
]
