"""medlint: a content-validation linter for medical and health writing."""

__version__ = "0.1.0"
