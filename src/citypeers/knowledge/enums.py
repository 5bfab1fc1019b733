from django.db import models


class Priority(models.TextChoices):
    HIGH = "high", "High"
    MEDIUM = "medium", "Medium"
    LOW = "low", "Low"
    # A statement taken from a source that names the issue but no priority: none is invented.
    UNSTATED = "unstated", "Not stated"


class CostBand(models.TextChoices):
    UNDER_50K = "under-50k", "Under $50,000"
    FROM_50K = "50k-250k", "$50,000 to $250,000"
    FROM_250K = "250k-1m", "$250,000 to $1 million"
    FROM_1M = "1m-5m", "$1 million to $5 million"
    OVER_5M = "over-5m", "Over $5 million"
    UNKNOWN = "unknown", "Not known"


class SolutionStatus(models.TextChoices):
    """Where a solution stands in the city that owns it."""

    PLANNED = "planned", "Planned"
    PILOTING = "piloting", "Piloting"
    IMPLEMENTED = "implemented", "Implemented"
    SCALED = "scaled", "Scaled"
    DISCONTINUED = "discontinued", "Discontinued"


class EvidenceLevel(models.TextChoices):
    """How strong the evidence is that the solution works, weakest first."""

    ANECDOTAL = "anecdotal", "Anecdotal"
    MONITORED = "monitored", "Monitored with metrics"
    EVALUATED = "evaluated", "Evaluated (before/after or comparison)"
    RIGOROUS = "rigorous", "Rigorous evaluation (RCT or quasi-experimental)"


EVIDENCE_RANK = {
    EvidenceLevel.ANECDOTAL: 1,
    EvidenceLevel.MONITORED: 2,
    EvidenceLevel.EVALUATED: 3,
    EvidenceLevel.RIGOROUS: 4,
}
