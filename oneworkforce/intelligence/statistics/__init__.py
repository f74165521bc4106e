"""National NHS workforce statistics: the files NHS England publishes, imported and compared."""
