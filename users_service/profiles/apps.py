from django.apps import AppConfig


class ProfilesConfig(AppConfig):
    name = "users_service.profiles"
    label = "profiles"
