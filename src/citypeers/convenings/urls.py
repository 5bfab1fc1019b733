from django.urls import path

from citypeers.convenings.views import (
    convenings,
    delegations,
    followup,
    networking,
    overview,
    proposals,
    timetable,
    tours,
)

app_name = "convenings"

# Fixed prefixes ("new/", "partner-invitation/") come before "<slug>/"; services never give a
# convening one of those slugs (RESERVED_SLUGS).
urlpatterns = [
    path("", convenings.index, name="index"),
    path("new/", convenings.create, name="create"),
    path(
        "partner-invitation/<str:token>/",
        delegations.partner_invitation,
        name="partner_invitation",
    ),
    path("<slug:slug>/", convenings.detail, name="detail"),
    path("<slug:slug>/edit/", convenings.edit, name="edit"),
    path("<slug:slug>/transition/", convenings.transition, name="transition"),
    path("<slug:slug>/rooms/", convenings.add_room, name="room_add"),
    path("<slug:slug>/rooms/<int:pk>/remove/", convenings.remove_room, name="room_remove"),
    path("<slug:slug>/rooms/<int:pk>/", timetable.room, name="room"),
    path("<slug:slug>/rooms/<int:pk>/timetable.pdf", timetable.room_pdf, name="room_pdf"),
    path("<slug:slug>/rooms/<int:pk>/timetable.ics", timetable.room_ics, name="room_ics"),
    path("<slug:slug>/proposals/", proposals.proposals, name="proposals"),
    path("<slug:slug>/proposals/new/", proposals.create, name="proposal_create"),
    path("<slug:slug>/proposals/<int:pk>/", proposals.detail, name="proposal"),
    path("<slug:slug>/proposals/<int:pk>/edit/", proposals.edit, name="proposal_edit"),
    path("<slug:slug>/proposals/<int:pk>/vote/", proposals.vote, name="proposal_vote"),
    path("<slug:slug>/proposals/<int:pk>/review/", proposals.review, name="proposal_review"),
    path("<slug:slug>/proposals/<int:pk>/decide/", proposals.decide, name="proposal_decide"),
    path("<slug:slug>/proposals/<int:pk>/confirm/", proposals.confirm, name="proposal_confirm"),
    path("<slug:slug>/timetable/", timetable.timetable, name="timetable"),
    path("<slug:slug>/timetable.pdf", timetable.timetable_pdf, name="timetable_pdf"),
    path("<slug:slug>/timetable.ics", timetable.timetable_ics, name="timetable_ics"),
    path("<slug:slug>/timetable/slots/", timetable.add_slot, name="slot_add"),
    path("<slug:slug>/timetable/slots/<int:pk>/remove/", timetable.remove_slot, name="slot_remove"),
    path("<slug:slug>/timetable/propose/", timetable.propose, name="timetable_propose"),
    path("<slug:slug>/timetable/place/", timetable.place, name="timetable_place"),
    path("<slug:slug>/timetable/publish/", timetable.publish, name="timetable_publish"),
    path("<slug:slug>/networking/", networking.networking, name="networking"),
    path("<slug:slug>/networking/propose/", networking.propose, name="networking_propose"),
    path("<slug:slug>/networking/request/", networking.request_meeting, name="networking_request"),
    path(
        "<slug:slug>/networking/meetings/<int:pk>/respond/",
        networking.respond,
        name="networking_respond",
    ),
    path("<slug:slug>/agenda/", timetable.agenda, name="agenda"),
    path("<slug:slug>/agenda.pdf", timetable.agenda_pdf, name="agenda_pdf"),
    path("<slug:slug>/agenda/<int:pk>/add/", timetable.agenda_add, name="agenda_add"),
    path("<slug:slug>/agenda/<int:pk>/remove/", timetable.agenda_remove, name="agenda_remove"),
    path("<slug:slug>/agenda/feed/<str:token>.ics", timetable.agenda_ics, name="agenda_ics"),
    path("<slug:slug>/invite/", convenings.invite, name="invite"),
    path("<slug:slug>/delegations/", overview.delegations, name="delegations"),
    path("<slug:slug>/delegations.csv", overview.delegations_csv, name="delegations_csv"),
    path("<slug:slug>/badges.pdf", overview.badges_pdf, name="badges_pdf"),
    path("<slug:slug>/tours/", tours.add, name="tour_add"),
    path("<slug:slug>/tours/<int:pk>/signup/", tours.signup, name="tour_signup"),
    path("<slug:slug>/tours/<int:pk>/cancel/", tours.cancel, name="tour_cancel"),
    path("<slug:slug>/follow-up/", followup.follow_up, name="follow_up"),
    path("<slug:slug>/outcomes/", followup.outcomes, name="outcomes"),
    path("<slug:slug>/delegations/<slug:city>/", delegations.delegation, name="delegation"),
    path(
        "<slug:slug>/delegations/<slug:city>/commitments/",
        followup.add_commitment,
        name="commitment_add",
    ),
    path(
        "<slug:slug>/delegations/<slug:city>/commitments/<int:pk>/progress/",
        followup.report_progress,
        name="commitment_progress",
    ),
    path(
        "<slug:slug>/delegations/<slug:city>/officials/",
        delegations.add_official,
        name="delegation_add_official",
    ),
    path(
        "<slug:slug>/delegations/<slug:city>/partners/",
        delegations.invite_partner,
        name="delegation_invite_partner",
    ),
    path(
        "<slug:slug>/delegations/<slug:city>/delegates/<int:pk>/remove/",
        delegations.remove_delegate,
        name="delegate_remove",
    ),
    path(
        "<slug:slug>/delegations/<slug:city>/submit/", delegations.submit, name="delegation_submit"
    ),
    path(
        "<slug:slug>/delegations/<slug:city>/confirm/",
        delegations.confirm,
        name="delegation_confirm",
    ),
    path(
        "<slug:slug>/delegations/<slug:city>/exceptions/",
        delegations.grant_exception,
        name="delegation_exception",
    ),
]
