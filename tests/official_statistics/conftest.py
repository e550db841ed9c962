import pytest
from django.core.management import call_command

from tests.factories import AuthorityFactory, framework_with_criteria  # noqa: F401

from .helpers import copy_shipped


@pytest.fixture
def gva_loaded(db, tmp_path):
    """The real gross-value-added folder, loaded through the command."""
    call_command("load_statistics", str(copy_shipped(tmp_path, "gross-value-added")), verbosity=0)
