from django.conf import settings
from django.http import HttpRequest

from coffeechat import __version__


def coffeechat(request: HttpRequest) -> dict:
    return {
        "coffeechat_version": __version__,
        "local_mode": settings.LOCAL_MODE,
    }
