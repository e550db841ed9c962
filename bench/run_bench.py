"""Benchmark the dashboards and other heavy pages on seeded data (``make bench``).

    DATABASE_URL=... .venv/bin/python bench/run_bench.py [--repeat 20]

Expects ``manage.py seed_bench`` to have run. Requests go through Django's test client
(server-side time only: URL routing, views, queries, templates; no network), with
production settings (DEBUG off). For each page: median and p95 of the repeated requests,
and the number of queries one request makes. Prints a table, writes docs/benchmarks.md
and bench/results.json.
"""
import argparse
import json
import os
import platform
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "levelup.test_settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402

from assessments.models import Answer, Assessment, Authority, Moderation, Round, User  # noqa: E402

TARGETS_MS = {"National overview": 200}
DEFAULT_TARGET_MS = 300
EXPORT_TARGET_S = 10


def fetch(client: Client, url: str) -> int:
    response = client.get(url)
    size = 0
    if response.streaming:
        for chunk in response.streaming_content:
            size += len(chunk)
    else:
        size = len(response.content)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    return size


def measure(client: Client, url: str, repeat: int) -> dict:
    fetch(client, url)  # warm up caches (templates, query plans)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fetch(client, url)
        times.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        fetch(client, url)
    times.sort()
    p95 = times[min(len(times) - 1, max(0, round(0.95 * len(times)) - 1))]
    return {"median_ms": round(statistics.median(times), 1), "p95_ms": round(p95, 1), "queries": len(queries),
            "url": url, "requests": repeat}


def export_memory(client: Client, url: str) -> float:
    """Peak Python memory (MB) allocated while streaming the export once."""
    tracemalloc.start()
    fetch(client, url)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return round(peak / 1_000_000, 1)


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "unknown")
    mem_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal"))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            db = f"PostgreSQL {cursor.fetchone()[0]}"
        else:
            db = f"{connection.vendor} {connection.Database.sqlite_version}"
    return {"cpus": os.cpu_count(), "memory_gb": round(mem_kb / 1_048_576, 1), "cpu": cpu, "database": db,
            "python": platform.python_version()}


def pages() -> dict[str, str]:
    rounds = list(Round.objects.filter(name__startswith="Bench round").order_by("-opens_on"))
    if len(rounds) < 1:
        raise SystemExit("No bench data: run manage.py seed_bench first.")
    latest = rounds[0]
    earlier = rounds[1] if len(rounds) > 1 else None
    assessment = Assessment.objects.filter(round=latest, answers__isnull=False).order_by("authority__name").first()
    found = {
        "National overview": reverse("dashboard-round", args=[latest.pk]),
        "Step view": reverse("dashboard-step", args=[latest.pk, 3]),
        "Authority profile": reverse("dashboard-authority", args=[assessment.authority_id]) + f"?round={latest.pk}",
        "Round comparison": (reverse("dashboard-compare") + f"?before={earlier.pk}&after={latest.pk}") if earlier else None,
        "Review queue": None,
        "Assessment page (results)": reverse("assessment-results", args=[assessment.pk]),
        "CSV export (full round)": reverse("dashboard-export-csv", args=[latest.pk]),
        "Official statistics by authority (sorted, scatter)": reverse("statistics-indicators") + "?sort=gross-value-added-per-hour-worked&order=desc"
        f"&indicator=gross-value-added-per-hour-worked&round={latest.pk}",
    }
    try:
        found["Review queue"] = reverse("review-queue")
    except NoReverseMatch:
        pass
    return found


def write_report(results: dict, info: dict, sizes: dict, extra: dict) -> str:
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (bench/run_bench.py): server-side latency through Django's test client",
        "with production settings (DEBUG off) on data from `manage.py seed_bench`. Figures are per request,",
        "after one warm-up request; queries are counted on one further request.",
        "",
        f"- Machine: {info['cpus']} CPUs ({info['cpu']}), {info['memory_gb']} GB memory; Python {info['python']}",
        f"- Database: {info['database']}",
        f"- Data: {sizes['authorities']:,} authorities, {sizes['rounds']} rounds, {sizes['assessments']:,} assessments, "
        f"{sizes['answers']:,} answers, {sizes['moderations']:,} moderations",
        f"- Run: {time.strftime('%Y-%m-%d %H:%M %Z')}; load average (1 min) {extra.pop('load_before')} before and "
        f"{extra.pop('load_after')} after: other work on the machine inflates every figure",
        "",
        "| Page | Median (ms) | p95 (ms) | Queries | Target p95 | Met |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for page, row in results.items():
        if row is None:
            lines.append(f"| {page} | – | – | – | – | missing: no URL named review-queue yet |")
            continue
        if page.startswith("CSV export"):
            target = f"{EXPORT_TARGET_S} s"
            met = row["p95_ms"] < EXPORT_TARGET_S * 1000
        else:
            target_ms = TARGETS_MS.get(page, DEFAULT_TARGET_MS)
            target = f"{target_ms} ms"
            met = row["p95_ms"] < target_ms
        lines.append(f"| {page} | {row['median_ms']} | {row['p95_ms']} | {row['queries']} | {target} | {'yes' if met else 'NO'} |")
    lines += ["", "Exports:", ""]
    lines += [f"- {key}: {value}" for key, value in extra.items()]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--export-repeat", type=int, default=3)
    args = parser.parse_args()

    load_before = f"{os.getloadavg()[0]:.1f}"
    admin = User.objects.get(email="bench.admin@example.gov.uk")
    # Central staff must pass a second factor: sign the bench admin in as having passed it, as the tests do.
    from tests.second_factor import install_verified_force_login

    install_verified_force_login()
    client = Client()
    client.force_login(admin)
    results = {}
    for page, url in pages().items():
        if url is None:
            results[page] = None
            print(f"{page:28} missing (no URL yet)", flush=True)
            continue
        repeat = args.export_repeat if page.startswith("CSV") else args.repeat
        results[page] = measure(client, url, repeat)
        row = results[page]
        print(f"{page:28} median {row['median_ms']:8.1f} ms  p95 {row['p95_ms']:8.1f} ms  {row['queries']:3d} queries",
              flush=True)

    latest = Round.objects.filter(name__startswith="Bench round").order_by("-opens_on").first()
    csv_url = reverse("dashboard-export-csv", args=[latest.pk])
    xlsx_url = reverse("dashboard-export-xlsx", args=[latest.pk])
    started = time.perf_counter()
    xlsx_bytes = fetch(client, xlsx_url)
    xlsx_s = time.perf_counter() - started
    extra = {
        "CSV export rows": f"{latest.assessments.count():,} authorities x 24 criteria",
        "CSV export peak Python memory (tracemalloc)": f"{export_memory(client, csv_url)} MB",
        "XLSX export of the same round": f"{xlsx_s:.1f} s, {xlsx_bytes / 1_000_000:.1f} MB file",
        "XLSX export peak Python memory (tracemalloc)": f"{export_memory(client, xlsx_url)} MB",
    }
    for key, value in extra.items():
        print(f"{key}: {value}")
    extra["load_before"], extra["load_after"] = load_before, f"{os.getloadavg()[0]:.1f}"

    bench_rounds = Round.objects.filter(name__startswith="Bench round")
    sizes = {
        "authorities": Authority.objects.filter(name__startswith="Bench authority").count(),
        "rounds": bench_rounds.count(),
        "assessments": Assessment.objects.filter(round__in=bench_rounds).count(),
        "answers": Answer.objects.filter(assessment__round__in=bench_rounds).count(),
        "moderations": Moderation.objects.filter(assessment__round__in=bench_rounds).count(),
    }
    info = machine()
    report = write_report(results, info, sizes, extra)
    (ROOT / "docs").mkdir(exist_ok=True)
    (ROOT / "docs" / "benchmarks.md").write_text(report)
    output = {page: (None if row is None else {k: row[k] for k in ("median_ms", "p95_ms", "queries")})
              for page, row in results.items()}
    (ROOT / "bench" / "results.json").write_text(json.dumps(output, indent=2) + "\n")
    print()
    print(report)


if __name__ == "__main__":
    main()
