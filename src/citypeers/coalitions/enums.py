from django.db import models


class ReplicationStage(models.TextChoices):
    """Where a city stands in replicating another city's solution (URBACT: understand → adapt →
    re-use), with two ways out that keep a reason."""

    CONSIDERING = "considering", "Considering"
    ADAPTING = "adapting", "Adapting"
    PILOTING = "piloting", "Piloting"
    SCALING = "scaling", "Scaling"
    PAUSED = "paused", "Paused"
    DROPPED = "dropped", "Dropped"


class ReplicationVisibility(models.TextChoices):
    NETWORK = "network", "Network members"
    PUBLIC = "public", "Public"


class CostKind(models.TextChoices):
    CAPITAL = "capital", "Capital (one-off)"
    OPERATING = "operating", "Operating (yearly)"
    IN_KIND = "in_kind", "In kind"


class FinancialModel(models.TextChoices):
    UNKNOWN = "", "Not recorded"
    GRANT = "grant", "Grant"
    GENERAL_FUND = "general_fund", "General fund"
    SHARED_PROCUREMENT = "shared_procurement", "Shared or joint procurement"
    SHARED_SERVICE = "shared_service", "Shared service"
    PUBLIC_PRIVATE_PARTNERSHIP = "ppp", "Public-private partnership"
    REVENUE_SHARE = "revenue_share", "Revenue share or capture"
    BOND = "bond", "Bond"
    ENTERPRISE_FUND = "enterprise_fund", "Enterprise fund or user fees"
    PHILANTHROPY = "philanthropy", "Philanthropy"
