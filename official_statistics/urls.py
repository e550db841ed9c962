"""URLs of the official statistics pages, mounted at the site root beside the dashboards, /manage/ and /published/."""
from django.urls import path

from .views import manage, national, public

urlpatterns = [
    path("dashboards/statistics/", national.indicators_page, name="statistics-indicators"),
    path("manage/statistics/", manage.statistics_index, name="manage-statistics"),
    path("manage/statistics/upload/", manage.statistics_upload, name="manage-statistics-upload"),
    path("manage/statistics/upload/<int:pk>/confirm/", manage.statistics_confirm, name="manage-statistics-confirm"),
    path("manage/statistics/imports/<uuid:pk>/", manage.statistics_import, name="manage-statistics-import"),
    path("published/<int:pk>/statistics/", public.published_round_statistics, name="public-round-statistics"),
]
