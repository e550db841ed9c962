from .users import AuthorityAccess, AuthorityAccessLevel, CentralRole, User
from .authorities import Authority, AuthorityKind, Constituent, Landscape, LocalAuthority
from .authorities import NO_TIER, AuthorityLink, LinkKind, StrategicTier, TierPeriod
from .framework import Criterion, Framework, FrameworkStatus, Step
from .rounds import Answer, Assessment, AssessmentState, Round, RoundState
from .review import AssessmentEvent, Moderation, ReminderKind, ReminderSent, ReviewComment
from .review import CommentReply, InternalNote, Submission
from .people import Invitation
from .summary import AssessmentScore, RoundScoresVersion
from .kept import KeptStepInput

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
