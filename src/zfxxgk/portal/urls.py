from django.urls import path

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("apply/<slug:code>/", views.apply, name="apply"),
    path("applied/", views.applied, name="applied"),
    path("status/", views.status, name="status"),
    path("status/letter.<str:fmt>", views.letter, name="letter"),
    path("status/notices/<int:notice_id>.<str:fmt>", views.notice, name="notice"),
    path("status/released/<int:att_id>/", views.released, name="released"),
    path("status/correction/", views.correction, name="correction"),
    path("guide/<slug:code>/", views.guide, name="guide"),
]
