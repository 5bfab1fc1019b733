from django.urls import path

from citypeers.guides import views

app_name = "guides"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.guide_new, name="new"),
    path("<slug:slug>/", views.guide, name="guide"),
    path("<slug:slug>/edit/", views.guide_edit, name="edit"),
    path("<slug:slug>/draft/", views.draft, name="draft"),
    path("<slug:slug>/members/", views.member_invite, name="member-invite"),
    path("<slug:slug>/invitations/<int:pk>/", views.invitation_answer, name="invitation"),
    path("<slug:slug>/chapters/", views.chapter_add, name="chapter-add"),
    path("<slug:slug>/chapters/<int:pk>/sections/", views.section_add, name="section-add"),
    path("<slug:slug>/sections/<int:pk>/edit/", views.section_edit, name="section-edit"),
    path("<slug:slug>/sections/<int:pk>/history/", views.section_history, name="section-history"),
    path(
        "<slug:slug>/sections/<int:pk>/revisions/<int:number>/",
        views.revision_diff,
        name="revision",
    ),
    path("<slug:slug>/sections/<int:pk>/blocks/", views.block_add, name="block-add"),
    path("<slug:slug>/blocks/<int:pk>/remove/", views.block_remove, name="block-remove"),
    path("<slug:slug>/files/<int:pk>/", views.file_download, name="file"),
    path("<slug:slug>/editions/new/", views.edition_new, name="edition-new"),
    path("<slug:slug>/editions/<str:number>/", views.edition, name="edition"),
    path("<slug:slug>/editions/<str:number>/pdf/", views.edition_pdf, name="edition-pdf"),
    path("<slug:slug>/editions/<str:number>/reviewers/", views.reviewer_add, name="reviewer-add"),
    path("<slug:slug>/editions/<str:number>/review/", views.review_decide, name="review"),
    path("<slug:slug>/editions/<str:number>/comments/", views.comment_add, name="comment-add"),
    path(
        "<slug:slug>/editions/<str:number>/comments/<int:pk>/resolve/",
        views.comment_resolve,
        name="comment-resolve",
    ),
    path("<slug:slug>/editions/<str:number>/publish/", views.edition_publish, name="publish"),
    path("<slug:slug>/editions/<str:number>/withdraw/", views.edition_withdraw, name="withdraw"),
]
