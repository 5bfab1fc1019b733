"""The guide pages as a user meets them: reading, writing with a refused or merged save,
review and publication messages, the PDF, and the links from profiles, solutions and areas."""

import re

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from weasyprint import HTML
from weasyprint.formatting_structure import boxes

from citypeers.guides import services
from citypeers.guides.views.editions import edition_context
from tests.guides.conftest import start_guide

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(team, guide, section):
    services.add_block(actor=team.lead, section=section, kind="case_study", solution=team.solution)
    services.add_block(
        actor=team.lead, section=section, kind="checklist", items=["Find land", "Ask lenders"]
    )
    edition = services.cut_edition(
        actor=team.lead,
        guide=guide,
        release_notes="First edition.",
        reviewers=[team.peer_reviewer, team.outside_reviewer],
    )
    for reviewer in (team.peer_reviewer, team.outside_reviewer):
        services.decide_review(actor=reviewer, edition=edition, decision="approved")
    services.publish_edition(actor=team.lead, edition=edition)
    return edition


def test_the_public_page_shows_the_published_edition_with_credits(client, team, guide, published):
    page = client.get(guide.get_absolute_url()).content.decode()
    assert "Edition 1.0, published" in page
    assert 'href="#s' in page  # the table of contents links each section
    assert "Homes kept affordable" in page  # the case study's live outcome
    assert "☐ Find land" in page
    assert "Outside Expert" in page  # reviewers credited
    assert "Lakeside, TX; Riverton, TX (" in page  # the citation names the consortium's cities


def test_the_draft_moves_on_without_touching_the_published_text(
    client, team, guide, section, published
):
    services.save_section(
        actor=team.author, section=section, title="Rewritten", body="New.", expected_version=None
    )
    page = client.get(guide.get_absolute_url()).content.decode()
    assert ("Why land trusts" in page, "Rewritten" in page) == (True, False)


def test_a_refused_save_shows_both_texts_and_keeps_the_typed_one(client, team, section):
    services.save_section(
        actor=team.author,
        section=section,
        title=section.title,
        body="First line.\nThe author's line.\nThird line.",
        expected_version=1,
    )
    client.force_login(team.lead)
    url = reverse(
        "guides:section-edit", kwargs={"slug": section.chapter.guide.slug, "pk": section.pk}
    )
    response = client.post(
        url,
        {
            "title": section.title,
            "body": "First line.\nThe lead's line.\nThird line.",
            "version": 1,
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Nothing was saved yet" in page
    assert "Removed: </span>\u2212 The author&#x27;s line." in page
    assert "Added: </span>+ The lead&#x27;s line." in page
    assert 'name="version" value="2"' in page
    section.refresh_from_db()
    assert section.body == "First line.\nThe author's line.\nThird line."


def test_a_save_of_other_lines_is_merged_and_said_so(client, team, section):
    services.save_section(
        actor=team.author,
        section=section,
        title=section.title,
        body="First line!\nSecond line.\nThird line.",
        expected_version=1,
    )
    client.force_login(team.lead)
    url = reverse(
        "guides:section-edit", kwargs={"slug": section.chapter.guide.slug, "pk": section.pk}
    )
    response = client.post(
        url,
        {"title": section.title, "body": "First line.\nSecond line.\nThird line!", "version": 1},
        follow=True,
    )
    assert "both edits are kept" in response.content.decode()
    section.refresh_from_db()
    assert section.body == "First line!\nSecond line.\nThird line!"


def test_the_revision_page_shows_a_readable_diff(client, team, section):
    services.save_section(
        actor=team.author,
        section=section,
        title=section.title,
        body="First line.\nSecond line, longer.\nThird line.",
        expected_version=1,
    )
    client.force_login(team.lead)
    url = reverse(
        "guides:revision",
        kwargs={"slug": section.chapter.guide.slug, "pk": section.pk, "number": 2},
    )
    page = client.get(url).content.decode()
    assert "Compared with revision 1." in page
    assert "\u2212 Second line.</del>" in page
    assert "+ Second line, longer.</ins>" in page


def test_publishing_too_early_tells_the_lead_what_is_missing(client, team, guide, section):
    edition = services.cut_edition(
        actor=team.lead, guide=guide, release_notes="First.", reviewers=[team.peer_reviewer]
    )
    client.force_login(team.lead)
    url = reverse("guides:publish", kwargs={"slug": guide.slug, "number": edition.number})
    page = client.post(url, follow=True).content.decode()
    assert "Missing: 2 more reviewer approvals (the guide needs 2, it has 0)." in page


def _texts(page) -> str:
    return " ".join(b.text for b in page._page_box.descendants() if isinstance(b, boxes.TextBox))


def test_the_pdf_has_a_cover_contents_with_page_numbers_and_numbered_pages(
    rf, team, guide, published
):
    request = rf.get("/")
    request.user = team.stranger
    html = render_to_string("guides/edition_pdf.html", edition_context(request, published), request)
    document = HTML(string=html, base_url="http://testserver/").render()
    pages = [_texts(page) for page in document.pages]
    assert "Keeping homes affordable" in pages[0] and "Page 1" not in pages[0]  # the cover
    assert pages[1].startswith("Contents")
    assert "1.1 Why land trusts" in pages[1]
    [(cover, _, children, _)] = document.make_bookmark_tree()
    assert cover == "Keeping homes affordable"
    chapter = next(child for child in children if child[0] == "1. Land")
    chapter_page_number = chapter[1][0] + 1
    contents = re.sub(r"(\s*\.){2,}\s*", " … ", pages[1])  # the dot leaders
    assert f"1. Land … {chapter_page_number} " in contents
    assert f"1.1 Why land trusts … {chapter_page_number} " in contents
    assert pages[1].endswith(f"Page 2 of {len(pages)}")
    assert pages[-1].endswith(f"Page {len(pages)} of {len(pages)}")


def test_the_pdf_download(client, guide, published):
    url = reverse("guides:edition-pdf", kwargs={"slug": guide.slug, "number": "1.0"})
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_author_profiles_solutions_and_areas_link_the_published_guide(
    client, team, guide, published
):
    profile = client.get(reverse("profiles:profile", kwargs={"slug": team.lead_city.slug}))
    assert guide.get_absolute_url() in profile.content.decode()
    solution = client.get(team.solution.get_absolute_url())
    assert "Cited in guides" in solution.content.decode()
    area = client.get(reverse("knowledge:challenge-area", kwargs={"slug": team.area.slug}))
    assert guide.get_absolute_url() in area.content.decode()


def test_an_unpublished_guide_is_not_linked_and_not_found_by_strangers(client, team):
    draft = start_guide(team, title="Not yet")
    assert client.get(draft.get_absolute_url()).status_code == 404
    area = client.get(reverse("knowledge:challenge-area", kwargs={"slug": team.area.slug}))
    assert draft.get_absolute_url() not in area.content.decode()


def test_a_resource_file_is_offered_to_readers_of_the_edition_that_cites_it(
    client, team, guide, section
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(team.lead)
    upload = SimpleUploadedFile(
        "checklist.txt", b"Ask the lenders first.", content_type="text/plain"
    )
    client.post(
        reverse("guides:block-add", kwargs={"slug": guide.slug, "pk": section.pk}),
        {"kind": "resource", "title": "Lender checklist", "file": upload},
    )
    block = section.blocks.get()
    file_url = reverse("guides:file", kwargs={"slug": guide.slug, "pk": block.attachment_id})
    assert b"".join(client.get(file_url).streaming_content) == b"Ask the lenders first."

    client.force_login(team.stranger)
    assert client.get(file_url).status_code == 404  # the draft's file, no edition offers it yet

    edition = services.cut_edition(
        actor=team.lead,
        guide=guide,
        release_notes="First.",
        reviewers=[team.peer_reviewer, team.outside_reviewer],
    )
    for reviewer in (team.peer_reviewer, team.outside_reviewer):
        services.decide_review(actor=reviewer, edition=edition, decision="approved")
    services.publish_edition(actor=team.lead, edition=edition)
    services.remove_block(actor=team.lead, block=block)

    page = client.get(guide.get_absolute_url()).content.decode()
    assert f'href="{file_url}">Lender checklist</a> (file)' in page
    response = client.get(file_url)
    assert (response.status_code, b"".join(response.streaming_content)) == (
        200,
        b"Ask the lenders first.",
    )


def test_a_file_of_a_forbidden_type_is_refused_with_a_message(client, team, guide, section):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(team.lead)
    upload = SimpleUploadedFile("run.exe", b"MZ...", content_type="application/octet-stream")
    response = client.post(
        reverse("guides:block-add", kwargs={"slug": guide.slug, "pk": section.pk}),
        {"kind": "resource", "file": upload},
        follow=True,
    )
    assert section.blocks.count() == 0
    assert "file" in response.content.decode().lower()
