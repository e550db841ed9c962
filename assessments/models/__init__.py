from .users import AuthorityAccess, AuthorityAccessLevel, CentralRole, User
from .authorities import Authority, AuthorityKind, Constituent, Landscape, LocalAuthority
from .framework import Criterion, Framework, FrameworkStatus, Step
from .rounds import Answer, Assessment, AssessmentState, Round, RoundState

__all__ = [
    "Answer",
    "Assessment",
    "AssessmentState",
    "Authority",
    "AuthorityAccess",
    "AuthorityAccessLevel",
    "AuthorityKind",
    "CentralRole",
    "Constituent",
    "Criterion",
    "Framework",
    "FrameworkStatus",
    "Landscape",
    "LocalAuthority",
    "Round",
    "RoundState",
    "Step",
    "User",
]
