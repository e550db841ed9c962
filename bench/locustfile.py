"""Load test: officials saving steps, reviewers moderating, central staff reading dashboards.

Driven by scripts/loadtest.sh (make loadtest). Reads bench/data/load_plan.json (from
bench/load_setup.py) and writes every save the server acknowledged to
bench/data/acks-<LOAD_RUN>.jsonl, so bench/load_verify.py can prove none was lost.
"""
import hashlib
import hmac
import itertools
import json
import os
import random
import re
import struct
import threading
import time
import uuid
from pathlib import Path

from locust import HttpUser, between, events, task

DATA = Path(__file__).resolve().parent / "data"
PLAN = json.loads((DATA / "load_plan.json").read_text())
RUN = os.environ.get("LOAD_RUN", "load")
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
AS_OF = re.compile(r'name="as_of" value="([^"]*)"')

_officials = itertools.cycle(PLAN["officials"])
_reviewers = itertools.cycle(PLAN["reviewers"])
_staff = itertools.cycle(PLAN["staff"])
# Each assessment is decided once (returned or approved), by one user, across all runs: a run takes its own slice.
_RUN_SLICES = {"load": slice(0, 150), "fault": slice(150, 225), "mail": slice(225, None)}
_decisions = list(PLAN.get("decisions", []))[_RUN_SLICES.get(RUN, slice(None))]
_lock = threading.Lock()
ACKS: list[dict] = []
SERVER_ERRORS = {"count": 0}


def totp(hex_key: str, step: int) -> str:
    """RFC 6238 code (SHA-1, 6 digits, 30 s), as an authenticator app computes it."""
    digest = hmac.new(bytes.fromhex(hex_key), struct.pack(">Q", step), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


def _next(pool):
    with _lock:
        return next(pool)


class SignedInUser(HttpUser):
    abstract = True
    # A person reads a page and chooses a level between requests; LOAD_WAIT="0.5,2" makes a stress test.
    wait_time = between(*(float(x) for x in os.environ.get("LOAD_WAIT", "3,10").split(",")))

    def form_token(self, url: str, name: str) -> str:
        """The form's CSRF token; while the service answers 503 (the fault run), wait and ask again, as a person would."""
        for _ in range(15):
            page = self.client.get(url, name=name)
            found = CSRF.search(page.text) if page.status_code == 200 else None
            if found:
                return found.group(1)
            time.sleep(2)
        raise RuntimeError(f"{url} did not offer its form for 30 s")

    def sign_in(self, email: str, totp_key: str | None = None, **_) -> None:
        token = self.form_token("/sign-in/", "sign-in")
        self.client.post("/sign-in/", {"csrfmiddlewaretoken": token, "username": email, "password": PLAN["password"]},
                         name="sign-in", allow_redirects=False)
        if totp_key:
            self.second_factor(totp_key)

    def second_factor(self, key: str) -> None:
        """Central staff give the authenticator code. Two simulated people may share an account:
        a code is accepted once, so the next time step's code (within the tolerance) is tried too."""
        token = self.form_token("/account/two-factor/", "second factor")
        step = int(time.time()) // 30
        for offset in (0, 1):
            response = self.client.post("/account/two-factor/", {"csrfmiddlewaretoken": token, "code": totp(key, step + offset)},
                                        name="second factor", allow_redirects=False)
            if response.status_code == 302:
                return

    def get(self, url: str, name: str):
        with self.client.get(url, name=name, catch_response=True) as response:
            self._classify(response)
            return response

    def _classify(self, response) -> None:
        if response.status_code >= 500:
            if response.status_code == 500 or "Traceback" in response.text:
                SERVER_ERRORS["count"] += 1
            response.failure(f"{response.status_code}")
        elif response.status_code >= 400:
            response.failure(f"{response.status_code}")
        else:
            response.success()


class Official(SignedInUser):
    weight = 5

    def on_start(self):
        self.account = _next(_officials)
        self.assessment = self.account["assessment"]
        self.sign_in(self.account["email"])

    @task(1)
    def task_list(self):
        self.get(f"/assessments/{self.assessment}/", "official: task list")

    @task(3)
    def save_a_step(self):
        number = random.choice(list(PLAN["steps"]))
        url = f"/assessments/{self.assessment}/steps/{number}/"
        page = self.get(url, "official: step page")
        if page.status_code != 200:
            return
        token = uuid.uuid4().hex
        as_of = AS_OF.search(page.text)  # an empty hidden field has no value attribute
        data = {"csrfmiddlewaretoken": CSRF.search(page.text).group(1), "action": "later",
                "as_of": as_of.group(1) if as_of else ""}
        for slug in PLAN["steps"][number]:
            level = random.choice(["0", "1", "2", "3", "4"])
            data[f"{slug}-level"] = level
            data[f"{slug}-justification"] = f"Load test {token}: level {level} agreed at board."
            data[f"{slug}-evidence"] = "https://www.example.gov.uk/evidence.pdf" if level in "34" else ""
        with self.client.post(url, data, name="official: save step", allow_redirects=False, catch_response=True) as response:
            # Only a redirect to the task list acknowledges a save (a redirect to sign-in does not).
            if response.status_code == 302 and response.headers.get("Location", "").endswith(f"/assessments/{self.assessment}/"):
                response.success()
                with _lock:
                    ACKS.append({"kind": "answers", "assessment": self.assessment, "step": int(number), "token": token})
            elif response.status_code == 302:
                response.failure(f"302 to {response.headers.get('Location')}")
            else:
                self._classify(response)


class Reviewer(SignedInUser):
    weight = 2

    def on_start(self):
        self.sign_in(**_next(_reviewers))

    @task(1)
    def queue(self):
        self.get("/review/?state=submitted", "reviewer: queue")

    @task(3)
    def moderate(self):
        pk = random.choice(PLAN["submitted"])
        self.get(f"/review/assessments/{pk}/", "reviewer: review page")
        code = random.choice(PLAN["criteria"])
        page = self.get(f"/review/assessments/{pk}/criteria/{code}/", "reviewer: criterion page")
        if page.status_code != 200:
            return
        token = uuid.uuid4().hex
        data = {"csrfmiddlewaretoken": CSRF.search(page.text).group(1), "level": random.choice("01234"),
                "reason": f"Load test {token}: the linked evidence supports this level."}
        with self.client.post(f"/review/assessments/{pk}/criteria/{code}/moderate/", data,
                              name="reviewer: moderate", allow_redirects=False, catch_response=True) as response:
            if response.status_code == 302 and response.headers.get("Location", "").endswith(f"/review/assessments/{pk}/"):
                response.success()
                with _lock:
                    ACKS.append({"kind": "moderation", "assessment": pk, "code": code, "token": token})
            else:
                self._classify(response)


class Decider(SignedInUser):
    """A reviewer returning or approving submissions: each decision emails the authority's editor."""
    weight = 4 if RUN == "mail" else 1  # the mail outage run is mostly about decisions and their emails

    def on_start(self):
        self.sign_in(**_next(_reviewers))

    @task
    def decide(self):
        with _lock:
            decision = _decisions.pop() if _decisions else None
        if decision is None:
            return
        pk = decision["assessment"]
        page = self.get(f"/review/assessments/{pk}/", "reviewer: review page")
        if page.status_code != 200:
            return
        token = CSRF.search(page.text).group(1)
        kind = random.choice(["returned", "approved"])
        url, data = ((f"/review/assessments/{pk}/return/", {"message": f"Load test: please evidence 1.2 ({uuid.uuid4().hex})"})
                     if kind == "returned" else (f"/review/assessments/{pk}/approve/", {"message": "", "confirm": "on"}))
        with self.client.post(url, {"csrfmiddlewaretoken": token, **data}, name=f"reviewer: {kind[:-1]}",
                              allow_redirects=False, catch_response=True) as response:
            if response.status_code == 302 and response.headers.get("Location", "").endswith(f"/review/assessments/{pk}/"):
                response.success()
                with _lock:
                    ACKS.append({"kind": "decision", "assessment": pk, "decision": kind, "editor": decision["editor"]})
            elif response.status_code == 302:
                response.failure(f"302 to {response.headers.get('Location')}")
            else:
                self._classify(response)


class CentralStaff(SignedInUser):
    weight = 3

    def on_start(self):
        self.sign_in(**_next(_staff))

    @task(3)
    def overview(self):
        self.get(f"/dashboards/rounds/{PLAN['dashboard_rounds'][0]}/", "staff: national overview")

    @task(1)
    def step_view(self):
        self.get(f"/dashboards/rounds/{PLAN['dashboard_rounds'][0]}/steps/{random.randint(1, 8)}/", "staff: step view")

    @task(1)
    def profile(self):
        self.get(f"/dashboards/authorities/{random.choice(PLAN['authorities'])}/", "staff: authority profile")

    @task(1)
    def compare(self):
        rounds = PLAN["dashboard_rounds"]
        self.get(f"/dashboards/compare/?before={rounds[-1]}&after={rounds[0]}", "staff: round comparison")


TIMES: list[tuple[str, float, float]] = []  # (request name, milliseconds, when it ended) of every request, for load_verify


@events.request.add_listener
def record_time(request_type, name, response_time, **kwargs):
    TIMES.append((f"{request_type} {name}", response_time, time.time()))


@events.test_stop.add_listener
def write_acknowledged_saves(**kwargs):
    (DATA / f"times-{RUN}.json").write_text(json.dumps(TIMES))
    path = DATA / f"acks-{RUN}.jsonl"
    with path.open("w") as out:
        for ack in ACKS:
            out.write(json.dumps(ack) + "\n")
    environment = kwargs.get("environment")
    exceptions = sum(e["count"] for e in environment.runner.exceptions.values()) if environment else 0
    (DATA / f"server-errors-{RUN}.json").write_text(json.dumps({**SERVER_ERRORS, "locust_exceptions": exceptions}))
