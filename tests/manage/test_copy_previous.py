"""Starting a new draft from the authority's last approved answers."""
import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.models import Answer, AssessmentState
from assessments.services.errors import ActionRefused
from assessments.services.manage_copy import assessment_copy_previous
from tests.factories import (
    AnswerFactory,
    AssessmentFactory,
    RoundFactory,
    framework_with_criteria,
)
from tests.helpers import step_post

pytestmark = pytest.mark.django_db


def approved_previous(authority, *, framework=None, **answer_overrides):
    old_round = RoundFactory(
        closed=True, framework=framework or framework_with_criteria(),
        opens_on=timezone.localdate() - datetime.timedelta(days=400),
        closes_on=timezone.localdate() - datetime.timedelta(days=300),
    )
    previous = AssessmentFactory(round=old_round, authority=authority, submitted=True)
    previous.state = AssessmentState.APPROVED
    previous.save()
    for criterion in old_round.framework.steps.get(number=1).criteria.all():
        AnswerFactory(assessment=previous, criterion=criterion, score=3, **answer_overrides)
    return previous


def test_copies_unanswered_criteria_by_code_and_marks_them(client_for, assessment, people):
    approved_previous(assessment.authority)
    criterion_1_1 = assessment.round.framework.steps.get(number=1).criteria.get(code="1.1")
    AnswerFactory(assessment=assessment, criterion=criterion_1_1, score=1, justification="Our own answer")
    client = client_for("editor")
    page = client.get(reverse("assessment-task-list", args=[assessment.pk])).content.decode()
    assert "Start from your previous round’s approved answers" in page

    client.post(reverse("assessment-copy-previous", args=[assessment.pk]))
    answers = {a.criterion.code: a for a in Answer.objects.filter(assessment=assessment).select_related("criterion")}
    assert answers["1.1"].score == 1 and not answers["1.1"].copied_from_previous  # never overwritten
    assert answers["1.2"].score == 3 and answers["1.2"].copied_from_previous
    assert answers["1.2"].evidence_url.startswith("https://")
    check = client.get(reverse("assessment-check", args=[assessment.pk])).content.decode()
    assert check.count("Copied from the previous round – confirm or change") == 2
    step = client.get(reverse("assessment-step", args=[assessment.pk, 1])).content.decode()
    assert "Copied from the previous round" in step
    # Nothing left to copy: the action disappears.
    assert "Start from your previous" not in client.get(reverse("assessment-task-list", args=[assessment.pk])).content.decode()


def test_saving_the_step_confirms_copied_answers(client_for, assessment):
    approved_previous(assessment.authority)
    client = client_for("editor")
    client.post(reverse("assessment-copy-previous", args=[assessment.pk]))
    step = assessment.round.framework.steps.get(number=1)
    data = step_post(step)
    for answer in Answer.objects.filter(assessment=assessment).select_related("criterion"):
        data[f"{answer.criterion.slug}-level"] = str(answer.score)
        data[f"{answer.criterion.slug}-justification"] = answer.justification
        data[f"{answer.criterion.slug}-evidence"] = answer.evidence_url
    response = client.post(reverse("assessment-step", args=[assessment.pk, 1]), data)
    assert response.status_code == 302
    assert not Answer.objects.filter(assessment=assessment, copied_from_previous=True).exists()


def test_only_approved_assessments_are_copied(people, assessment):
    previous = approved_previous(assessment.authority)
    previous.state = AssessmentState.SUBMITTED
    previous.save()
    with pytest.raises(ActionRefused, match="no approved assessment"):
        assessment_copy_previous(assessment=assessment, user=people["editor"])
    assert not Answer.objects.filter(assessment=assessment).exists()


def test_na_is_not_copied_where_the_new_version_no_longer_allows_it(people, assessment):
    old_framework = framework_with_criteria(na_codes=("1.1",))
    old_round = RoundFactory(closed=True, framework=old_framework, opens_on=timezone.localdate() - datetime.timedelta(days=400),
                             closes_on=timezone.localdate() - datetime.timedelta(days=300))
    previous = AssessmentFactory(round=old_round, authority=assessment.authority, submitted=True, state=AssessmentState.APPROVED)
    AnswerFactory(assessment=previous, criterion=old_framework.steps.get(number=1).criteria.get(code="1.1"), na=True)
    assert assessment_copy_previous(assessment=assessment, user=people["editor"]) == 0


def test_viewers_cannot_copy(client_for, assessment):
    approved_previous(assessment.authority)
    response = client_for("viewer").post(reverse("assessment-copy-previous", args=[assessment.pk]))
    assert response.status_code == 403
    assert not Answer.objects.filter(assessment=assessment).exists()
