"""After a load run: prove every acknowledged save is in the database, and summarise.

    python bench/load_verify.py RUN [RUN ...]
Reads bench/data/acks-RUN.jsonl and bench/data/load-RUN_stats.csv (locust --csv), prints
a table, writes bench/load.json (the first run at the top level, others under their name).
"""
import csv
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "levelup.settings")

import django  # noqa: E402

django.setup()

from assessments.models import Answer, AssessmentEvent, Moderation  # noqa: E402
from outbox.models import EmailStatus, OutgoingEmail  # noqa: E402

BENCH = Path(__file__).resolve().parent
DATA = BENCH / "data"


def lost_writes(acks: list[dict], resaved_later: set[tuple[int, int]]) -> int:
    """Acknowledged saves missing from the history, plus steps now holding a value older than
    their last acknowledged save.

    ``resaved_later``: steps a later run saved again, whose current value is that run's to check.
    """
    lost = 0
    latest: dict[tuple[int, int], str] = {}
    for ack in acks:
        if ack["kind"] == "decision":
            to_state = "returned" if ack["decision"] == "returned" else "approved"
            if not AssessmentEvent.objects.filter(assessment_id=ack["assessment"], to_state=to_state).exists():
                lost += 1
                print(f"  decision not recorded: {ack}")
            continue
        if ack["kind"] == "moderation":
            if not Moderation.history.filter(
                assessment_id=ack["assessment"], criterion__code=ack["code"], reason__contains=ack["token"]
            ).exists():
                lost += 1
                print(f"  moderation not in history: {ack}")
            continue
        stored = Answer.history.filter(
            assessment_id=ack["assessment"], criterion__step__number=ack["step"], justification__contains=ack["token"]
        ).exists()
        if not stored:
            lost += 1
            print(f"  not in history: {ack}")
        latest[(ack["assessment"], ack["step"])] = ack["token"]
    for (assessment, step), token in latest.items():
        if (assessment, step) in resaved_later:
            continue
        # The step's current answers must be the last acknowledged save or newer. Newer can be
        # a save that committed while the load generator was stopping and never read its reply.
        acked_at = Answer.history.filter(
            assessment_id=assessment, criterion__step__number=step, justification__contains=token
        ).order_by("answered_at").values_list("answered_at", flat=True).first()
        current = Answer.objects.filter(assessment_id=assessment, criterion__step__number=step)
        if acked_at is None or not current.exists() or current.filter(answered_at__lt=acked_at).exists():
            lost += 1
            print(f"  overwritten by an older value: assessment {assessment} step {step} token {token}")
    return lost


def email_delivery(acks: list[dict]) -> dict:
    """Each acknowledged decision must have queued one email to its editor, delivered once.

    Delivered means the SMTP sink on loopback (bench/data/smtp-sink.log) received it; its
    Message-ID is the message's idempotency key, so a message sent twice would show twice.
    """
    import re
    from collections import Counter

    decisions = [a for a in acks if a["kind"] == "decision"]
    received = Counter(re.findall(r"Message-ID: <([0-9a-f-]{36})@", (DATA / "smtp-sink.log").read_text()))
    emails = OutgoingEmail.objects.filter(
        kind__in=["returned", "approved"], to_address__in=[a["editor"] for a in decisions]
    )
    expected = {(a["editor"], a["decision"]) for a in decisions}
    queued = {(e.to_address, e.kind): e for e in emails}
    return {
        "decisions": len(decisions),
        "emails_queued": emails.count(),
        "emails_missing": len(expected - set(queued)),
        "emails_sent": emails.filter(status=EmailStatus.SENT).count(),
        "emails_not_delivered": emails.exclude(status=EmailStatus.SENT).count(),
        "emails_received_by_smtp": sum(1 for e in emails if received[str(e.idempotency_key)]),
        "emails_received_twice": sum(1 for e in emails if received[str(e.idempotency_key)] > 1),
        "emails_retried": emails.filter(attempts__gt=1).count(),
        "most_tries": max((e.attempts for e in emails), default=0),
    }


def read_acks(run: str) -> list[dict]:
    return [json.loads(line) for line in (DATA / f"acks-{run}.jsonl").read_text().splitlines() if line]


def step_keys(acks: list[dict]) -> set[tuple[int, int]]:
    return {(a["assessment"], a["step"]) for a in acks if a["kind"] == "answers"}


SIGNING_IN = ("sign-in", "second factor")  # password hashing and the code: slow on purpose, once per person


def _p95(values: list[float]) -> float | None:
    """Nearest rank, as the benchmarks."""
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))], 1) if ordered else None


def signed_in_p95s(run: str) -> tuple[float | None, float | None]:
    """(p95 of every request but signing in, the same once the last person has signed in).

    The first is the issue's measure of the service in use; the second leaves out the
    first seconds, when 50 people's password checks (slow on purpose) fill both cores.
    """
    path = DATA / f"times-{run}.json"
    if not path.exists():
        return None, None
    times = json.loads(path.read_text())
    signing_in = [ended for name, _ms, ended in times if name.endswith(SIGNING_IN)]
    last_sign_in = max(signing_in, default=0)
    in_use = [(ms, ended) for name, ms, ended in times if not name.endswith(SIGNING_IN)]
    return _p95([ms for ms, _ in in_use]), _p95([ms for ms, ended in in_use if ended > last_sign_in])


def summarise(run: str, resaved_later: set[tuple[int, int]]) -> dict:
    acks = read_acks(run)
    problems = json.loads((DATA / f"server-errors-{run}.json").read_text())
    server_errors = problems["count"]
    endpoints = {}
    total = None
    with (DATA / f"load-{run}_stats.csv").open() as handle:
        for row in csv.DictReader(handle):
            figures = {
                "requests": int(row["Request Count"]),
                "errors": int(row["Failure Count"]),
                "rps": round(float(row["Requests/s"]), 1),
                "median_ms": float(row["Median Response Time"]),
                "p95_ms": float(row["95%"]),
            }
            if row["Name"] == "Aggregated":
                total = figures
            else:
                endpoints[f'{row["Type"]} {row["Name"]}'] = figures
    saves = sum(1 for ack in acks if ack["kind"] == "answers")
    in_use, after_sign_in = signed_in_p95s(run)
    return {**total, "p95_ms_signed_in": in_use, "p95_ms_after_everyone_signed_in": after_sign_in,
            "server_errors_500": server_errors, "script_exceptions": problems["locust_exceptions"],
            "acknowledged_writes": len(acks), "acknowledged_step_saves": saves,
            "lost_writes": lost_writes(acks, resaved_later), "email": email_delivery(acks), "endpoints": endpoints}


def main(runs: list[str]) -> int:
    results = {}
    for position, run in enumerate(runs):
        later = set().union(*(step_keys(read_acks(other)) for other in runs[position + 1:]))
        results[run] = summarise(run, later)
    report = dict(results[runs[0]])
    for run in runs[1:]:
        report[run] = results[run]
    (BENCH / "load.json").write_text(json.dumps(report, indent=2) + "\n")
    for run, figures in results.items():
        print(f"\n{run}: {figures['requests']} requests, {figures['errors']} errors "
              f"({figures['server_errors_500']} server errors), {figures['rps']} req/s, p95 {figures['p95_ms']} ms "
              f"(signing in excluded: {figures['p95_ms_signed_in']} ms; once everyone had signed in: "
              f"{figures['p95_ms_after_everyone_signed_in']} ms), "
              f"{figures['acknowledged_writes']} acknowledged saves ({figures['acknowledged_step_saves']} step saves), "
              f"{figures['lost_writes']} lost, {figures['script_exceptions']} load-script exceptions")
        mail = figures["email"]
        print(f"  email: {mail['decisions']} decisions, {mail['emails_queued']} queued, {mail['emails_sent']} sent, "
              f"{mail['emails_received_by_smtp']} received by the SMTP sink ({mail['emails_received_twice']} twice), "
              f"{mail['emails_missing']} missing, {mail['emails_not_delivered']} not delivered, "
              f"{mail['emails_retried']} retried (most tries {mail['most_tries']})")
        print(f"  {'endpoint':40} {'requests':>8} {'errors':>6} {'median':>7} {'p95':>7}")
        for name, e in sorted(figures["endpoints"].items()):
            print(f"  {name:40} {e['requests']:>8} {e['errors']:>6} {e['median_ms']:>7.0f} {e['p95_ms']:>7.0f}")
    failed = any(
        r["lost_writes"] or r["server_errors_500"] or r["script_exceptions"] or not r["acknowledged_step_saves"]
        or r["email"]["emails_missing"] or r["email"]["emails_not_delivered"] or r["email"]["emails_received_twice"]
        or r["email"]["emails_received_by_smtp"] != r["email"]["emails_queued"]
        for r in results.values()
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["load"]))
