"""Named permission predicates for city profiles (django-rules). Deny by default.

Directory facts (name, state, population, location) are public. A city's story is public once
published; its people are for signed-in network members; editing is for the city's editors
and admins (and site admins).
"""

import rules

from citypeers.accounts.permissions import can_edit_jurisdiction, is_network_member

can_edit_profile = can_edit_jurisdiction
can_see_profile_people = is_network_member
can_see_profile_history = can_edit_jurisdiction

rules.add_perm("profiles.change_profile", can_edit_profile)
rules.add_perm("profiles.view_profile_people", can_see_profile_people)
rules.add_perm("profiles.view_profile_history", can_see_profile_history)
