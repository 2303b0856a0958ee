"""The mock's own tests: its rules, views and storage, through Flask's test client."""
