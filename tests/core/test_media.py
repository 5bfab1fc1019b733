"""Uploaded files: unguessable names, never served by path, only through the download views."""

import importlib
import re

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.db import models
from django.urls import clear_url_caches, reverse

import citypeers.urls
from citypeers.assessments.models import EvidenceItem
from citypeers.core.enums import PublicationStatus
from citypeers.core.files import download_response, unguessable_name
from tests.factories.assessments import FileEvidenceFactory
from tests.factories.knowledge import SolutionAttachmentFactory, SolutionFactory

pytestmark = pytest.mark.integration

RANDOM_PART = r"[0-9a-f]{32}"


def _stored_files():
    """One stored file for every model with a file field (the download view that hands it out)."""
    draft = SolutionFactory(status=PublicationStatus.DRAFT)
    attachment = SolutionAttachmentFactory(solution=draft)
    evidence = FileEvidenceFactory()
    guide_file = _guide_file()
    return {
        "guides.GuideFile": (
            guide_file.file,
            reverse("guides:file", kwargs={"slug": guide_file.guide.slug, "pk": guide_file.pk}),
        ),
        "knowledge.SolutionAttachment": (
            attachment.file,
            reverse("knowledge:attachment", kwargs={"pk": attachment.pk}),
        ),
        "assessments.EvidenceItem": (
            evidence.file,
            reverse("assessments:evidence", kwargs={"pk": evidence.pk}),
        ),
    }


def _guide_file():
    from citypeers.guides import services
    from citypeers.guides.models import GuideFile
    from tests.factories.accounts import UserFactory
    from tests.factories.knowledge import ChallengeAreaFactory

    guide = services.create_guide(
        actor=None,
        lead=UserFactory(),
        title="Files guide",
        purpose="P",
        audience="A",
        area=ChallengeAreaFactory(),
    )
    return GuideFile.objects.create(
        guide=guide, file=ContentFile(b"text", name="notes.txt"), content_type="text/plain"
    )


def _models_with_files() -> set[str]:
    return {
        model._meta.label
        for model in apps.get_models()
        if any(isinstance(f, models.FileField) for f in model._meta.get_fields())
        and not model._meta.label.split(".")[1].startswith("Historical")
    }


@pytest.fixture
def urlconf(settings, request):
    """The URL configuration loaded with the given DEBUG value, as `runserver` would load it."""

    def load(debug: bool):
        settings.DEBUG = debug
        importlib.reload(citypeers.urls)
        clear_url_caches()

    yield load
    settings.DEBUG = True
    importlib.reload(citypeers.urls)
    clear_url_caches()


def test_every_model_with_files_is_covered(db):
    assert set(_stored_files()) == _models_with_files()


@pytest.mark.parametrize("debug", [True, False])
def test_stored_files_are_not_served_by_path(client, db, urlconf, debug):
    urlconf(debug)
    files = _stored_files()

    statuses = {
        label: client.get(f"/media/{field_file.name}").status_code
        for label, (field_file, _) in files.items()
    }

    assert statuses == dict.fromkeys(files, 404)


def test_stored_names_have_a_random_part_and_keep_the_original_name(db):
    first, second = FileEvidenceFactory(), FileEvidenceFactory()
    attachment = SolutionAttachmentFactory()

    assert re.fullmatch(
        rf"assessments/evidence/{first.response.assessment_id}/{RANDOM_PART}/minutes\.pdf",
        first.file.name,
    )
    assert re.fullmatch(rf"solutions/\d{{4}}/{RANDOM_PART}/evaluation\.pdf", attachment.file.name)
    assert first.file.name.split("/")[3] != second.file.name.split("/")[3]


def test_unguessable_name_differs_each_time():
    names = {unguessable_name("solutions/2026/", "report.pdf") for _ in range(20)}

    assert len(names) == 20


def test_download_streams_the_file_under_its_original_name(client, world):
    url = reverse("assessments:evidence", kwargs={"pk": world.home_private_evidence.pk})
    client.force_login(world.users["editor"])

    response = client.get(url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"
    assert response["Content-Disposition"] == 'attachment; filename="minutes.pdf"'
    assert response["Cache-Control"] == "private"


def test_download_hands_over_to_the_front_server_when_configured(client, world, settings):
    settings.CITYPEERS_MEDIA_ACCEL_PREFIX = "/protected-media/"
    attachment = world.attachment

    response = client.get(reverse("knowledge:attachment", kwargs={"pk": attachment.pk}))

    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/protected-media/{attachment.file.name}"
    assert response["Content-Disposition"] == 'attachment; filename="evaluation.pdf"'
    assert response.content == b""


def test_download_of_a_file_missing_from_storage_is_404(db, settings):
    evidence = FileEvidenceFactory()
    evidence.file.storage.delete(evidence.file.name)

    for prefix in ["", "/protected-media/"]:
        settings.CITYPEERS_MEDIA_ACCEL_PREFIX = prefix
        with pytest.raises(Exception, match="missing") as caught:
            download_response(evidence.file, content_type="application/pdf")
        assert type(caught.value).__name__ == "Http404"


def test_files_stored_under_the_old_guessable_names_still_download(client, world):
    item = world.home_private_evidence
    old_name = f"assessments/evidence/{item.response.assessment_id}/minutes-2019.pdf"
    item.file.storage.save(old_name, ContentFile(b"%PDF-1.4 old"))
    EvidenceItem.objects.filter(pk=item.pk).update(file=old_name)
    client.force_login(world.users["member"])

    response = client.get(reverse("assessments:evidence", kwargs={"pk": item.pk}))

    assert b"".join(response.streaming_content) == b"%PDF-1.4 old"
    assert response["Content-Disposition"] == 'attachment; filename="minutes-2019.pdf"'
    assert client.get(f"/media/{old_name}").status_code == 404
