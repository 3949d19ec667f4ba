"""Stage 1: record files read with positions, validated one by one against their schema."""
