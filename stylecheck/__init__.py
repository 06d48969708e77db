"""stylecheck: a writing-style linter for prose manuscripts, fiction first."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("stylecheck")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"
