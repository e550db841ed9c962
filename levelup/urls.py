from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("assessments.urls")),
    path("django-admin/", admin.site.urls),
    path("api/", include("api.urls")),
    path("account/api-tokens/", include("api.urls_account")),
]

# A lost database connection shows "service unavailable" (503), anything else the 500 page.
handler500 = "assessments.views.errors.server_error"
