from django.contrib.auth import views as auth_views
from django.urls import path

from web.accounts import views

urlpatterns = [
    path("log-ind/", auth_views.LoginView.as_view(template_name="accounts/login.html",
                                                  redirect_authenticated_user=True), name="login"),
    path("log-ud/", auth_views.LogoutView.as_view(), name="logout"),
    path("brugere/", views.user_list, name="users"),
    path("brugere/<str:username>/", views.user_edit, name="user_edit"),
]
