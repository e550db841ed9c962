"""An official replies to a reviewer's note on a returned assessment."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from assessments.access import access_comment_for_reply
from assessments.forms.review import ReplyForm
from assessments.services.replies import comment_reply_add
from assessments.views.refusals import run_service


@login_required
def reply(request: HttpRequest, pk: int, comment_pk: int) -> HttpResponse:
    comment = access_comment_for_reply(user=request.user, pk=pk, comment_pk=comment_pk)
    criterion = comment.criterion
    form = ReplyForm(request.POST or None, code=criterion.code if criterion else "")
    if criterion is not None:
        back = reverse("assessment-step", args=[pk, criterion.step.number]) + f"#notes-{criterion.slug}"
    else:
        back = reverse("assessment-task-list", args=[pk])
    status = 200
    extra_errors = []
    if request.method == "POST":
        status = 400
        if form.is_valid():
            outcome = run_service(form, comment_reply_add, comment=comment, user=request.user, body=form.cleaned_data["body"])
            if outcome.ok:
                messages.success(request, "Reply saved. The reviewer will see it when you resubmit.")
                return redirect(back)
            status = 409
            extra_errors = outcome.details
    context = {
        "assessment": comment.assessment, "comment": comment, "criterion": criterion, "form": form, "back": back,
        "extra_errors": extra_errors,
    }
    return render(request, "assessments/reply.html", context, status=status)
