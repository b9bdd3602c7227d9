from django.urls import include, path

from meetings.views import browse, finder, meeting, online

app_name = "meetings"

urlpatterns = [
    path("", finder.finder, name="finder"),
    path("online/", online.online, name="online"),
    path("browse/", include(browse.urlpatterns)),
    path("calendar.ics", finder.search_calendar, name="search_calendar"),
    path("<slug:slug>/", meeting.detail, name="detail"),
    path("<slug:slug>.ics", meeting.calendar, name="calendar"),
    path("<slug:slug>/request-change/", meeting.request_change, name="request_change"),
]
