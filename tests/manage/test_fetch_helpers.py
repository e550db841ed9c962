"""The /manage/ fetch helpers: admins only, and a child object must belong to the parent in its address."""
import ast
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from assessments.access.manage import (
    access_criterion_to_manage,
    access_grant_to_manage,
    access_step_to_manage,
    access_tier_period_to_manage,
)
from tests.factories import FrameworkFactory, framework_with_criteria

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
# Every app's views: a view module is one ``views.py`` or a ``views/`` package.
VIEW_MODULES = sorted(
    [*ROOT.glob("*/views/*.py"), *ROOT.glob("*/views.py")],
)
assert len(VIEW_MODULES) > 20  # the glob found the project's views, not nothing


@pytest.mark.parametrize("module", VIEW_MODULES, ids=lambda path: str(path.relative_to(ROOT)))
def test_views_fetch_through_helpers_not_models(module):
    """Views call access helpers or selectors; they never fetch a model object themselves."""
    tree = ast.parse(module.read_text())
    fetched = [
        node.lineno
        for node in ast.walk(tree)
        if (isinstance(node, ast.Name) and node.id in {"get_object_or_404", "get_list_or_404"})
        or (isinstance(node, ast.Attribute) and node.attr == "objects")
    ]
    assert fetched == [], f"{module.name} lines {fetched}"


def test_a_step_or_criterion_of_another_framework_is_not_found(people):
    framework = framework_with_criteria()
    other = FrameworkFactory()
    criterion = framework.steps.get(number=1).criteria.first()
    admin = people["admin"]
    assert access_step_to_manage(user=admin, framework_pk=framework.pk, number=1).framework == framework
    with pytest.raises(Http404):
        access_step_to_manage(user=admin, framework_pk=other.pk, number=1)
    with pytest.raises(Http404):
        access_criterion_to_manage(user=admin, framework_pk=other.pk, criterion_pk=criterion.pk)


def test_an_access_grant_or_period_of_someone_else_is_not_found(people, access_row, other_authority):
    admin = people["admin"]
    with pytest.raises(Http404):
        access_grant_to_manage(user=admin, person_pk=people["viewer"].pk, access_pk=access_row.pk)
    with pytest.raises(Http404):
        access_tier_period_to_manage(user=admin, authority_pk=other_authority.pk, period_pk=0)


@pytest.mark.parametrize("role", ["editor", "reviewer", "lead_reviewer"])
def test_only_admins_get_anything(people, access_row, role):
    with pytest.raises(PermissionDenied):
        access_grant_to_manage(user=people[role], person_pk=people["editor"].pk, access_pk=access_row.pk)
