from django.http import Http404


def comparison_detail(request, family, pair):
    raise Http404
