"""Writes for assessments. Every change to assessments data goes through a function here.

One module per area; everything is re-exported so callers import from
`citypeers.assessments.services`.
"""

from citypeers.assessments.services.assessments import (
    clean_answer,
    compute_self_result,
    record_answers,
    save_response,
    set_sharing,
    start_assessment,
    store_result,
    submission_check,
    submit_assessment,
)
from citypeers.assessments.services.conversations import request_conversation, upsert_resource
from citypeers.assessments.services.evidence import (
    EVIDENCE_MAX_BYTES,
    EVIDENCE_TYPES,
    add_evidence,
    delete_evidence,
)
from citypeers.assessments.services.frameworks import (
    LoadOutcome,
    load_framework_data,
    load_framework_file,
    validate_framework_file,
)
from citypeers.assessments.services.review import (
    add_reviewer,
    compute_validated_result,
    rate_response,
    remove_reviewer,
    request_evidence,
    validate_assessment,
)

__all__ = [
    "EVIDENCE_MAX_BYTES",
    "EVIDENCE_TYPES",
    "LoadOutcome",
    "add_evidence",
    "add_reviewer",
    "clean_answer",
    "compute_self_result",
    "compute_validated_result",
    "delete_evidence",
    "load_framework_data",
    "load_framework_file",
    "rate_response",
    "record_answers",
    "remove_reviewer",
    "request_conversation",
    "request_evidence",
    "save_response",
    "set_sharing",
    "start_assessment",
    "store_result",
    "submission_check",
    "submit_assessment",
    "upsert_resource",
    "validate_assessment",
    "validate_framework_file",
]
