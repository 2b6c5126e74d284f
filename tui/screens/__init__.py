"""The reader's views: library, compare, passages and help."""
