"""Reads for assessments that depend on who is asking.

Object lookups (`<noun>_for_user`) raise the same 404 for "missing" and "not yours".
"""

from citypeers.assessments.selectors.access import (
    ASSESSMENT_ACTIONS,
    assessment_for_viewer,
    city_assessments_for_user,
    city_for_new_assessment,
    evidence_for_user,
    require_network_overview,
    require_reviewer,
)
from citypeers.assessments.selectors.assessments import (
    assessment_for_user,
    assessments_visible_to,
    certification_for_profile,
    dashboard_panel,
    default_version,
    framework_version,
    published_versions,
    resources_for_criteria,
    responses_for,
    result_rows,
    review_queue,
    visible_evidence,
)
from citypeers.assessments.selectors.benchmarks import (
    PeerResult,
    benchmarks_for,
    chart_comparison,
    headline_result,
    level_distribution,
    matched_peer_ids,
    peer_group_label,
    progress_for,
    roadmap_for,
    shared_results,
)

__all__ = [
    "ASSESSMENT_ACTIONS",
    "PeerResult",
    "assessment_for_user",
    "assessment_for_viewer",
    "assessments_visible_to",
    "benchmarks_for",
    "certification_for_profile",
    "chart_comparison",
    "city_assessments_for_user",
    "city_for_new_assessment",
    "dashboard_panel",
    "default_version",
    "evidence_for_user",
    "framework_version",
    "headline_result",
    "level_distribution",
    "matched_peer_ids",
    "peer_group_label",
    "progress_for",
    "published_versions",
    "require_network_overview",
    "require_reviewer",
    "resources_for_criteria",
    "responses_for",
    "result_rows",
    "review_queue",
    "roadmap_for",
    "shared_results",
    "visible_evidence",
]
