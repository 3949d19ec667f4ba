"""Stage 2: the linked survey: every reference resolved, every relation indexed both ways."""
