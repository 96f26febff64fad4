"""Publishing pipeline for Vietnamese administrative-reform (CCHC) news portals."""

__version__ = "0.1.0"
