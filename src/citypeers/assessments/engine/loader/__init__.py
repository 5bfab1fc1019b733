"""Read a framework YAML file into a `FrameworkVersionSpec`, checking everything on the way.

Every problem is collected (not just the first) and names where it is, e.g.
"criterion 'pa-reviews': prerequisite 'pa-goal' is not a criterion of this version".
Prerequisite cycles are reported with the full loop.

`document` reads the file and its version-wide parts, `criteria` the practice areas,
`prerequisites` the links between criteria; `fields` holds the checks they share.
"""

from citypeers.assessments.engine.loader.document import SCHEMA, load_file, load_text, parse
from citypeers.assessments.engine.loader.fields import FrameworkError
from citypeers.assessments.engine.loader.prerequisites import find_cycle

__all__ = ["SCHEMA", "FrameworkError", "find_cycle", "load_file", "load_text", "parse"]
