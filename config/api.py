# The API router (see issue: read-only JSON API). Filled in by the API work.
urlpatterns = []
