from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("assessments.urls")),
    path("", include("second_factor.urls")),
    path("", include("official_statistics.urls")),
    path("", include("service_pages.urls")),  # help, accessibility, privacy, cookies, contact
    path("", include("feedback.urls")),
    path("manage/emails/", include("outbox.urls")),
    path("downloads/", include("downloads.urls")),
    path("evidence/", include("evidence.urls")),  # evidence library and document downloads (issue 18)
    path("django-admin/", admin.site.urls),
    path("api/", include("api.urls")),
    path("account/api-tokens/", include("api.urls_account")),
]

# A lost database connection shows "service unavailable" (503), anything else the 500 page.
handler500 = "assessments.views.errors.server_error"
