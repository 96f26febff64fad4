"""What staff and editors type: `python -m cchc check|new|tally|import-procedures`."""
