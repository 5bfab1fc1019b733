from citypeers.workshops.models.library import Insight, Registration, Webinar
from citypeers.workshops.models.workshops import (
    CohortMember,
    CohortRun,
    Contributor,
    PreWork,
    Session,
    Statement,
    Workshop,
    WorkshopStateChange,
    validate_time_zone,
)

__all__ = [
    "CohortMember",
    "CohortRun",
    "Contributor",
    "Insight",
    "PreWork",
    "Registration",
    "Session",
    "Statement",
    "Webinar",
    "Workshop",
    "WorkshopStateChange",
    "validate_time_zone",
]
