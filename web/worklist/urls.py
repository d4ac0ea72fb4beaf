from django.urls import path

from web.worklist.views import flag, overview, worklist

urlpatterns = [
    path("", worklist.worklist, name="worklist"),
    path("eksport/", worklist.export, name="export"),
    path("flag/<str:flag_id>/", flag.flag_detail, name="flag"),
    path("flag/<str:flag_id>/afgoerelse/", flag.decide, name="decide"),
    path("flag/<str:flag_id>/vis-cpr/", flag.reveal_cpr, name="reveal_cpr"),
    path("overblik/", overview.overview, name="overview"),
]
