"""Stage 0, shared by every stage: the one problem shape, text safety and suggestions."""
