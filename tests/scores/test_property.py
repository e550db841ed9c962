"""Property: for any answers, moderations and weights, the stored row is ``scoring.score_assessment``.

Both writers are checked: the per-assessment refresh (the services) and the round refresh
(one grouped query, for seeding and operators), and the dashboards read back the same.
"""
from decimal import Decimal

from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from assessments import scoring
from assessments.models import Answer, AssessmentState, Criterion, Moderation, Step
from assessments.selectors.dashboards import round_rollup
from assessments.services.scores import assessment_score_refresh, round_scores_refresh
from evidence.demo import link_evidence_bulk_seed
from tests.factories import (
    AssessmentFactory,
    ReviewerFactory,
    RoundFactory,
    UserFactory,
    framework_with_criteria,
)

from .conftest import stored_centre, stored_results

CODES = [f"{step}.{position}" for step in range(1, 9) for position in range(1, 4)]
CENTRE_CODES = {"2.3", "4.2", "5.1", "5.3"}  # the criteria that measure the centre, as in the published framework
# None: no answer row; "blank": a row with nothing chosen; "na": not applicable; else a level.
OWN = st.one_of(st.none(), st.just("blank"), st.just("na"), st.integers(0, 4))
MODERATED = st.one_of(st.none(), st.none(), st.just("na"), st.integers(0, 4))
WEIGHTS = st.sampled_from([Decimal("0.25"), Decimal(1), Decimal("1.50"), Decimal("2.50"), Decimal(3)])


def value(choice) -> scoring.AnswerValue:
    if choice in (None, "blank"):
        return scoring.UNANSWERED
    if choice == "na":
        return scoring.AnswerValue(not_applicable=True)
    return scoring.AnswerValue(score=choice)


class StoredResultsMatchScoringTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.round = RoundFactory(framework=framework_with_criteria(na_codes=tuple(CODES)))
        Criterion.objects.filter(step__framework=cls.round.framework, code__in=CENTRE_CODES).update(measures_centre=True)
        cls.criteria = {c.code: c for c in Criterion.objects.filter(step__framework=cls.round.framework)}
        cls.steps = {s.number: s for s in Step.objects.filter(framework=cls.round.framework)}
        cls.official, cls.reviewer = UserFactory(), ReviewerFactory()

    def build(self, own, moderated, criterion_weights, step_weights):
        for code, weight in zip(CODES, criterion_weights):
            self.criteria[code].weight = weight
        Criterion.objects.bulk_update(self.criteria.values(), ["weight"])
        for number, weight in zip(range(1, 9), step_weights):
            self.steps[number].weight = weight
        Step.objects.bulk_update(self.steps.values(), ["weight"])
        now = timezone.now()
        # Submitted, so that it is rated (a draft's roll-up row is progress only).
        assessment = AssessmentFactory(
            round=self.round, state=AssessmentState.SUBMITTED, submitted_at=now, submitted_by=self.official
        )
        answers = Answer.objects.bulk_create(
            Answer(
                assessment=assessment, criterion=self.criteria[code], score=choice if isinstance(choice, int) else None,
                not_applicable=choice == "na", justification="" if choice == "blank" else "Agreed by the board.",
                evidence_count=1 if isinstance(choice, int) and choice >= 3 else 0,
                answered_by=self.official, answered_at=now,
            )
            for code, choice in zip(CODES, own) if choice is not None
        )
        link_evidence_bulk_seed(answers=answers, urls={a.pk: "https://example.gov.uk/e" for a in answers if a.evidence_count})
        Moderation.objects.bulk_create(
            Moderation(
                assessment=assessment, criterion=self.criteria[code], score=None if choice == "na" else choice,
                not_applicable=choice == "na", reason="Evidence reviewed.", moderated_by=self.reviewer, moderated_at=now,
            )
            for code, choice in zip(CODES, moderated) if choice is not None
        )
        return assessment

    def expected(self, own, moderated, criterion_weights, step_weights, *, with_moderations=True):
        steps = [scoring.StepInput(number=n, weight=w) for n, w in zip(range(1, 9), step_weights)]
        return scoring.score_assessment(steps=steps, criteria=self.inputs(own, moderated, criterion_weights, with_moderations))

    def expected_centre(self, own, moderated, criterion_weights):
        """The centre's side: a step's formula over the effective levels of the centre's criteria."""
        criteria = [c for code, c in zip(CODES, self.inputs(own, moderated, criterion_weights)) if code in CENTRE_CODES]
        sums = scoring.step_sums(criteria)
        return scoring.step_score_from_sums(weighted_sum=sums.weighted_sum, weight_total=sums.weight_total)

    def inputs(self, own, moderated, criterion_weights, with_moderations=True):
        return [
            scoring.CriterionInput(
                step_number=int(code.split(".")[0]), weight=weight, own=value(mine),
                moderated=None if theirs is None or not with_moderations else value(theirs),
            )
            for code, mine, theirs, weight in zip(CODES, own, moderated, criterion_weights)
        ]

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        own=st.lists(OWN, min_size=24, max_size=24),
        moderated=st.lists(MODERATED, min_size=24, max_size=24),
        criterion_weights=st.lists(WEIGHTS, min_size=24, max_size=24),
        step_weights=st.lists(WEIGHTS, min_size=8, max_size=8),
    )
    def test_stored_row_is_the_scoring_module_result(self, own, moderated, criterion_weights, step_weights):
        inputs = (own, moderated, criterion_weights, step_weights)
        assessment = self.build(*inputs)
        effective = self.expected(*inputs)
        self_assessed = self.expected(*inputs, with_moderations=False)

        centre = self.expected_centre(own, moderated, criterion_weights)

        assessment_score_refresh(assessment=assessment)
        assert stored_results(assessment) == (effective, self_assessed)
        assert stored_centre(assessment) == centre

        round_scores_refresh(round_=self.round)  # the grouped-query writer gives the same row
        assert stored_results(assessment) == (effective, self_assessed)
        assert stored_centre(assessment) == centre
        [row] = round_rollup(round_=self.round).rows
        assert row.result == effective
