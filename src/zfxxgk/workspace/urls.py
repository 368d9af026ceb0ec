from django.urls import path

from . import notice_views, views
from .actions import ACTIONS

app_name = "workspace"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("register/", views.register, name="register"),
    path("find/", views.find_by_code, name="find_by_code"),
    path("cases/<int:pk>/", views.case, name="case"),
    path("cases/<int:pk>/letter.<str:fmt>", views.letter, name="letter"),
    path("cases/<int:pk>/attachments/<int:att_id>/", views.attachment, name="attachment"),
    path("cases/<int:pk>/notices/<int:notice_id>.<str:fmt>", notice_views.notice_file, name="notice_file"),
    path("cases/<int:pk>/notices/<int:notice_id>/delivery/", notice_views.add_delivery, name="add_delivery"),
    path("cases/<int:pk>/released/", notice_views.add_released, name="add_released"),
    path("office/", notice_views.office_settings, name="office_settings"),
    path("ledger/", views.ledger_export, name="ledger"),
    path("ledger/import/", views.ledger_import, name="ledger_import"),
    path("cases/<int:pk>/appeals/<int:appeal_id>/decide/", views.act, {"action": "decide_appeal"}, name="decide_appeal"),
]
# One URL per action, each POSTed by its own small form on the case page: workspace:<action name>.
urlpatterns += [
    path(f"cases/<int:pk>/{name.replace('_', '-')}/", views.act, {"action": name}, name=name)
    for name, action in ACTIONS.items() if not action.per_appeal
]
