"""The published view of checked content: lookups, relations, statistics, page addresses."""
