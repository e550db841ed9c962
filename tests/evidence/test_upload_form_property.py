"""Hypothesis on the upload form: any bytes, any name, any title; never a crash, and only real documents pass."""
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evidence.documents import ACCEPTED
from evidence.forms import EvidenceAddForm

from . import files

ACCEPTED_TYPES = {kind.content_type for kind in ACCEPTED}
real_documents = st.sampled_from(sorted(files.accepted().items()))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    content=st.one_of(st.binary(max_size=2048), real_documents.map(lambda pair: pair[1][0])),
    name=st.one_of(st.text(max_size=60), st.sampled_from(list(files.accepted()))),
    title=st.text(max_size=250),
    link=st.one_of(st.just(""), st.text(max_size=80), st.just("https://www.example.gov.uk/plan")),
)
def test_the_upload_form_never_fails_and_accepts_only_what_it_can_vouch_for(content, name, title, link):
    upload = files.upload(name or "x", content)
    form = EvidenceAddForm({"title": title, "description": "", "link": link}, {"document": upload})
    valid = form.is_valid()  # never raises, whatever arrives
    if valid and form.cleaned_data.get("document"):
        assert form.checked is not None and form.checked.kind.content_type in ACCEPTED_TYPES
        assert form.checked.size == len(content) > 0
        assert "/" not in form.checked.filename and "\\" not in form.checked.filename
        assert form.checked.filename.endswith("." + form.checked.kind.extensions[0])
    if not valid:
        assert form.errors  # a message for the person, not an exception


@pytest.mark.parametrize("name", list(files.accepted()))
def test_every_accepted_sample_passes_the_form(name):
    content, content_type = files.accepted()[name]
    form = EvidenceAddForm({"title": "", "link": ""}, {"document": files.upload(name, content)})
    assert form.is_valid(), form.errors
    assert form.checked.kind.content_type == content_type
