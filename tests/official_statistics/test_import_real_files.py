"""The importer against the real shipped ONS files: every indicator and area type counted as in the files."""
import csv
from collections import Counter

import pytest
from django.core.management import call_command
from django.db.models import Count

from official_statistics.catalogue import area_type
from official_statistics.models import AreaType, Dataset, Indicator, Observation
from official_statistics.periods import parse_period

from .helpers import SHIPPED


def expected_counts():
    """Straight from the files, independently of the importer: (indicator, area type) -> distinct area x period rows."""
    counts, names, slugs = Counter(), set(), []
    for folder in sorted(p for p in SHIPPED.iterdir() if p.is_dir()):
        slugs.append(folder.name)
        with open(folder / f"{folder.name}.csv", encoding="utf-8-sig", newline="") as handle:
            seen = set()
            for line in csv.DictReader(handle):
                names.add(line["indicator"])
                kind = area_type(line["areacd"])
                period = parse_period(line["period"])
                key = (line["indicator"], line["areacd"], period)
                if kind is None or key in seen:
                    continue
                seen.add(key)
                counts[(line["indicator"], kind)] += 1
    return counts, names, slugs


@pytest.mark.django_db(transaction=False)
def test_every_shipped_file_loads_with_the_files_counts_and_again_changes_nothing():
    call_command("load_statistics", verbosity=0)
    counts, names, slugs = expected_counts()
    assert sorted(Dataset.objects.values_list("slug", flat=True)) == slugs
    assert set(Indicator.objects.values_list("name", flat=True)) == names
    stored = Counter()
    for found in Observation.objects.values("indicator__name", "area_type").annotate(count=Count("pk")):
        stored[(found["indicator__name"], found["area_type"])] = found["count"]
    assert stored == counts
    # England's councils, combined authorities and England itself are all there; Scotland is not.
    assert counts[("Gross value added per hour worked", AreaType.COMBINED)] > 0
    assert not Observation.objects.filter(area_code__startswith="S").exists()
    # Every area has at most one latest value, and it is its newest period with a value.
    gm = Observation.objects.get(indicator__name="Employment rate", area_code="E47000001", latest=True)
    newest = Observation.objects.filter(indicator__name="Employment rate", area_code="E47000001", value__isnull=False).order_by("-period_start").first()
    assert gm.pk == newest.pk

    before = list(Dataset.objects.order_by("slug").values_list("slug", "digest", "imported_at"))
    top_id = Observation.objects.order_by("-pk").values_list("pk", flat=True).first()
    call_command("load_statistics", verbosity=0)
    assert list(Dataset.objects.order_by("slug").values_list("slug", "digest", "imported_at")) == before
    assert Observation.objects.order_by("-pk").values_list("pk", flat=True).first() == top_id
