"""Traceability: clause text → encoding → Gherkin scenarios → their last results, the HTML report and the gate."""
