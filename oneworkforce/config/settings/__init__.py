"""Settings modules: ``local`` (default for development), ``test`` and ``production``."""
