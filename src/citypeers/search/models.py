from django.db import models


class SearchDocument(models.Model):
    """One searchable thing (a profile, challenge, solution, insight, guide or event).

    Every app keeps its documents fresh through `citypeers.search.services.index_document`.
    The full-text index itself is backend-specific (FTS5 on SQLite, tsvector on PostgreSQL)
    and lives in this app's migrations.
    """

    kind = models.CharField(max_length=20, db_index=True)
    object_id = models.BigIntegerField()
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=300)
    is_public = models.BooleanField(default=True)
    is_demo = models.BooleanField(default=False)
    state = models.CharField(max_length=2, blank=True)
    jurisdiction_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    # Taxonomy names and synonyms of the document's challenge areas: a search for "housing"
    # finds an insight filed under housing affordability whatever words it uses.
    terms = models.TextField(blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    population = models.PositiveIntegerField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="one_document_per_object")
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id} {self.title}"


class SearchDocumentArea(models.Model):
    """A challenge area a document is filed under (for the area facet and filter)."""

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="areas")
    area = models.CharField(max_length=80, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["document", "area"], name="one_row_per_document_area")
        ]

    def __str__(self) -> str:
        return f"{self.document_id}:{self.area}"
