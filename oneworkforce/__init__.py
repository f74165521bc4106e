"""One Workforce: software for health and care partnerships working as one workforce."""

__version__ = "0.1.0"
