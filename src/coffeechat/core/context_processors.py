import json

from django.conf import settings
from django.http import HttpRequest

from coffeechat import __version__


def coffeechat(request: HttpRequest) -> dict:
    return {
        "coffeechat_version": __version__,
        "local_mode": settings.LOCAL_MODE,
        "form_limits": form_limits(),
    }


def form_limits() -> str:
    """The sizes a form may send, for the script that checks them before sending (base.html
    puts them on <body data-form-limits>): the form's text, in bytes as Django counts them
    (DATA_UPLOAD_MAX_MEMORY_SIZE, None when unlimited), and each uploaded file."""
    return json.dumps(
        {"text": settings.DATA_UPLOAD_MAX_MEMORY_SIZE, "file": settings.MAX_UPLOAD_BYTES}
    )
