"""View models: what the reader's views show and how they navigate, as plain data.

Free of Textual (an import-hygiene test checks) and of display strings: the widgets
decide how a paragraph number or a count reads.
"""
