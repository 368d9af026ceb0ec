from django.urls import path

from . import views

app_name = "annual"
urlpatterns = [
    path("", views.report_list, name="list"),
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.report, name="report"),
    path("<int:pk>/save/", views.save, name="save"),
    path("<int:pk>/generate/", views.generate, name="generate"),
    path("<int:pk>/dismiss/", views.dismiss, name="dismiss"),
    path("<int:pk>/import/", views.import_figures, name="import"),
    path("<int:pk>/previous/", views.upload_published, name="upload_previous"),
    path("<int:pk>/submit/", views.submit, name="submit"),
    path("<int:pk>/decide/", views.decide, name="decide"),
    path("<int:pk>/correct/", views.correct, name="correct"),
]
