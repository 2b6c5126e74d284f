"""Widgets that render a built ``Story``; none of them computes alignment."""
