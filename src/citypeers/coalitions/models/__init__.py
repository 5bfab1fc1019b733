from citypeers.coalitions.models.ledger import (
    BarrierKind,
    NotificationSent,
    Replication,
    ReplicationBarrier,
    ReplicationCost,
    ReplicationOutcome,
    ReplicationQuestion,
    StageChange,
)
from citypeers.coalitions.models.regions import (
    CoalitionPartner,
    CoalitionProfile,
    CoalitionProject,
    Partnership,
)

__all__ = [
    "BarrierKind",
    "CoalitionPartner",
    "CoalitionProfile",
    "CoalitionProject",
    "NotificationSent",
    "Partnership",
    "Replication",
    "ReplicationBarrier",
    "ReplicationCost",
    "ReplicationOutcome",
    "ReplicationQuestion",
    "StageChange",
]
