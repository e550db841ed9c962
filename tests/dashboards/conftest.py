"""Fixtures for dashboard tests (the builders they share with other tests are in tests/builders.py)."""
import datetime

import pytest
from django.utils import timezone


@pytest.fixture
def yesterday():
    return timezone.now() - datetime.timedelta(days=1)
