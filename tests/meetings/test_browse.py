from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertTemplateUsed

from meetings.models import Attendance, Location

pytestmark = pytest.mark.django_db

ZOOM = "https://zoom.us/j/123456789"


def place(
    city: str, state: str = "", country: str = "US", name: str = "Community Hall"
) -> Location:
    return Location.objects.create(
        name=name, address="1 Main St", city=city, state=state, country=country
    )


def headings(response, level: str = "h2") -> list[str]:
    found = re.findall(rf"<{level}[^>]*>(.*?)</{level}>", response.content.decode(), re.S)
    return [text.strip() for text in found]


def counts(places) -> dict[str, int]:
    return {area.name: area.count for area in places}


def test_the_index_counts_each_countrys_public_in_person_and_hybrid_meetings(client, make_meeting):
    austin, london = place("Austin", "TX"), place("London", country="GB")
    make_meeting(location=austin)
    make_meeting(location=austin, attendance=Attendance.HYBRID, conference_url=ZOOM)
    make_meeting(location=place("Boston", "MA", country="us"))
    make_meeting(location=london)
    make_meeting(location=austin, is_public=False)
    make_meeting(location=london, is_active=False)
    make_meeting(location=None, attendance=Attendance.ONLINE, conference_url=ZOOM)
    make_meeting(location=austin, attendance=Attendance.ONLINE, conference_url=ZOOM)
    make_meeting(location=place("", country="GB"))

    response = client.get(reverse("meetings:browse"))

    assertTemplateUsed(response, "meetings/browse_index.html")
    assert counts(response.context["countries"]) == {"United States": 3, "United Kingdom": 1}
    assertContains(response, '<a href="/meetings/browse/us/">United States</a>', html=True)
    assertContains(response, "4 in-person and hybrid meetings in 2 countries")


def test_the_index_sorts_countries_by_count_then_name(client, make_meeting):
    for country, meetings in (("GB", 1), ("FR", 1), ("CA", 2), ("AU", 1)):
        venue = place("Somewhere", country=country)
        for _ in range(meetings):
            make_meeting(location=venue)

    response = client.get("/meetings/browse/")

    names = [area.name for area in response.context["countries"]]
    assert names == ["Canada", "Australia", "France", "United Kingdom"]


def test_the_index_links_the_online_schedule_with_its_count(client, make_meeting):
    make_meeting(location=None, attendance=Attendance.ONLINE, conference_url=ZOOM)
    make_meeting(location=None, attendance=Attendance.ONLINE, conference_url=ZOOM)
    make_meeting(attendance=Attendance.HYBRID, conference_url=ZOOM)
    make_meeting(location=None, attendance=Attendance.ONLINE, conference_url=ZOOM, is_public=False)

    response = client.get("/meetings/browse/")

    assert response.context["online_count"] == 3
    assertContains(response, f'href="{reverse("meetings:online")}"')
    assertContains(response, "3 meetings you can join from anywhere")


def test_a_country_lists_its_regions_by_us_state_name_with_counts(client, make_meeting):
    make_meeting(location=place("Austin", "TX"))
    make_meeting(location=place("Dallas", "TX"))
    make_meeting(location=place("Fresno", "CA"))
    make_meeting(location=place("Albany", "NY"), is_public=False)

    response = client.get("/meetings/browse/us/")

    assertTemplateUsed(response, "meetings/browse_country.html")
    country = response.context["country"]
    assert counts(country.sorted_regions()) == {"California": 1, "Texas": 2}
    assert country.count == 3
    assertContains(response, '<a href="/meetings/browse/us/texas/">Texas</a>', html=True)
    assertNotContains(response, "New York")
    assert "<h1" in response.content.decode()
    assertContains(response, '<nav aria-label="Breadcrumb">', html=False)


def test_a_country_whose_places_name_no_state_goes_straight_to_its_cities(client, make_meeting):
    make_meeting(location=place("São Paulo", country="BR"), timezone="America/Sao_Paulo")

    response = client.get("/meetings/browse/br/")

    assert response.context["country"].sorted_regions() == []
    assertContains(response, '<a href="/meetings/browse/br/sao-paulo/">São Paulo</a>', html=True)
    assert (
        reverse("meetings:browse_city", args=["br", "sao-paulo"])
        == "/meetings/browse/br/sao-paulo/"
    )
    city = client.get("/meetings/browse/br/sao-paulo/")
    assertTemplateUsed(city, "meetings/browse_city.html")
    assert city.context["city"].name == "São Paulo"


def test_a_country_lists_cities_with_no_state_beside_its_regions(client, make_meeting):
    make_meeting(location=place("Austin", "TX"))
    make_meeting(location=place("Reno", " "), name="Reno Monday")

    response = client.get("/meetings/browse/us/")

    assertContains(response, '<h2 id="cities-heading" class="h4">Other cities</h2>', html=True)
    assertContains(response, '<a href="/meetings/browse/us/reno/">Reno</a>', html=True)
    assertContains(client.get("/meetings/browse/us/reno/"), "Reno Monday")


def test_a_region_lists_its_cities_with_counts(client, make_meeting):
    austin = place("Austin", "TX")
    make_meeting(location=austin)
    make_meeting(location=austin)
    make_meeting(location=place("El Paso", "TX"))
    make_meeting(location=place("Fresno", "CA"))
    make_meeting(location=place("Waco", "TX"), is_public=False)

    response = client.get("/meetings/browse/us/texas/")

    assertTemplateUsed(response, "meetings/browse_region.html")
    assert counts(response.context["region"].sorted_cities()) == {"Austin": 2, "El Paso": 1}
    assertContains(response, '<a href="/meetings/browse/us/texas/el-paso/">El Paso</a>', html=True)
    assertContains(response, '<h1 class="h2">Texas</h1>', html=True)
    assertNotContains(response, "Waco")


def test_a_city_lists_its_meetings_by_weekday_sunday_first(client, make_meeting):
    austin = place("Austin", "TX")
    make_meeting(location=austin, name="Saturday Morning", day=6, time=datetime.time(9))
    make_meeting(location=austin, name="Sunday Evening", day=0, time=datetime.time(19))
    make_meeting(location=austin, name="Sunday Morning", day=0, time=datetime.time(10))
    make_meeting(location=austin, name="Tuesday Noon", day=2, time=datetime.time(12))

    response = client.get("/meetings/browse/us/texas/austin/")

    assert headings(response) == ["Sunday", "Tuesday", "Saturday"]
    week = response.context["week"]
    assert [[listing.meeting.name for listing in listings] for _, listings in week] == [
        ["Sunday Morning", "Sunday Evening"],
        ["Tuesday Noon"],
        ["Saturday Morning"],
    ]
    content = response.content.decode()
    assert content.index("10:00 AM") < content.index("7:00 PM") < content.index("12:00 PM")


def test_a_city_shows_each_meetings_time_link_venue_attendance_and_types(client, make_meeting):
    hall = place("Austin", "TX", name="Eastside Library")
    make_meeting(
        location=hall,
        name="Thursday Tools",
        slug="thursday-tools",
        day=4,
        time=datetime.time(18, 30),
        end_time=datetime.time(20),
        attendance=Attendance.HYBRID,
        conference_url=ZOOM,
        types=["O", "BE"],
        languages=["S"],
    )

    response = client.get("/meetings/browse/us/texas/austin/")

    assertContains(response, '<time datetime="18:30">6:30 PM</time>', html=True)
    assertContains(response, "8:00 PM")
    assertContains(response, '<a href="/meetings/thursday-tools/">Thursday Tools</a>', html=True)
    assertContains(response, "Eastside Library")
    assertContains(response, "1 Main St, Austin, TX, US")
    assertContains(response, "Hybrid (in person and online)")
    for name in ("Open", "Newcomer", "Spanish"):
        assertContains(
            response,
            f'<li class="list-inline-item badge text-bg-light border">{name}</li>',
            html=True,
        )


def test_a_city_never_shows_private_or_closed_meetings(client, make_meeting):
    austin = place("Austin", "TX")
    make_meeting(location=austin, name="Open To All")
    make_meeting(location=austin, name="Inside The Facility", is_public=False)
    make_meeting(location=austin, name="Closed For Repairs", is_active=False)
    make_meeting(location=place("Waco", "TX"), is_public=False)

    response = client.get("/meetings/browse/us/texas/austin/")

    assertContains(response, "Open To All")
    assertNotContains(response, "Inside The Facility")
    assertNotContains(response, "Closed For Repairs")
    assert response.context["city"].count == 1
    assert client.get("/meetings/browse/us/texas/waco/").status_code == 404


def test_spellings_that_differ_in_accents_or_case_share_one_page(client, make_meeting):
    make_meeting(location=place("São Paulo", country="BR"), timezone="America/Sao_Paulo")
    make_meeting(location=place("Sao Paulo", country="br"), timezone="America/Sao_Paulo")
    make_meeting(location=place("SÃO PAULO", country="BR"), timezone="America/Sao_Paulo")

    country = client.get("/meetings/browse/br/").context["country"]
    city = client.get("/meetings/browse/br/sao-paulo/")

    assert list(country.cities) == ["sao-paulo"]
    assert country.cities["sao-paulo"].count == 3
    assert city.context["city"].count == 3
    assert sum(len(listings) for _, listings in city.context["week"]) == 3


def test_a_us_state_stored_by_name_or_code_is_one_region(client, make_meeting):
    make_meeting(location=place("Austin", "TX"))
    make_meeting(location=place("Austin", "Texas"))

    country = client.get("/meetings/browse/us/").context["country"]
    city = client.get("/meetings/browse/us/texas/austin/")

    assert counts(country.sorted_regions()) == {"Texas": 2}
    assert city.context["city"].count == 2


def test_a_city_named_in_another_script_has_its_own_address(client, make_meeting):
    make_meeting(location=place("東京", country="JP"), timezone="Asia/Tokyo", name="Tokyo Tuesday")

    country = client.get("/meetings/browse/jp/")
    url = country.context["country"].cities["東京"].url

    assert url == "/meetings/browse/jp/%E6%9D%B1%E4%BA%AC/"
    assertContains(country, f'href="{url}"')
    assertContains(client.get(url), "Tokyo Tuesday")


@pytest.mark.parametrize(
    "url",
    [
        "/meetings/browse/zz/",
        "/meetings/browse/US/",
        "/meetings/browse/usa/",
        "/meetings/browse/gb/",
        "/meetings/browse/us/narnia/",
        "/meetings/browse/us/austin/",
        "/meetings/browse/us/texas/nowhere/",
        "/meetings/browse/us/california/austin/",
        "/meetings/browse/br/sao-paulo/sao-paulo/",
    ],
)
def test_an_unknown_country_region_or_city_is_a_404(client, make_meeting, url):
    make_meeting(location=place("Austin", "TX"))
    make_meeting(location=place("Fresno", "CA"))
    make_meeting(location=place("São Paulo", country="BR"), timezone="America/Sao_Paulo")

    assert client.get(url).status_code == 404


def test_a_country_with_only_private_meetings_is_a_404(client, make_meeting):
    make_meeting(location=place("Dublin", country="IE"), is_public=False)

    assert client.get("/meetings/browse/ie/").status_code == 404
    assertNotContains(client.get("/meetings/browse/"), "Ireland")


def test_a_nasty_city_name_is_shown_escaped(client, make_meeting):
    nasty = "<script>alert(1)</script>"
    make_meeting(location=place(nasty, "TX"))

    region = client.get("/meetings/browse/us/texas/")
    city = client.get("/meetings/browse/us/texas/scriptalert1script/")

    for response in (region, city):
        assert response.status_code == 200
        assert nasty not in response.content.decode()
        assertContains(response, "&lt;script&gt;alert(1)&lt;/script&gt;")


def test_what_a_visitor_typed_in_the_address_is_not_echoed(client, make_meeting):
    make_meeting(location=place("Austin", "TX"))

    response = client.get("/meetings/browse/us/%3Cscript%3Ealert(1)%3C%2Fscript%3E/")

    assert response.status_code == 404
    assert "<script>alert(1)" not in response.content.decode()


@pytest.fixture
def busy_directory(make_meeting) -> None:
    for city, state in (("Austin", "TX"), ("Dallas", "TX"), ("Fresno", "CA")):
        venues = [place(city, state, name=f"Venue {n}") for n in range(3)]
        for day in range(7):
            make_meeting(location=venues[day % 3], day=day, types=["O"])
    make_meeting(location=place("London", country="GB"), timezone="Europe/London")
    make_meeting(location=None, attendance=Attendance.ONLINE, conference_url=ZOOM)


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("/meetings/browse/", 2),
        ("/meetings/browse/us/", 1),
        ("/meetings/browse/us/texas/", 1),
        ("/meetings/browse/us/texas/austin/", 2),
        ("/meetings/browse/gb/london/", 2),
    ],
)
def test_each_page_takes_a_fixed_number_of_queries(
    client, busy_directory, django_assert_max_num_queries, url, queries
):
    with django_assert_max_num_queries(queries):
        response = client.get(url)

    assert response.status_code == 200


def test_every_page_fits_without_inline_script_or_style(client, make_meeting):
    make_meeting(location=place("Austin", "TX"))

    for url in (
        "/meetings/browse/",
        "/meetings/browse/us/",
        "/meetings/browse/us/texas/",
        "/meetings/browse/us/texas/austin/",
    ):
        content = client.get(url).content.decode()
        assert "<script>" not in content
        assert " style=" not in content
        assert "/static/css/browse.css" in content
