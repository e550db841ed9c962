"""Benchmark the dashboards and other heavy pages on seeded data (``make bench``).

    DATABASE_URL=... .venv/bin/python bench/run_bench.py [--repeat 20]

Expects ``manage.py seed_bench`` to have run. Requests go through Django's test client
(server-side time only: URL routing, views, queries, templates; no network), with
production settings (DEBUG off) and the shared cache (the database cache) as deployed.
For each page: median and p95 of the repeated requests warm, and of the first request
after a score changed in the round (cold: a moderation changed through the service just
before each sample, so the round's cached roll-ups are stale), the number of queries
and the time spent in SQL per request (the floor under the page time). Prints a table,
writes docs/benchmarks-latest.md and bench/results.json (docs/benchmarks.md is the profile
and the history, written by hand from these).
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

WARM_TARGET_MS = 100  # p95, issue #14
COLD_TARGET_MS = 150  # p95 of the first request after a score changed in the round
XLSX_BUILD = "XLSX export (full round, built by the background worker)"
EXPORT_TARGETS_S = {"CSV export (full round)": 1, XLSX_BUILD: 3}


class SqlTimer:
    """``connection.execute_wrapper`` adding up the time spent in the database."""

    def __init__(self):
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started


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


def p95(values: list[float]) -> float:
    """The 95th percentile (nearest rank): with 20 or more samples, never simply the slowest one."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]


def timed(client: Client, url: str) -> tuple[float, float]:
    """(page ms, SQL ms) of one request."""
    sql = SqlTimer()
    with connection.execute_wrapper(sql):
        started = time.perf_counter()
        fetch(client, url)
        elapsed = time.perf_counter() - started
    return elapsed * 1000, sql.seconds * 1000


def measure(client: Client, url: str, repeat: int, cold_repeat: int, change) -> dict:
    fetch(client, url)  # warm up caches (templates, query plans, the roll-up cache)
    warm = [timed(client, url) for _ in range(repeat)]
    cold = []
    for _ in range(cold_repeat):
        change()  # a score changes in the round: the next request finds its roll-ups stale
        cold.append(timed(client, url))
    with CaptureQueriesContext(connection) as queries:
        fetch(client, url)
    row = {"url": url, "requests": repeat, "queries": len(queries),
           "median_ms": round(statistics.median(t for t, _ in warm), 1), "p95_ms": round(p95([t for t, _ in warm]), 1),
           "sql_median_ms": round(statistics.median(q for _, q in warm), 1)}
    if cold:
        row.update({"cold_requests": len(cold), "cold_median_ms": round(statistics.median(t for t, _ in cold), 1),
                    "cold_p95_ms": round(p95([t for t, _ in cold]), 1),
                    "cold_sql_median_ms": round(statistics.median(q for _, q in cold), 1)})
    return row


def score_changer(round_: Round, user: User):
    """A function that changes one moderated score in ``round_`` through the service (a real score write)."""
    from assessments.models import AssessmentState, Criterion
    from assessments.services.moderation import moderation_set

    assessment = (Assessment.objects.filter(round=round_, state__in=[AssessmentState.SUBMITTED, AssessmentState.IN_REVIEW])
                  .order_by("pk").first())
    if assessment is None:
        return lambda: None
    criterion = Criterion.objects.filter(step__framework_id=round_.framework_id).order_by("step__number", "position").first()
    levels = iter(range(10**9))

    def change():
        moderation_set(assessment=assessment, criterion=criterion, user=user, reason="Benchmark: a score changes.",
                       score=next(levels) % 5)
    return change


def _build_xlsx(round_: Round) -> int:
    """The worker's builder (``write_round_xlsx``) for the whole round, into a temporary file; its size."""
    import tempfile

    from assessments.exports.rounds import write_round_xlsx
    from assessments.selectors.dashboards_overview import OverviewFilters

    with tempfile.TemporaryFile(suffix=".xlsx") as file:
        write_round_xlsx(file, round_=round_, filters=OverviewFilters.from_query({}), generated_by="Benchmark")
        return file.tell()


def measure_xlsx_build(round_: Round, repeat: int) -> tuple[dict, dict]:
    """(timing row, facts): the full-round XLSX as the background worker builds it."""
    _build_xlsx(round_)
    samples = []
    for _ in range(repeat):
        sql = SqlTimer()
        with connection.execute_wrapper(sql):
            started = time.perf_counter()
            size = _build_xlsx(round_)
            samples.append(((time.perf_counter() - started) * 1000, sql.seconds * 1000))
    with CaptureQueriesContext(connection) as queries:
        _build_xlsx(round_)
    tracemalloc.start()
    _build_xlsx(round_)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    row = {"url": "(background task)", "requests": repeat, "queries": len(queries),
           "median_ms": round(statistics.median(t for t, _ in samples), 1), "p95_ms": round(p95([t for t, _ in samples]), 1),
           "sql_median_ms": round(statistics.median(q for _, q in samples), 1)}
    facts = {"XLSX export file": f"{size / 1_000_000:.1f} MB",
             "XLSX export peak Python memory (tracemalloc)": f"{round(peak / 1_000_000, 1)} MB"}
    return row, facts


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
        "Authority profile (with its official statistics section)": reverse("dashboard-authority", args=[assessment.authority_id]) + f"?round={latest.pk}",
        "Round comparison": (reverse("dashboard-compare") + f"?before={earlier.pk}&after={latest.pk}") if earlier else None,
        "Review queue": None,
        "Assessment page (results)": reverse("assessment-results", args=[assessment.pk]),
        "Official statistics by authority": reverse("statistics-indicators") + f"?round={latest.pk}",
        "Official statistics by authority (sorted, scatter)": reverse("statistics-indicators") + "?sort=gross-value-added-per-hour-worked&order=desc"
        f"&indicator=gross-value-added-per-hour-worked&round={latest.pk}",
        "CSV export (full round)": reverse("dashboard-export-csv", args=[latest.pk]),
        # Above the size threshold the request only offers to prepare the file (timed here); the
        # build itself is timed separately (``measure_xlsx_build``), as the worker runs it.
        "XLSX export request (offers the background build)": reverse("dashboard-export-xlsx", args=[latest.pk]),
    }
    try:
        found["Review queue"] = reverse("review-queue")
    except NoReverseMatch:
        pass
    return found


def _met(value, target) -> str:
    return "yes" if value < target else "NO"


def write_report(results: dict, info: dict, sizes: dict, extra: dict, run: dict) -> str:
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (bench/run_bench.py): server-side latency through Django's test client",
        "with production settings (DEBUG off) on data from `manage.py seed_bench`, with the shared cache as",
        "deployed by default (Django's database cache). **Warm**: repeated requests after one warm-up.",
        "**Cold**: the first request after a moderation changed through the service in the same round, so",
        "every cached roll-up of the round is stale (one score write before each sample). SQL is the time",
        "spent in the database per request (median): the floor under the page time. Queries are counted",
        "on one further request.",
        "",
        f"- Machine: {info['cpus']} CPUs ({info['cpu']}), {info['memory_gb']} GB memory; Python {info['python']}",
        f"- Database: {info['database']}",
        f"- Data: {sizes['authorities']:,} authorities, {sizes['rounds']} rounds, {sizes['assessments']:,} assessments, "
        f"{sizes['answers']:,} answers, {sizes['moderations']:,} moderations",
        f"- Run: {run['when']}; {run['repeat']} warm and {run['cold_repeat']} cold samples a page; load average "
        f"(1 min) {run['load_before']} before and {run['load_after']} after, on a machine shared with other work: "
        "it inflates every figure",
        "",
        f"| Page | Warm median (ms) | Warm p95 (ms) | SQL (ms) | Cold median (ms) | Cold p95 (ms) | Cold SQL (ms) "
        f"| Queries | Met (p95 < {WARM_TARGET_MS} warm, < {COLD_TARGET_MS} cold) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for page, row in results.items():
        if row is None:
            lines.append(f"| {page} | – | – | – | – | – | – | – | missing: no URL yet |")
            continue
        if page in EXPORT_TARGETS_S:
            target = EXPORT_TARGETS_S[page] * 1000
            lines.append(f"| {page} | {row['median_ms']} | {row['p95_ms']} | {row['sql_median_ms']} | – | – | – "
                         f"| {row['queries']} | {_met(row['p95_ms'], target)} (< {EXPORT_TARGETS_S[page]} s) |")
            continue
        met = _met(row["p95_ms"], WARM_TARGET_MS)
        cold = ["–", "–", "–"]
        if "cold_p95_ms" in row:
            cold = [row["cold_median_ms"], row["cold_p95_ms"], row["cold_sql_median_ms"]]
            met += " / " + _met(row["cold_p95_ms"], COLD_TARGET_MS)
        lines.append(f"| {page} | {row['median_ms']} | {row['p95_ms']} | {row['sql_median_ms']} | {cold[0]} | {cold[1]} "
                     f"| {cold[2]} | {row['queries']} | {met} |")
    lines += ["", "Exports:", ""]
    lines += [f"- {key}: {value}" for key, value in extra.items()]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--cold-repeat", type=int, default=20)
    parser.add_argument("--export-repeat", type=int, default=3)
    parser.add_argument("--report", default=str(ROOT / "docs" / "benchmarks-latest.md"),
                        help="where to write the figures (docs/benchmarks.md holds the profile and the history)")
    args = parser.parse_args()

    load_before = f"{os.getloadavg()[0]:.2f}"
    admin = User.objects.get(email="bench.admin@example.gov.uk")
    # Central staff must pass a second factor: sign the bench admin in as having passed it, as the tests do.
    from tests.second_factor import install_verified_force_login

    install_verified_force_login()
    client = Client()
    client.force_login(admin)
    latest = Round.objects.filter(name__startswith="Bench round").order_by("-opens_on").first()
    change = score_changer(latest, admin)
    results = {}
    for page, url in pages().items():
        if url is None:
            results[page] = None
            print(f"{page:40} missing (no URL yet)", flush=True)
            continue
        exporting = page in EXPORT_TARGETS_S
        results[page] = measure(client, url, args.export_repeat if exporting else args.repeat,
                                0 if exporting or page.startswith("Assessment page") else args.cold_repeat, change)
        row = results[page]
        cold = f"  cold median {row['cold_median_ms']:7.1f} p95 {row['cold_p95_ms']:7.1f} ms" if "cold_p95_ms" in row else ""
        print(f"{page:40} median {row['median_ms']:7.1f} p95 {row['p95_ms']:7.1f} ms  sql {row['sql_median_ms']:6.1f} ms"
              f"  {row['queries']:3d} queries{cold}", flush=True)

    results[XLSX_BUILD], xlsx_facts = measure_xlsx_build(latest, args.export_repeat)
    row = results[XLSX_BUILD]
    print(f"{XLSX_BUILD:40} median {row['median_ms']:7.1f} p95 {row['p95_ms']:7.1f} ms  sql {row['sql_median_ms']:6.1f} ms"
          f"  {row['queries']:3d} queries", flush=True)
    csv_url = reverse("dashboard-export-csv", args=[latest.pk])
    extra = {
        "CSV export rows": f"{latest.assessments.count():,} authorities x 24 criteria",
        "CSV export peak Python memory (tracemalloc)": f"{export_memory(client, csv_url)} MB",
        **xlsx_facts,
    }
    for key, value in extra.items():
        print(f"{key}: {value}")
    run = {"when": time.strftime("%Y-%m-%d %H:%M %Z"), "repeat": args.repeat, "cold_repeat": args.cold_repeat,
           "load_before": load_before, "load_after": f"{os.getloadavg()[0]:.2f}"}

    bench_rounds = Round.objects.filter(name__startswith="Bench round")
    sizes = {
        "authorities": Authority.objects.filter(name__startswith="Bench authority").count(),
        "rounds": bench_rounds.count(),
        "assessments": Assessment.objects.filter(round__in=bench_rounds).count(),
        "answers": Answer.objects.filter(assessment__round__in=bench_rounds).count(),
        "moderations": Moderation.objects.filter(assessment__round__in=bench_rounds).count(),
    }
    info = machine()
    report = write_report(results, info, sizes, extra, run)
    Path(args.report).write_text(report)
    output = {"run": {**run, **sizes, **info}, "exports": extra,
              "pages": {page: (None if row is None else {k: v for k, v in row.items() if k != "url"})
                        for page, row in results.items()}}
    (ROOT / "bench" / "results.json").write_text(json.dumps(output, indent=2) + "\n")
    print()
    print(report)


if __name__ == "__main__":
    main()
