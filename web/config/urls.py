from django.urls import include, path

urlpatterns = [
    path("", include("web.accounts.urls")),
    path("", include("web.worklist.urls")),
    path("revisionsspor/", include("web.audit.urls")),
]

handler403 = "web.worklist.views.errors.forbidden"
handler404 = "web.worklist.views.errors.not_found"
handler500 = "web.worklist.views.errors.server_error"
