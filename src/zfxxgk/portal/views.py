from django.shortcuts import render

from ..agencies.models import Agency


def home(request):
    return render(request, "portal/home.html", {"agencies": Agency.objects.all()})


def status(request):
    return render(request, "portal/status.html", {})
