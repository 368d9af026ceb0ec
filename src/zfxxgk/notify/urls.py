from django.urls import path

from . import views

app_name = "notify"
urlpatterns = [
    path("", views.message_list, name="list"),
    path("<int:pk>/resend/", views.resend, name="resend"),
]
