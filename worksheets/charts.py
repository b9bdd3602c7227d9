"""The urge log's charts: numbers from a list of entries, then SVG drawn from those numbers.

The numbers are pure functions of the entries, the day and the participant's time zone, so tests
check them directly. The SVG is built as strings: every label is escaped, numbers are formatted
here, and nothing a participant typed goes into an attribute.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from smartrecovery import dates

DAYS = 28
WEEKS = 12
TOP_TRIGGERS = 5
LABEL_CHARS = 22
# Each trigger box: its name, and the words for its chart (translated when shown).
TRIGGER_FIELDS = (
    ("situation", gettext_noop("Situations")),
    ("people", gettext_noop("People")),
    ("feeling", gettext_noop("Feelings")),
)
TRIGGER_WORDS = {
    "situation": {
        "heading": gettext_noop("Triggers: situations"),
        "title": gettext_noop("Triggers: Situations"),
        "column": gettext_noop("Situation"),
        "found": gettext_noop("Situations noted with your urges, most frequent first: %(list)s"),
        "none": gettext_noop("No situations noted yet."),
    },
    "people": {
        "heading": gettext_noop("Triggers: people"),
        "title": gettext_noop("Triggers: People"),
        "column": gettext_noop("People"),
        "found": gettext_noop("People noted with your urges, most frequent first: %(list)s"),
        "none": gettext_noop("No people noted yet."),
    },
    "feeling": {
        "heading": gettext_noop("Triggers: feelings"),
        "title": gettext_noop("Triggers: Feelings"),
        "column": gettext_noop("Feeling"),
        "found": gettext_noop("Feelings noted with your urges, most frequent first: %(list)s"),
        "none": gettext_noop("No feelings noted yet."),
    },
}
# Several triggers in one box are separated by commas, semicolons or new lines.
TRIGGER_SEPARATORS = re.compile(r"[,;\n]+")


class Entry(Protocol):
    felt_at: datetime.datetime
    intensity: int
    acted_on: bool
    situation: str
    people: str
    feeling: str


# The numbers.


def local_time(entry: Entry, zone: ZoneInfo) -> datetime.datetime:
    return entry.felt_at.astimezone(zone)


def per_day(
    entries: Iterable[Entry], *, today: datetime.date, zone: ZoneInfo, days: int = DAYS
) -> list[tuple[datetime.date, int]]:
    """How many urges on each of the last ``days`` days, oldest first, today last."""
    counts = Counter(local_time(entry, zone).date() for entry in entries)
    first = today - datetime.timedelta(days=days - 1)
    return [(day, counts[day]) for day in (first + datetime.timedelta(days=n) for n in range(days))]


def week_start(day: datetime.date) -> datetime.date:
    """The Monday a week starts on."""
    return day - datetime.timedelta(days=day.weekday())


@dataclass(frozen=True)
class Week:
    start: datetime.date
    count: int
    average: float | None


def weekly_intensity(
    entries: Iterable[Entry], *, today: datetime.date, zone: ZoneInfo, weeks: int = WEEKS
) -> list[Week]:
    """Each of the last ``weeks`` weeks (Monday to Sunday, this one last): urges, mean intensity."""
    intensities: dict[datetime.date, list[int]] = defaultdict(list)
    for entry in entries:
        intensities[week_start(local_time(entry, zone).date())].append(entry.intensity)
    this_week = week_start(today)
    result = []
    for n in range(weeks - 1, -1, -1):
        start = this_week - datetime.timedelta(weeks=n)
        values = intensities.get(start, [])
        average = round(sum(values) / len(values), 1) if values else None
        result.append(Week(start, len(values), average))
    return result


def split_triggers(text: str) -> list[str]:
    """ "work, tired; alone" is three triggers; spaces inside one are tidied."""
    return [" ".join(part.split()) for part in TRIGGER_SEPARATORS.split(text or "") if part.strip()]


def trigger_counts(
    entries: Iterable[Entry], field_name: str, *, limit: int = TOP_TRIGGERS
) -> list[tuple[str, int]]:
    """The most frequent triggers in one box, counted once per urge, case ignored.

    Each is shown as it was written most recently (entries come newest first); ties are
    alphabetical so the order is stable.
    """
    counts: Counter[str] = Counter()
    spelling: dict[str, str] = {}
    for entry in entries:
        seen: set[str] = set()
        for trigger in split_triggers(getattr(entry, field_name)):
            key = trigger.casefold()
            if key in seen:
                continue
            seen.add(key)
            counts[key] += 1
            spelling.setdefault(key, trigger)
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [(spelling[key], count) for key, count in ordered[:limit]]


def by_hour(entries: Iterable[Entry], *, zone: ZoneInfo) -> list[int]:
    """How many urges began in each hour of the day (0 to 23), in the participant's zone."""
    hours = [0] * 24
    for entry in entries:
        hours[local_time(entry, zone).hour] += 1
    return hours


@dataclass(frozen=True)
class RiddenOut:
    ridden: int
    total: int

    @property
    def acted(self) -> int:
        return self.total - self.ridden

    @property
    def percent(self) -> int | None:
        return round(100 * self.ridden / self.total) if self.total else None


def ridden_out(entries: Iterable[Entry]) -> RiddenOut:
    """How many urges passed without being acted on, out of all of them."""
    entries = list(entries)
    return RiddenOut(sum(1 for entry in entries if not entry.acted_on), len(entries))


@dataclass(frozen=True)
class Summary:
    last_7_days: int
    days_before: int
    ridden: RiddenOut


def summary(entries: Iterable[Entry], *, now: datetime.datetime) -> Summary:
    """Urges in the last 7 days, in the 7 before them, and the share ridden out of all."""
    entries = list(entries)
    week_ago = now - datetime.timedelta(days=7)
    fortnight_ago = now - datetime.timedelta(days=14)
    return Summary(
        last_7_days=sum(1 for entry in entries if week_ago < entry.felt_at <= now),
        days_before=sum(1 for entry in entries if fortnight_ago < entry.felt_at <= week_ago),
        ridden=ridden_out(entries),
    )


# The drawings. Geometry is in SVG user units; the picture scales to its box.


def _number(value: float, digits: int = 1) -> str:
    """1.0 → "1", 12.5 → "12.5": short and stable in the markup."""
    return f"{value:.{digits}f}".rstrip("0").rstrip(".")


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def _svg(chart_id: str, title: str, desc: str, width: int, height: int, body: str) -> SafeString:
    # Safe: every label and description above and below is escaped.
    return mark_safe(
        f'<svg class="chart" id="{chart_id}-svg" role="img" viewBox="0 0 {width} {height}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>{body}</svg>'
    )


@dataclass(frozen=True)
class Column:
    value: float | None
    label: str = ""  # shown under the axis when set
    text: str = ""  # shown above the bar when set


PLOT_HEIGHT = 100
TOP = 14
BOTTOM = 16


def column_chart(
    chart_id: str,
    *,
    title: str,
    desc: str,
    columns: Sequence[Column],
    slot: int,
    max_value: float | None = None,
) -> SafeString:
    """Vertical bars, one per slot, heights in proportion to ``max_value`` (else the tallest)."""
    top = max_value or max((column.value or 0 for column in columns), default=0) or 1
    width = slot * len(columns)
    baseline = TOP + PLOT_HEIGHT
    parts = [
        f'<line class="chart-axis" x1="0" y1="{baseline}" x2="{width}" y2="{baseline}"/>',
    ]
    for index, column in enumerate(columns):
        value = column.value or 0
        height = round(value / top * PLOT_HEIGHT, 1)
        x = index * slot + 1
        middle = index * slot + slot / 2
        parts.append(
            f'<rect class="chart-bar" x="{x}" y="{_number(baseline - height)}" '
            f'width="{slot - 2}" height="{_number(height)}" data-value="{_number(value)}"/>'
        )
        if column.text:
            parts.append(
                f'<text class="chart-value" x="{_number(middle)}" '
                f'y="{_number(baseline - height - 3)}" text-anchor="middle">'
                f"{escape(column.text)}</text>"
            )
        if column.label:
            # The first label starts at the left edge rather than hanging off it.
            place = (
                'x="0" text-anchor="start"'
                if index == 0
                else f'x="{_number(middle)}" text-anchor="middle"'
            )
            parts.append(
                f'<text class="chart-label" {place} y="{baseline + 12}">'
                f"{escape(column.label)}</text>"
            )
    return _svg(chart_id, title, desc, width, baseline + BOTTOM, "".join(parts))


ROW = 20
LABEL_WIDTH = 130
BAR_WIDTH = 150


def row_chart(
    chart_id: str, *, title: str, desc: str, rows: Sequence[tuple[str, int]]
) -> SafeString:
    """Horizontal bars with their labels, longest first, for counts of named things."""
    top = max((count for _, count in rows), default=0) or 1
    parts = []
    for index, (label, count) in enumerate(rows):
        y = index * ROW
        length = round(count / top * BAR_WIDTH, 1)
        parts.append(
            f'<text class="chart-label" x="0" y="{y + 14}">{escape(_short(label))}</text>'
            f'<rect class="chart-bar" x="{LABEL_WIDTH}" y="{y + 3}" width="{_number(length)}" '
            f'height="{ROW - 6}" data-value="{count}"/>'
            f'<text class="chart-value" x="{_number(LABEL_WIDTH + length + 4)}" y="{y + 14}">'
            f"{count}</text>"
        )
    width = LABEL_WIDTH + BAR_WIDTH + 30
    return _svg(chart_id, title, desc, width, max(len(rows), 1) * ROW, "".join(parts))


CELL = 12


def heat_strip(chart_id: str, *, title: str, desc: str, hours: Sequence[int]) -> SafeString:
    """24 cells, one per hour, darker where more urges began; counts written in the cells."""
    top = max(hours, default=0) or 1
    parts = []
    for hour, count in enumerate(hours):
        x = hour * CELL
        shade = round(count / top, 2)
        dark = " chart-cell-dark" if shade > 0.5 else ""
        parts.append(
            f'<rect class="chart-cell-bg" x="{x}" y="0" width="{CELL}" height="{CELL * 2}"/>'
            f'<rect class="chart-cell" x="{x}" y="0" width="{CELL}" height="{CELL * 2}" '
            f'fill-opacity="{_number(shade, 2)}" data-hour="{hour}" data-value="{count}"/>'
        )
        if count:
            parts.append(
                f'<text class="chart-cell-text{dark}" x="{x + CELL // 2}" y="{CELL + 3}" '
                f'text-anchor="middle">{count}</text>'
            )
        if hour % 6 == 0:
            parts.append(
                f'<text class="chart-label" x="{x + 1}" y="{CELL * 2 + 11}">{hour:02d}:00</text>'
            )
    return _svg(chart_id, title, desc, 24 * CELL, CELL * 2 + 14, "".join(parts))


SHARE_WIDTH = 300


def share_bar(chart_id: str, *, title: str, desc: str, ridden: RiddenOut) -> SafeString:
    """One bar: the part ridden out, then the part acted on."""
    share = ridden.ridden / ridden.total if ridden.total else 0
    width = round(share * SHARE_WIDTH, 1)
    body = (
        f'<rect class="chart-cell-bg" x="0" y="0" width="{SHARE_WIDTH}" height="24"/>'
        f'<rect class="chart-bar" x="0" y="0" width="{_number(width)}" height="24" '
        f'data-value="{ridden.ridden}"/>'
    )
    return _svg(chart_id, title, desc, SHARE_WIDTH, 24, body)


LINE_LEFT = 22
LINE_WIDTH = 270
LINE_TOP = 10
LINE_HEIGHT = 100


def checkin_chart(
    chart_id: str, *, checkins: Sequence[tuple[datetime.date, int, int]]
) -> SafeString:
    """Importance and confidence at each check-in, oldest first, as two lines on a 0-10 scale."""
    first, last = checkins[0], checkins[-1]
    desc = _(
        "Importance and confidence (0 to 10) at your %(count)s check-ins from %(first)s to "
        "%(last)s: importance went from %(importance_then)s to %(importance_now)s, confidence "
        "from %(confidence_then)s to %(confidence_now)s."
    ) % {
        "count": len(checkins),
        "first": f"{_day(first[0])} {first[0].year}",
        "last": f"{_day(last[0])} {last[0].year}",
        "importance_then": first[1],
        "importance_now": last[1],
        "confidence_then": first[2],
        "confidence_now": last[2],
    }
    step = LINE_WIDTH / (len(checkins) - 1) if len(checkins) > 1 else 0

    def x(index: int) -> str:
        return _number(LINE_LEFT + index * step if step else LINE_LEFT + LINE_WIDTH / 2)

    def y(value: int) -> str:
        return _number(LINE_TOP + (10 - value) * LINE_HEIGHT / 10)

    parts = []
    for value in (0, 5, 10):
        parts.append(
            f'<line class="chart-grid" x1="{LINE_LEFT}" y1="{y(value)}" '
            f'x2="{LINE_LEFT + LINE_WIDTH}" y2="{y(value)}"/>'
            f'<text class="chart-label" x="{LINE_LEFT - 4}" y="{_number(float(y(value)) + 3)}" '
            f'text-anchor="end">{value}</text>'
        )
    for column, name in ((1, "importance"), (2, "confidence")):
        points = " ".join(f"{x(i)},{y(c[column])}" for i, c in enumerate(checkins))
        parts.append(f'<polyline class="chart-line chart-{name}" points="{points}"/>')
        parts.extend(
            f'<circle class="chart-dot chart-{name}" cx="{x(i)}" cy="{y(c[column])}" r="3" '
            f'data-value="{c[column]}"/>'
            for i, c in enumerate(checkins)
        )
    bottom = LINE_TOP + LINE_HEIGHT
    parts.append(
        f'<text class="chart-label" x="{LINE_LEFT}" y="{bottom + 14}">'
        f"{escape(_day(first[0]))}</text>"
    )
    if len(checkins) > 1:
        parts.append(
            f'<text class="chart-label" x="{LINE_LEFT + LINE_WIDTH}" y="{bottom + 14}" '
            f'text-anchor="end">{escape(_day(last[0]))}</text>'
        )
    legend = bottom + 30
    importance, confidence = escape(_("Importance")), escape(_("Confidence"))
    parts.append(
        f'<line class="chart-line chart-importance" x1="{LINE_LEFT}" y1="{legend - 3}" '
        f'x2="{LINE_LEFT + 16}" y2="{legend - 3}"/>'
        f'<text class="chart-label" x="{LINE_LEFT + 20}" y="{legend}">{importance}</text>'
        f'<line class="chart-line chart-confidence" x1="{LINE_LEFT + 100}" y1="{legend - 3}" '
        f'x2="{LINE_LEFT + 116}" y2="{legend - 3}"/>'
        f'<text class="chart-label" x="{LINE_LEFT + 120}" y="{legend}">{confidence}</text>'
    )
    title = _("Stage check-ins over time")
    return _svg(chart_id, title, desc, LINE_LEFT + LINE_WIDTH + 8, legend + 6, "".join(parts))


# The charts page: each chart with its heading, picture and the same numbers as a table.


@dataclass
class Chart:
    id: str
    heading: str
    svg: SafeString
    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]
    lead: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def _day(day: datetime.date) -> str:
    """ "3 Dec" in English, the language's own short day and month in the others."""
    return dates.day_and_month_short(day)


def urge_charts(entries: Sequence[Entry], *, now: datetime.datetime, zone: ZoneInfo) -> list[Chart]:
    today = now.astimezone(zone).date()
    charts = []

    days = per_day(entries, today=today, zone=zone)
    in_window = sum(count for _, count in days)
    busiest_day, busiest = max(days, key=lambda item: (item[1], item[0]))
    span = {"first": _day(days[0][0]), "last": _day(days[-1][0]), "count": in_window}
    if busiest:
        desc = _(
            "Urges logged each day from %(first)s to %(last)s: %(count)s in all, most on "
            "%(busiest)s (%(most)s)."
        ) % {**span, "busiest": _day(busiest_day), "most": busiest}
    else:
        desc = _("Urges logged each day from %(first)s to %(last)s: %(count)s in all.") % span
    per_day_title = _("Urges per day, last %(days)s days") % {"days": DAYS}
    charts.append(
        Chart(
            id="per-day",
            heading=per_day_title,
            svg=column_chart(
                "per-day",
                title=per_day_title,
                desc=desc,
                columns=[
                    Column(
                        count,
                        label=_day(day) if index % 7 == 0 else "",
                        text=str(count) if count else "",
                    )
                    for index, (day, count) in enumerate(days)
                ],
                slot=10,
            ),
            columns=(_("Day"), _("Urges")),
            rows=[(dates.short_weekday_and_date(day), count) for day, count in days],
            lead=desc,
        )
    )

    weeks = weekly_intensity(entries, today=today, zone=zone)
    rated = [week for week in weeks if week.average is not None]
    if rated:
        desc = _(
            "Average intensity (0 to 10) of the urges in each of the last %(weeks)s weeks; the "
            "latest week with urges, from %(start)s: %(average)s."
        ) % {"weeks": WEEKS, "start": _day(rated[-1].start), "average": rated[-1].average}
    else:
        desc = _(
            "Average intensity (0 to 10) of the urges in each of the last %(weeks)s weeks: no "
            "urges in these weeks."
        ) % {"weeks": WEEKS}
    weekly_title = _("Average intensity per week, last %(weeks)s weeks") % {"weeks": WEEKS}
    charts.append(
        Chart(
            id="weekly",
            heading=weekly_title,
            svg=column_chart(
                "weekly",
                title=weekly_title,
                desc=desc,
                columns=[
                    Column(
                        week.average,
                        label=_day(week.start) if index % 3 == 0 else "",
                        text=_number(week.average) if week.average is not None else "",
                    )
                    for index, week in enumerate(weeks)
                ],
                slot=24,
                max_value=10,
            ),
            columns=(_("Week from"), _("Urges"), _("Average intensity")),
            rows=[
                (
                    dates.short_weekday_and_date(week.start),
                    week.count,
                    "–" if week.average is None else _number(week.average),
                )
                for week in weeks
            ],
            lead=desc,
        )
    )

    for name, _label in TRIGGER_FIELDS:
        words = TRIGGER_WORDS[name]
        counts = trigger_counts(entries, name)
        if counts:
            desc = _(words["found"]) % {
                "list": "; ".join(f"{trigger} ({count})" for trigger, count in counts)
            }
        else:
            desc = _(words["none"])
        charts.append(
            Chart(
                id=f"triggers-{name}",
                heading=_(words["heading"]),
                svg=row_chart(f"triggers-{name}", title=_(words["title"]), desc=desc, rows=counts)
                if counts
                else mark_safe(""),
                columns=(_(words["column"]), _("Urges")),
                rows=list(counts),
                lead="" if counts else desc,
                extra={"trigger": True},
            )
        )

    hours = by_hour(entries, zone=zone)
    peak = max(range(24), key=lambda hour: (hours[hour], -hour))
    desc = (
        _(
            "When urges began, by hour of the day; most often between %(start)s and %(end)s "
            "(%(count)s)."
        )
        % {"start": f"{peak:02d}:00", "end": f"{peak:02d}:59", "count": hours[peak]}
        if any(hours)
        else _("When urges began, by hour of the day.")
    )
    charts.append(
        Chart(
            id="hours",
            heading=_("Time of day"),
            svg=heat_strip("hours", title=_("Time of day"), desc=desc, hours=hours),
            columns=(_("Hour"), _("Urges")),
            rows=[(f"{hour:02d}:00–{hour:02d}:59", count) for hour, count in enumerate(hours)],
            lead=desc,
        )
    )

    ridden = ridden_out(entries)
    desc = (
        ngettext(
            "%(ridden)s of %(total)s urge ridden out (%(percent)s%%), %(acted)s acted on.",
            "%(ridden)s of %(total)s urges ridden out (%(percent)s%%), %(acted)s acted on.",
            ridden.total,
        )
        % {
            "ridden": ridden.ridden,
            "total": ridden.total,
            "percent": ridden.percent,
            "acted": ridden.acted,
        }
        if ridden.total
        else _("No urges logged yet.")
    )
    charts.append(
        Chart(
            id="ridden",
            heading=_("Ridden out"),
            svg=share_bar("ridden", title=_("Share of urges ridden out"), desc=desc, ridden=ridden),
            columns=("", _("Urges")),
            rows=[
                (_("Ridden out"), ridden.ridden),
                (_("Acted on"), ridden.acted),
                (_("All"), ridden.total),
            ],
            lead=desc,
            extra={"percent": ridden.percent},
        )
    )
    return charts
