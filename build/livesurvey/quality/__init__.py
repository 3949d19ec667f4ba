"""Stage 3: data-quality checks a schema cannot express, with configurable severity."""
