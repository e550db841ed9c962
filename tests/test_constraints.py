"""The database itself refuses impossible data, whatever path (form, script, shell) writes it.

Each refusal runs inside its own ``transaction.atomic()`` so the test can go on (and so
PostgreSQL, which aborts a failed transaction, behaves as SQLite does).
"""
import pytest
from django.db import IntegrityError, transaction

from assessments.models import Answer, Assessment, Authority, Criterion

from .factories import AnswerFactory, AssessmentFactory, AuthorityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessment() -> Assessment:
    return AssessmentFactory()


@pytest.fixture
def criterion(assessment) -> Criterion:
    return Criterion.objects.filter(step__framework=assessment.round.framework).order_by("step__number").first()


def refused(constraint: str | None, **answer_fields) -> None:
    """Creating the answer fails, on the named check constraint where one is given.

    SQLite and PostgreSQL both put a check constraint's name in the error message, so
    matching it shows the refusal comes from the rule under test, not a side issue.
    """
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        Answer.objects.create(**answer_fields)


# --- answers -------------------------------------------------------------------------------------


def test_valid_answers_are_accepted(assessment):
    """The refusals below are about the rule broken, not about answers in general."""
    AnswerFactory(assessment=assessment, score=0)
    AnswerFactory(assessment=assessment, score=4, evidence_url="https://example.gov.uk/plan.pdf")
    AnswerFactory(assessment=assessment, unanswered=True)  # a saved but empty row
    na_criterion = Criterion.objects.get(step__framework=assessment.round.framework, code="3.3")
    AnswerFactory(assessment=assessment, criterion=na_criterion, na=True)
    assert assessment.answers.count() == 4


@pytest.mark.parametrize("bad_score", [5, -1])
def test_score_outside_0_to_4_is_refused_on_create(assessment, criterion, bad_score):
    # -1 may also trip the unnamed "score >= 0" check Django adds to a positive field.
    refused(
        "answer_score_0_to_4" if bad_score > 4 else None,
        assessment=assessment,
        criterion=criterion,
        score=bad_score,
        justification="Bypassing the form",
        evidence_count=1,
    )
    assert not Answer.objects.exists()


@pytest.mark.parametrize("bad_score", [5, -1])
def test_score_outside_0_to_4_is_refused_on_update(bad_score):
    answer = AnswerFactory(score=4)
    with pytest.raises(IntegrityError, match="answer_score_0_to_4" if bad_score > 4 else None), transaction.atomic():
        Answer.objects.filter(pk=answer.pk).update(score=bad_score)
    answer.refresh_from_db()
    assert answer.score == 4


def test_second_answer_for_the_same_criterion_is_refused(assessment):
    first = AnswerFactory(assessment=assessment)
    refused(None, assessment=assessment, criterion=first.criterion, score=1, justification="A second opinion")
    assert assessment.answers.count() == 1


def test_not_applicable_with_a_score_is_refused(assessment):
    na_criterion = Criterion.objects.get(step__framework=assessment.round.framework, code="5.2")
    refused(
        "answer_not_both_score_and_na",
        assessment=assessment,
        criterion=na_criterion,
        score=2,
        not_applicable=True,
        justification="Both",
    )


def test_not_applicable_with_a_score_is_refused_on_update():
    answer = AnswerFactory(score=2)
    with pytest.raises(IntegrityError, match="answer_not_both_score_and_na"), transaction.atomic():
        Answer.objects.filter(pk=answer.pk).update(not_applicable=True)
    answer.refresh_from_db()
    assert answer.not_applicable is False


@pytest.mark.parametrize("given", [{"score": 1}, {"score": 0}, {"not_applicable": True}])
def test_an_answer_without_justification_is_refused(assessment, criterion, given):
    refused("answer_given_has_justification", assessment=assessment, criterion=criterion, justification="", **given)


def test_removing_the_justification_of_an_answer_is_refused():
    answer = AnswerFactory(score=2)
    with pytest.raises(IntegrityError, match="answer_given_has_justification"), transaction.atomic():
        Answer.objects.filter(pk=answer.pk).update(justification="")


@pytest.mark.parametrize("high_level", [3, 4])
def test_levels_3_and_4_without_evidence_are_refused(assessment, criterion, high_level):
    refused(
        "answer_high_level_has_evidence",
        assessment=assessment,
        criterion=criterion,
        score=high_level,
        justification="Trust us",
        evidence_count=0,
    )


def test_raising_a_level_2_answer_to_3_without_evidence_is_refused():
    answer = AnswerFactory(score=2)
    assert answer.evidence_count == 0 and not answer.evidence_links.exists()
    with pytest.raises(IntegrityError, match="answer_high_level_has_evidence"), transaction.atomic():
        Answer.objects.filter(pk=answer.pk).update(score=3)


def test_plain_http_evidence_link_is_refused(assessment):
    """Links live in the evidence library now; the https rule is on its versions."""
    from evidence.models import EvidenceItem, EvidenceVersion

    by = AnswerFactory(assessment=assessment).answered_by
    item = EvidenceItem.objects.create(authority=assessment.authority, title="Plan", kind="link", created_by=by)
    with pytest.raises(IntegrityError, match="evidence_version_is_link_or_document"), transaction.atomic():
        EvidenceVersion.objects.create(item=item, number=1, url="http://example.gov.uk/plan.pdf", created_by=by)


# --- assessments and authorities ----------------------------------------------------------------


def test_second_assessment_for_the_same_round_and_authority_is_refused():
    first = AssessmentFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Assessment.objects.create(round=first.round, authority=first.authority)
    assert Assessment.objects.count() == 1


def test_same_authority_may_have_one_assessment_in_each_round():
    first = AssessmentFactory()
    AssessmentFactory(authority=first.authority)  # another round
    assert first.authority.assessments.count() == 2


def test_duplicate_authority_code_is_refused():
    existing = AuthorityFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        AuthorityFactory(code=existing.code)
    assert Authority.objects.filter(code=existing.code).count() == 1


def test_several_authorities_without_a_code_are_allowed():
    AuthorityFactory(code=None)
    AuthorityFactory(code=None)
    assert Authority.objects.filter(code__isnull=True).count() == 2
