"""python manage.py refresh_scores [--round ID]: recompute the stored results of assessments.

Run once after deploying the AssessmentScore table (its migration cannot compute scores),
and after any change to answers or moderations made outside the service (a data fix in
the database shell, a restore). Safe to run at any time and as often as needed.
"""
from django.core.management.base import BaseCommand, CommandError

from assessments.models import Round
from assessments.services.scores import round_scores_refresh


class Command(BaseCommand):
    help = "Recompute every assessment's stored scores from its answers and moderations (one round with --round)."

    def add_arguments(self, parser):
        parser.add_argument("--round", type=int, dest="round_id", help="Only this round (its id).")

    def handle(self, *args, round_id: int | None = None, **options):
        rounds = Round.objects.order_by("opens_on", "pk")
        if round_id is not None:
            rounds = rounds.filter(pk=round_id)
            if not rounds.exists():
                raise CommandError(f"There is no round with id {round_id}.")
        total = 0
        for round_ in rounds:
            count = round_scores_refresh(round_=round_)
            total += count
            self.stdout.write(f"{round_.name}: {count} assessments refreshed")
        self.stdout.write(self.style.SUCCESS(f"Done: {total} assessments refreshed"))
