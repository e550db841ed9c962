"""Starting a new draft from the authority's last approved answers."""
import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.models import Answer, AssessmentState, Criterion
from assessments.services.errors import ActionRefused
from assessments.services.previous_round import assessment_copy_previous
from tests.factories import (
    AnswerFactory,
    AssessmentFactory,
    RoundFactory,
    framework_with_criteria,
)
from tests.helpers import evidence_links, step_post

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
    assert evidence_links(answers["1.2"])[0].startswith("https://")  # the same library item, attached again
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
        data[f"{answer.criterion.slug}-evidence-items"] = carried_ids(answer)
    response = client.post(reverse("assessment-step", args=[assessment.pk, 1]), data)
    assert response.status_code == 400  # "Save and continue" makes the editor confirm each one
    assert "Confirm that the copied answer to 1.1 still describes your area, or change it" in response.content.decode()
    for answer in Answer.objects.filter(assessment=assessment).select_related("criterion"):
        data[f"{answer.criterion.slug}-confirm"] = "on"
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


def _copy_everything(client, assessment):
    """An approved previous round answering all 24 criteria at level 2, copied into the draft."""
    old_round = RoundFactory(
        closed=True, framework=framework_with_criteria(),
        opens_on=timezone.localdate() - datetime.timedelta(days=400),
        closes_on=timezone.localdate() - datetime.timedelta(days=300),
    )
    previous = AssessmentFactory(round=old_round, authority=assessment.authority, submitted=True)
    previous.state = AssessmentState.APPROVED
    previous.save()
    for step in old_round.framework.steps.all():
        for criterion in step.criteria.all():
            AnswerFactory(assessment=previous, criterion=criterion, score=2)
    client.post(reverse("assessment-copy-previous", args=[assessment.pk]))


def test_copied_answers_block_submission_until_confirmed(client_for, assessment):
    client = client_for("editor")
    _copy_everything(client, assessment)
    task_list = client.get(reverse("assessment-task-list", args=[assessment.pk])).content.decode()
    assert task_list.count("3 copied answers to confirm") == 8
    assert "Completed" not in task_list and task_list.count("Copied answers to confirm") == 8

    response = client.post(reverse("assessment-submit", args=[assessment.pk]), {"confirm": "on"})
    assert response.status_code == 400
    page = response.content.decode()
    assert page.count("confirm or change the answer copied from the previous round") >= 24
    step_8 = reverse("assessment-step", args=[assessment.pk, 8])
    assert f'<a href="{step_8}?from=check#c8-3">8.3' in page  # the error summary links to each one
    assessment.refresh_from_db()
    assert assessment.state == AssessmentState.DRAFT


def test_come_back_later_keeps_copied_answers_unconfirmed_and_ticking_confirms_them(client_for, assessment):
    client = client_for("editor")
    approved_previous(assessment.authority)
    client.post(reverse("assessment-copy-previous", args=[assessment.pk]))
    step = assessment.round.framework.steps.get(number=1)
    url = reverse("assessment-step", args=[assessment.pk, 1])
    form = {}
    for answer in Answer.objects.filter(assessment=assessment).select_related("criterion"):
        slug = answer.criterion.slug
        form |= {f"{slug}-level": str(answer.score), f"{slug}-justification": answer.justification,
                 f"{slug}-evidence-items": carried_ids(answer)}
    data = step_post(step, action="later") | form
    assert client.post(url, data).status_code == 302
    assert Answer.objects.filter(assessment=assessment, copied_from_previous=True).count() == 3

    # Confirm 1.1 as it is, change 1.2: both stop being unconfirmed; only 1.1 stays "copied unchanged".
    data = data | {"c1-1-confirm": "on", "c1-2-justification": "Updated for this round."}
    assert client.post(url, data).status_code == 302
    answers = {a.criterion.code: a for a in Answer.objects.filter(assessment=assessment).select_related("criterion")}
    assert not answers["1.1"].copied_from_previous and answers["1.1"].copied_unchanged
    assert not answers["1.2"].copied_from_previous and not answers["1.2"].copied_unchanged
    assert answers["1.3"].copied_from_previous


def test_reviewers_see_which_answers_were_copied_unchanged(client_for, assessment, people):
    client = client_for("editor")
    approved_previous(assessment.authority)
    client.post(reverse("assessment-copy-previous", args=[assessment.pk]))
    Answer.objects.filter(assessment=assessment).update(copied_from_previous=False)  # confirmed
    page = client_for("reviewer").get(reverse("review-criterion", args=[assessment.pk, "1.2"])).content.decode()
    assert "Copied unchanged from the previous round" in page


def test_the_number_promised_is_the_number_copied_and_evidence_comes_only_where_still_valid(
    client_for, assessment, people
):
    old_framework = framework_with_criteria(na_codes=("2.1",))
    old_round = RoundFactory(closed=True, framework=old_framework, opens_on=timezone.localdate() - datetime.timedelta(days=400),
                             closes_on=timezone.localdate() - datetime.timedelta(days=300))
    previous = AssessmentFactory(round=old_round, authority=assessment.authority, submitted=True,
                                 state=AssessmentState.APPROVED)
    old = {c.code: c for c in Criterion.objects.filter(step__framework=old_framework)}
    AnswerFactory(assessment=previous, criterion=old["1.1"], score=2, evidence_url="https://www.example.gov.uk/ok")
    # Stored before today's rules: the link is not a real address any more.
    AnswerFactory(assessment=previous, criterion=old["1.2"], score=2, evidence_url="https://not a web address")
    AnswerFactory(assessment=previous, criterion=old["1.3"], score=4, evidence_url="https://not a web address")
    AnswerFactory(assessment=previous, criterion=old["2.1"], na=True)  # N/A no longer allowed for 2.1
    client = client_for("editor")
    task_list = client.get(reverse("assessment-task-list", args=[assessment.pk])).content.decode()
    assert "copy its answers into the 3 criteria" in task_list
    response = client.post(reverse("assessment-copy-previous", args=[assessment.pk]), follow=True)
    assert "3 answers copied" in response.content.decode()
    answers = {a.criterion.code: a for a in Answer.objects.filter(assessment=assessment).select_related("criterion")}
    assert set(answers) == {"1.1", "1.2", "1.3"}
    assert evidence_links(answers["1.1"]) == ["https://www.example.gov.uk/ok"]
    assert evidence_links(answers["1.2"]) == [] and answers["1.2"].score == 2
    # Level 4 without valid evidence is copied half-finished: it cannot count until evidence is added.
    assert answers["1.3"].in_progress and answers["1.3"].pending_score == 4 and answers["1.3"].score is None


def carried_ids(answer) -> list[str]:
    """The step form's ticked evidence items for an answer as it is saved."""
    return [str(pk) for pk in answer.evidence_links.values_list("item_id", flat=True)]
