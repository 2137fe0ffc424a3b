"""Public API of the gigs service, under ``/api/v1/`` (the gateway forwards these paths unchanged)."""

from django.urls import path, re_path

from gigs_service.gigs.api import media, search, views

app_name = "gigs"

urlpatterns = [
    # One view for both: GET searches (api/search.py), POST creates (views.GigCollectionView).
    path("gigs", search.GigCollectionView.as_view(), name="gigs"),
    # "top" before "<id>": it is never an id.
    path("gigs/top", views.TopGigsView.as_view(), name="top-gigs"),
    path("gigs/<id:gig_id>", views.GigView.as_view(), name="gig"),
    path("gigs/<id:gig_id>/similar", views.SimilarGigsView.as_view(), name="similar-gigs"),
    path("sellers/<str:username>/gigs", views.SellerGigsView.as_view(), name="seller-gigs"),
    path("favourites", views.SavedGigsView.as_view(), name="saved-gigs"),
    path("favourites/<id:gig_id>", views.SavedGigView.as_view(), name="saved-gig"),
    path("categories", views.CategoriesView.as_view(), name="categories"),
    re_path(r"^media/gigs/covers/(?P<file_name>[^/]+)$", media.CoverImageView.as_view(), name="cover-image"),
]
