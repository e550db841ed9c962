from django.urls import path

from assessments.views import (
    dashboards,
    dashboards_compare,
    dashboards_exports,
    dashboards_profile,
    dashboards_publish,
)

urlpatterns = [
    path("", dashboards.overview_page, name="dashboard-overview"),
    path("rounds/<int:pk>/", dashboards.overview_page, name="dashboard-round"),
    path("rounds/<int:pk>/steps/<int:number>/", dashboards.step_page, name="dashboard-step"),
    path("rounds/<int:pk>/criteria.csv", dashboards_exports.criteria_csv_download, name="dashboard-export-csv"),
    path("rounds/<int:pk>/step-scores.csv", dashboards_exports.steps_csv_download, name="dashboard-export-steps-csv"),
    path("rounds/<int:pk>/export.xlsx", dashboards_exports.xlsx_download, name="dashboard-export-xlsx"),
    path("rounds/<int:pk>/publish/", dashboards_publish.publish, name="dashboard-publish"),
    path("rounds/<int:pk>/publish/preview/", dashboards_publish.publish_preview_page, name="dashboard-publish-preview"),
    path("rounds/<int:pk>/unpublish/", dashboards_publish.unpublish, name="dashboard-unpublish"),
    path("authorities/<int:pk>/", dashboards_profile.profile_page, name="dashboard-authority"),
    path("assessments/<int:pk>/print/", dashboards_profile.print_page, name="dashboard-print"),
    path("compare/", dashboards_compare.compare_page, name="dashboard-compare"),
]
