"""Stage 2: find sentences, numbers, dates, names and citations in a Document."""
