"""The demo sign-ins (see services/demo.py): who they are and what they may do."""
from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from assessments.models import Authority, AuthorityAccess, AuthorityAccessLevel, CentralRole, User

DEMO_PASSWORD = "levelup-demo-2026"
GREATER_MANCHESTER, WEST_MIDLANDS = "E47000001", "E47000007"


@dataclass(frozen=True)
class DemoUser:
    email: str
    full_name: str
    role: str  # as the sign-in table shows it
    central_role: str = CentralRole.NONE
    authority_code: str = ""
    access: str = ""
    admin: bool = False


DEMO_USERS = (
    DemoUser("gm.editor@example.gov.uk", "Aisha Rahman", "Editor, Greater Manchester",
             authority_code=GREATER_MANCHESTER, access=AuthorityAccessLevel.EDITOR),
    DemoUser("gm.viewer@example.gov.uk", "Tom Whitworth", "Viewer, Greater Manchester",
             authority_code=GREATER_MANCHESTER, access=AuthorityAccessLevel.VIEWER),
    DemoUser("wm.editor@example.gov.uk", "Gurpreet Sandhu", "Editor, West Midlands",
             authority_code=WEST_MIDLANDS, access=AuthorityAccessLevel.EDITOR),
    DemoUser("reviewer@example.gov.uk", "Helen Okafor", "Reviewer", central_role=CentralRole.REVIEWER),
    DemoUser("lead.reviewer@example.gov.uk", "David Marsh", "Lead reviewer", central_role=CentralRole.LEAD_REVIEWER),
    DemoUser("admin@example.gov.uk", "Sam Patel", "Admin (and Django admin)",
             central_role=CentralRole.ADMIN, admin=True),
)
# Stands behind the returns nobody in DEMO_USERS wrote; it has no password and cannot sign in.
SYSTEM_USER = DemoUser("demo.data@example.gov.uk", "Demo data (no sign-in)", "Writes the other demo returns")


@transaction.atomic
def demo_users_seed() -> tuple[dict[str, User], int, int]:
    """The demo users by email, with how many users and access rows were created."""
    codes = {spec.authority_code for spec in DEMO_USERS if spec.authority_code}
    authorities = {authority.code: authority for authority in Authority.objects.filter(code__in=codes)}
    users, created_users, created_access = {}, 0, 0
    for spec in (*DEMO_USERS, SYSTEM_USER):
        user = User.objects.filter(email=spec.email).first()
        if user is None:
            person = spec is not SYSTEM_USER
            user = User.objects.create_user(
                spec.email, DEMO_PASSWORD if person else None, full_name=spec.full_name,
                central_role=spec.central_role, is_staff=spec.admin, is_superuser=spec.admin, is_active=person,
            )
            created_users += 1
        if spec.authority_code:
            _, created = AuthorityAccess.objects.get_or_create(
                user=user, authority=authorities[spec.authority_code], defaults={"level": spec.access}
            )
            created_access += created
        users[spec.email] = user
    return users, created_users, created_access
