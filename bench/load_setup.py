"""Prepare accounts and assessments for the load test; writes bench/data/load_plan.json.

Run inside the load-test environment (DATABASE_URL set) after the benchmark data is seeded:
    python bench/load_setup.py --officials 60
Each official edits a draft of their own, so concurrent users never share an assessment
and every acknowledged save can be checked afterwards.
"""
import argparse
import json
import os
import sys
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "levelup.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth.hashers import make_password  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from assessments.models import (  # noqa: E402
    Answer,
    Assessment,
    AssessmentState,
    Authority,
    AuthorityAccess,
    AuthorityAccessLevel,
    CentralRole,
    Criterion,
    Framework,
    FrameworkStatus,
    Round,
    RoundState,
    User,
)
from assessments.services.scores import round_scores_refresh  # noqa: E402
from second_factor.services import authenticator_enrol  # noqa: E402

PASSWORD = "load-test-password-2026"
PLAN = Path(__file__).resolve().parent / "data" / "load_plan.json"


@transaction.atomic
def prepare(*, officials: int, submitted: int, reviewers: int, staff: int, decisions: int = 0) -> dict:
    framework = Framework.objects.filter(status=FrameworkStatus.PUBLISHED).order_by("-version").first()
    today = timezone.localdate()
    load_round, _ = Round.objects.get_or_create(
        name="Load test round",
        defaults={"framework": framework, "opens_on": today - timedelta(days=7), "closes_on": today + timedelta(days=30),
                  "state": RoundState.OPEN},
    )
    wanted = officials + submitted + decisions
    authorities = list(Authority.objects.filter(abolished__isnull=True).order_by("pk")[:wanted])
    if len(authorities) < wanted:
        raise SystemExit(f"Need {wanted} authorities; seed the benchmark data first.")
    criteria = list(Criterion.objects.filter(step__framework=framework).select_related("step").order_by("step__number", "position"))
    password_hash = make_password(PASSWORD)
    plan = {"password": PASSWORD, "officials": [], "reviewers": [], "staff": [], "submitted": [],
            "decisions": [], "steps": {}}
    for criterion in criteria:
        plan["steps"].setdefault(str(criterion.step.number), []).append(criterion.slug)

    for index, authority in enumerate(authorities):
        assessment, _ = Assessment.objects.get_or_create(round=load_round, authority=authority)
        if index < officials:
            email = f"official{index}@load.example.gov.uk"
            user, _ = User.objects.update_or_create(email=email, defaults={"full_name": f"Load official {index}", "password": password_hash})
            AuthorityAccess.objects.get_or_create(user=user, authority=authority, defaults={"level": AuthorityAccessLevel.EDITOR})
            plan["officials"].append({"email": email, "assessment": assessment.pk})
        elif index < officials + submitted:
            _complete(assessment, criteria)
            plan["submitted"].append(assessment.pk)
        else:
            # Submitted, with an editor to email: a reviewer returns or approves each one once.
            _complete(assessment, criteria)
            email = f"decision-editor{index}@load.example.gov.uk"
            user, _ = User.objects.update_or_create(email=email, defaults={"full_name": f"Load editor {index}", "password": password_hash})
            AuthorityAccess.objects.get_or_create(user=user, authority=authority, defaults={"level": AuthorityAccessLevel.EDITOR})
            plan["decisions"].append({"assessment": assessment.pk, "editor": email})

    for role, count, key in ((CentralRole.REVIEWER, reviewers, "reviewers"), (CentralRole.LEAD_REVIEWER, staff, "staff")):
        for index in range(count):
            email = f"{key}{index}@load.example.gov.uk"
            user, _ = User.objects.update_or_create(email=email, defaults={"full_name": f"Load {key} {index}", "password": password_hash, "central_role": role})
            # Central staff sign in with a second factor: the load test computes its codes from this key.
            device = authenticator_enrol(user=user)
            plan[key].append({"email": email, "totp_key": device.key})
    plan["round"] = load_round.pk
    round_scores_refresh(round_=load_round)  # answers were bulk-inserted: store the results
    plan["criteria"] = [c.code for c in criteria]
    bench_rounds = list(Round.objects.exclude(pk=load_round.pk).order_by("-opens_on").values_list("pk", flat=True)[:2])
    plan["dashboard_rounds"] = bench_rounds or [load_round.pk]
    plan["authorities"] = [a.pk for a in authorities[:50]]
    return plan


def _complete(assessment: Assessment, criteria: list[Criterion]) -> None:
    if assessment.state != AssessmentState.DRAFT:
        return
    submitter = User.objects.filter(central_role=CentralRole.ADMIN).first() or User.objects.first()
    now = timezone.now()
    Answer.objects.filter(assessment=assessment).delete()
    Answer.objects.bulk_create(
        Answer(assessment=assessment, criterion=c, score=2, justification="Load test baseline answer.", answered_at=now)
        for c in criteria
    )
    Assessment.objects.filter(pk=assessment.pk).update(state=AssessmentState.SUBMITTED, submitted_at=now, submitted_by=submitter)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--officials", type=int, default=60)
    parser.add_argument("--submitted", type=int, default=60)
    parser.add_argument("--reviewers", type=int, default=15)
    parser.add_argument("--staff", type=int, default=10)
    parser.add_argument("--decisions", type=int, default=300, help="submitted assessments to return or approve (emails)")
    args = parser.parse_args()
    plan = prepare(officials=args.officials, submitted=args.submitted, reviewers=args.reviewers, staff=args.staff,
                   decisions=args.decisions)
    PLAN.parent.mkdir(parents=True, exist_ok=True)
    PLAN.write_text(json.dumps(plan, indent=1))
    print(f"load_setup: {len(plan['officials'])} officials, {len(plan['submitted'])} submitted assessments, "
          f"{len(plan['reviewers'])} reviewers, {len(plan['staff'])} staff, "
          f"{len(plan['decisions'])} to decide -> {PLAN}")
