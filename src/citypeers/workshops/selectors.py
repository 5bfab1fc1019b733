"""Reads for workshops that depend on who is asking."""
