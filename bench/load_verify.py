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

from assessments.models import Answer, Moderation  # noqa: E402

BENCH = Path(__file__).resolve().parent
DATA = BENCH / "data"


def lost_writes(acks: list[dict]) -> int:
    """Acknowledged saves missing from the answer history, plus steps whose latest save is not current."""
    lost = 0
    latest: dict[tuple[int, int], str] = {}
    for ack in acks:
        if ack["kind"] == "moderation":
            lost += 0 if Moderation.history.filter(
                assessment_id=ack["assessment"], criterion__code=ack["code"], reason__contains=ack["token"]
            ).exists() else 1
            continue
        stored = Answer.history.filter(
            assessment_id=ack["assessment"], criterion__step__number=ack["step"], justification__contains=ack["token"]
        ).exists()
        lost += 0 if stored else 1
        latest[(ack["assessment"], ack["step"])] = ack["token"]
    for (assessment, step), token in latest.items():
        current = Answer.objects.filter(assessment_id=assessment, criterion__step__number=step)
        if not current.exists() or current.exclude(justification__contains=token).exists():
            lost += 1
    return lost


def summarise(run: str) -> dict:
    acks = [json.loads(line) for line in (DATA / f"acks-{run}.jsonl").read_text().splitlines() if line]
    server_errors = json.loads((DATA / f"server-errors-{run}.json").read_text())["count"]
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
    return {**total, "server_errors_500": server_errors, "acknowledged_writes": len(acks),
            "lost_writes": lost_writes(acks), "endpoints": endpoints}


def main(runs: list[str]) -> int:
    results = {run: summarise(run) for run in runs}
    report = dict(results[runs[0]])
    for run in runs[1:]:
        report[run] = results[run]
    (BENCH / "load.json").write_text(json.dumps(report, indent=2) + "\n")
    for run, figures in results.items():
        print(f"\n{run}: {figures['requests']} requests, {figures['errors']} errors "
              f"({figures['server_errors_500']} server errors), {figures['rps']} req/s, p95 {figures['p95_ms']} ms, "
              f"{figures['acknowledged_writes']} acknowledged saves, {figures['lost_writes']} lost")
        print(f"  {'endpoint':40} {'requests':>8} {'errors':>6} {'median':>7} {'p95':>7}")
        for name, e in sorted(figures["endpoints"].items()):
            print(f"  {name:40} {e['requests']:>8} {e['errors']:>6} {e['median_ms']:>7.0f} {e['p95_ms']:>7.0f}")
    return 1 if any(r["lost_writes"] or r["server_errors_500"] for r in results.values()) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["load"]))
