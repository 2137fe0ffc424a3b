from django.apps import AppConfig


class GigsConfig(AppConfig):
    name = "gigs_service.gigs"
    label = "gigs"
