"""Writes for assessments. Every change to assessments data goes through a function here."""
