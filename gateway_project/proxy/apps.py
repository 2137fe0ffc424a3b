from django.apps import AppConfig


class ProxyConfig(AppConfig):
    name = "gateway_project.proxy"
    label = "proxy"

    def ready(self) -> None:
        from gateway_project.proxy import checks  # noqa: F401  (registers the deploy checks)
