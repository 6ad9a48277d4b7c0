from django.contrib import admin
from django.urls import include, path

from archive import api, exports, feeds, views

app_name = "archive"

archive_patterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("search/export.csv", exports.search_csv, name="search_csv"),
    path("search/feed/", feeds.search_feed, name="search_feed"),
    path("articles/<int:pk>/", views.article, name="article"),
    path("officials/", views.officials, name="officials"),
    path("officials/<slug:slug>/", views.official, name="official"),
    path("officials/<slug:slug>/feed/", feeds.OfficialFeed(), name="official_feed"),
    path("resolutions/", views.resolutions, name="resolutions"),
    path("resolutions/<slug:slug>/", views.resolution, name="resolution"),
    path("resolutions/<slug:slug>/feed/", feeds.ResolutionFeed(), name="resolution_feed"),
    path("localities/", views.localities, name="localities"),
    path("localities/<slug:slug>/", views.locality, name="locality"),
    path("localities/<slug:slug>/feed/", feeds.LocalityFeed(), name="locality_feed"),
    path("api/search/", api.search, name="api_search"),
    path("api/articles/<int:pk>/", api.article, name="api_article"),
    path("api/officials/", api.officials, name="api_officials"),
    path("api/officials/<slug:slug>/", api.official, name="api_official"),
    path("api/resolutions/", api.resolutions, name="api_resolutions"),
    path("api/resolutions/<slug:slug>/", api.resolution, name="api_resolution"),
    path("api/localities/", api.localities, name="api_localities"),
    path("api/localities/<slug:slug>/", api.locality, name="api_locality"),
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include((archive_patterns, "archive"))),
]
