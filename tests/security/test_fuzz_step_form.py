"""Property-based tests: whatever an official types into a step page, the service never
fails with a server error, never saves part of a step, and always explains a refusal."""
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from assessments.models import Answer
from tests.factories import AssessmentFactory, RoundFactory, UserFactory

NASTY_TEXT = st.one_of(
    st.text(max_size=50),
    st.text(min_size=1900, max_size=2300),
    st.sampled_from(
        [
            "<script>alert(1)</script>",
            "\x00\x01\x1b[31m",
            "'; DROP TABLE assessments_answer; --",
            "=HYPERLINK(\"http://evil\")",
            "\u202e\u200b\ufeff",
            " ",
            "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🙂",
        ]
    ),
)
LEVELS = st.one_of(st.sampled_from(["", "0", "1", "2", "3", "4", "na"]), st.text(max_size=5), st.integers().map(str))
LINKS = st.one_of(
    st.just(""),
    st.sampled_from(
        [
            "https://www.example.gov.uk/plan.pdf",
            "http://example.gov.uk/",
            "javascript:alert(1)",
            "https://",
            "https://exa mple.gov.uk",
            "data:text/html,<script>alert(1)</script>",
            "https://example.gov.uk/" + "a" * 600,
        ]
    ),
    st.text(max_size=80),
)


class StepFormFuzzTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.assessment = AssessmentFactory(round=RoundFactory())
        cls.editor = UserFactory(editor_of=cls.assessment.authority)
        cls.step = cls.assessment.round.framework.steps.get(number=1)
        cls.criteria = list(cls.step.criteria.all())

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        data=st.fixed_dictionaries(
            {"level": LEVELS, "justification": NASTY_TEXT, "evidence": LINKS, "action": st.sampled_from(["continue", "later", "x"])}
        )
    )
    def test_any_input_is_saved_whole_or_refused_with_a_message(self, data):
        post = {"action": data["action"]}
        for criterion in self.criteria:
            post[f"{criterion.slug}-level"] = data["level"]
            post[f"{criterion.slug}-justification"] = data["justification"]
            post[f"{criterion.slug}-evidence"] = data["evidence"]
        before = list(Answer.objects.filter(assessment=self.assessment).values_list("criterion_id", "score", "justification"))

        client = Client()
        client.force_login(self.editor)
        response = client.post(reverse("assessment-step", args=[self.assessment.pk, 1]), post)

        assert response.status_code in {302, 400}, response.status_code
        after = list(Answer.objects.filter(assessment=self.assessment).values_list("criterion_id", "score", "justification"))
        if response.status_code == 400:
            assert "There is a problem" in response.content.decode()
            assert after == before  # nothing from a step with an error is saved
        else:
            saved = {criterion_id for criterion_id, _, _ in after}
            given_anything = data["level"] or data["justification"].strip() or data["evidence"].strip()
            assert saved == ({c.pk for c in self.criteria} if given_anything else set())
        # Whatever was typed is shown back escaped, never as live markup.
        assert "<script>alert(1)</script>" not in response.content.decode()


class SignInFuzzTests(TestCase):
    @settings(max_examples=40, deadline=None)
    @given(email=NASTY_TEXT, password=NASTY_TEXT)
    def test_sign_in_never_errors(self, email, password):
        response = Client().post(reverse("login"), {"username": email, "password": password})
        assert response.status_code in {200, 403, 429}
        assert "There is a problem" in response.content.decode() or response.status_code != 200
