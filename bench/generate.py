"""Build larger stories from the seed articles, deterministically, for benchmarks and UI tests.

Each generated article retells the story the way another outlet might: it takes sentences
from the cleaned seed articles (mostly from one "source" seed, in roughly its order, plus
some from the others), reorders them a little, edits words (synonym swaps, dropped words,
changed numbers), drops some sentences and mixes in unrelated filler sentences made from a
fixed word list. Nothing is downloaded; the same ``seed`` always gives the same documents.

    python -m bench.generate --articles 100 -o /tmp/story100

writes ``gen_0000.md`` … with a ``---`` front-matter header (title, outlet, date) that
``storydiff`` loads like any other folder of articles.

``generate_archive`` makes an archive for ``storydiff archive`` instead: many distinct planted
stories, each told from its own two source texts (a wire report and a statement) by a few
outlets with copying, rewording, reordering and filler, and a rerun of some stories two years
later (a separate story), mixed with unrelated filler articles over two years:

    python -m bench.generate --archive 200 --filler 400 -o /tmp/archive

writes ``archive-0000.jsonl`` … and ``truth.json`` (article id → planted story, or null).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from tui.core.loading import load_paths
from tui.core.model import Document
from tui.core.story import SEEDS, make_article

#: Words a rewrite may swap for another (both directions are used).
SYNONYMS: dict[str, str] = {
    "said": "stated",
    "asked": "requested",
    "help": "assist",
    "agents": "officers",
    "letter": "memo",
    "sent": "wrote",
    "plan": "proposal",
    "move": "step",
    "officials": "authorities",
    "agency": "department",
    "efforts": "push",
    "large": "big",
    "workers": "employees",
    "illegally": "unlawfully",
    "about": "roughly",
    "also": "too",
    "find": "locate",
    "use": "employ",
    "make": "render",
    "part": "portion",
    "would": "could",
    "new": "fresh",
    "chief": "head",
    "report": "account",
    "shift": "move",
    "tackle": "address",
    "expanded": "grew",
    "funding": "money",
    "staff": "personnel",
    "told": "informed",
}
_SWAPS = {**SYNONYMS, **{v: k for k, v in SYNONYMS.items()}}

#: Frequent words, to give filler sentences a natural, skewed word distribution.
FUNCTION_WORDS = (
    "the the the a a of of to to in in and and for on with at by from that is was "
    "it its as but be are were has have had this their after over more than into"
).split()

#: Content words for filler: everyday local-news vocabulary, unrelated to the seed story.
CONTENT_WORDS = (
    "council park library festival harbor bridge weather storm rainfall garden museum "
    "orchestra concert stadium league season coach players fans ticket market bakery "
    "farmers harvest orchard vineyard wine cheese bread recipe kitchen chef restaurant "
    "menu river lake trail hikers cyclists marathon volunteers school teachers students "
    "exam campus scholarship science robot telescope planet comet astronomers museum "
    "painting gallery sculpture artist novel author poetry theatre actors rehearsal "
    "premiere film director camera studio radio podcast listeners airport runway pilots "
    "train station commuters traffic highway tunnel ferry island beach surfers tide "
    "lighthouse fishermen boat dock village mayor neighbours street lamp fountain square "
    "clock tower church choir bells parade costume lantern fireworks carnival circus "
    "zoo elephant giraffe penguin aquarium dolphins veterinarian hospital nurses clinic "
    "pharmacy gym yoga swimmers pool tennis golf chess tournament champion trophy medal "
    "record sprint relay jersey umbrella snow frost spring summer autumn winter morning "
    "evening weekend holiday birthday wedding bride anniversary reunion picnic lunch "
    "coffee tea chocolate strawberries pumpkin apples honey bees butterflies birds owls "
    "foxes deer forest mountain valley canyon desert meadow cottage barn tractor quilt "
    "pottery knitting carpentry bicycle scooter skateboard playground puppets magician "
    "gardeners tulips roses sunflowers compost recycling bins solar panels windmill "
    "opened closed reopened celebrated welcomed announced hosted planted painted built "
    "repaired visited cheered sang danced baked cooked raced won lost tied postponed "
    "sunny rainy windy quiet busy crowded cheerful colorful historic annual local "
    "community family children residents visitors organizers"
).split()

_OUTLETS = (
    "Harbor Gazette",
    "Valley Courier",
    "Metro Ledger",
    "Northern Dispatch",
    "Capital Wire",
    "Evening Sentinel",
    "Coastal Herald",
    "Prairie Tribune",
    "Summit Observer",
    "River City Post",
)
_NUMBER = re.compile(r"^(\D*?)(\d{1,3}(?:,\d{3})+|\d+)(\D*)$")
_WORD = re.compile(r"^([\"“‘'(]*)([A-Za-z]+)([^A-Za-z]*)$")


@dataclass(frozen=True, slots=True)
class SeedStory:
    """The cleaned seed articles as lists of sentences, the material for generated articles."""

    titles: tuple[str, ...]
    sentences: tuple[tuple[str, ...], ...]


def load_seed_story(folder: Path = SEEDS) -> SeedStory:
    """The seed articles, cleaned and split into sentences (short fragments left out)."""
    loaded = load_paths([folder])
    titles: list[str] = []
    sentences: list[tuple[str, ...]] = []
    for document in sorted(loaded.documents, key=lambda d: d.id):
        article = make_article(document)
        texts = tuple(
            " ".join(article.text[s.start : s.end].split())
            for s in article.sentences
            if len(article.text[s.start : s.end].split()) >= 5
        )
        if texts:
            titles.append(article.title or article.id)
            sentences.append(texts)
    if not sentences:
        raise ValueError(f"no seed sentences found in {folder}")
    return SeedStory(tuple(titles), tuple(sentences))


def _swap_word(word: str, rng: random.Random) -> str:
    match = _WORD.match(word)
    if match is None:
        return word
    lead, core, tail = match.groups()
    other = _SWAPS.get(core.lower())
    if other is None:
        return word
    if core[0].isupper():
        other = other[0].upper() + other[1:]
    return f"{lead}{other}{tail}"


def _change_number(word: str, rng: random.Random) -> str:
    match = _NUMBER.match(word)
    if match is None:
        return word
    lead, digits, tail = match.groups()
    value = int(digits.replace(",", ""))
    if value < 20:
        changed = max(1, value + rng.choice((-2, -1, 1, 2)))
    else:
        changed = int(round(value * rng.uniform(0.9, 1.1), -1 if value >= 1000 else 0))
    text = f"{changed:,}" if "," in digits else str(changed)
    return f"{lead}{text}{tail}"


def edit_sentence(sentence: str, rng: random.Random) -> str:
    """A reworded copy of ``sentence``: synonym swaps, a dropped word, a changed number."""
    words = sentence.split()
    edits = rng.choice((0, 0, 1, 1, 2, 3))
    for _ in range(edits):
        kind = rng.random()
        index = rng.randrange(len(words))
        if kind < 0.5:
            # Swap the first word at or after ``index`` that has a synonym.
            for j in [*range(index, len(words)), *range(index)]:
                swapped = _swap_word(words[j], rng)
                if swapped != words[j]:
                    words[j] = swapped
                    break
        elif kind < 0.8:
            # Drop a word from the middle, never the first or the one carrying the full stop.
            if len(words) > 6 and 0 < index < len(words) - 1:
                del words[index]
        else:
            for j in [*range(index, len(words)), *range(index)]:
                changed = _change_number(words[j], rng)
                if changed != words[j]:
                    words[j] = changed
                    break
    return " ".join(words)


def filler_sentence(rng: random.Random, topic: Sequence[str]) -> str:
    """An unrelated sentence made from the fixed word lists, leaning on the article's topic."""
    length = rng.randint(8, 22)
    words = []
    for _ in range(length):
        roll = rng.random()
        if roll < 0.4:
            words.append(rng.choice(FUNCTION_WORDS))
        elif roll < 0.75:
            words.append(rng.choice(topic))
        else:
            words.append(rng.choice(CONTENT_WORDS))
    words[0] = words[0].capitalize()
    return " ".join(words) + "."


def _article_sentences(seeds: SeedStory, rng: random.Random, words: int) -> list[str]:
    target = rng.randint(int(words * 0.9), int(words * 1.1))
    primary = rng.randrange(len(seeds.sentences))
    topic = rng.sample(CONTENT_WORDS, 12)
    chosen: list[str] = [
        edit_sentence(s, rng) for s in seeds.sentences[primary] if rng.random() >= 0.2
    ]
    used = {(primary, i) for i in range(len(seeds.sentences[primary]))}
    # A few local reorderings, and now and then a sentence moved far away.
    for _ in range(rng.randint(1, 4)):
        if len(chosen) > 2:
            i = rng.randrange(len(chosen) - 1)
            chosen[i], chosen[i + 1] = chosen[i + 1], chosen[i]
    if len(chosen) > 3 and rng.random() < 0.5:
        chosen.insert(rng.randrange(len(chosen)), chosen.pop(rng.randrange(len(chosen))))
    total = sum(len(s.split()) for s in chosen)
    pool = [
        (a, i)
        for a, texts in enumerate(seeds.sentences)
        for i in range(len(texts))
        if (a, i) not in used
    ]
    while total < target:
        if pool and rng.random() < 0.55:
            a, i = pool.pop(rng.randrange(len(pool)))
            sentence = edit_sentence(seeds.sentences[a][i], rng)
        else:
            sentence = filler_sentence(rng, topic)
        chosen.insert(rng.randint(0, len(chosen)), sentence)
        total += len(sentence.split())
    return chosen


def _paragraphs(sentences: list[str], rng: random.Random) -> str:
    paragraphs: list[str] = []
    index = 0
    while index < len(sentences):
        size = rng.choice((1, 1, 2, 2, 3))
        paragraphs.append(" ".join(sentences[index : index + size]))
        index += size
    return "\n\n".join(paragraphs)


def generate_article(seeds: SeedStory, index: int, seed: int = 0, words: int = 600) -> Document:
    """Article number ``index`` of the story generated with ``seed`` (independent of the others)."""
    rng = random.Random(f"storydiff-bench:{seed}:{index}")
    body = _paragraphs(_article_sentences(seeds, rng, words), rng)
    outlet = f"{_OUTLETS[index % len(_OUTLETS)]} {index // len(_OUTLETS) + 1}"
    day = date(2025, 2, 10) + timedelta(days=rng.randint(0, 6))
    title = f"{rng.choice(seeds.titles)} ({outlet})"
    doc_id = f"gen_{index:04d}"
    return Document(
        id=doc_id,
        source=f"{doc_id}.md",
        raw=body,
        title=title,
        outlet=outlet,
        date=day.isoformat(),
        structured=True,
    )


def generate_story(
    articles: int, seed: int = 0, words: int = 600, seeds: SeedStory | None = None
) -> list[Document]:
    """``articles`` generated articles of about ``words`` words each."""
    material = seeds if seeds is not None else load_seed_story()
    return [generate_article(material, i, seed, words) for i in range(articles)]


def to_markdown(document: Document) -> str:
    """The document as a Markdown file with the front matter ``storydiff`` reads."""
    header = [
        f"{key}: {value}"
        for key in ("title", "outlet", "date")
        if (value := getattr(document, key))
    ]
    return "---\n" + "\n".join(header) + "\n---\n" + document.raw + "\n"


def write_story(documents: Sequence[Document], folder: Path, force: bool = False) -> list[Path]:
    """Write each document to ``folder/<id>.md``; refuses a non-empty folder unless ``force``."""
    folder.mkdir(parents=True, exist_ok=True)
    if not force and any(folder.iterdir()):
        raise FileExistsError(f"{folder} is not empty (use --force to write into it anyway)")
    paths = []
    for document in documents:
        path = folder / f"{document.id}.md"
        path.write_text(to_markdown(document), encoding="utf-8")
        paths.append(path)
    return paths


_SYLLABLES = "ka lo mi ra ten vor bel dan sil mar tu no ven gra pel os ith um bra zel".split()
#: Words a story's source text is made of besides its names and figures: the synonym words
#: (so rewording has something to swap), frequent words and everyday vocabulary.
_STORY_WORDS = sorted(_SWAPS)
_ARCHIVE_START = date(2024, 1, 1)
_ARCHIVE_DAYS = 600
_RERUN_DAYS = 730


def _name(rng: random.Random) -> str:
    return "".join(rng.sample(_SYLLABLES, rng.randint(2, 3))).capitalize()


def _source_text(rng: random.Random, names: Sequence[str]) -> list[str]:
    """A source text of 10-20 sentences about ``names``, with figures of its own."""
    sentences = []
    for _ in range(rng.randint(10, 20)):
        words = []
        for _ in range(rng.randint(10, 24)):
            roll = rng.random()
            if roll < 0.35:
                words.append(rng.choice(FUNCTION_WORDS))
            elif roll < 0.55:
                words.append(rng.choice(_STORY_WORDS))
            elif roll < 0.8:
                words.append(rng.choice(CONTENT_WORDS))
            elif roll < 0.92:
                words.append(rng.choice(names))
            else:
                words.append(f"{rng.randint(2, 9000):,}")
        words[0] = words[0].capitalize()
        sentences.append(" ".join(words) + ".")
    return sentences


def _retell(sources: Sequence[list[str]], rng: random.Random, words: int) -> list[str]:
    """One outlet's article: most of the first source, a little of the second, reworded,
    reordered, with filler sentences."""
    topic = rng.sample(CONTENT_WORDS, 12)
    chosen = [edit_sentence(s, rng) for s in sources[0] if rng.random() >= 0.3]
    chosen += [edit_sentence(s, rng) for s in rng.sample(sources[1], rng.randint(0, 3))]
    for _ in range(rng.randint(1, 4)):
        if len(chosen) > 1:
            i = rng.randrange(len(chosen) - 1)
            chosen[i], chosen[i + 1] = chosen[i + 1], chosen[i]
    total = sum(len(s.split()) for s in chosen)
    while total < words:
        sentence = filler_sentence(rng, topic)
        chosen.insert(rng.randint(0, len(chosen)), sentence)
        total += len(sentence.split())
    return chosen


def _own_words(sentence: str, names: Sequence[str], rng: random.Random) -> str:
    """``sentence`` retold in other words: its names, and its figures with the word after
    each (what it counts), kept in order; every other word new."""
    words = sentence.rstrip(".").split()
    kept = []
    for k, word in enumerate(words):
        if word in names or any(c.isdigit() for c in word):
            kept.append(word)
        elif k and any(c.isdigit() for c in words[k - 1]):
            kept.append(word)  # the figure's noun: "2,100 agents"
        elif rng.random() < 0.5:
            kept.append(rng.choice(CONTENT_WORDS if rng.random() < 0.5 else FUNCTION_WORDS))
    retold = [rng.choice(FUNCTION_WORDS).capitalize(), *kept, rng.choice(CONTENT_WORDS)]
    return " ".join(retold) + "."


def _retold(
    sources: Sequence[list[str]], names: Sequence[str], rng: random.Random, words: int
) -> list[str]:
    """An outlet that tells the story in its own words: the same facts (names, figures and
    what they count), hardly a run of five words in common with the sources."""
    chosen = [_own_words(s, names, rng) for s in sources[0] if rng.random() >= 0.3]
    topic = rng.sample(CONTENT_WORDS, 12)
    total = sum(len(s.split()) for s in chosen)
    while total < words:
        sentence = filler_sentence(rng, topic)
        chosen.insert(rng.randint(0, len(chosen)), sentence)
        total += len(sentence.split())
    return chosen


def generate_archive(
    stories: int, filler: int, seed: int = 0, words: int = 300, retold: float = 0.0
) -> tuple[list[Document], dict[str, str | None]]:
    """Articles of ``stories`` planted stories (every tenth or so also rerun two years on)
    and ``filler`` unrelated articles, shuffled; and the truth: article id → story label
    (None for filler). A share ``retold`` of the stories' articles tell them in their own
    words (``_retold``: the same names and figures, other wording)."""
    rng = random.Random(f"storydiff-archive:{seed}")
    planted: list[tuple[str, list[list[str]], date, list[str]]] = []
    for k in range(stories):
        srng = random.Random(f"storydiff-archive:{seed}:story:{k}")
        names = [_name(srng) for _ in range(4)]
        sources = [_source_text(srng, names), _source_text(srng, names)]
        start = _ARCHIVE_START + timedelta(days=srng.randint(0, _ARCHIVE_DAYS))
        planted.append((f"story-{k}", sources, start, names))
        if srng.random() < 0.1:
            later = start + timedelta(days=_RERUN_DAYS)
            planted.append((f"story-{k}-rerun", sources, later, names))
    entries: list[tuple[str, str, date, str, str | None]] = []
    for label, sources, start, names in planted:
        srng = random.Random(f"storydiff-archive:{seed}:{label}")
        headline = " ".join(sources[0][0].split()[:8])
        for outlet in srng.sample(_OUTLETS, srng.randint(2, 6)):
            own = retold and random.Random(f"{seed}:{label}:{outlet}").random() < retold
            told = _retold(sources, names, srng, words) if own else _retell(sources, srng, words)
            body = _paragraphs(told, srng)
            day = start + timedelta(days=srng.randint(0, 3))
            entries.append((body, outlet, day, headline, label))
    for k in range(filler):
        frng = random.Random(f"storydiff-archive:{seed}:filler:{k}")
        topic = frng.sample(CONTENT_WORDS, 12)
        body = _paragraphs([filler_sentence(frng, topic) for _ in range(frng.randint(8, 25))], frng)
        day = _ARCHIVE_START + timedelta(days=frng.randint(0, _ARCHIVE_DAYS + _RERUN_DAYS))
        entries.append((body, frng.choice(_OUTLETS), day, " ".join(topic[:5]).capitalize(), None))
    rng.shuffle(entries)
    documents = []
    truth: dict[str, str | None] = {}
    for number, (body, outlet, day, title, story) in enumerate(entries):
        ident = f"a{number:07d}"
        documents.append(
            Document(
                id=ident,
                source=ident,
                raw=body,
                title=title,
                outlet=outlet,
                date=day.isoformat(),
                url=f"https://example.org/{ident}",
                structured=True,
            )
        )
        truth[ident] = story
    return documents, truth


def write_archive(
    documents: Sequence[Document],
    truth: dict[str, str | None],
    folder: Path,
    per_file: int = 1000,
) -> list[Path]:
    """Write the archive as ``archive-NNNN.jsonl`` files of ``per_file`` articles, and
    ``truth.json``; refuses a non-empty folder."""
    folder.mkdir(parents=True, exist_ok=True)
    if any(folder.iterdir()):
        raise FileExistsError(f"{folder} is not empty")
    paths = []
    for start in range(0, len(documents), per_file):
        path = folder / f"archive-{start // per_file:04d}.jsonl"
        with path.open("w", encoding="utf-8") as handle:
            for d in documents[start : start + per_file]:
                record = {
                    "id": d.id,
                    "title": d.title,
                    "outlet": d.outlet,
                    "date": d.date,
                    "url": d.url,
                    "text": d.raw,
                }
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        paths.append(path)
    (folder / "truth.json").write_text(json.dumps(truth, indent=0, sort_keys=True), "utf-8")
    return paths


def pair_scores(truth: dict[str, str | None], predicted: dict[str, str]) -> tuple[float, float]:
    """Precision and recall of same-story article pairs: ``predicted`` maps the ids of
    articles put in a story to the story; an id it lacks is in no story."""

    def pairs(groups: dict[tuple[str, ...], int]) -> int:
        return sum(n * (n - 1) // 2 for n in groups.values())

    true_groups: Counter[tuple[str, ...]] = Counter()
    found: Counter[tuple[str, ...]] = Counter()
    both: Counter[tuple[str, ...]] = Counter()
    for ident, label in truth.items():
        story = predicted.get(ident)
        if label is not None:
            true_groups[(label,)] += 1
        if story is not None:
            found[(story,)] += 1
        if label is not None and story is not None:
            both[(label, story)] += 1
    hits = pairs(both)
    precision = hits / pairs(found) if pairs(found) else 1.0
    recall = hits / pairs(true_groups) if pairs(true_groups) else 1.0
    return precision, recall


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.generate", description="Generate a larger story from the seeds."
    )
    parser.add_argument("--articles", type=int, default=100, help="how many articles")
    parser.add_argument("--words", type=int, default=600, help="about how many words each")
    parser.add_argument("--seed", type=int, default=0, help="random seed (same seed, same story)")
    parser.add_argument("-o", "--output", type=Path, required=True, help="folder to write")
    parser.add_argument("--force", action="store_true", help="write into a non-empty folder")
    parser.add_argument(
        "--archive", type=int, metavar="STORIES", help="write an archive of STORIES stories"
    )
    parser.add_argument("--filler", type=int, default=0, help="unrelated articles (--archive)")
    args = parser.parse_args(argv)
    if args.archive is not None:
        documents, truth = generate_archive(args.archive, args.filler, args.seed)
        try:
            paths = write_archive(documents, truth, args.output)
        except (FileExistsError, OSError) as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
        print(f"wrote {len(documents)} articles in {len(paths)} files to {args.output}")
        return 0
    if args.articles < 1 or args.words < 50:
        parser.error("--articles must be at least 1 and --words at least 50")
    documents = generate_story(args.articles, args.seed, args.words)
    try:
        paths = write_story(documents, args.output, args.force)
    except (FileExistsError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    words = sum(len(d.raw.split()) for d in documents)
    print(f"wrote {len(paths)} articles ({words:,} words) to {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
