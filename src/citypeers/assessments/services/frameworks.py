"""Load framework versions from YAML into the database."""

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from citypeers.assessments.engine.loader import FrameworkError, load_file
from citypeers.assessments.engine.spec import FrameworkVersionSpec
from citypeers.assessments.models import Criterion, Framework, FrameworkVersion, PracticeArea

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


@dataclass(frozen=True)
class LoadOutcome:
    version: FrameworkVersion
    action: str  # created | updated | unchanged


def validate_framework_file(*, path: str | Path) -> FrameworkVersionSpec:
    """Parse and check a file without touching the database. Raises FrameworkError."""
    spec, _ = load_file(path)
    return spec


def load_framework_file(*, path: str | Path) -> LoadOutcome:
    """Load one YAML file. Idempotent: the same content loads once.

    A version that assessments already use is frozen; changing its content is refused with a
    message asking for a new version id.
    """
    spec, data = load_file(path)
    return load_framework_data(spec=spec, data=data)


@transaction.atomic
def load_framework_data(*, spec: FrameworkVersionSpec, data: dict) -> LoadOutcome:
    plain = json.loads(json.dumps(data, default=str))  # dates → ISO strings, as JSON stores them
    digest = hashlib.sha256(json.dumps(plain, sort_keys=True).encode()).hexdigest()
    modelled_on = spec.modelled_on or {}
    framework, _ = Framework.objects.get_or_create(
        slug=spec.framework_slug, defaults={"title": spec.framework_title}
    )
    framework.title = spec.framework_title
    framework.publisher = spec.publisher
    framework.licence = spec.licence
    framework.about = spec.about
    framework.modelled_on_name = str(modelled_on.get("name", ""))
    framework.modelled_on_url = str(modelled_on.get("url", ""))
    framework.full_clean()
    framework.save()
    version = FrameworkVersion.objects.filter(framework=framework, version=spec.version).first()
    if version is not None and version.sha256 == digest:
        return LoadOutcome(version=version, action=UNCHANGED)
    if version is not None and version.assessments.exists():
        raise FrameworkError(
            [
                f"version {spec.version} of '{spec.framework_slug}' is already used by "
                "assessments and cannot change; give the new content a new version id"
            ]
        )
    action = UPDATED if version is not None else CREATED
    if version is None:
        version = FrameworkVersion(framework=framework, version=spec.version)
    version.status = spec.status
    version.released_on = spec.released_on
    version.population_at_least = spec.population_at_least
    version.definition = plain
    version.sha256 = digest
    version.full_clean()
    version.save()
    _sync_rows(version, spec)
    return LoadOutcome(version=version, action=action)


def _sync_rows(version: FrameworkVersion, spec: FrameworkVersionSpec) -> None:
    """Areas and criteria rows mirror the spec; resources keep their tags on an update."""
    areas = {a.key: a for a in version.areas.all()}
    criteria = {c.key: c for c in version.criteria.all()}
    new_areas = []
    for area_index, area in enumerate(spec.areas):
        row = areas.get(area.key) or PracticeArea(version=version, key=area.key)
        row.title, row.order = area.title, area_index
        row.full_clean(exclude=["version"])
        new_areas.append(row)
    # New rows in bulk: loading a framework is part of every test world and of setup.
    PracticeArea.objects.bulk_create([a for a in new_areas if a.pk is None])
    PracticeArea.objects.bulk_update([a for a in new_areas if a.pk], ["title", "order"])
    area_rows = {a.key: a for a in new_areas}
    rows: list[Criterion] = []
    for order, criterion in enumerate(spec.criteria):
        criterion_row = criteria.get(criterion.key) or Criterion(version=version, key=criterion.key)
        criterion_row.area = area_rows[criterion.area]
        criterion_row.title = criterion.title
        criterion_row.type = criterion.type
        criterion_row.effort = criterion.effort
        criterion_row.order = order
        criterion_row.crosswalk = dict(criterion.crosswalk)
        criterion_row.full_clean(exclude=["version", "area"])
        rows.append(criterion_row)
    Criterion.objects.bulk_create([c for c in rows if c.pk is None])
    Criterion.objects.bulk_update(
        [c for c in rows if c.pk], ["area", "title", "type", "effort", "order", "crosswalk"]
    )
    kept = {c.key for c in rows}
    Criterion.objects.filter(version=version).exclude(key__in=kept).delete()
    PracticeArea.objects.filter(version=version).exclude(key__in=set(area_rows)).delete()
