from django.contrib import admin
from django.urls import path

admin.site.site_header = "政府信息公开平台"
admin.site.site_title = "政府信息公开平台"

urlpatterns = [
    path("admin/", admin.site.urls),
]
