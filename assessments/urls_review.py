from django.urls import path

from assessments.views import review, review_activity, review_queue

urlpatterns = [
    path("", review_queue.queue, name="review-queue"),
    path("assign/", review_queue.assign, name="review-assign"),
    path("assessments/<int:pk>/", review.assessment, name="review-assessment"),
    path("assessments/<int:pk>/criteria/<str:code>/", review.criterion, name="review-criterion"),
    path("assessments/<int:pk>/criteria/<str:code>/moderate/", review.moderate, name="review-moderate"),
    path(
        "assessments/<int:pk>/criteria/<str:code>/remove-moderation/",
        review.remove_moderation,
        name="review-moderation-remove",
    ),
    path(
        "assessments/<int:pk>/criteria/<str:code>/confirm-moderation/",
        review.confirm_moderation,
        name="review-moderation-confirm",
    ),
    path("assessments/<int:pk>/comments/", review.comment, name="review-comment"),
    path("assessments/<int:pk>/start/", review.start_review, name="review-start"),
    path("assessments/<int:pk>/assign-to-me/", review.assign_self, name="review-assign-self"),
    path("assessments/<int:pk>/return/", review.return_for_changes, name="review-return"),
    path("assessments/<int:pk>/approve/", review.approve, name="review-approve"),
    path("assessments/<int:pk>/activity/", review_activity.activity, name="review-activity"),
    path("assessments/<int:pk>/activity.csv", review_activity.activity_csv_download, name="review-activity-csv"),
]
