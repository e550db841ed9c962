from django.urls import include, path

from assessments.views import assessment, auth, health, previous_round, replies, session, start, steps

urlpatterns = [
    path("", start.start, name="start"),
    path("healthz", health.healthz, name="healthz"),
    path("sign-in/", auth.SignInView.as_view(), name="login"),
    path("sign-out/", auth.SignOutView.as_view(), name="logout"),
    path("session/keep-alive/", session.keep_alive, name="session-keep-alive"),
    path("assessments/<int:pk>/", assessment.task_list, name="assessment-task-list"),
    path("assessments/<int:pk>/steps/<int:number>/", steps.step_edit, name="assessment-step"),
    path("assessments/<int:pk>/check/", assessment.check_answers, name="assessment-check"),
    path("assessments/<int:pk>/submit/", assessment.submit, name="assessment-submit"),
    path("assessments/<int:pk>/submitted/", assessment.submitted, name="assessment-submitted"),
    path("assessments/<int:pk>/results/", assessment.results, name="assessment-results"),
    path("assessments/<int:pk>/notes/<int:comment_pk>/reply/", replies.reply, name="assessment-note-reply"),
    path("assessments/<int:pk>/start-from-previous/", previous_round.copy_previous, name="assessment-copy-previous"),
    path("review/", include("assessments.urls_review")),
    path("dashboards/", include("assessments.urls_dashboards")),
    path("manage/", include("assessments.urls_manage")),
    path("", include("assessments.urls_accounts")),  # /account/...
    path("published/", include("assessments.urls_public")),
]
