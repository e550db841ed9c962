"""Another app process for tests/dashboards/test_rollup_cache.py: reads the overview as an admin.

    python tests/dashboards/overview_reader.py ROUND_ID USER_ID

Prints JSON: the step 1 score of every counted row.
"""
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "levelup.test_settings")

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

from assessments.models import User  # noqa: E402
from tests.second_factor import install_verified_force_login  # noqa: E402


def main(round_id: int, user_id: int) -> None:
    setup_test_environment()
    install_verified_force_login()
    client = Client()
    client.force_login(User.objects.get(pk=user_id))
    response = client.get(reverse("dashboard-round", args=[round_id]))
    assert response.status_code == 200, response.status_code
    scores = [str(row.step_score(1)) for row in response.context["page"].object_list]
    print(json.dumps(scores))


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
