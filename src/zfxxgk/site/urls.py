from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

admin.site.site_header = "政府信息公开平台 · 系统管理"
admin.site.site_title = "政府信息公开平台"

urlpatterns = [
    path("", include("zfxxgk.portal.urls")),
    path("workspace/", include("zfxxgk.workspace.urls")),
    path("workspace/annual/", include("zfxxgk.annual.urls")),
    path("workspace/approvals/", include("zfxxgk.approvals.urls")),
    path("workspace/oversight/", include("zfxxgk.oversight.urls")),
    path("workspace/oversight/batches/", include("zfxxgk.oversight.batch_urls")),
    path("workspace/notify/", include("zfxxgk.notify.urls")),
    # The public annual reports: /zfxxgk/<agency code>/ndbg/<year>/ (政府信息公开年报).
    path("workspace/publishing/", include("zfxxgk.publishing.urls")),
    path("zfxxgk/", include("zfxxgk.annual.public_urls")),
    path("zfxxgk/", include("zfxxgk.publishing.public_urls")),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("api/", include("zfxxgk.api.urls")),
    path("captcha/", include("captcha.urls")),
]
