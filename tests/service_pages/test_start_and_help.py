"""The start page for people not signed in, the help page's worked example, and the framework downloads."""
import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from assessments import scoring
from assessments.models import FrameworkStatus
from service_pages.worked_example import worked_example
from tests.factories import AssessmentFactory, framework_with_criteria


def text(response) -> str:
    return " ".join(response.content.decode().split())


@pytest.mark.django_db
def test_a_signed_out_visitor_gets_the_start_page_with_the_steps_and_a_way_in(client):
    framework = framework_with_criteria()
    step = framework.steps.get(number=4)
    step.title = "Set shared national objectives with single-pot funding"
    step.save()
    response = client.get("/")
    assert response.status_code == 200
    page = text(response)
    assert "Assess your area's readiness for levelling up" in page
    assert "Before you start" in page
    assert "Set shared national objectives with single-pot funding" in page
    assert f'href="{reverse("login")}"' in page and "Sign in" in page
    assert f'href="{reverse("public-rounds")}"' in page
    # Not the signed-in home, and no redirect to the sign-in page.
    assert "Your assessments" not in page


@pytest.mark.django_db
def test_a_signed_in_official_goes_to_their_own_assessments(client, assessment, people):
    client.force_login(people["editor"])
    response = client.get("/")
    assert response.status_code == 200
    page = text(response)
    assert "Your assessments" in page and assessment.authority.name in page
    assert "Before you start" not in page


def test_the_worked_example_is_the_scoring_modules_own_result():
    example = worked_example()
    # Step 1: 3, moderated 2->1, 4 -> mean 8/3 -> 66.67 amber. Step 2 unanswered. Step 3: 4, 3, N/A -> 87.50 green.
    scores = {step.number: step.result.score for step in example.steps}
    assert scores == {1: Decimal("66.67"), 2: None, 3: Decimal("87.50")}
    assert example.steps[0].result.rag is scoring.Rag.AMBER and example.steps[2].result.rag is scoring.Rag.GREEN
    # The index averages the exact step scores ((200/3 + 87.5) / 2 = 77.083...), not the rounded ones (77.085).
    assert example.result.readiness_index == Decimal("77.08")
    assert example.index_from_rounded == Decimal("77.09")
    assert (example.result.answered, example.result.total) == (6, 9)


@pytest.mark.django_db
def test_the_help_page_shows_the_worked_example_and_every_criterion(client):
    framework_with_criteria()
    page = text(client.get(reverse("help")))
    assert "(3, 1 and 4) average 2.6667. Times 25 that is 66.6667, shown as <strong>66.67</strong>: <strong>amber</strong>" in page
    assert "(4 and 3) average 3.5. Times 25 that is 87.5, shown as" in page
    assert "shown as <strong>87.50</strong>: <strong>green</strong>" in page
    assert "shown as <strong>77.08</strong>, <strong>green</strong>" in page
    assert "would give 77.09" in page
    assert "Red is below 50" in page and "green is 75 and above" in page
    assert "Levels 3 and 4 also need evidence" in page
    assert "8.3 Criterion 8.3" in page and "8.3 level 4: embedded" in page


@pytest.mark.django_db
def test_the_framework_downloads_as_csv_one_row_per_criterion_with_every_level(client):
    framework_with_criteria(status=FrameworkStatus.DRAFT, name="Old draft")
    framework = framework_with_criteria(name="LIPSIT 2020")
    criterion = framework.steps.get(number=2).criteria.get(position=1)
    criterion.title = "=HYPERLINK(\"http://evil\")"
    criterion.save()
    response = client.get(reverse("help-framework-csv"))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="lipsit-2020-v1.csv"'
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:5] == ["Step", "Step title", "Step weight", "Criterion", "Criterion title"]
    assert [row[3] for row in rows[1:]] == [f"{s}.{p}" for s in range(1, 9) for p in range(1, 4)]
    assert rows[1][-5:] == [f"1.1 level {n}: {w}" for n, w in enumerate(["nothing in place", "initial", "developing", "established", "embedded"])]
    assert rows[4][4] == "'=HYPERLINK(\"http://evil\")"  # a spreadsheet will not run it
    assert {row[7] for row in rows[1:] if row[3] in {"3.3", "5.2"}} == {"Yes"}


@pytest.mark.django_db
def test_the_printable_framework_and_the_csv_say_so_when_none_is_published(client):
    assert client.get(reverse("help-framework-csv")).status_code == 404
    assert "No framework has been published yet" in text(client.get(reverse("help-framework")))


@pytest.mark.django_db
def test_the_printable_framework_lists_every_step_and_descriptor(client):
    framework = framework_with_criteria()
    AssessmentFactory(round__framework=framework)
    page = text(client.get(reverse("help-framework")))
    for number in range(1, 9):
        assert f"Step {number}: Step {number} title" in page
    assert "3.3 level 0: nothing in place" in page and "When 3.3 does not apply." in page


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["help", "help-framework", "accessibility-statement", "privacy-notice", "cookies", "contact", "feedback"])
def test_every_footer_page_is_linked_from_every_page(client, name):
    framework_with_criteria()
    assert f'href="{reverse(name)}' in client.get("/").content.decode()
