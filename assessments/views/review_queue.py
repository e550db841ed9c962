"""The review queue (reviewers, lead reviewers, admins) and assigning from it (lead reviewers, admins)."""
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from assessments.access.review import require_lead, require_reviewer
from assessments.access.roles import LEAD_ROLES, has_role
from assessments.forms.review_queue import AssignForm, QueueFilterForm
from assessments.models import AssessmentState
from assessments.selectors.review import assignable_reviewers
from assessments.selectors.review_queue import (
    NEEDS_REVIEW,
    SORTS,
    default_round,
    queue_assessments,
    queue_rounds,
    queue_rows,
    state_counts,
)
from assessments.services.assignment import assessments_assign
from assessments.transitions import REVIEWABLE_STATES
from assessments.views.listing import SortHeader, page_of, sort_header
from assessments.views.refusals import run_service

# The queue's last query string, so "Back to the queue" from a review keeps the filters.
QUEUE_QUERY_SESSION_KEY = "review_queue_query"


def queue_url(request: HttpRequest) -> str:
    query = request.session.get(QUEUE_QUERY_SESSION_KEY, "")
    return reverse("review-queue") + (f"?{query}" if query else "")


@login_required
@require_safe
def queue(request: HttpRequest) -> HttpResponse:
    require_reviewer(user=request.user)
    rounds = queue_rounds()
    form = QueueFilterForm(request.GET or None, rounds=rounds)
    current = default_round(rounds)
    context = {"form": form, "rounds": rounds, "page": None, "rows": []}
    if current is None:
        return render(request, "review/queue.html", context)
    query = form.query(default_round=current)
    request.session[QUEUE_QUERY_SESSION_KEY] = request.GET.urlencode()
    page = page_of(request, queue_assessments(query=query, user=request.user))
    filters = {k: v for k, v in request.GET.items() if k not in {"page"} and v}
    can_assign = has_role(user=request.user, roles=LEAD_ROLES)
    context.update(
        query=query,
        page=page,
        rows=queue_rows(assessments=list(page.object_list), round_=query.round),
        counts=_counts(query.round),
        query_string=urlencode(filters),
        sort_links=_sort_links(filters, query),
        can_assign=can_assign,
        assign_form=AssignForm(reviewers=assignable_reviewers(), assessment_ids=[]) if can_assign else None,
    )
    return render(request, "review/queue.html", context)


def _counts(round_) -> list[dict]:
    """Each status with its count and the queue link that shows just those, "needs review" first."""
    counts = state_counts(round_=round_)
    base = {"round": round_.pk, "sort": "submitted", "order": "asc"}
    rows = [{
        "value": NEEDS_REVIEW, "label": "Needs review", "count": sum(counts.get(s, 0) for s in REVIEWABLE_STATES),
        "url": "?" + urlencode({**base, "state": NEEDS_REVIEW}),
    }]
    for state in AssessmentState:
        rows.append({
            "value": state.value, "label": state.label, "count": counts.get(state.value, 0),
            "url": "?" + urlencode({**base, "state": state.value}),
        })
    return rows


def _sort_links(filters: dict, query) -> dict[str, SortHeader]:
    """For each sortable column: its header's link and aria-sort (the template writes the labels)."""
    return {
        key: sort_header(key=key, query=filters, sorted_by=query.sort, descending=query.descending)
        for key in SORTS
    }


@login_required
@require_POST
def assign(request: HttpRequest) -> HttpResponse:
    require_lead(user=request.user)
    form = AssignForm(request.POST, reviewers=assignable_reviewers())
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(queue_url(request))
    outcome = run_service(
        request, assessments_assign, assessment_ids=form.cleaned_data["assessments"], reviewer=form.chosen_reviewer, user=request.user
    )
    if outcome.ok:
        count = len(outcome.result)
        messages.success(
            request,
            f"{count} assessment{'s' if count != 1 else ''} assigned to {form.chosen_reviewer}."
            if count
            else f"Nothing changed: the selected assessments were already assigned to {form.chosen_reviewer}.",
        )
    return redirect(queue_url(request))
