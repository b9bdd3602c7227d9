"""Load realistic demo meetings (and demo admin accounts) for development and benchmarks."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from meetings import demo
from meetings.bulk import copy_insert
from meetings.models import DirectoryVersion, Location, Meeting, Place, Region
from meetings.roles import COORDINATORS, FACILITATORS

BATCH = 5000
# Local development only: documented in the README, refused when DEBUG is off.
DEMO_ACCOUNTS = {
    "demo-facilitator": ("demo-facilitator-pass", FACILITATORS),
    "demo-coordinator": ("demo-coordinator-pass", COORDINATORS),
}
FACILITATED_MEETINGS = 5


class Command(BaseCommand):
    help = "Create demo meetings in real places (deterministic for a seed; safe to repeat)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--meetings", type=int, default=3000, help="How many (default 3000).")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing if any meeting exists."
        )
        parser.add_argument(
            "--no-accounts", action="store_true", help="Skip the demo admin accounts."
        )

    def handle(self, *args, meetings: int, seed: int, if_empty: bool, no_accounts: bool, **_):
        if meetings < 1:
            raise CommandError("--meetings must be at least 1.")
        if if_empty and Meeting.objects.exists():
            return
        if not Place.objects.exists():
            call_command("load_places", stdout=self.stdout)
        started = time.monotonic()
        with transaction.atomic():
            created = self.create_meetings(meetings, seed)
            if not no_accounts:
                self.create_accounts()
            # COPY sends no save signals: tell cached feeds the directory changed.
            DirectoryVersion.bump()
        self.stdout.write(
            f"Demo: {created:,} new meetings ({meetings:,} asked, seed {seed}) "
            f"in {time.monotonic() - started:.1f} s."
        )

    def create_meetings(self, count: int, seed: int) -> int:
        existing = set(Meeting.objects.values_list("slug", flat=True))
        venues = {
            (location.formatted_address, location.name): location
            for location in Location.objects.exclude(name="")
        }
        regions: dict[str, Region] = {}
        pending: list[Meeting] = []
        created = 0
        for item in demo.generate(count, seed):
            meeting = item.meeting
            if meeting.slug in existing:
                continue
            if item.city is not None and item.venue_key is not None:
                location = demo.venue_location(item.city, item.venue_key[1])
                key = (location.formatted_address, location.name)
                location = venues.setdefault(key, location)
                meeting.location = location
                meeting.latitude, meeting.longitude = location.latitude, location.longitude
            meeting.region = demo.region_for(item.city, regions)
            pending.append(meeting)
            if len(pending) >= BATCH:
                created += self.save_batch(pending)
                pending = []
        return created + self.save_batch(pending)

    def save_batch(self, meetings: list[Meeting]) -> int:
        new_locations = {
            id(m.location): m.location for m in meetings if m.location and m.location.pk is None
        }
        copy_insert(Location, list(new_locations.values()))
        for meeting in meetings:
            # The location has its id now: point the foreign key at it.
            meeting.location = meeting.location
        copy_insert(Meeting, meetings)
        return len(meetings)

    def create_accounts(self) -> None:
        if not settings.DEBUG:
            self.stdout.write("Demo accounts skipped: they are for local use (DEBUG=1) only.")
            return
        users = get_user_model().objects
        for username, (password, group_name) in DEMO_ACCOUNTS.items():
            user, created = users.get_or_create(username=username, defaults={"is_staff": True})
            if created:
                user.set_password(password)
                user.save()
            user.groups.add(Group.objects.get(name=group_name))
        coordinator = users.get(username="demo-coordinator")
        coordinator.coordinated_regions.add(*Region.objects.filter(slug__in=["us", "online"]))
        facilitator = users.get(username="demo-facilitator")
        if not facilitator.facilitated_meetings.exists():
            first = Meeting.objects.filter(region__parent__slug="us").order_by("pk")
            facilitator.facilitated_meetings.add(*first[:FACILITATED_MEETINGS])
