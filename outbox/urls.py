from django.urls import path

from . import views

urlpatterns = [
    path("", views.undelivered, name="manage-emails"),
    path("retry/", views.retry_all, name="manage-emails-retry-all"),
    path("<int:pk>/retry/", views.retry, name="manage-email-retry"),
]
