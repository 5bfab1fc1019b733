"""Pure rules for convenings: no Django, no other module of ours."""
