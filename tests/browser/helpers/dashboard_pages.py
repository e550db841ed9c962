"""Central staff's dashboards (journeys 2 and 3), with the data each needs."""
import re

from django.urls import reverse

from . import data
from .page_types import PageType, Scene


def _overview(scene: Scene) -> str:
    """An approved, moderated assessment: an admin sees the publishing section too."""
    data.approved(scene.assessment, scene.people)
    return reverse("dashboard-round", args=[scene.assessment.round_id])


def _step(scene: Scene) -> str:
    data.approved(scene.assessment, scene.people)
    return reverse("dashboard-step", args=[scene.assessment.round_id, 1])


def _profile(scene: Scene) -> str:
    """Two rounds, so the profile has its trend chart as well as the radar."""
    data.earlier_round(scene.assessment, scene.people)
    data.approved(scene.assessment, scene.people)
    return reverse("dashboard-authority", args=[scene.assessment.authority_id]) + f"?round={scene.assessment.round_id}"


def _compare(scene: Scene) -> str:
    before = data.earlier_round(scene.assessment, scene.people)
    data.approved(scene.assessment, scene.people)
    return reverse("dashboard-compare") + f"?before={before.pk}&after={scene.assessment.round_id}"


def _prepared_export(scene: Scene) -> str:
    """A large export prepared in the background, ready to download (built as the worker builds it)."""
    from downloads.models import PreparedExport
    from downloads.services import prepared_export_build

    data.approved(scene.assessment, scene.people)
    export = PreparedExport.objects.create(requested_by=scene.people["reviewer"], round=scene.assessment.round)
    prepared_export_build(export_id=str(export.pk))
    return reverse("download-status", args=[export.pk])


def _profile_through_lineage(scene: Scene) -> str:
    """A body formed from another: its profile says so, and its trend includes the earlier
    body's round, marked as that body's; the comparison matches the two through lineage."""
    import datetime

    from assessments.models import AuthorityLink, Round, RoundState
    from tests.factories import AssessmentFactory, AuthorityFactory, RoundFactory, UserFactory

    earlier_body = AuthorityFactory(name="Association of Greater Manchester Authorities", short_name="AGMA")
    AuthorityLink.objects.create(predecessor=earlier_body, successor=scene.assessment.authority,
                                 on=datetime.date(2024, 5, 7), kind="merger", predecessor_name=earlier_body.name)
    before = RoundFactory(name="2025-26 readiness", framework=scene.assessment.round.framework)
    data.submitted(AssessmentFactory(authority=earlier_body, round=before), UserFactory(editor_of=earlier_body))
    year = datetime.timedelta(days=365)
    Round.objects.filter(pk=before.pk).update(
        state=RoundState.CLOSED, opens_on=before.opens_on - year, closes_on=before.closes_on - year
    )
    data.approved(scene.assessment, scene.people)
    return reverse("dashboard-authority", args=[scene.assessment.authority_id]) + f"?round={scene.assessment.round_id}"


DASHBOARD_PAGES = [
    PageType("national overview", "admin", "National overview", _overview),
    PageType("step view", "reviewer", re.compile(r"^Step 1: "), _step),
    PageType("authority profile", "reviewer", "Greater Manchester Combined Authority", _profile),
    PageType("round comparison", "reviewer", "Compare two rounds", _compare),
    PageType("prepared export ready", "reviewer", "Your spreadsheet is ready", _prepared_export),
    PageType("profile through lineage", "reviewer", "Greater Manchester Combined Authority", _profile_through_lineage),
]
