"""Evaluation of `extractor` outputs against annotated folders."""

from extractor.evaluation.quotes import QuoteScores, evaluate_quotes, format_scores, score_quotes

__all__ = ["QuoteScores", "evaluate_quotes", "format_scores", "score_quotes"]
