"""Reading the evidence library and what answers and submissions cite. Never writes."""
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Prefetch, QuerySet, Sum

from assessments.models import Answer, AssessmentState, Authority, Submission

from .documents import BY_CONTENT_TYPE
from .models import AnswerEvidence, CitedEvidence, EvidenceItem, EvidenceVersion
from .services import quota_bytes

# States in which the answers are those of the latest submission (not back with the authority).
AS_SENT_STATES = frozenset({AssessmentState.SUBMITTED, AssessmentState.IN_REVIEW, AssessmentState.APPROVED})


@dataclass(frozen=True)
class ShownEvidence:
    """One version of one item as a page shows it: what it is, how big, which version, when."""

    item: EvidenceItem
    version: EvidenceVersion
    # For a submission's evidence: the title as it was sent (an item renamed later keeps it here).
    sent_title: str = ""

    @property
    def title(self) -> str:
        return self.sent_title or self.item.title

    @property
    def type_label(self) -> str:
        return type_label(is_document=self.version.is_document, content_type=self.version.content_type)

    @property
    def is_current(self) -> bool:
        return self.version.number == current_version(self.item).number


def type_label(*, is_document: bool, content_type: str) -> str:
    """"Link", or the document's kind as people name it ("PDF", "Excel spreadsheet")."""
    if not is_document:
        return "Link"
    kind = BY_CONTENT_TYPE.get(content_type)
    return kind.label if kind else "Document"


@dataclass(frozen=True)
class PlainEvidence:
    """One version of one item an answer shows (``evidence_by_answer``), as plain values: for
    exports of thousands of answers and the API, where model instances per link would be most of the time."""

    title: str
    url: str  # a link's address; "" for a document
    type_label: str
    number: int

    @property
    def is_document(self) -> bool:
        return not self.url


def _current_evidence_by_answer(*, answer_ids: list[int]) -> dict[int, list[PlainEvidence]]:
    """answer id -> the current version of each item it carries, by title (three queries, any number of answers).

    Links, titles and versions are read separately, each by its index, and put in title
    order here: joined and sorted in the database, PostgreSQL scanned every item of every
    authority for a few thousand answers.
    """
    links = list(AnswerEvidence.objects.filter(answer_id__in=answer_ids).order_by().values_list("answer_id", "item_id"))
    item_ids = {item_id for _, item_id in links}
    titles = dict(EvidenceItem.objects.filter(pk__in=item_ids).order_by().values_list("pk", "title"))
    latest: dict[int, tuple] = {}
    versions = (
        EvidenceVersion.objects.filter(item_id__in=item_ids)
        .order_by("item_id", "-number")
        .values_list("item_id", "number", "url", "file", "content_type")
    )
    for item_id, number, url, file, content_type in versions:
        latest.setdefault(item_id, (number, url, bool(file), content_type))
    found: dict[int, list[PlainEvidence]] = defaultdict(list)
    for answer_id, item_id in sorted(links, key=lambda link: (titles[link[1]], link[1])):
        number, url, is_document, content_type = latest[item_id]
        found[answer_id].append(_plain(title=titles[item_id], number=number, url=url, is_document=is_document,
                                       content_type=content_type))
    return found


def _plain(*, title: str, number: int, url: str, is_document: bool, content_type: str) -> PlainEvidence:
    return PlainEvidence(
        title=title, url="" if is_document else url, number=number,
        type_label=type_label(is_document=is_document, content_type=content_type),
    )


def evidence_by_answer(*, answers: list[tuple[int, int, int]], states: dict[int, str]) -> dict[int, list[PlainEvidence]]:
    """answer id -> the evidence the answer shows, as plain values by title, for exports and the API
    (at most five queries, any number of answers).

    ``answers``: (answer id, assessment id, criterion id); ``states``: assessment id -> state.
    An assessment as sent (``AS_SENT_STATES``) shows the versions its latest submission cited for
    the criterion, fixed when it was sent, as its pages do (``cited_by_submission``); one with the
    authority shows the current version of each item the answer carries.
    """
    cited = _cited_evidence_by_assessment(assessment_ids=[pk for pk, state in states.items() if state in AS_SENT_STATES])
    current = _current_evidence_by_answer(
        answer_ids=[answer_id for answer_id, assessment_id, _criterion_id in answers if assessment_id not in cited]
    )
    return {
        answer_id: cited[assessment_id].get(criterion_id, []) if assessment_id in cited else current.get(answer_id, [])
        for answer_id, assessment_id, criterion_id in answers
    }


def _cited_evidence_by_assessment(*, assessment_ids: list[int]) -> dict[int, dict[int, list[PlainEvidence]]]:
    """assessment id -> criterion id -> the versions the assessment's latest submission cited, fixed
    when it was sent, as plain values by title (three queries, any number of assessments).

    For assessments as sent (``AS_SENT_STATES``), as ``cited_by_submission`` is for pages:
    replacing, renaming or retiring an item later changes nothing here. Each title is the one
    the submission recorded (``sent_titles``), else the item's own. Only assessments with a
    submission have an entry.
    """
    latest: dict[int, tuple[int, int]] = {}  # assessment id -> (number, submission id)
    for pk, assessment_id, number in Submission.objects.filter(assessment_id__in=assessment_ids).values_list(
        "pk", "assessment_id", "number"
    ):
        latest[assessment_id] = max(latest.get(assessment_id, (0, 0)), (number, pk))
    assessment_of = {pk: assessment_id for assessment_id, (_number, pk) in latest.items()}
    sent_title: dict[int, str] = {}  # version id -> its title when sent
    for answers in Submission.objects.filter(pk__in=assessment_of).values_list("answers", flat=True):
        sent_title.update(sent_titles(answers))
    found: dict[int, dict[int, list[PlainEvidence]]] = {assessment_id: defaultdict(list) for assessment_id in latest}
    rows = (
        CitedEvidence.objects.filter(submission_id__in=assessment_of)
        .order_by()
        .values_list("submission_id", "criterion_id", "version_id", "version__item_id", "version__item__title",
                     "version__number", "version__url", "version__file", "version__content_type")
    )
    shown = [(sent_title.get(row[2]) or row[4], row) for row in rows]
    for title, (submission_id, criterion_id, _version_id, _item_id, _own, number, url, file, content_type) in sorted(
        shown, key=lambda entry: (entry[0], entry[1][3])
    ):
        found[assessment_of[submission_id]][criterion_id].append(
            _plain(title=title, number=number, url=url, is_document=bool(file), content_type=content_type)
        )
    return found


def sent_titles(answers: dict) -> dict[int, str]:
    """version id -> the item's title as a submission recorded it (``Submission.answers``)."""
    return {
        entry["version"]: entry.get("title", "")
        for answer in answers.values()
        for entry in (answer.get("evidence") or [])
        if isinstance(entry, dict) and "version" in entry
    }


def current_version(item: EvidenceItem) -> EvidenceVersion:
    """The latest version (from the prefetched versions when there are some)."""
    return max(item.versions.all(), key=lambda version: version.number)


def _items_with_versions() -> QuerySet[EvidenceItem]:
    return EvidenceItem.objects.prefetch_related(Prefetch("versions", queryset=EvidenceVersion.objects.order_by("-number")))


def answer_evidence_prefetch() -> Prefetch:
    """For Answer querysets: each answer's items with their versions (two more queries)."""
    return Prefetch(
        "evidence_links",
        queryset=AnswerEvidence.objects.select_related("item")
        .prefetch_related(Prefetch("item__versions", queryset=EvidenceVersion.objects.order_by("-number")))
        .order_by("item__title", "item_id"),
    )


def shown_for_answer(answer: Answer) -> list[ShownEvidence]:
    """The current version of each item an answer carries (prefetched with ``answer_evidence_prefetch``)."""
    return [ShownEvidence(item=link.item, version=current_version(link.item)) for link in answer.evidence_links.all()]


def cited_by_submission(*, submission: Submission | None) -> dict[int, list[ShownEvidence]] | None:
    """criterion id -> the versions this submission cited, fixed when it was sent. None without a submission."""
    if submission is None:
        return None
    cited = defaultdict(list)
    rows = (
        CitedEvidence.objects.filter(submission=submission)
        .select_related("version__item")
        .prefetch_related(Prefetch("version__item__versions", queryset=EvidenceVersion.objects.order_by("-number")))
        .order_by("version__item__title", "version__item_id")
    )
    titles = sent_titles(submission.answers)
    for row in rows:
        cited[row.criterion_id].append(
            ShownEvidence(item=row.version.item, version=row.version, sent_title=titles.get(row.version_id, ""))
        )
    return dict(cited)


@dataclass(frozen=True)
class LibraryPage:
    authority: Authority
    items: list[EvidenceItem]
    retired: list[EvidenceItem]
    used_bytes: int
    quota_bytes: int

    @property
    def used_percent(self) -> int:
        return min(100, round(100 * self.used_bytes / self.quota_bytes)) if self.quota_bytes else 100


def library_page(*, authority: Authority) -> LibraryPage:
    """Every item of the library, in use first and retired after, with the quota (four queries)."""
    items = list(
        _items_with_versions()
        .filter(authority=authority)
        .annotate(answer_count=Count("answer_links", distinct=True))
        .order_by("title", "pk")
    )
    used = EvidenceVersion.objects.filter(item__authority=authority).aggregate(total=Sum("size"))["total"] or 0
    return LibraryPage(
        authority=authority,
        items=[item for item in items if not item.is_retired],
        retired=[item for item in items if item.is_retired],
        used_bytes=used,
        quota_bytes=quota_bytes(),
    )


@dataclass(frozen=True)
class ItemPage:
    item: EvidenceItem
    versions: list[ShownEvidence]
    answers: list[Answer]  # answers carrying the item now
    citations: list[CitedEvidence]  # submissions that cited one of its versions


def item_page(*, item: EvidenceItem) -> ItemPage:
    versions = list(EvidenceVersion.objects.filter(item=item).select_related("created_by").order_by("-number"))
    item_with_versions = item
    item_with_versions._prefetched_objects_cache = {"versions": versions}
    answers = list(
        Answer.objects.filter(evidence_links__item=item)
        .select_related("criterion", "assessment__round")
        .order_by("-assessment__round__opens_on", "criterion__step__number", "criterion__position")
    )
    citations = list(
        CitedEvidence.objects.filter(version__item=item)
        .select_related("submission__assessment__round", "criterion", "version")
        .order_by("-submission__submitted_at", "criterion__code")
    )
    return ItemPage(
        item=item_with_versions,
        versions=[ShownEvidence(item=item_with_versions, version=v) for v in versions],
        answers=answers,
        citations=citations,
    )


def library_choices(*, authority: Authority) -> list[EvidenceItem]:
    """Items that may be attached to an answer: the authority's own, not retired."""
    return list(EvidenceItem.objects.filter(authority=authority, retired_at__isnull=True).order_by("title", "pk"))

