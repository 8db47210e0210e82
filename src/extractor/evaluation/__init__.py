"""Evaluation of `extractor` outputs against annotated data: `quotes` scores the quotes table."""
