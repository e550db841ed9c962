from django.urls import path

from . import views

urlpatterns = [
    path("feedback/", views.feedback, name="feedback"),
    path("feedback/sent/", views.feedback_sent, name="feedback-sent"),
    path("manage/feedback/", views.feedback_index, name="manage-feedback"),
    path("manage/feedback.csv", views.feedback_csv, name="manage-feedback-csv"),
]
