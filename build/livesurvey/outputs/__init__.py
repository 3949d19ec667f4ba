"""Stage 4b: the linked survey rendered into Markdown pages and data files (never MkDocs)."""
