"""Post counts per unit for the quarterly, 6-month, 9-month and annual CCHC reports."""
