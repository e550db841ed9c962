"""Every evidence link already given becomes an item in its authority's library, so nothing is lost.

Each answer's link is attached to the answer (one item per authority and address), and
each earlier submission's snapshot cites version 1 of that item, as sent.
"""
from django.db import migrations

TITLE_MAX_LENGTH = 200


def _title(url: str) -> str:
    return url[: TITLE_MAX_LENGTH - 1] + "…" if len(url) > TITLE_MAX_LENGTH else url


def forwards(apps, schema_editor):
    Answer = apps.get_model("assessments", "Answer")
    Criterion = apps.get_model("assessments", "Criterion")
    Submission = apps.get_model("assessments", "Submission")
    User = apps.get_model("assessments", "User")
    Item = apps.get_model("evidence", "EvidenceItem")
    Version = apps.get_model("evidence", "EvidenceVersion")
    AnswerEvidence = apps.get_model("evidence", "AnswerEvidence")
    Cited = apps.get_model("evidence", "CitedEvidence")
    made = {}
    fallback_user = None

    def item_for(authority_id, url, user_id):
        nonlocal fallback_user
        if (authority_id, url) not in made:
            if user_id is None:
                fallback_user = fallback_user or User.objects.order_by("pk").values_list("pk", flat=True).first()
                user_id = fallback_user
            item = Item.objects.create(authority_id=authority_id, title=_title(url), kind="link", created_by_id=user_id)
            version = Version.objects.create(item=item, number=1, url=url, created_by_id=user_id)
            made[(authority_id, url)] = (item, version)
        return made[(authority_id, url)]

    answers = Answer.objects.exclude(evidence_url="").select_related("assessment").order_by("pk")
    for answer in answers.iterator():
        assessment = answer.assessment
        item, _ = item_for(assessment.authority_id, answer.evidence_url, answer.answered_by_id or assessment.submitted_by_id)
        AnswerEvidence.objects.create(answer=answer, item=item)
        Answer.objects.filter(pk=answer.pk).update(evidence_count=1)

    criteria = {}
    for submission in Submission.objects.select_related("assessment__round").order_by("pk").iterator():
        assessment = submission.assessment
        framework_id = assessment.round.framework_id
        if framework_id not in criteria:
            criteria[framework_id] = {c.code: c for c in Criterion.objects.filter(step__framework_id=framework_id)}
        for code, entry in submission.answers.items():
            url = entry.get("evidence")
            if not isinstance(url, str):
                continue
            entry["evidence"] = []
            if url and code in criteria[framework_id]:
                item, version = item_for(assessment.authority_id, url, submission.submitted_by_id)
                Cited.objects.get_or_create(submission=submission, criterion=criteria[framework_id][code], version=version)
                entry["evidence"] = [{"item": item.pk, "version": version.pk, "number": 1, "title": item.title}]
        submission.save(update_fields=["answers"])


def backwards(apps, schema_editor):
    """Put each answer's first link back in its own column (documents have no place there)."""
    Answer = apps.get_model("assessments", "Answer")
    AnswerEvidence = apps.get_model("evidence", "AnswerEvidence")
    Version = apps.get_model("evidence", "EvidenceVersion")
    for link in AnswerEvidence.objects.filter(item__kind="link").order_by("answer_id", "pk"):
        url = Version.objects.filter(item_id=link.item_id).order_by("-number").values_list("url", flat=True).first()
        Answer.objects.filter(pk=link.answer_id, evidence_url="").update(evidence_url=url)


class Migration(migrations.Migration):
    dependencies = [("evidence", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
