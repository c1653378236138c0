from django.http import Http404


def organisation_list(request):
    raise Http404  # built next


def organisation_detail(request, pk):
    raise Http404  # built next
