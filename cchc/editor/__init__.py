"""The web editor at /admin/: Decap CMS with a configuration generated from the content model."""
