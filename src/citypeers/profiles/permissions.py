"""Named permission predicates for city profiles (django-rules). Deny by default.

Directory facts (name, state, population, location) are public. A city's story is public once
published; its people are for signed-in network members; editing is for the city's editors
and admins (and site admins). A city's audit trail across all its objects is for network
organisers and site admins.
"""

import rules

from citypeers.accounts.permissions import (
    can_edit_jurisdiction,
    can_organise_network,
    is_network_member,
)

can_edit_profile = can_edit_jurisdiction
can_see_profile_people = is_network_member
can_see_profile_history = can_edit_jurisdiction
# Everything recorded about a city's objects (who changed what, field names only) is for the
# people who run the network: network organisers and site admins.
can_read_city_audit = can_organise_network

rules.add_perm("profiles.change_profile", can_edit_profile)
rules.add_perm("profiles.view_profile_people", can_see_profile_people)
rules.add_perm("profiles.view_profile_history", can_see_profile_history)
rules.add_perm("profiles.view_city_audit", can_read_city_audit)
