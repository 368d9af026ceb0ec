"""Staff pages for 主动公开 (/workspace/publishing/): publications, review, the registry, content health."""
from django.urls import include, path

from . import views

app_name = "publishing"
urlpatterns = [
    path("", views.publication_list, name="list"),
    path("new/", views.create, name="new"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/attachments/", views.upload, name="upload"),
    path("<int:pk>/attachments/<int:att>/", views.attachment, name="attachment"),
    path("<int:pk>/attachments/<int:att>/remove/", views.remove_attachment, name="remove_attachment"),
    path("<int:pk>/rescan/", views.rescan, name="rescan"),
    path("<int:pk>/hits/<int:hit>/allow/", views.allow_hit, name="allow_hit"),
    path("<int:pk>/submit/", views.submit, name="submit"),
    path("<int:pk>/recall/", views.recall, name="recall"),
    path("<int:pk>/decide/", views.decide, name="decide"),
    path("<int:pk>/publish/", views.publish, name="publish"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:pk>/correct/", views.correct, name="correct"),
    path("registry/", include("zfxxgk.publishing.registry_urls")),  # publishing:registry:… (规章/规范性文件登记)
    path("health/", include("zfxxgk.publishing.health_urls")),  # publishing:health, publishing:health_export (网站运维监测)
]
