"""Content models and their loading from `content/`."""
