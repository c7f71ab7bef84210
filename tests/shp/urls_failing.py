"""The project's URLs plus one view that fails, to check what a server error shows."""

from django.urls import path

from shp.urls import urlpatterns as project_patterns


def failing_view(request):
    raise RuntimeError("secret internal detail")


urlpatterns = [path("fail/", failing_view), *project_patterns]
