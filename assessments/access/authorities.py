from django.db.models import QuerySet

from assessments.models import Authority, AuthorityAccess, AuthorityAccessLevel, User


def user_authority_levels(*, user: User) -> dict[int, str]:
    """authority id -> access level ("editor"/"viewer") for a local official. Cached per user object."""
    cached = getattr(user, "_authority_levels", None)
    if cached is None:
        cached = dict(AuthorityAccess.objects.filter(user=user).values_list("authority_id", "level"))
        user._authority_levels = cached
    return cached


def can_view_authority(*, user: User, authority_id: int) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_central or authority_id in user_authority_levels(user=user)


def is_editor_of(*, user: User, authority_id: int) -> bool:
    return user_authority_levels(user=user).get(authority_id) == AuthorityAccessLevel.EDITOR


def authorities_visible_to(*, user: User) -> QuerySet[Authority]:
    if user.is_central:
        return Authority.objects.all()
    return Authority.objects.filter(people__user=user)
