"""The pure digest ranking engine: no Django, no other app."""
