"""The mock's own tests: its rules, its views and its FranceConnect, through Flask's client."""
