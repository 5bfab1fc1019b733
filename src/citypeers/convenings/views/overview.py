"""Organiser pages: every delegation's status, the CSV list and printable badges."""

import io

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

from citypeers.convenings import selectors
from citypeers.convenings.enums import DelegationStatus
from citypeers.convenings.exports import CSV_COLUMNS, delegation_rows
from citypeers.convenings.forms import InviteCitiesForm
from citypeers.core.spreadsheet import csv_writer


@login_required
def delegations(request, slug):
    convening = selectors.convening_for_user(request.user, slug, for_edit=True)
    rows = selectors.delegations_overview(convening)
    counts = {status: 0 for status in DelegationStatus.values}
    for d in rows:
        counts[d.status] += 1
    return render(
        request,
        "convenings/delegations.html",
        {
            "convening": convening,
            "delegations": rows,
            "counts": [(label, counts[value]) for value, label in DelegationStatus.choices],
            "complete_count": sum(1 for d in rows if not d.missing),
            "invite_form": InviteCitiesForm(),
        },
    )


@login_required
def delegations_csv(request, slug):
    convening = selectors.convening_for_user(request.user, slug, for_edit=True)
    buffer = io.StringIO()
    writer = csv_writer(buffer)
    writer.writerow(CSV_COLUMNS)
    writer.writerows(delegation_rows(selectors.delegations_overview(convening)))
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{convening.slug}-delegations.csv"'
    return response


@login_required
def badges_pdf(request, slug):
    from weasyprint import HTML  # noqa: PLC0415 - loads Pango; only needed for this download

    convening = selectors.convening_for_user(request.user, slug, for_edit=True)
    people = [
        (d, delegate)
        for d in selectors.delegations_overview(convening)
        if d.status != DelegationStatus.DECLINED
        for delegate in d.delegates.all()
        if delegate.is_confirmed
    ]
    html = render_to_string(
        "convenings/badges_pdf.html", {"convening": convening, "people": people}, request=request
    )
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{convening.slug}-badges.pdf"'
    return response
