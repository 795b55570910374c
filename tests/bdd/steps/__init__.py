"""The Ukrainian step library: one module per part of the API, shared reading of dates, roles and clauses."""
