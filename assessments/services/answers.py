"""Writing an authority's own answers, one step at a time."""
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from datetime import timezone as dt_timezone

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from assessments.access import edit_refusal_reason
from assessments.levels import level_label
from assessments.models import Answer, Assessment, Criterion, Step, User
from assessments.models.rounds import EVIDENCE_REQUIRED_FROM
from evidence.services import answer_evidence_set, document_title, evidence_item_create, evidence_link_for_answer
from evidence.validators import link_problem

from .errors import ActionRefused
from .scores import assessment_score_refresh


@dataclass(frozen=True)
class AnswerInput:
    criterion: Criterion
    score: int | None = None
    not_applicable: bool = False
    justification: str = ""
    # Evidence: items chosen from the authority's library, plus a new link or document given
    # on the step page (added to the library when the step is saved).
    evidence_items: tuple = ()
    new_link: str = ""
    new_document: UploadedFile | None = None
    # For an answer copied from the previous round: the editor says it still stands.
    confirm_copied: bool = False

    @property
    def has_level(self) -> bool:
        return self.score is not None or self.not_applicable

    @property
    def is_empty(self) -> bool:
        return not (self.has_level or self.justification.strip() or self.evidence_count)

    @property
    def evidence_count(self) -> int:
        return len({item.pk for item in self.evidence_items}) + bool(self.new_link.strip()) + bool(self.new_document)

    def completeness_problems(self) -> list[str]:
        """What an answer still needs before it counts (``Save and come back later`` may leave these)."""
        code = self.criterion.code
        problems = []
        if not self.has_level:
            problems.append(f"{code}: choose a level")
        if self.has_level and not self.justification.strip():
            problems.append(f"{code}: a justification is required")
        if self.score is not None and self.score >= EVIDENCE_REQUIRED_FROM and not self.evidence_count:
            problems.append(f"{code}: levels 3 and 4 need evidence")
        return problems

    @property
    def is_complete(self) -> bool:
        return not self.completeness_problems()

    def problems(self, *, allow_incomplete: bool = False) -> list[str]:
        """Rule breaks the form should already have caught; checked again so no caller can skip them."""
        code = self.criterion.code
        problems = []
        if self.not_applicable and not self.criterion.allows_not_applicable:
            problems.append(f"{code}: not applicable is not allowed")
        if self.not_applicable and self.score is not None:
            problems.append(f"{code}: choose a level or not applicable, not both")
        if self.new_link.strip() and (problem := link_problem(self.new_link.strip())):
            problems.append(f"{code}: {problem[0].lower()}{problem[1:]}")
        if not allow_incomplete and not self.is_empty:
            problems.extend(p for p in self.completeness_problems() if p not in problems)
        return problems


def assessment_lock_for_edit(*, assessment: Assessment, user: User) -> Assessment:
    # Lock the row so a save and a submit (or two submits) cannot interleave.
    locked = Assessment.objects.select_for_update().select_related("round", "authority").get(pk=assessment.pk)
    reason = edit_refusal_reason(user=user, assessment=locked)
    if reason:
        raise ActionRefused(reason)
    return locked


def answers_as_of(answers: Iterable[Answer]) -> str:
    """A token for a step's answers as they are: the time of the latest save ("" if none).

    The step page carries it in the form; a save made from an older page is refused, so
    two editors in two tabs never silently overwrite each other.
    """
    times = [answer.answered_at for answer in answers if answer.answered_at]
    return max(times).isoformat() if times else ""


def step_answers_as_of(*, assessment: Assessment, step: Step) -> str:
    """``answers_as_of`` for the step's answers as they are in the database now."""
    return answers_as_of(Answer.objects.filter(assessment=assessment, criterion__step=step).only("answered_at"))


def _as_of_time(as_of: str) -> datetime:
    """The time in an ``answers_as_of`` token; ValueError if it is not one.

    Only times the database can hold count: a hand-made "9999-12-31T23:59:59-23:59"
    parses, but overflows when converted to UTC for the query.
    """
    time = datetime.fromisoformat(as_of)
    if time.tzinfo is None:
        raise ValueError("an as-of time has a time zone")
    try:
        return time.astimezone(dt_timezone.utc)
    except OverflowError as error:
        raise ValueError("as-of time out of range") from error


def _changes_since(*, assessment: Assessment, step: Step, as_of: str) -> list[str]:
    newer = Answer.objects.filter(assessment=assessment, criterion__step=step, answered_at__isnull=False)
    if as_of:
        newer = newer.filter(answered_at__gt=_as_of_time(as_of))
    changes = []
    for answer in newer.select_related("criterion", "answered_by").order_by("criterion__position"):
        value = level_label(answer.score, answer.not_applicable).lower()
        when = timezone.localtime(answer.answered_at).strftime("%H:%M:%S")
        changes.append(f"{answer.criterion.code} is now {value}, saved by {answer.answered_by} at {when}")
    return changes


def _answer_values(given: AnswerInput) -> dict:
    """The columns of one answer as saved: counted values when complete, pending ones when not."""
    complete = given.is_complete
    return {
        "score": given.score if complete else None,
        "not_applicable": given.not_applicable if complete else False,
        "in_progress": not complete and not given.is_empty,
        "pending_score": None if complete else given.score,
        "pending_not_applicable": False if complete else given.not_applicable,
        "justification": given.justification.strip(),
    }


def _evidence_items(*, assessment: Assessment, user: User, given: AnswerInput) -> list:
    """The items the answer will carry: those chosen, and any new link or document, added to the library."""
    items = {item.pk: item for item in given.evidence_items}
    if given.new_link.strip():
        item = evidence_link_for_answer(authority=assessment.authority, user=user, url=given.new_link)
        items[item.pk] = item
    if given.new_document is not None:
        item = evidence_item_create(
            authority=assessment.authority, user=user, title=document_title(given.new_document.name),
            upload=given.new_document,
        )
        items[item.pk] = item
    return list(items.values())


@transaction.atomic
def assessment_save_step(
    *,
    assessment: Assessment,
    step: Step,
    user: User,
    answers: Sequence[AnswerInput],
    as_of: str | None = None,
    allow_incomplete: bool = False,
) -> int:
    """Save every answer of one step, or none of them. Returns how many answers changed.

    ``as_of`` is the token from ``step_answers_as_of`` when the page was loaded; if the
    step has been saved since, nothing is saved and the refusal lists what changed.
    ``allow_incomplete`` ("Save and come back later") keeps half-finished answers as in
    progress; they never count until completed. Without it every given answer must be complete.
    """
    assessment_lock_for_edit(assessment=assessment, user=user)
    if as_of is not None:
        try:
            changes = _changes_since(assessment=assessment, step=step, as_of=as_of)
        except ValueError:
            raise ActionRefused("The page was out of date. Your answers were not saved: reload the step and try again.") from None
        if changes:
            raise ActionRefused(
                "Someone saved this step after you opened it, so your answers were not saved. "
                "Check their changes below, then make yours again.",
                details=changes,
            )
    problems = [problem for answer in answers for problem in answer.problems(allow_incomplete=allow_incomplete)]
    if any(answer.criterion.step_id != step.pk for answer in answers):
        problems.append("Answers must belong to the step being saved")
    if problems:
        raise ActionRefused("The answers were not saved.", details=problems)

    existing = {
        a.criterion_id: a
        for a in Answer.objects.filter(assessment=assessment, criterion__step=step).prefetch_related("evidence_links")
    }
    now = timezone.now()
    changed = 0
    for given in answers:
        values = _answer_values(given)
        answer = existing.get(given.criterion.pk)
        if answer is None:
            if given.is_empty:
                continue  # nothing entered for a criterion never answered: no row needed
            answer = Answer(assessment=assessment, criterion=given.criterion)
        evidence = _evidence_items(assessment=assessment, user=user, given=given)
        values["evidence_count"] = len(evidence)
        carried = {link.item_id for link in answer.evidence_links.all()} if answer.pk else set()
        same = all(getattr(answer, f) == v for f, v in values.items()) and carried == {i.pk for i in evidence}
        if same and not (answer.copied_from_previous and given.confirm_copied):
            continue  # unchanged; a copied answer stays unconfirmed until confirmed or changed
        for field, value in values.items():
            setattr(answer, field, value)
        answer.copied_from_previous = False  # confirmed or changed by an editor
        answer.copied_unchanged = answer.copied_unchanged and same
        answer.answered_by = user
        answer.answered_at = now
        answer._history_user = user  # the activity trail names who changed it, even outside a request
        answer.save()
        answer_evidence_set(answer=answer, items=evidence)
        changed += 1
    if changed:
        Assessment.objects.filter(pk=assessment.pk).update(updated_at=now)
        assessment_score_refresh(assessment=assessment)
    return changed
