"""Write a ``Story`` as JSON (for scripts) or Markdown (for write-ups); save files atomically."""

from __future__ import annotations

import errno
import html
import json
import math
import os
import re
import secrets
import shutil
import stat
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

try:
    import orjson
except ImportError:  # optional: the standard encoder writes the same bytes, slower
    orjson = None  # type: ignore[assignment]

from tui.core import outlets as shared_text
from tui.core.cleaning import sanitize_line
from tui.core.collector import collector_paused
from tui.core.figures import SINGLE, FigureGroup, status_words
from tui.core.model import REWRITE, Article, Change, DiffOp, Passage, Story, Unique
from tui.core.quotes import QuoteGroup, QuoteVersion
from tui.core.words import (
    base_reason,
    count,
    nearest_text,
    percent,
    similarity_text,
    within_text,
)

#: 2 added ``quotes``, ``figures``, ``outlets``, each passage's ``first_seen`` and each
#: article's ``published`` and ``most_shared_with``; nothing of version 1 changed.
FORMAT_VERSION = 2
#: 3 is written only for a story of more than ``MAX_DENSE`` outlets: ``outlets`` then holds
#: each outlet's ``TOP_PARTNERS`` partners (``form``: ``top``) instead of the dense ``chars``
#: rows; everything else is as in version 2, and smaller stories are still version 2.
SPARSE_VERSION = 3


def to_dict(story: Story) -> dict[str, Any]:
    """The story in the documented JSON shape (``version`` 2)."""
    return _to_dict(story, arrays=False)


def _to_dict(story: Story, *, arrays: bool) -> dict[str, Any]:
    """``to_dict``; with ``arrays`` the dense ``outlets.chars`` rows stay one integer array
    (orjson writes it as the same nested lists, without a million Python integers: 35 MB at
    1,000 articles), for ``to_json_bytes`` alone."""
    return {
        key: list(value) if isinstance(value, Iterator) else value
        for key, value in _sections(story, arrays=arrays)
    }


def _sections(story: Story, *, arrays: bool) -> list[tuple[str, Any]]:
    """The story's top-level keys in order, each list as an iterator of its items, made
    one at a time (``to_json_bytes`` writes each and lets it go)."""
    facts = story.facts
    outlets = _outlets(story, arrays)
    return [
        ("version", FORMAT_VERSION if "chars" in outlets else SPARSE_VERSION),
        ("articles", (_article_dict(story, a) for a in story.articles)),
        ("passages", (_passage_dict(story, p) for p in story.passages)),
        ("unique", (_unique_dict(u) for u in story.unique)),
        ("problems", ({"source": p.source, "message": p.message} for p in story.problems)),
        ("quotes", (_quote_dict(g) for g in facts.quote_groups)),
        ("figures", (_figure_dict(g) for g in facts.figure_groups)),
        ("outlets", outlets),
    ]


def _article_dict(story: Story, a: Article) -> dict[str, Any]:
    prov = story.facts.provenance
    when = prov.dates.get(a.id)
    partner = prov.most_shared.get(a.id)
    return {
        "id": a.id,
        "source": a.source,
        "title": a.title,
        "outlet": a.outlet,
        "date": a.date,
        "url": a.url,
        "author": a.author,
        "text": a.text,
        "removed": list(a.removed),
        "stats": {
            "words": story.stats[a.id].words,
            "shared": round(story.stats[a.id].shared, 3),
            "unique_passages": story.stats[a.id].unique_passages,
        },
        "published": when.iso() if when else None,
        "most_shared_with": (
            {
                "articles": list(partner.others),
                "share": round(partner.share, 3),
                "back": [round(b, 3) for b in partner.back],
            }
            if partner
            else None
        ),
    }


def _within(passage: Passage, labels: Mapping[str, str]) -> str:
    """ "within p3", or "within p3 for NewsNation" when some members lie outside p3."""
    assert passage.within is not None
    inside = [
        labels[m.article]
        for m in passage.members
        if passage.outside and passage.inside_parent(m.article)
    ]
    return within_text(passage.within, inside)


def _passage_dict(story: Story, p: Passage) -> dict[str, Any]:
    seen = story.facts.provenance.first_seen[p.id]
    # ``within`` only on a nested passage: every other passage is written as before.
    within: dict[str, Any] = {} if p.within is None else {"within": p.within}
    if p.outside:
        within["outside"] = list(p.outside)
    # ``disagreements`` only where the members disagree, likewise.
    differ: dict[str, Any] = {"disagreements": list(p.disagreements)} if p.disagreements else {}
    # ``remnants`` only where a member leaves a few words of its sentence, likewise.
    rests = story.remnants_of(p.id)
    if rests:
        differ["remnants"] = [
            {"article": r.article, "start": r.start, "end": r.end, "text": r.text} for r in rests
        ]
    # Members with the same text and diff (wire copy repeated verbatim) share one list.
    changes: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for index, m in enumerate(p.members):
        key = (m.text, id(p.diffs[index]))
        if key not in changes:
            changes[key] = [
                _change_dict(op, p, index) for op in p.diffs[index] if op.change is not Change.EQUAL
            ]
    return {
        "id": p.id,
        "similarity": p.similarity,
        "same_wording": p.same_wording,
        "kind": p.kind,
        "evidence": list(p.evidence),
        "base": p.members[p.base].article,
        **within,
        **differ,
        "members": [
            {
                "article": m.article,
                "start": m.start,
                "end": m.end,
                "text": m.text,
                "changes": changes[m.text, id(p.diffs[index])],
            }
            for index, m in enumerate(p.members)
        ],
        "first_seen": {
            "first": list(seen.first),
            "order": [list(tier) for tier in seen.order],
            "undated": list(seen.undated),
        },
    }


def _unique_dict(u: Unique) -> dict[str, Any]:
    return {
        "article": u.article,
        "start": u.start,
        "end": u.end,
        "text": u.text,
        "nearest": [
            {
                "article": n.article,
                "start": n.start,
                "end": n.end,
                "score": n.score,
                "missing": list(n.missing),
                "kept_apart": n.kept_apart,
            }
            for n in u.nearest
        ],
    }


def _change_dict(op: DiffOp, passage: Passage, index: int) -> dict[str, Any]:
    base = passage.members[passage.base].text
    text = passage.members[index].text
    return {
        "change": op.change.value,
        "minor": op.minor,
        "base": base[op.a_start : op.a_end],
        "text": text[op.b_start : op.b_end],
        "start": op.b_start,
        "end": op.b_end,
    }


def to_json(story: Story) -> str:
    """The story as JSON text: ``json.dumps(to_dict(story), ensure_ascii=False, indent=2)``
    and a newline, byte for byte (``dumps_indented``)."""
    return to_json_bytes(story).decode()


def to_json_bytes(story: Story) -> bytes:
    """``to_json`` encoded as UTF-8, made without the text in between (for writing a file:
    at 1,000 articles the text and its encoding were two more copies of 39 MB each)."""
    return b"".join(to_json_chunks(story))


def to_json_chunks(story: Story) -> Iterator[bytes]:
    """``to_json_bytes`` in pieces, made as ``write_atomic`` writes them: neither the pieces
    joined (39 MB at 1,000 articles) nor all of them at once are alive at the export's peak."""
    with collector_paused():  # millions of new dicts and lists, no cycles
        yield from _json_parts(story)


def _json_parts(story: Story) -> Iterator[bytes]:
    """``dumps_indented_bytes(to_dict(story))`` in pieces, each list item encoded on its own
    and indented to its depth (inside the text of JSON a line break is only ever one between
    values, so indenting is adding spaces after each, for either encoder): by orjson, or by
    the standard encoder where orjson could write it differently (see
    ``dumps_indented_bytes``).

    The whole story's dicts are never alive at once, nor orjson's buffer of the whole text,
    which it grows as it writes (at 1,000 articles 101 MB above the story at its peak,
    for 39 MB of JSON).
    """
    option = orjson.OPT_INDENT_2 | orjson.OPT_SERIALIZE_NUMPY if orjson is not None else 0

    def encoded(value: Any, depth: bytes, finite: bool = True) -> bytes:
        text = b""
        if orjson is not None and finite:
            try:
                text = orjson.dumps(value, option=option)
            except TypeError:  # orjson.JSONEncodeError is a TypeError
                text = b""
        if not text or _small_exponent(text):
            text = json.dumps(value, ensure_ascii=False, indent=2, default=_listed).encode()
        return text.replace(b"\n", b"\n" + depth)

    def split(value: Any, level: int) -> Iterator[bytes]:
        # The outlets' section: key by key, and its rows of up to 2,000 × 2,000 integers
        # row by row (whole, their text and its indented copy were 26 MB at 1,000 outlets).
        pad = b"\n" + b"  " * level
        if isinstance(value, dict) and value:
            for n, (key, item) in enumerate(value.items()):
                yield (b"{" if n == 0 else b",") + pad + b"  "
                yield json.dumps(key, ensure_ascii=False).encode() + b": "
                yield from split(item, level + 1)
            yield pad + b"}"
        elif isinstance(value, np.ndarray) and value.ndim == 2 and len(value):
            for n, row in enumerate(value):
                yield (b"[" if n == 0 else b",") + pad + b"  "
                yield encoded(row, b"  " * (level + 1))
            yield pad + b"]"
        else:
            yield encoded(value, b"  " * level)

    for number, (key, value) in enumerate(_sections(story, arrays=True)):
        yield b"{\n  " if number == 0 else b",\n  "
        yield json.dumps(key).encode() + b": "
        if not isinstance(value, Iterator):
            yield from split(value, 1)
            continue
        empty = True
        for item in value:
            yield b"[\n    " if empty else b",\n    "
            yield encoded(item, b"    ", key != "figures" or _finite_group(item))
            empty = False
        yield b"[]" if empty else b"\n  ]"
    yield b"\n}\n"


def _small_exponent(encoded: bytes) -> bool:
    """Whether a digit is followed by "e-", or "0.0000" appears, anywhere in ``encoded``
    (even inside a string): where orjson and ``json.dumps`` may write a float below 1e-4
    differently (2.5e-7 and 2.5e-07; 0.00001 and 1e-05). A search runs at memory speed; a
    regular expression took longer than orjson."""
    if b"0.0000" in encoded:
        return True
    at = encoded.find(b"e-")
    while at != -1:
        if at and 48 <= encoded[at - 1] <= 57:  # b"0" to b"9"
            return True
        at = encoded.find(b"e-", at + 2)
    return False


def dumps_indented(data: Any) -> str:
    """``dumps_indented_bytes`` decoded."""
    return dumps_indented_bytes(data).decode()


def dumps_indented_bytes(data: Any) -> bytes:
    """``json.dumps(data, ensure_ascii=False, indent=2) + "\n"``, byte for byte, written by
    orjson when it is installed (at 1,000 articles 0.1 s instead of 1.2 s of CPU: with
    ``indent`` the standard library falls back to its pure-Python encoder).

    orjson writes the same text for the JSON this module makes (UTF-8, the same escapes, the
    same indentation and separators) except in three cases, which the standard encoder then
    writes: a float with a negative exponent (``_small_exponent``), a float that is not finite
    (orjson writes ``null``, ``json`` ``NaN``; only figure values are unrounded floats, so
    only they are checked) and what orjson refuses (integers beyond 64 bits, keys that are
    not strings).

    Integer arrays (``numpy``) are written as the nested lists ``tolist`` makes.
    """
    if orjson is not None and _finite_figures(data):
        option = orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE | orjson.OPT_SERIALIZE_NUMPY
        try:
            encoded = orjson.dumps(data, option=option)
        except TypeError:  # orjson.JSONEncodeError is a TypeError
            encoded = b""
        if encoded and not _small_exponent(encoded):
            return encoded
    return (json.dumps(data, ensure_ascii=False, indent=2, default=_listed) + "\n").encode()


def _listed(value: Any) -> Any:
    """What the standard encoder writes for an array: its nested lists."""
    if isinstance(value, np.ndarray):
        return value.tolist()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def _finite_figures(data: Any) -> bool:
    """Whether every figure value of an exported story is a finite number."""
    if not isinstance(data, dict):
        return False  # not a story: no knowing where its floats are
    return all(_finite_group(group) for group in data.get("figures", ()))


def _finite_group(group: dict[str, Any]) -> bool:
    """Whether every value of an exported figure group is a finite number."""
    for item in (*group["values"], *group["figures"]):
        value = item["value"]
        if isinstance(value, float) and not math.isfinite(value):
            return False
    return True


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]#|~!])")
#: What ``_escape_md`` changes: ``_MARKDOWN_SPECIAL``, what ``html.escape`` replaces, and
#: every line break ``str.splitlines`` splits at. Text without any is its own escape, and
#: without a line break escaping is done character by character (so a text with none of
#: these has pieces that are each their own escape).
_ESCAPED = re.compile(r"[\\`*_\[\]#|~!&<>\n\v\f\r\x1c-\x1e\x85\u2028\u2029]")
_BLOCK_MARKER = re.compile(r"^(\d+)([.)])(?=\s|$)|^([-+>])(?=\s|$)")


def _escape_md(text: str) -> str:
    """Article text or metadata as literal Markdown: no emphasis, links, tables or HTML."""
    if _ESCAPED.search(text) is None:  # most text: one search instead of five passes
        return text
    text = html.escape(text, quote=False)
    if _MARKDOWN_SPECIAL.search(text) is not None:  # most text has nothing to escape
        text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return " ".join(text.splitlines())


#: The public name of ``_escape_md``, for other writers of Markdown (the archive report).
escape_md = _escape_md


def _escape_block(text: str) -> str:
    """``_escape_md`` for text that starts a block: "1986." or "- " must not start a list."""
    return _BLOCK_MARKER.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", _escape_md(text))


def marked_version(passage: Passage, index: int) -> str:
    """One member's text with its differences from the base version marked.

    The marks are HTML, which Markdown passes through and which, unlike ``**`` or ``_``, work
    next to letters and punctuation: wording the base has and this version lacks is
    ``<del>``, wording this version adds is ``<ins>``, and a difference of punctuation, quotes
    or case only is ``<i>``.
    """
    base = passage.members[passage.base].text
    text = passage.members[index].text
    ops = passage.diffs[index]
    # Pieces of texts with nothing to escape are their own escapes (``str`` returns them).
    escape = _escape_md if _ESCAPED.search(base) or _ESCAPED.search(text) else str
    parts = [escape(text[: ops[0].b_start] if ops else text)]
    for position, op in enumerate(ops):
        new = text[op.b_start : op.b_end]
        if op.change is Change.EQUAL:
            parts.append(escape(new))
        elif op.minor:
            parts.append(f"<i>{escape(new)}</i>" if new else "")
        else:
            parts.append(_marked_change(base, text, op))
        gap_end = ops[position + 1].b_start if position + 1 < len(ops) else len(text)
        parts.append(escape(text[op.b_end : gap_end]))
    return "".join(parts)


#: Punctuation that follows the word before it without a space: an insertion that starts
#: with one sits right after the strike ("<del>from 200 homes</del><ins>, they added</ins>").
_CLINGS_TO_WORD_BEFORE = frozenset(",.;:!?)]}”’…%")


def change_spaces(base: str, text: str, op: DiffOp) -> tuple[str, str, str]:
    """The spaces a marked change needs before its strike, between strike and insertion, and
    after: once the base's words are struck, ``text`` alone lacks the space the base had
    ("evacuated <del>from 200 homes</del><ins>, they added</ins>")."""
    old, new = op.a_end > op.a_start, text[op.b_start : op.b_end]
    after_word = op.b_start > 0 and not text[op.b_start - 1].isspace()
    before = " " if old and after_word and base[op.a_start - 1 : op.a_start].isspace() else ""
    between = " " if old and new and new[0] not in _CLINGS_TO_WORD_BEFORE else ""
    after = " " if old and not new and _glues(base, text, op) else ""
    return before, between, after


def _glues(base: str, text: str, op: DiffOp) -> bool:
    """Whether the struck base words of a drop would touch ``text``'s next word: it starts
    with a letter ("<del>5-2</del> on"), or it is punctuation the base kept apart from them,
    as at the start of a version ("<del>Officials said</del> “we will …")."""
    after = text[op.b_end : op.b_end + 1]
    return after.isalnum() or (
        bool(after) and not after.isspace() and base[op.a_end : op.a_end + 1].isspace()
    )


def _marked_change(base: str, text: str, op: DiffOp) -> str:
    """A change as Markdown marks: ``<del>`` the base's words, ``<ins>`` this version's."""
    before, between, after = change_spaces(base, text, op)
    old, new = base[op.a_start : op.a_end], text[op.b_start : op.b_end]
    struck = f"<del>{_escape_md(old)}</del>" if old else ""
    added = f"<ins>{_escape_md(new)}</ins>" if new else ""
    return f"{before}{struck}{between}{added}{after}"


def to_markdown(story: Story) -> str:
    """A report for write-ups: the articles, each shared passage with every outlet's version
    and its differences marked, then each article's single-source passages."""
    with collector_paused():
        return "\n".join(_markdown(story))


#: Lines of the Markdown report encoded at a time by ``to_markdown_chunks``.
_MARKDOWN_BATCH = 4096


def to_markdown_chunks(story: Story) -> Iterator[bytes]:
    """``to_markdown`` encoded as UTF-8, in pieces of lines: neither the whole text nor its
    encoding (10 MB each at 1,000 articles) is made."""
    with collector_paused():
        lines = _markdown(story)
    for low in range(0, len(lines), _MARKDOWN_BATCH):
        high = low + _MARKDOWN_BATCH
        yield ("\n".join(lines[low:high]) + ("\n" if high < len(lines) else "")).encode()


def _markdown(story: Story) -> list[str]:
    """The report's lines, joined by line breaks its text (the last one is empty)."""
    labels = {a.id: _escape_md(a.label) for a in story.articles}
    lines = ["# storydiff report", ""]
    lines.append(
        f"{count(len(story.articles), 'article')} from {count(len(story.outlets), 'outlet')}, "
        f"{count(len(story.passages), 'shared passage')}, "
        f"{count(len(story.unique), 'single-source passage')}."
    )
    lines += ["", "## Articles", "", "| id | outlet | title | date | words | shared |"]
    lines.append("|---|---|---|---|---|---|")
    for a in story.articles:
        stats = story.stats[a.id]
        cells = [_escape_md(value or "?") for value in (a.id, a.outlet, a.title, a.date)]
        lines.append(f"| {' | '.join(cells)} | {stats.words} | {percent(stats.shared)} |")
    lines += ["", "## Shared passages", ""]
    lines.append(
        "Each version is compared with the passage's base (marked *base*, with why: the most "
        "common version; where none is, the one closest to the others; where versions tie, "
        "the one published first): <del>struck</del> words are the base's, <ins>underlined</ins> "
        "words are this version's, <i>italic</i> marks a difference of punctuation, quotes or "
        "case only."
        if story.passages
        else "No passage is shared by more than one outlet."
    )
    for passage in story.passages:
        outlets = ", ".join(labels[m.article] for m in passage.members)
        lines += [
            "",
            f"### {passage.id}: {len(passage.members)} outlets ({outlets}), {passage.kind}, "
            f"similarity {similarity_text(passage.similarity, passage.same_wording)}"
            + (f", {_within(passage, labels)}" if passage.within else ""),
            "",
        ]
        if passage.evidence:
            lines += [f"In common: {_escape_md(', '.join(passage.evidence))}", ""]
        if passage.disagreements:
            disagree = _escape_md("; ".join(passage.disagreements))
            lines += [f"**≠ The versions disagree:** {disagree}", ""]
        rest = story.rest_note(passage.id)
        if rest:
            lines += [f"*{_escape_md(rest[0].upper() + rest[1:])}*", ""]
        # Members with the same text and the same diff (wire copy repeated verbatim: at
        # 1,000 generated articles 4,660 wordings of 21,324 members) are marked once.
        shown_by: dict[tuple[str, int], str] = {}
        why = base_reason(passage.base_is)
        base_tag = f" *(base: {why})*" if why else " *(base)*"
        for index, member in enumerate(passage.members):
            tag = base_tag if index == passage.base else ""
            key = (member.text, id(passage.diffs[index]))
            shown = shown_by.get(key)
            if shown is None:
                # A rewrite is one fact in other words: a word diff would be noise (as in
                # the reader), so its versions are given whole.
                shown = shown_by[key] = (
                    _escape_md(member.text)
                    if passage.kind == REWRITE
                    else marked_version(passage, index)
                )
            lines.append(f"- **{labels[member.article]}**{tag}: {shown}")
    lines += _markdown_facts(story, labels)
    lines += ["", "## Single-source passages", ""]
    if not story.unique:
        lines += ["Every passage is carried by more than one outlet.", ""]
    by_article: dict[str, list[Unique]] = {}
    for unique in story.unique:  # once, not once per article: that grew with its square
        by_article.setdefault(unique.article, []).append(unique)
    for article in story.articles:
        entries = by_article.get(article.id, [])
        if not entries:
            continue
        lines += [f"### {labels[article.id]} ({_escape_md(article.id)})", ""]
        lines += [f"- {_escape_block(u.text)}{_nearest_note(story, u)}" for u in entries]
        lines.append("")
    for heading, notice in (("Problems", False), ("Notices", True)):
        said = [p for p in story.problems if p.notice is notice]
        if said:
            lines += [f"## {heading}", ""]
            lines += [f"- {_escape_block(sanitize_line(str(p)))}" for p in said]
            lines.append("")
    return _ended(lines)


def _ended(lines: list[str]) -> list[str]:
    """``lines`` such that joined they are ``"\n".join(lines).rstrip() + "\n"``, without the
    copies of the whole text that stripping and adding the newline make."""
    while lines and not lines[-1].rstrip():
        lines.pop()
    if not lines:
        return ["", ""]
    lines[-1] = lines[-1].rstrip()
    lines.append("")
    return lines


def _quote_dict(g: QuoteGroup) -> dict[str, Any]:
    return {
        "id": g.id,
        "articles": list(g.articles),
        "passages": list(g.passages),
        "speakers_differ": g.speakers_differ,
        "attribution_differs": g.attribution_differs,
        "wording_changed": g.wording_changed,
        "shortened": g.shortened,
        "versions": [
            {
                "article": v.quote.article,
                "start": v.quote.start,
                "end": v.quote.end,
                "text": v.quote.text,
                "sentence": [v.quote.sentence.start, v.quote.sentence.end],
                "speaker": v.quote.speaker,
                "speaker_key": v.quote.speaker_key,
                "attribution": v.quote.attribution,
                "partial": v.quote.partial,
                "changes": [
                    {
                        "kind": c.kind,
                        "base": c.base,
                        "text": c.text,
                        "marked": c.marked,
                        "edge": c.edge,
                    }
                    for c in v.changes
                ],
            }
            for v in g.versions
        ],
    }


def _figure_dict(g: FigureGroup) -> dict[str, Any]:
    return {
        "id": g.id,
        "label": g.label,
        "status": g.status,
        "passages": list(g.passages),
        "values": [
            {"text": v.text, "value": v.value, "articles": list(v.articles)} for v in g.values
        ],
        "figures": [
            {
                "article": f.article,
                "start": f.start,
                "end": f.end,
                "text": f.text,
                "value": f.value,
                "precision": f.precision,
                "qualifier": f.qualifier,
                "counts": f.counts,
                "kind": f.kind,
                "currency": f.unit if f.kind == "money" else None,
                "names": list(f.names),
            }
            for f in g.figures
        ],
    }


def _outlets(story: Story, arrays: bool) -> dict[str, Any]:
    """Version 2's dense shared-text rows, or above ``MAX_DENSE`` outlets version 3's top
    partners."""
    matrix = story.facts.provenance.outlets
    if matrix.chars is not None:
        # Dense rows of integers (up to ``MAX_DENSE`` outlets: at most 4 million of them);
        # the share is chars[i][j] / totals[i].
        return {
            "names": list(matrix.names),
            "order": list(matrix.order),
            "totals": list(matrix.totals),
            "chars": matrix.chars.astype(np.int64) if arrays else matrix.chars.astype(int).tolist(),
        }
    # Above MAX_DENSE outlets the dense rows grow with the square (10,000 outlets: 100
    # million integers, a gigabyte of JSON): version 3 writes each outlet's top partners.
    return {
        "form": "top",
        "top_partners": shared_text.TOP_PARTNERS,
        "names": list(matrix.names),
        "order": list(matrix.order),
        "totals": list(matrix.totals),
        "shared": list(matrix.sums),
        "top": [[list(pair) for pair in row] for row in matrix.top],
    }


def figure_line(values: Sequence[tuple[str, Sequence[str]]]) -> str:
    """ "2,100 (NewsNation) · 2,290 (The Epoch Times, Breitbart News)"."""
    return " · ".join(f"{text} ({', '.join(outlets)})" for text, outlets in values)


def _marked_quote(group: QuoteGroup, version: QuoteVersion) -> str:
    """A version's quoted words with its changes from the fullest version marked."""
    base = group.versions[0].quote.text
    text = version.quote.text
    escape = _escape_md if _ESCAPED.search(base) or _ESCAPED.search(text) else str
    parts = []
    position = 0
    for op in version.diff:
        parts.append(escape(text[position : op.b_start]))
        new = text[op.b_start : op.b_end]
        if op.change is Change.EQUAL:
            parts.append(escape(new))
        elif op.minor:
            parts.append(f"<i>{escape(new)}</i>" if new else "")
        else:
            parts.append(_marked_change(base, text, op))
        position = op.b_end
    parts.append(escape(text[position:]))
    return "".join(parts)


def _markdown_facts(story: Story, labels: dict[str, str]) -> list[str]:
    facts = story.facts
    lines = ["", "## Quotes", ""]
    shared = [g for g in facts.quote_groups if len(g.articles) > 1]
    if not shared:
        lines.append("No quotation appears in more than one outlet.")
    else:
        lines.append(
            "Each quotation as every outlet gives it, compared with the fullest version (first): "
            "<del>struck</del> words are the fullest version's, <ins>underlined</ins> are this "
            "outlet's — a change inside the quotation marks; <i>italic</i> is punctuation, "
            "quotes or case only. The attribution (who said it, in the outlet's words) follows "
            "each."
        )
    for quotes in shared:
        flags = quotes.flags
        lines += [
            "",
            f"### {quotes.id}: {len(quotes.articles)} outlets"
            + (f" — {'; '.join(flags)}" if flags else ""),
            "",
        ]
        for version in quotes.versions:
            quote = version.quote
            who = _escape_md(quote.attribution or quote.speaker or "no speaker named")
            cut = ""
            if version.left_out:
                how = version.how_cut
                cut = f" *(leaves out: {_escape_md(' / '.join(version.left_out))}; {how})*"
            lines.append(
                f"- **{labels[quote.article]}**: “{_marked_quote(quotes, version)}” — {who}{cut}"
            )
    single = len(facts.quote_groups) - len(shared)
    if single:
        lines += ["", f"{single_outlet_quotes(single)} (see the JSON export)."]
    lines += ["", "## Figures", ""]
    common = [group for group in facts.figure_groups if group.status != SINGLE]
    if not common:
        lines.append("No figure is given by more than one outlet.")
    else:
        lines += ["Each quantity as the outlets give it; disagreements first.", ""]
    for group in common:
        values = [(_escape_md(v.text), [labels[a] for a in v.articles]) for v in group.values]
        lines.append(
            f"- **{_escape_md(group.label)}** ({status_words(group)}): {figure_line(values)}"
        )
    alone = [group.figures[0] for group in facts.figure_groups if group.status == SINGLE]
    if alone:
        lines += ["", "### Given by one outlet only", ""]
        lines += [f"- {_escape_md(f.label)} — {labels[f.article]}" for f in alone]
    return lines


def single_outlet_quotes(n: int) -> str:
    """The reports' line on quotations no other outlet carries: "3 quotations in one outlet
    only"."""
    return count(n, "quotation", after="in one outlet only")


def _nearest_note(story: Story, unique: Unique) -> str:
    """ " *(no match found · nearest: Fox News ¶2, 0.48; it lacks Bessent, 2,290)*", or "" when
    no other article shares a word with it."""
    note = nearest_note(story, unique)
    return f" *({_escape_md(note)})*" if note else ""


def nearest_note(story: Story, unique: Unique) -> str:
    """A single-source run's best candidate for the reports: "no match found · nearest: Fox
    News ¶2, 0.48; it lacks Bessent, 2,290" ("kept apart · names in another order · …" when a
    rule kept it apart), or "" when no other article shares a word with it."""
    if not unique.nearest:
        return ""
    best = unique.nearest[0]
    article = story.article(best.article)
    paragraph = article.paragraph_at(best.start)
    note = nearest_text(article.label, paragraph, best.score, best.kept_apart)
    if best.missing:
        note += f"; it lacks {', '.join(best.missing)}"
    return note


#: Temporary files are named ``.storydiff-<hex>.tmp`` beside their target: short enough for
#: any target name the file system allows, and easy to find if a killed run left one behind.
TEMP_PREFIX = ".storydiff-"


class OutputError(OSError):
    """An output path that cannot be written; the message says why, in one line."""


#: An open descriptor named as a path: ``/dev/stdout``, ``/dev/fd/3``, ``/proc/self/fd/1``.
_DESCRIPTOR = re.compile(r"/dev/(?:std(out|err)|fd/(\d+))|/proc/self/fd/(\d+)")


def _descriptor(path: Path) -> int | None:
    """The descriptor ``path`` names (``/dev/stdout`` is 1), or None."""
    named = _DESCRIPTOR.fullmatch(str(path))
    if named is None:
        return None
    stream, fd, proc_fd = named.groups()
    if stream is not None:
        return 1 if stream == "out" else 2
    return int(fd or proc_fd)


def _writes_through(path: Path) -> bool:
    """Whether ``path`` is an open descriptor, a terminal, pipe or device (``/dev/stdout``,
    ``/dev/null``, a FIFO): written into as it is, like ``sort -o`` and curl do, and never
    replaced. A regular file is never written through, wherever it lives (``/dev/shm``)."""
    if _descriptor(path) is not None:
        return True
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


def check_output(target: str | Path, *, overwrite: bool = False) -> None:
    """Raise ``OutputError`` (or ``FileExistsError``) now when writing ``target`` would fail
    for a reason known before any work is done. ``target`` is given as typed: a trailing
    ``/`` (which ``Path`` drops) means a folder."""
    path = Path(target)
    if _writes_through(path):
        return
    if str(target).endswith(os.sep) or path.is_dir():
        if path.is_dir():
            raise OutputError(f"{path} is a folder; name a file inside it")
        raise OutputError(f"{path} ends with '{os.sep}' but is no folder; name a file")
    if path.exists() or path.is_symlink():
        if not path.resolve().is_file():
            raise OutputError(f"{path} is not a regular file; storydiff will not replace it")
        if not overwrite:
            raise FileExistsError(f"{path} already exists (use --force to overwrite it)")
    folder = path.parent
    if not folder.is_dir():
        raise OutputError(f"folder {folder} does not exist")


def write_atomic(
    target: str | Path, data: str | bytes | Iterable[bytes], *, overwrite: bool = False
) -> None:
    """Write ``data`` (text, bytes or pieces of bytes, in order) to ``target`` via a
    temporary file beside it, then a link or a rename.

    Raises ``FileExistsError`` when ``path`` exists and ``overwrite`` is False, so a user's
    file is never replaced without being asked. A new file gets the usual permissions (the
    umask applies); an overwritten one keeps its own, and a link to a file stays a link
    (its target is replaced). A terminal, pipe or device is written into, never replaced;
    other special files and folders are refused with ``OutputError``.
    """
    payload = chunks(data)
    try:
        _write_atomic(target, payload, overwrite)
    finally:
        close_pieces(payload)


def close_pieces(payload: Iterable[bytes]) -> None:
    """Close a generator of pieces that stopped early (a failed write): its ``with`` blocks
    (``collector_paused``) end now, not whenever the suspended generator is collected."""
    close = getattr(payload, "close", None)
    if close is not None:
        close()


def _write_atomic(target: str | Path, payload: Iterable[bytes], overwrite: bool) -> None:
    path = Path(target)
    if _writes_through(path):
        _write_through(path, payload)
        return
    check_output(target, overwrite=overwrite)
    if path.is_symlink():
        path = path.resolve()
    temp = path.with_name(f"{TEMP_PREFIX}{secrets.token_hex(6)}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.writelines(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if overwrite:
            if path.exists():
                shutil.copymode(path, temp)
            os.replace(temp, path)
            return
        try:
            # link() fails if the name appeared meanwhile, where rename() would clobber it.
            os.link(temp, path)
        except FileExistsError:
            raise FileExistsError(f"{path} already exists (use --force to overwrite it)") from None
        except OSError:
            # No hard links on this file system (FAT, some network shares): check, then rename.
            if path.exists():
                raise FileExistsError(f"{path} already exists") from None
            os.rename(temp, path)
    finally:
        if temp.exists():
            temp.unlink()


def chunks(data: str | bytes | Iterable[bytes]) -> Iterable[bytes]:
    """``data`` as pieces of bytes to write in order (text encoded as UTF-8)."""
    if isinstance(data, str):
        return [data.encode("utf-8")]
    return [data] if isinstance(data, bytes) else data


def write_all(fd: int, payload: bytes) -> None:
    """Write all of ``payload`` to ``fd``. A pipe whose reader leaves mid-write takes part of
    a write without error (and Python's buffered files then drop the rest silently); writing
    on from there raises ``BrokenPipeError``, so a closed pipe is never taken for success."""
    view = memoryview(payload)
    while view:
        view = view[os.write(fd, view) :]


def _write_through(path: Path, payload: Iterable[bytes]) -> None:
    descriptor = _descriptor(path)
    if descriptor is not None:  # the descriptor itself, so ``>> log`` still appends
        try:
            for chunk in payload:
                write_all(descriptor, chunk)
        except OSError as error:
            if error.errno == errno.EBADF:
                raise OutputError(f"{path}: no such open descriptor") from None
            raise
        return
    try:
        # Non-blocking open: a FIFO nobody reads fails at once instead of hanging.
        fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        if error.errno == errno.ENXIO:
            raise OutputError(f"nothing is reading the pipe {path}") from None
        raise
    try:
        mode = os.fstat(fd).st_mode
        # A regular file here was swapped in after the check: never written over untruncated.
        if not (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)):
            raise OutputError(f"{path} is not a terminal, pipe or device; refused")
        os.set_blocking(fd, True)
        for chunk in payload:
            write_all(fd, chunk)
    finally:
        os.close(fd)
