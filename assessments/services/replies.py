"""An official's reply to a reviewer's note, while the assessment is back with the authority."""
from django.db import transaction

from assessments.models import CommentReply, ReviewComment, User
from assessments.models.review import NOTE_MAX_LENGTH

from .answers import assessment_lock_for_edit
from .errors import ActionRefused


@transaction.atomic
def comment_reply_add(*, comment: ReviewComment, user: User, body: str) -> CommentReply:
    """Editors reply while they may change the answers (returned, round open); reviewers see it on resubmission."""
    body = body.strip()
    if not body:
        raise ActionRefused("Enter your reply.")
    if len(body) > NOTE_MAX_LENGTH:
        raise ActionRefused(f"Your reply must be {NOTE_MAX_LENGTH:,} characters or fewer.")
    assessment_lock_for_edit(assessment=comment.assessment, user=user)
    return CommentReply.objects.create(comment=comment, author=user, body=body)
