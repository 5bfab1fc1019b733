"""HTML views for assessments. Thin: parse → permission → one service or selector → render."""

from citypeers.assessments.views.pages import city, framework, index, network
from citypeers.assessments.views.results import ask_peer, result, roadmap, roadmap_pdf
from citypeers.assessments.views.review import queue, request_evidence, review, validate
from citypeers.assessments.views.taking import (
    answer,
    detail,
    evidence_add,
    evidence_delete,
    evidence_download,
    sharing,
    start,
    submit,
)

__all__ = [
    "answer",
    "ask_peer",
    "city",
    "detail",
    "evidence_add",
    "evidence_delete",
    "evidence_download",
    "framework",
    "index",
    "network",
    "queue",
    "request_evidence",
    "result",
    "review",
    "roadmap",
    "roadmap_pdf",
    "sharing",
    "start",
    "submit",
    "validate",
]
