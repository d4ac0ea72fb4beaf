"""Danish error pages that say nothing about the request (no path, no CPR, no trace)."""

from django.shortcuts import render


def forbidden(request, exception=None):
    return render(request, "errors/error.html", {"code": 403, "message": "Du har ikke adgang til dette."}, status=403)


def not_found(request, exception=None):
    return render(request, "errors/error.html", {"code": 404, "message": "Siden findes ikke."}, status=404)


def server_error(request):
    return render(request, "errors/error.html", {"code": 500, "message": "Der skete en fejl. Prøv igen senere."},
                  status=500)
