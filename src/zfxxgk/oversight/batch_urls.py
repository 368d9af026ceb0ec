from django.urls import path

from . import batch_views as v

app_name = "batch"
urlpatterns = [
    path("", v.batch_list, name="list"),
    path("new/", v.batch_new, name="new"),
    path("<int:pk>/", v.batch_detail, name="detail"),
    path("<int:pk>/progress.json", v.batch_progress, name="progress"),
    path("<int:pk>/resume/", v.resume, name="resume"),
    path("<int:pk>/reports/<int:report_id>/review/", v.review, name="review"),
]
