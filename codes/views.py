from django.http import Http404


def code_detail(request, family, slug):
    raise Http404
