"""Writes of the replication ledger through its services."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from citypeers.coalitions import services
from citypeers.coalitions.models import BarrierKind, NotificationSent, StageChange
from citypeers.coalitions.services import notify
from tests.factories.workshops import InsightFactory

pytestmark = pytest.mark.integration


def _start(cities, **extra):
    return services.start_replication(
        solution=cities.solution, adopter=cities.adopter, actor=cities.editor, **extra
    )


def test_start_replication_records_considering_and_first_history_row(cities):
    replication = _start(cities, adapted="Smaller area.", started_on=dt.date(2026, 2, 1))

    rows = list(
        StageChange.objects.filter(replication=replication).values_list(
            "from_stage", "to_stage", "changed_on", "actor_id"
        )
    )
    assert (replication.stage, replication.version) == ("considering", 1)
    assert rows == [("", "considering", dt.date(2026, 2, 1), cities.editor.pk)]


def test_start_replication_emails_origin_editors_after_commit(
    cities, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _start(cities)

    assert [m.to for m in mailoutbox] == [["origin@city.example"]]
    assert mailoutbox[0].subject == "Adopter Town is replicating “Land trust”"


def test_notify_origin_twice_sends_one_email(cities, mailoutbox):
    replication = _start(cities)

    sent = [notify.notify_origin_of_replication(replication.pk) for _ in range(2)]

    assert sent == [1, 0]
    assert NotificationSent.objects.filter(replication=replication).count() == 1


def test_start_replication_by_member_is_denied(cities):
    with pytest.raises(PermissionDenied):
        services.start_replication(
            solution=cities.solution, adopter=cities.adopter, actor=cities.member
        )


def test_start_replication_of_own_solution_is_refused(cities):
    with pytest.raises(ValidationError, match="its own solution"):
        services.start_replication(
            solution=cities.solution, adopter=cities.origin, actor=cities.origin_editor
        )


def test_start_replication_twice_is_refused(cities):
    _start(cities)

    with pytest.raises(ValidationError, match="already has a record"):
        _start(cities)


def test_start_replication_citing_a_draft_insight_is_refused(cities):
    draft = InsightFactory(state="draft", published_at=None)

    with pytest.raises(ValidationError, match="published insight"):
        _start(cities, prompted_by_insight=draft)


def test_start_replication_citing_a_published_insight_keeps_it(cities):
    insight = InsightFactory()

    assert _start(cities, prompted_by_insight=insight).prompted_by_insight == insight


WALK = [
    ("adapting", ""),
    ("piloting", ""),
    ("paused", "Budget freeze"),
    ("piloting", ""),
    ("scaling", ""),
    ("dropped", "Vendor left"),
    ("considering", "New vendor"),
]


def test_change_stage_walk_records_every_transition(cities):
    replication = _start(cities, started_on=dt.date(2026, 1, 1))

    for day, (stage, reason) in enumerate(WALK, start=2):
        services.change_stage(
            replication=replication,
            stage=stage,
            reason=reason,
            changed_on=dt.date(2026, 1, day),
            actor=cities.editor,
        )

    history = list(replication.stage_changes.values_list("from_stage", "to_stage", "reason"))
    assert history == [
        ("", "considering", ""),
        ("considering", "adapting", ""),
        ("adapting", "piloting", ""),
        ("piloting", "paused", "Budget freeze"),
        ("paused", "piloting", ""),
        ("piloting", "scaling", ""),
        ("scaling", "dropped", "Vendor left"),
        ("dropped", "considering", "New vendor"),
    ]
    assert (replication.stage, replication.version) == ("considering", 8)


@pytest.mark.parametrize(
    ("stage", "reason", "message"),
    [
        ("piloting", "", "cannot move from “considering” to “piloting”"),
        ("scaling", "", "cannot move from “considering” to “scaling”"),
        ("considering", "", "already at “considering”"),
        ("paused", "", "Say why"),
        ("dropped", " ", "Say why"),
    ],
)
def test_change_stage_refused_leaves_record_unchanged(cities, stage, reason, message):
    replication = _start(cities)

    with pytest.raises(ValidationError, match=message):
        services.change_stage(
            replication=replication, stage=stage, reason=reason, actor=cities.editor
        )

    replication.refresh_from_db()
    assert (replication.stage, replication.stage_changes.count()) == ("considering", 1)


def test_change_stage_before_the_last_change_is_refused(cities):
    replication = _start(cities, started_on=dt.date(2026, 3, 1))

    with pytest.raises(ValidationError, match="cannot be earlier"):
        services.change_stage(
            replication=replication,
            stage="adapting",
            changed_on=dt.date(2026, 2, 1),
            actor=cities.editor,
        )


@pytest.mark.parametrize("who", ["member", "outsider", "origin_editor"])
def test_change_stage_by_non_editor_of_adopter_is_denied(cities, who):
    replication = _start(cities)

    with pytest.raises(PermissionDenied):
        services.change_stage(replication=replication, stage="adapting", actor=getattr(cities, who))


def test_change_stage_with_stale_version_names_both_versions(cities):
    replication = _start(cities)
    services.change_stage(replication=replication, stage="adapting", actor=cities.editor)

    with pytest.raises(ValidationError, match="you started from version 1, it is now at version 2"):
        services.change_stage(
            replication=replication, stage="piloting", version=1, actor=cities.editor
        )


def test_update_replication_replaces_barriers_costs_and_outcomes(cities):
    replication = _start(cities)
    funding = BarrierKind.objects.get(slug="funding")

    services.update_replication(
        replication=replication,
        actor=cities.editor,
        version=1,
        financial_model="grant",
        barriers=[services.BarrierData(kind=funding, notes="No match funds")],
        costs=[
            services.CostData(kind="capital", amount=Decimal("250000"), year=2026, currency="usd")
        ],
        outcomes=[services.OutcomeData(metric="Homes built", value=12, baseline=0, unit="homes")],
    )

    replication.refresh_from_db()
    assert replication.version == 2
    assert replication.financial_model == "grant"
    assert list(replication.barriers.values_list("kind__slug", "notes")) == [
        ("funding", "No match funds")
    ]
    assert list(replication.costs.values_list("kind", "amount", "currency", "year")) == [
        ("capital", Decimal("250000.00"), "USD", 2026)
    ]
    assert list(replication.outcomes.values_list("metric", "value", "unit")) == [
        ("Homes built", 12.0, "homes")
    ]


def test_update_replication_outcome_with_unknown_metric_is_refused(cities):
    replication = _start(cities)

    with pytest.raises(ValidationError, match="not one of the origin solution's metrics"):
        services.update_replication(
            replication=replication,
            actor=cities.editor,
            outcomes=[services.OutcomeData(metric="Trees planted", value=3)],
        )


def test_update_replication_outcome_with_other_unit_needs_a_note(cities):
    replication = _start(cities)

    with pytest.raises(ValidationError, match="use that unit or say why"):
        services.update_replication(
            replication=replication,
            actor=cities.editor,
            outcomes=[services.OutcomeData(metric="Homes built", value=3, unit="units")],
        )


def test_update_replication_outcome_with_other_unit_and_note_is_kept(cities):
    replication = _start(cities)

    services.update_replication(
        replication=replication,
        actor=cities.editor,
        outcomes=[
            services.OutcomeData(
                metric="Homes built",
                value=3,
                unit="units",
                unit_note="Our permits count units, not buildings",
            )
        ],
    )

    assert replication.outcomes.get().unit_note == "Our permits count units, not buildings"


def test_update_replication_stale_version_is_refused(cities):
    replication = _start(cities)
    services.update_replication(
        replication=replication, actor=cities.editor, version=1, adapted="First edit"
    )

    with pytest.raises(ValidationError, match="you started from version 1, it is now at version 2"):
        services.update_replication(
            replication=replication, actor=cities.editor, version=1, adapted="Second edit"
        )


def test_update_replication_same_barrier_twice_is_refused(cities):
    replication = _start(cities)
    funding = BarrierKind.objects.get(slug="funding")

    with pytest.raises(ValidationError, match="each barrier once"):
        services.update_replication(
            replication=replication,
            actor=cities.editor,
            barriers=[services.BarrierData(kind=funding), services.BarrierData(kind=funding)],
        )


def test_update_replication_cost_in_bad_year_is_refused(cities):
    replication = _start(cities)

    with pytest.raises(ValidationError, match="Cost 1"):
        services.update_replication(
            replication=replication,
            actor=cities.editor,
            costs=[services.CostData(kind="operating", amount=Decimal("10"), year=1800)],
        )


def test_ask_and_answer_question(cities, mailoutbox, django_capture_on_commit_callbacks):
    replication = _start(cities)
    with django_capture_on_commit_callbacks(execute=True):
        question = services.ask_question(
            replication=replication, body="Which vendor?", actor=cities.outsider
        )

    answered = services.answer_question(
        question=question, answer="We ran an RFP.", actor=cities.origin_editor
    )

    assert [m.subject for m in mailoutbox] == [
        "A question about Adopter Town's replication of your solution"
    ]
    assert (answered.answer, answered.answered_by) == ("We ran an RFP.", cities.origin_editor)


def test_answer_question_by_adopter_editor_is_denied(cities):
    replication = _start(cities)
    question = services.ask_question(replication=replication, body="?", actor=cities.outsider)

    with pytest.raises(PermissionDenied):
        services.answer_question(question=question, answer="x", actor=cities.editor)


def test_ask_empty_question_is_refused(cities):
    replication = _start(cities)

    with pytest.raises(ValidationError, match="Write something"):
        services.ask_question(replication=replication, body="   ", actor=cities.outsider)
