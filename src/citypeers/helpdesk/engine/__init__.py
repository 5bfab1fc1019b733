"""The help desk's routing engine: pure functions over plain data (no Django)."""

from citypeers.helpdesk.engine.routing import (
    CityEvidence,
    Expert,
    ReplicationFact,
    RequestFacts,
    SolutionFact,
    Suggestion,
    rank_cities,
    rank_experts,
)

__all__ = [
    "CityEvidence",
    "Expert",
    "ReplicationFact",
    "RequestFacts",
    "SolutionFact",
    "Suggestion",
    "rank_cities",
    "rank_experts",
]
