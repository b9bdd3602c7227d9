"""A KNN index on the gazetteer's cities, and a zone for every place that lacked one.

UK and Canadian postcode areas and a few US ZIP codes came without a zone; searches from them
loaded the time-zone finder in the web process. The places are filled here once (``load_places``
fills them from now on).
"""

from django.contrib.postgres.indexes import GistIndex
from django.db import migrations, models


def fill_zones(apps, schema_editor) -> None:
    from timezonefinder import TimezoneFinder

    finder = TimezoneFinder(in_memory=False)
    Place = apps.get_model("meetings", "Place")
    places = list(Place.objects.filter(timezone="").only("latitude", "longitude"))
    for place in places:
        place.timezone = finder.timezone_at(lat=place.latitude, lng=place.longitude) or ""
    Place.objects.bulk_update(places, ["timezone"], batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0009_place_region_population"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="place",
            index=GistIndex(
                models.Func("latitude", "longitude", function="ll_to_earth"),
                condition=models.Q(("kind", "city")),
                name="place_city_earth_knn",
            ),
        ),
        migrations.RunPython(fill_zones, migrations.RunPython.noop, elidable=True),
    ]
