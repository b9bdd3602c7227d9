from django.urls import path

from meetings import views

app_name = "meetings"

urlpatterns = [
    path("<slug:slug>/request-change/", views.request_change, name="request_change"),
]
