from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "citypeers.accounts"
    label = "accounts"

    def ready(self):
        from citypeers.accounts import login_throttle  # noqa: PLC0415 - models are ready only now

        login_throttle.connect()
