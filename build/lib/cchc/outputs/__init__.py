"""What the build writes besides pages: feeds, machine-readable data."""
