from django.urls import path

from . import views

urlpatterns = [
    path("rounds/<int:pk>/xlsx/", views.request_round_xlsx, name="download-prepare-round-xlsx"),
    path("<uuid:pk>/", views.status, name="download-status"),
    path("<uuid:pk>/file/", views.file, name="download-file"),
]
