"""coffeechat: a private workspace for informational interviews."""

__version__ = "0.1.0"
