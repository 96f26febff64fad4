"""Site generation: which pages exist, what each shows, and where it lives."""
