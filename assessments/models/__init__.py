from .authorities import (
    NO_TIER,
    Authority,
    AuthorityKind,
    AuthorityLink,
    Constituent,
    Landscape,
    LinkKind,
    LocalAuthority,
    StrategicTier,
    TierPeriod,
)
from .framework import Criterion, Framework, FrameworkStatus, Step
from .kept import KeptStepInput
from .people import Invitation
from .review import (
    AssessmentEvent,
    CommentReply,
    InternalNote,
    Moderation,
    ReminderKind,
    ReminderSent,
    ReviewComment,
    Submission,
)
from .rounds import Answer, Assessment, AssessmentState, Round, RoundState
from .summary import AssessmentScore, RoundScoresVersion
from .users import AuthorityAccess, AuthorityAccessLevel, CentralRole, User

__all__ = [
    "NO_TIER",
    "Answer",
    "Assessment",
    "AssessmentEvent",
    "AssessmentScore",
    "AssessmentState",
    "Authority",
    "AuthorityAccess",
    "AuthorityAccessLevel",
    "AuthorityKind",
    "AuthorityLink",
    "LinkKind",
    "StrategicTier",
    "TierPeriod",
    "CommentReply",
    "CentralRole",
    "Constituent",
    "Criterion",
    "Framework",
    "Invitation",
    "KeptStepInput",
    "InternalNote",
    "FrameworkStatus",
    "Landscape",
    "LocalAuthority",
    "Moderation",
    "ReminderKind",
    "ReminderSent",
    "ReviewComment",
    "Round",
    "RoundScoresVersion",
    "RoundState",
    "Step",
    "Submission",
    "User",
]
