from __future__ import annotations

import contextlib
import csv
import datetime
import io
import json
import threading
import time
from collections.abc import Iterator
from functools import partial
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from django.core.management import CommandError, call_command

from meetings.importing import ImportFailed, fetch_url
from meetings.importing.sources import _redirect_refusal
from meetings.models import Attendance, Location, Meeting, Region
from meetings.types import Program

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def gazetteer(db) -> None:
    call_command("loaddata", DATA / "places.json", verbosity=0)


@pytest.fixture
def feed_server() -> Iterator[str]:
    """tests/meetings/data/ served over HTTP on 127.0.0.1, so URL imports stay off the network."""
    handler = partial(QuietHandler, directory=str(DATA))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join()


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:
        pass


class ScriptedHandler(BaseHTTPRequestHandler):
    """A misbehaving feed server: /big?bytes=N, /redirect?to=URL, /dribble, /slow-headers."""

    def log_message(self, format: str, *args) -> None:
        pass

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        query = dict(parse_qsl(url.query))
        # The importer hanging up early is what some tests want.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            getattr(self, url.path.strip("/").replace("-", "_"))(query)

    def big(self, query: dict[str, str]) -> None:
        size = int(query["bytes"])
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        if query["length"] == "1":
            self.send_header("Content-Length", str(size))
        self.send_header("Connection", "close")
        self.end_headers()
        chunk = b" " * 65536
        for start in range(0, size, len(chunk)):
            self.wfile.write(chunk[: size - start])

    def redirect(self, query: dict[str, str]) -> None:
        self.send_response(302)
        self.send_header("Location", query["to"])
        self.send_header("Content-Length", "0")
        self.end_headers()

    def dribble(self, query: dict[str, str]) -> None:
        """A byte of the body every tenth of a second: each read succeeds, the whole never ends."""
        self.send_response(200)
        self.send_header("Content-Length", "1000")
        self.end_headers()
        for _ in range(100):
            self.wfile.write(b" ")
            self.wfile.flush()
            time.sleep(0.1)

    def slow_headers(self, query: dict[str, str]) -> None:
        self.wfile.write(b"HTTP/1.0 200 OK\r\n")
        for _ in range(100):
            self.wfile.write(b"X")
            self.wfile.flush()
            time.sleep(0.1)


@pytest.fixture
def scripted_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), ScriptedHandler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join()


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def failure_of(*args: str) -> tuple[CommandError, str]:
    err = io.StringIO()
    with pytest.raises(CommandError) as failure:
        call_command(*args, stdout=io.StringIO(), stderr=err)
    return failure.value, err.getvalue()


def test_import_meetings_prints_a_summary():
    out, err = run("import_meetings", str(DATA / "good_meetings.csv"))

    assert "4 meetings: 4 created, 0 updated, 0 unchanged" in out
    assert "warning: row 1, header: columns ignored: District" in err
    assert Meeting.objects.count() == 4


def test_import_meetings_lists_every_problem_and_exits_with_status_1():
    error, err = failure_of("import_meetings", str(DATA / "bad_meetings.csv"))

    assert error.returncode == 1
    assert "9 problem(s) found; nothing was imported." in str(error)
    lines = err.splitlines()
    assert lines[0] == "row 3, day: “Funday” is not a day: use 0-6 (Sunday is 0) or a day name"
    assert [line.split(":")[0] for line in lines] == [
        "row 3, day",
        "row 4, time",
        "row 5, types",
        "row 6, timezone",
        "row 7, address",
        "row 8, conference_url",
        "row 9, conference_phone",
        "row 10, name",
        "row 11, slug",
    ]
    assert Meeting.objects.count() == 0


def test_import_meetings_takes_the_format_when_the_name_does_not_say(tmp_path):
    source = tmp_path / "meetings.txt"
    source.write_bytes((DATA / "good_feed.json").read_bytes())

    out, _ = run("import_meetings", str(source), "--format", "json")

    assert "6 created" in out


def test_import_meetings_says_when_the_file_is_missing(tmp_path):
    error, _ = failure_of("import_meetings", str(tmp_path / "nowhere.csv"))

    assert "Cannot read" in str(error)


def test_import_meetings_fetches_a_feed_from_a_url(feed_server):
    out, _ = run("import_meetings", f"{feed_server}/good_feed.json")

    assert "6 meetings: 6 created" in out
    assert Meeting.objects.filter(slug="veterans-hybrid").exists()


def test_import_meetings_fetches_a_csv_from_a_url(feed_server):
    out, _ = run("import_meetings", f"{feed_server}/good_meetings.csv")

    assert "4 meetings: 4 created" in out


def test_import_meetings_reports_a_url_that_fails(feed_server):
    error, err = failure_of("import_meetings", f"{feed_server}/missing.json")

    assert error.returncode == 1
    assert err.startswith("row 0, url: could not fetch")
    assert "404" in err


@pytest.mark.parametrize("says_its_length", [True, False])
def test_import_meetings_stops_a_download_larger_than_the_size_limit(
    scripted_server, settings, says_its_length
):
    settings.IMPORT_MAX_MB = 1
    query = urlencode({"bytes": 1024 * 1024 + 1, "length": int(says_its_length)})

    error, err = failure_of("import_meetings", f"{scripted_server}/big?{query}")

    assert error.returncode == 1
    assert err.strip() == (
        "row 0, url: the file is larger than 1 MB, the most an import reads "
        "(the IMPORT_MAX_MB setting)"
    )


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://example.org/feed.json"])
def test_import_meetings_follows_no_redirect_away_from_the_web(scripted_server, target):
    url = f"{scripted_server}/redirect?{urlencode({'to': target})}"

    error, err = failure_of("import_meetings", url)

    assert error.returncode == 1
    assert err.strip() == (
        f"row 0, url: refused a redirect to {target}: only http:// and https:// addresses"
    )


@pytest.mark.parametrize(
    ("target", "address"),
    [
        ("http://10.0.0.7/feed.json", "10.0.0.7"),
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254"),
        ("http://[::ffff:192.168.1.1]/feed.json", "192.168.1.1"),
        ("http://localhost:8000/feed.json", "127.0.0.1"),
    ],
)
def test_import_meetings_follows_no_redirect_into_a_private_network(
    scripted_server, target, address
):
    url = f"{scripted_server}/redirect?{urlencode({'to': target})}"

    _, err = failure_of("import_meetings", url)

    assert err.startswith(f"row 0, url: refused a redirect to {target}: ")
    assert "is on a private network" in err
    assert address in err or "::1" in err


def test_import_meetings_follows_no_redirect_back_to_its_own_machine(scripted_server, feed_server):
    target = f"{feed_server}/good_feed.json"
    url = f"{scripted_server}/redirect?{urlencode({'to': target})}"

    _, err = failure_of("import_meetings", url)

    assert err.strip() == (
        f"row 0, url: refused a redirect to {target}: 127.0.0.1 is on a private network (127.0.0.1)"
    )
    assert Meeting.objects.count() == 0


def test_a_redirect_to_a_public_address_would_be_followed():
    assert _redirect_refusal("https://93.184.216.34/feed.json") is None


@pytest.mark.parametrize("path", ["dribble", "slow-headers"])
def test_a_server_that_dribbles_bytes_is_cut_off_at_the_time_limit(scripted_server, path):
    started = time.monotonic()

    with pytest.raises(ImportFailed) as failure:
        fetch_url(f"{scripted_server}/{path}", timeout=1)

    assert time.monotonic() - started < 2.5
    assert [str(problem) for problem in failure.value.problems] == [
        f"row 0, url: could not fetch {scripted_server}/{path}: it took longer than 1 seconds"
    ]


def test_import_meetings_refuses_urls_other_than_http():
    _, err = failure_of("import_meetings", "file:///etc/passwd")

    assert err.strip() == "row 0, url: only http:// and https:// addresses"


def test_export_meetings_writes_the_public_directory_as_json_by_default(make_meeting):
    make_meeting(slug="open-to-all")
    make_meeting(slug="closed-for-now", is_active=False)
    make_meeting(slug="inside-a-facility", is_public=False)

    out, _ = run("export_meetings")

    records = json.loads(out)
    assert sorted(record["slug"] for record in records) == ["closed-for-now", "open-to-all"]
    closed = next(record for record in records if record["slug"] == "closed-for-now")
    assert "TC" in closed["types"]


def test_export_meetings_includes_private_meetings_only_when_asked(make_meeting):
    make_meeting(slug="open-to-all")
    make_meeting(slug="inside-a-facility", is_public=False)

    out, _ = run("export_meetings", "--format", "csv", "--include-private")

    assert "inside-a-facility" in out
    assert "inside-a-facility" not in run("export_meetings", "--format", "csv")[0]


def test_export_meetings_writes_a_file(make_meeting, tmp_path):
    make_meeting(slug="open-to-all")
    target = tmp_path / "meetings.csv"

    _, err = run("export_meetings", "--format", "csv", "--output", str(target))

    assert target.read_text().startswith("Time,End Time,Day,Name,")
    assert "open-to-all" in target.read_text()
    assert "Exported 1 meetings" in err


@pytest.fixture
def varied_directory(make_meeting, venue, regions) -> None:
    """In person, hybrid and online; shared and approximate venues; nested regions; programs."""
    venue.notes = "Use the side door."
    venue.save()
    hall = Location.objects.create(
        name="VFW Hall",
        address="3002 Guadalupe St",
        city="Austin",
        state="TX",
        postal_code="78705",
        country="US",
        latitude=30.29,
        longitude=-97.74,
        approximate=True,
        notes="Upstairs.",
    )
    london = Location.objects.create(
        city="London", country="GB", latitude=51.50853, longitude=-0.12574, approximate=True
    )
    make_meeting(
        name="Eastside Tuesday",
        slug="eastside-tuesday",
        types=["O", "D"],
        languages=["EN"],
        notes="Bring a friend.\nCoffee from 6:45.",
        group="Eastside SMART",
        region=regions["austin"],
        feedback_url="https://example.org/feedback?m=eastside-tuesday",
    )
    make_meeting(
        name="Eastside Thursday Newcomers",
        slug="eastside-thursday",
        day=4,
        time=datetime.time(22, 0),
        end_time=datetime.time(0, 30),
        types=["BE", "C"],
        region=regions["austin"],
    )
    make_meeting(
        name="Veterans & First Responders",
        slug="veterans-hybrid",
        day=6,
        attendance=Attendance.HYBRID,
        location=hall,
        program=Program.VETERANS,
        attendance_verification=True,
        conference_phone="+16465588656,,123456#",
        conference_phone_notes="Meeting ID 123 456",
        region=regions["texas"],
    )
    make_meeting(
        name="Familia y Amigos en Línea",
        slug="familia-y-amigos",
        day=0,
        time=datetime.time(10, 0),
        end_time=None,
        timezone="Europe/Madrid",
        attendance=Attendance.ONLINE,
        location=None,
        program=Program.FAMILY_FRIENDS,
        languages=["S"],
        conference_url="https://zoom.us/j/123456789",
        conference_url_notes="Password: smart",
        region=regions["gb"],
    )
    make_meeting(
        name="London Online Check-in",
        slug="london-online",
        day=1,
        timezone="Europe/London",
        attendance=Attendance.ONLINE,
        location=london,
        types=["MED", "W"],
        conference_url="https://meet.example.org/london",
    )
    make_meeting(
        name="InsideOut Outreach",
        slug="insideout-outreach",
        day=3,
        program=Program.INSIDEOUT,
        is_active=False,
        types=["C"],
        location=hall,
    )


MEETING_FIELDS = [
    *("name", "day", "time", "end_time", "timezone", "attendance", "program", "types"),
    *("languages", "attendance_verification", "is_public", "is_active", "notes", "group"),
    *("conference_url", "conference_url_notes", "conference_phone", "conference_phone_notes"),
    *("feedback_url", "latitude", "longitude"),
]
LOCATION_FIELDS = [
    *("name", "address", "city", "state", "postal_code", "country", "formatted_address"),
    *("latitude", "longitude", "approximate", "notes", "timezone"),
]


def directory() -> dict[str, dict]:
    """Every meeting field an export carries, with its venue's and region's, by slug."""
    meetings = {}
    for meeting in Meeting.objects.select_related("location", "region"):
        fields = {name: getattr(meeting, name) for name in MEETING_FIELDS}
        location = meeting.location
        fields["location"] = location and {
            name: getattr(location, name) for name in LOCATION_FIELDS
        }
        shared = Meeting.objects.filter(location=location).exclude(pk=meeting.pk)
        fields["shares_venue_with"] = (
            sorted(shared.values_list("slug", flat=True)) if location else []
        )
        region, path = meeting.region, []
        while region is not None:
            path.insert(0, region.name)
            region = region.parent
        fields["region"] = path
        meetings[meeting.slug] = fields
    return meetings


def wipe() -> None:
    Meeting.objects.all().delete()
    Location.objects.all().delete()
    while Region.objects.exists():
        Region.objects.filter(children__isnull=True).delete()


@pytest.mark.parametrize("format", ["json", "csv"])
def test_export_then_import_into_an_empty_directory_round_trips_every_field(
    varied_directory, format, tmp_path
):
    before = directory()
    assert len(before) == 6
    export = tmp_path / f"meetings.{format}"
    run("export_meetings", "--format", format, "--output", str(export))
    wipe()

    out, _ = run("import_meetings", str(export))

    assert "6 meetings: 6 created, 0 updated, 0 unchanged; 3 new locations, 4 new regions" in out
    assert directory() == before


@pytest.mark.parametrize("format", ["json", "csv"])
def test_export_then_import_over_the_same_directory_changes_nothing(
    varied_directory, format, tmp_path
):
    before = directory()
    export = tmp_path / f"meetings.{format}"
    run("export_meetings", "--format", format, "--output", str(export))

    out, _ = run("import_meetings", str(export))

    assert "6 meetings: 0 created, 0 updated, 6 unchanged; 0 new locations, 0 new regions" in out
    assert directory() == before


@pytest.fixture
def formulae(make_meeting, regions) -> Meeting:
    """A meeting whose text a spreadsheet would run as formulas, were it written as it is."""
    hall = Location.objects.create(
        name="'=already quoted",
        address="-1 Minus Street",
        city="Austin",
        state="TX",
        country="US",
        latitude=30.26,
        longitude=-97.74,
        notes="@mention the side door",
    )
    return make_meeting(
        name='=HYPERLINK("https://evil.example/","Click")',
        slug="formulae",
        notes="-2+3 people",
        group="+SUM(A1:A9)",
        location=hall,
        attendance=Attendance.HYBRID,
        conference_phone="+16465588656,,123456#",
        conference_phone_notes="\tcmd|' /C calc'!A0",
        region=regions["austin"],
    )


def test_export_meetings_csv_writes_formulas_as_text(formulae):
    out, _ = run("export_meetings", "--format", "csv")

    row = next(csv.DictReader(io.StringIO(out)))
    assert row["Name"] == '\'=HYPERLINK("https://evil.example/","Click")'
    assert row["Notes"] == "'-2+3 people"
    assert row["Group"] == "'+SUM(A1:A9)"
    assert row["Location"] == "''=already quoted"
    assert row["Address"] == "'-1 Minus Street"
    assert row["Location Notes"] == "'@mention the side door"
    assert row["Conference Phone"] == "'+16465588656,,123456#"
    assert row["Conference Phone Notes"] == "'\tcmd|' /C calc'!A0"
    # Numbers are not formulas: a negative longitude stays a number.
    assert row["Longitude"] == "-97.74"
    formula_cells = [
        (name, cell)
        for name, cell in row.items()
        if name != "Longitude" and cell.startswith(("=", "+", "-", "@", "\t", "\r"))
    ]
    assert formula_cells == []


def test_a_csv_export_with_formulas_imports_back_as_it_was(formulae, tmp_path):
    formulae.conference_phone_notes = "cmd|' /C calc'!A0"  # The importer trims a leading tab.
    formulae.save()
    before = directory()
    export = tmp_path / "meetings.csv"
    run("export_meetings", "--format", "csv", "--output", str(export))
    wipe()

    run("import_meetings", str(export))

    assert directory() == before
    assert Meeting.objects.get().name == '=HYPERLINK("https://evil.example/","Click")'


def test_the_importer_drops_a_quote_only_before_a_formula_character(tmp_path):
    source = tmp_path / "quoted.csv"
    source.write_text(
        "Name,Day,Time,Timezone,Conference URL,Notes\n"
        "'Tis the season,1,19:00,UTC,https://zoom.us/j/1,'=1+1\n"
    )

    run("import_meetings", str(source))

    meeting = Meeting.objects.get()
    assert (meeting.name, meeting.notes) == ("'Tis the season", "=1+1")
