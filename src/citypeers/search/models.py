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
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="one_document_per_object")
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id} {self.title}"
