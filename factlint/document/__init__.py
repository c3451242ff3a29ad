"""Stage 1: read a draft into text, checkable regions and positions."""
