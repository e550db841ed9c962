"""Deploying the stored centre column fills it for every existing assessment, as the services write it."""
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings

from assessments.models import AssessmentScore, AssessmentState, Authority
from assessments.services.authorities_load import authorities_load
from assessments.services.framework_import import framework_import, framework_parse
from tests.builders import moderate, populate
from tests.factories import RoundFactory
from tests.migrating import migrate_to, migrate_to_latest

FIXTURES = Path(settings.BASE_DIR) / "fixtures"


@pytest.mark.django_db(transaction=True)
def test_the_migration_stores_each_existing_assessments_centre_side():
    authorities_load(directory=FIXTURES / "authorities")
    text = (FIXTURES / "framework" / "lipsit-2020-v1.yaml").read_text(encoding="utf-8")
    round_ = RoundFactory(framework=framework_import(data=framework_parse(text=text)))
    gm, wm = Authority.objects.get(code="E47000001"), Authority.objects.get(code="E47000007")
    (manchester,) = populate(round_, 1, state=AssessmentState.SUBMITTED, level=1, authorities=[gm])
    (west_midlands,) = populate(round_, 1, state=AssessmentState.SUBMITTED, level=3, authorities=[wm])
    moderate(west_midlands, "5.1", 0)  # the reviewer's level counts: 3, 3, 0, 3 of 4 -> 56.25
    try:
        migrate_to([("assessments", "0013_label_other_strategic_authority")])  # before the column existed
    finally:
        migrate_to_latest()
    stored = dict(AssessmentScore.objects.values_list("assessment_id", "centre_score"))
    assert stored[manchester.pk] == Decimal("25")
    assert stored[west_midlands.pk] == Decimal("56.25")
