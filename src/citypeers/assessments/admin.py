"""Django admin for the parts site admins manage by hand: reviewers and resources."""

from django.contrib import admin

from citypeers.assessments.models import (
    Certification,
    ConversationRequest,
    FrameworkVersion,
    Resource,
    Reviewer,
)


@admin.register(Reviewer)
class ReviewerAdmin(admin.ModelAdmin):
    list_display = ["user", "note", "created_at"]
    raw_id_fields = ["user", "added_by"]


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "is_demo"]
    search_fields = ["title", "summary"]
    filter_horizontal = ["criteria"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(FrameworkVersion)
class FrameworkVersionAdmin(admin.ModelAdmin):
    """Read-only: versions are loaded from YAML with `citypeers frameworks load`."""

    list_display = ["framework", "version", "status", "released_on"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Certification)
class CertificationAdmin(admin.ModelAdmin):
    list_display = ["jurisdiction", "level_title", "framework_title", "cycle", "show_on_profile"]
    raw_id_fields = ["jurisdiction", "assessment", "granted_by"]


@admin.register(ConversationRequest)
class ConversationRequestAdmin(admin.ModelAdmin):
    list_display = ["from_jurisdiction", "to_jurisdiction", "criterion", "status", "created_at"]
    raw_id_fields = ["from_jurisdiction", "to_jurisdiction", "criterion", "requested_by"]
