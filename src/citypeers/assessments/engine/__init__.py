"""The assessment engine: framework specs, loading, scoring, roadmaps and benchmark statistics.

Pure Python over dataclasses; nothing here touches the database.
"""
