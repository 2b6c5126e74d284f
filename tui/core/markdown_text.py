"""The plain text of a Markdown article: what a reader sees, without the markup.

``**bold**`` becomes ``bold``, ``[the city said](https://…)`` becomes ``the city said``,
list items keep a ``- `` marker so the cleaner knows them, and headings, block quotes and
code stay as their own lines. Raw HTML blocks are dropped. Parsing is markdown-it-py's
CommonMark parser, not hand-written rules.

The parser is bounded, because its time on crafted input (runs of ``![``, ``[a](b``,
unclosed reference titles) grows at 10-20 s per MB of source and some of its rules have been
quadratic before: a source over ``MAX_MARKDOWN_CHARS`` is not parsed, and parsing stops once
it has used ``MARKDOWN_CPU_SECONDS`` (checked after the blocks and after each block's inline
markup). Either way the text is read as plain text, with a notice saying so.
"""

from __future__ import annotations

import re
import time

from markdown_it import MarkdownIt
from markdown_it.token import Token

#: Markdown sources longer than this (characters) are read as plain text, unparsed. News
#: articles are 2-50 KB of Markdown; at this size the slowest inputs measured (block-level
#: reference titles) take about 6 s to parse.
MAX_MARKDOWN_CHARS = 500_000
#: CPU time parsing one source may take before it is given up and read as plain text.
MARKDOWN_CPU_SECONDS = 5.0

_PARSER = MarkdownIt("commonmark")
#: The same parser without its inline pass, which ``_tokens`` runs block by block.
_BLOCKS = MarkdownIt("commonmark").disable(["inline", "text_join"])


class _TooSlow(Exception):
    pass


def _tokens(source: str) -> list[Token]:
    """``_PARSER.parse(source)``, raising ``_TooSlow`` past the CPU budget."""
    deadline = time.thread_time() + MARKDOWN_CPU_SECONDS
    env: dict[str, object] = {}
    tokens = _BLOCKS.parse(source, env)
    if time.thread_time() > deadline:
        raise _TooSlow
    for token in tokens:
        if token.type == "inline":
            token.children = []
            _PARSER.inline.parse(token.content, _PARSER, env, token.children)
            if time.thread_time() > deadline:
                raise _TooSlow
    return tokens


def _inline_text(token: Token) -> str:
    parts: list[str] = []
    for child in token.children or ():
        if child.type in ("text", "text_special", "code_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
        elif child.type == "image":
            parts.append(child.content)  # the alt text
    return "".join(parts).strip()


def markdown_to_text(source: str, notes: list[str] | None = None) -> tuple[str | None, str]:
    """The first top-level heading (if the document opens with one) and the plain text.

    Blocks are separated by blank lines, as the cleaner expects. A source too long or too
    slow to parse comes back whole as plain text (no heading), with a line in ``notes``.
    """
    if len(source) > MAX_MARKDOWN_CHARS:
        if notes is not None:
            notes.append(f"over {MAX_MARKDOWN_CHARS:,} characters of Markdown; read as plain text")
        return None, source
    try:
        tokens = _tokens(source)
    except _TooSlow:
        if notes is not None:
            notes.append(
                f"Markdown took over {MARKDOWN_CPU_SECONDS:g} s to read; read as plain text"
            )
        return None, source
    blocks: list[str] = []
    heading: str | None = None
    list_depth = 0
    in_heading = False
    for token in tokens:
        if token.type in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
        elif token.type == "heading_open":
            in_heading = True
        elif token.type == "heading_close":
            in_heading = False
        elif token.type == "inline":
            text = _inline_text(token)
            if not text:
                continue
            if in_heading and not blocks and heading is None:
                heading = text
                continue
            blocks.append(f"- {text}" if list_depth else text)
        elif token.type in ("fence", "code_block"):
            blocks.append(token.content.strip())
    return heading, "\n\n".join(block for block in blocks if block)


_SPECIAL = re.compile(r"([\\`*_\[\]<>#!|~&])")
_LIST_START = re.compile(r"^(\d+)([.)])(?=\s|$)|^([-+])(?=\s|$)")


def text_to_markdown(text: str) -> str:
    """Plain text as Markdown that ``markdown_to_text`` reads back to the same text.

    Every line becomes its own paragraph (the cleaner treats lines as paragraphs), and every
    character Markdown could take for markup is escaped.
    """
    blocks = []
    for line in text.splitlines():
        line = line.strip()
        if line:
            escaped = _SPECIAL.sub(r"\\\1", line)
            blocks.append(
                _LIST_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", escaped)
            )
    return "\n\n".join(blocks)
