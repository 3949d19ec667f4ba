"""Stage 4a: outside data (BibTeX, curated paper lists) turned into records."""
