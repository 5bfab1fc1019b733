"""Pages: commitments on a delegation, progress check-ins, the follow-up board and outcomes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from citypeers.convenings import selectors
from citypeers.convenings.enums import CommitmentStatus
from citypeers.convenings.forms import CommitmentForm, ProgressForm
from citypeers.convenings.services import commitments as service


def _load(request, slug, city):
    convening = selectors.convening_for_user(request.user, slug)
    return selectors.delegation_for_user(request.user, convening, city, for_edit=True)


@login_required
@require_POST
def add_commitment(request, slug, city):
    delegation = _load(request, slug, city)
    form = CommitmentForm(request.POST)
    if form.is_valid():
        try:
            service.create_commitment(
                delegation=delegation, actor=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request, "Commitment recorded. Check-ins follow at 3, 6 and 12 months."
            )
    else:
        messages.error(
            request,
            "; ".join(
                f"{form.fields[f].label or f}: {' '.join(e)}" for f, e in form.errors.items()
            ),
        )
    return redirect(delegation.get_absolute_url() + "#commitments")


@login_required
@require_POST
def report_progress(request, slug, city, pk):
    delegation = _load(request, slug, city)
    commitment = get_object_or_404(delegation.commitments, pk=pk)
    form = ProgressForm(request.POST)
    if form.is_valid():
        try:
            service.report_progress(commitment=commitment, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, f"Progress on “{commitment.title}” saved.")
    else:
        messages.error(request, "Choose a status.")
    return redirect(delegation.get_absolute_url() + "#commitments")


@login_required
def follow_up(request, slug):
    convening = selectors.convening_for_user(request.user, slug, for_edit=True)
    board = selectors.follow_up_board(convening)
    return render(
        request,
        "convenings/follow_up.html",
        {
            "convening": convening,
            "columns": [(value, label, board[value]) for value, label in CommitmentStatus.choices],
        },
    )


@login_required
def outcomes(request, slug):
    convening = selectors.convening_for_user(request.user, slug, for_edit=True)
    report = selectors.outcome_report(convening)
    return render(
        request,
        "convenings/outcomes.html",
        {
            "convening": convening,
            "report": report,
            "statuses": CommitmentStatus.choices,
            "totals": [
                (label, report["totals"][value]) for value, label in CommitmentStatus.choices
            ],
        },
    )
