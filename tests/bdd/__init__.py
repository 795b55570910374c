"""The Ukrainian Gherkin suite of features/ and its step library."""
