"""Every threshold and limit of the alignment, in one place, with what moving it trades.

The engine takes a ``Settings`` as a parameter (``DEFAULT`` when none is given), the way
passim documents each of its options: a field says what it bounds and what raising or lowering
it costs. Nothing here was fitted to the seed articles: matching thresholds come from the
paraphrase corpora (``bench/``), work bounds from the benchmark.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Settings:
    """How the engine finds, joins and bounds matches. Immutable; ``replace()`` to change."""

    # --- Sentence matcher -------------------------------------------------------------------

    #: Similarity at which two sentences count as the same passage (fitted on MSRP train,
    #: ``python -m bench.msrp --fit``). Raising it misses more paraphrases; lowering it joins
    #: sentences that merely share a topic.
    match_threshold: float = 0.546
    #: Two sentences that use nearly the same words are no match when the word-order model
    #: (``similarity.roles_differ``, fitted on PAWS) gives their roles a probability of being
    #: the same below this. Raising it keeps more swapped roles apart ("A beat B" / "B beat
    #: A") and splits more paraphrases that move a clause; 0 turns the check off.
    order_veto: float = 0.43
    #: A name rarer than this in general English (``wordfreq``, per word) that stands where
    #: the other sentence has a different such name, between the same words, and appears
    #: nowhere in the other ("17 wounded in Kabul" / "17 wounded in Madrid"), makes a reading of
    #: the pair no match (``similarity.name_replaced``): the two report different facts. Higher
    #: lets common capitalised words ("Miss", "Service") and better-known names veto, which
    #: MSRP's annotators often call paraphrases ("Hussein" / "Saddam", "AustMag" / "AMC");
    #: 0 turns the veto off. Chosen by ``python -m bench.msrp --name-frequency N`` (10-fold
    #: CV MSRP accuracy 0.761 at 1e-4, 0.763 at 1e-5 and 3e-6, 0.764 at 1e-6 as without it).
    name_veto_frequency: float = 1e-6
    #: The same bound where the two sentences give the same figure ("17 wounded in Kabul" /
    #: "17 wounded in Madrid"): the figure pins one event, so a better-known name in the same
    #: slot ("Kabul", 2.5e-6 in English; "Madrid", 2e-5) is another event. Higher vetoes
    #: more common capitalised words beside a shared figure; at or below
    #: ``name_veto_frequency`` it adds nothing. Chosen by ``python -m bench.msrp
    #: --figure-name-frequency N``: 10-fold CV MSRP accuracy 0.764 at 1e-6 (off), 0.763 at
    #: 1e-5 and 1e-4; at 1e-4 it vetoes 9 MSRP pairs, 6 of them paraphrases naming one thing
    #: two ways ("Intel's chief financial officer" / "CFO"), at 1e-5 two, one of them. A year,
    #: a date or a small count is no such figure (``SentenceFeatures.figures``). After a
    #: preposition of place ("in Madrid" / "in Paris") a name of any frequency counts
    #: (``similarity._place_replaced``), so this bound speaks for the other slots.
    name_veto_figure_frequency: float = 1e-5
    #: ... unless the two are spellings of one name: one is the start of the other ("Serb" /
    #: "Serbian"), they sound alike (the same Metaphone key, h and y aside: "Kiev" / "Kyiv",
    #: "Gadhafi" / "Qaddafi"; ``similarity._sound``), or they are this alike as written
    #: (normalised Indel similarity, 1 - edits / total length: "Sundwell" / "Sundwall"
    #: 0.88 sound alike, "Austria" / "Australia", also 0.88, do not). Lower lets look-alike
    #: names pass as one place; higher tells more respellings apart as two names.
    name_variant_similarity: float = 0.9
    #: Two names that sound alike are one name only when they are also this alike as written:
    #: Metaphone's keys are coarse for short names ("Ghana" / "Kenya" are both "KN", 0.4 alike
    #: as written; "Gadhafi" / "Qaddafi", the least alike spellings of one name on the hand
    #: list of ``bench.names``, 0.71). Lower takes more look-alike places for one; higher
    #: tells more transliterations apart.
    name_sound_similarity: float = 0.7
    #: Sentences with fewer word tokens than this are too short to match on their own. Lower
    #: joins short fragments ("He said no.") by chance; higher leaves short quotes single-source.
    min_tokens: int = 4
    #: How many sentences of general English (``wordfreq``) a word's weight is counted over
    #: before the story's own sentences are added: the larger, the more a word weighs by how
    #: rare it is in English and the less by how often this story repeats it. 0 turns the
    #: prior off (weights from the story alone: a pair's decision then depends on the story's
    #: size). Chosen by ``python -m bench.msrp --prior N``.
    prior_sentences: float = 10_000.0

    # --- Figures and facts retold in other words (``similarity.same_fact``) ---------------

    #: How many words on each side of a figure say what it counts. More finds the thing
    #: counted further away and lets unrelated words vote on whether two figures agree.
    figure_context: int = 8
    #: Figures below this are counts too small to identify anything ("two agencies").
    #: Lower lets small counts that many events share join facts; higher ignores counts that
    #: do identify one ("17 wounded").
    min_figure: int = 10
    #: Two figures are one reported number when they differ by at most this share and one
    #: is an estimate ("approximately 2,100") or a rounding of the other ("2,290", "2,300");
    #: two exact figures that differ ("$27.54", "$27.67") never are. Higher joins estimates
    #: further apart, and different counts.
    figure_tolerance: float = 0.1
    #: ... and the words around them overlap this much (IDF-weighted overlap coefficient).
    #: Lower joins figures about different things; higher misses rewrites of one fact.
    figure_context_overlap: float = 0.35
    #: A count below this ("17 people were wounded") is one fact only when the two sentences
    #: share a name: two different events easily share it. Higher asks more counts for a name.
    figure_needs_name: float = 1000.0
    #: A capitalised word counts as a participant when its frequency in general English
    #: (``wordfreq``, per word) is below this: "Bessent", "IRS", "Guantanamo" are, "Secretary",
    #: "Treasury", "Department" are not. Higher lets titles and common words join facts.
    fact_name_frequency: float = 1e-5
    #: A name rarer than this counts as one whole participant ("Bessent", "Noem"); between
    #: this and ``fact_name_frequency`` it counts in part (on a log scale: "DHS" a third,
    #: "IRS" next to nothing), since a story's topic names are in most of its sentences.
    #: Higher counts better-known names whole, so fewer are needed to join a fact.
    fact_unique_frequency: float = 1e-7
    #: Without an agreeing figure, two sentences retell one fact only when the participants
    #: they share count at least this much (a name of several words, "Kristi Noem", is one
    #: participant). Lower joins different facts about one person; higher misses facts
    #: retold with one participant left out (``python -m bench.facts --fit`` refits it).
    fact_min_names: float = 1.5
    #: The shared participants must count this share of the smaller sentence's names.
    #: Lower joins sentences that bring in other participants (another fact).
    fact_name_share: float = 0.5
    #: Without an agreeing figure, the words other than names must overlap this much
    #: (weighted Dice): the same action. Lower joins different things said about the same
    #: people; higher misses facts retold in other words.
    fact_action_overlap: float = 0.14
    #: Sentences that share a name and this many different figures that agree, each about
    #: the same thing (the same word counted, money of one scale), retell one fact however
    #: the words around the figures differ ("$18.5 million" and "14 months"). Lower (1) lets
    #: one coincidental figure join two facts; higher misses retold facts; 0 turns it off.
    fact_min_figures: int = 2

    # --- Segmenting (``tui.core.segmenting``) ----------------------------------------------

    #: A sentence longer than this many words (a transcript or a scraped page with no full
    #: stops) is cut into pieces of at most this many, at clause breaks where it has them:
    #: comparing two sentences costs the square of their length or more, so one sentence of
    #: 3,500 words took minutes. Raising it keeps longer sentences whole at that cost; lowering
    #: it below the longest sentences news writes (about 100 words) cuts real sentences.
    max_sentence_words: int = 150

    # --- Candidate index (work bounds) ------------------------------------------------------

    #: A word in more than this share of sentences is too common to propose candidates.
    #: Higher finds pairs that share only common words, at a cost that grows with its square.
    max_posting_share: float = 0.05
    #: Postings are never cut below this many sentences, so small stories use every word;
    #: a posting list no longer than this is read whole (``posting_window`` bounds only the
    #: longer ones). Higher compares more sentences that share only common words in small
    #: stories; lower lets the window and the share cut the postings of small stories too.
    min_posting_cap: int = 50
    #: Candidates must share at least this share of the smaller sentence's word weight.
    #: Lower scores more pairs (slower, same decisions unless the matcher is loose).
    min_candidate_overlap: float = 0.2
    #: In a posting list longer than ``min_posting_cap`` a sentence reads this many later
    #: sentences only: enough to join a fact told by hundreds of articles, without comparing
    #: every copy with every other. Lower is faster and risks splitting a big passage. It
    #: bounds the sentences read in a figure's bucket (facts retold with one figure) too.
    posting_window: int = 16
    #: A sentence is scored against at most this many candidates (those sharing most weight).
    #: Higher finds a match among many sentences that share its words, at one sentence
    #: comparison each; lower is faster and misses the matches that share less weight.
    max_candidates: int = 16
    #: A passage's similarity is the mean over at most this many member pairs (a fixed,
    #: evenly spread sample beyond it). Only the reported figure changes, never a decision:
    #: higher makes it the exact mean of bigger passages, at one sentence comparison a pair.
    max_similarity_pairs: int = 120
    #: Up to this many members, a passage's base version is chosen by comparing every pair;
    #: beyond it each distinct wording is compared with at most this many others. Higher
    #: picks the base of a big passage by more comparisons (their number grows with its
    #: square); lower is faster and may show another wording as the base.
    max_base_comparisons: int = 24

    # --- Shared wording at any boundary (``tui.core.reuse``) --------------------------------

    #: Find copied wording inside otherwise different sentences at all. Off gives the
    #: sentence-level passages only (the baseline ``bench/devset.py`` measures against).
    shared_wording: bool = True
    #: Words per hashed n-gram seed. Longer seeds propose fewer chance matches but need a longer
    #: unedited run to start a match (an edit every few words hides the copy); shorter ones
    #: find more and cost more pairs to chain.
    ngram: int = 4
    #: A shared stretch must cover at least this many words on both sides (WCopyfind's
    #: default is 6). Lower finds short stock phrases ("said in a statement on Monday") as
    #: copies; higher misses short copied clauses.
    min_match_words: int = 6
    #: Up to this many words changed, dropped or added between two seeds are bridged, so an
    #: edited copy stays one piece. Higher joins neighbouring copies across new text; lower
    #: splits an edited copy into pieces (or loses the pieces shorter than the minimum).
    max_gap: int = 5
    #: A stretch that begins with at most this many last words of a sentence on one side
    #: only ("two officials said. | Operations will resume" / "Marinov said operations would
    #: resume"), or ends with as many first words of one, starts (ends) at that sentence's
    #: edge instead: those words belong to another sentence's claim there. Higher trims more
    #: words copied across an edit that merged two sentences; 0 keeps every such edge.
    edge_words: int = 2
    #: A sentence passage gives way to shared wording that covers at least this share of
    #: each of its members and runs on beyond them (a copy across sentence ends is then one
    #: piece with tight ends). Higher keeps more sentence passages whole, cut from the copy
    #: they belong to; lower lets a copy swallow sentences it shares only part of.
    absorb_share: float = 0.5
    #: ... unless it covers at least this share of every member and stays inside them: then
    #: the sentences are shared as a whole, and the sentence passage shows them with their
    #: word diff. Lower keeps whole sentences that share only part of their wording; higher
    #: shows more copies as tight shared wording beside single-source remainders.
    sentence_share: float = 0.8
    #: ... and so it is when the members' words in order are ``sentence_share`` alike and
    #: this share of the words outside the shared wording too: an edit inside the sentence
    #: ("2,290" / "about 2,300") cut the copy short. Lower keeps a sentence passage for a
    #: clause copied into sentences that differ around it; higher lets an edited figure or
    #: name split a whole sentence into shared wording and single-source remainders.
    outside_share: float = 0.5
    #: How many of a passage's wordings besides its base are also read against each other for
    #: disagreements (``disagreements.disagreements``; pairs grow with its square): higher
    #: finds two versions that differ from each other but only add to the base in passages of
    #: many wordings; lower costs fewer word diffs.
    disagreement_wordings: int = 6
    #: Only sentence passages of at most this many members can give way (and are searched for
    #: shared wording that runs on): bounds the work when hundreds of outlets carry a text.
    #: Of a wider passage the first search reads its longest member only, and wording that
    #: single-source text copies from it is then looked for in each other member. Higher
    #: lets wider passages give way to the copy they belong to, at a search per member;
    #: lower keeps more sentence passages whole beside the copy that runs on.
    absorb_max_members: int = 4
    #: An n-gram in more than this many articles is boilerplate (passim's maxDF) and seeds
    #: nothing. Higher finds wording hundreds of outlets share, at a cost that grows with
    #: its square; lower misses copies that many outlets carry.
    max_ngram_articles: int = 100
    #: An n-gram found in many articles links each occurrence to this many later ones only
    #: (the copies still join through the chain). Lower is faster and may split a big
    #: passage, or join a copy to one whose roles it trades, never compared to find it out;
    #: higher compares more copies with each other.
    ngram_window: int = 8
    #: Two spans of one article found in different pairs are one piece of copied text (and
    #: join one passage) when their overlap is at least this share of the shorter (passim's
    #: relative overlap, 0.8). Lower joins neighbouring copies from different sources that
    #: touch by a few words (a hub links its sources into one passage); higher splits one
    #: copy whose ends the pairs found a little differently into several passages.
    reuse_relative_overlap: float = 0.8

    # --- What is left of a shared sentence (``story._remnants``) ------------------------------

    #: A run beside a passage's member, inside one of its sentences, of at most this many
    #: words is the rest of that shared sentence ("grant.", "he said."), not a single-source
    #: passage, unless it holds a figure, a name, a denial or a quotation mark the
    #: passage's other versions lack; an attribution of a quotation the passage shares ("Vardy
    #: told reporters.") is one at any length. 0 counts every such run as single-source.
    remnant_words: int = 3

    # --- Nearest candidate of single-source text --------------------------------------------

    #: A single-source run is compared with at most this many candidate sentences: of those
    #: sharing its rarest words, the ones whose shared weight is the largest share of both
    #: sentences' (the matcher's Dice overlap of words). Higher finds the closest sentence
    #: more often, at one sentence comparison each.
    nearest_candidates: int = 6
    #: A candidate scoring below this is no "nearest": nothing close was found. Lower lists
    #: sentences that merely share a word or two; higher says "nothing close" more often.
    nearest_min_score: float = 0.1
    #: At most this many other articles' nearest candidates are kept per run, best first.
    #: Higher lists more places a run comes close to (a longer report); lower only the best.
    nearest_articles: int = 3
    #: The rarest words of a run that look up candidates. Higher finds candidates that share
    #: only words of middling weight (a retelling that keeps the names and changes the rare
    #: words); lower is faster.
    nearest_probe_words: int = 16
    #: Of each probe word's posting list only this many sentences are read (the index keeps
    #: them in article order). Higher finds candidates in more articles when a word is
    #: common in a big story, at a cost per single-source run that grows with it.
    nearest_posting_window: int = 32
    #: A word of the run counts as "missing" from its nearest candidate when the candidate
    #: lacks it and it weighs at least this share of the run's rarest word (IDF over the
    #: story's sentences). Lower lists common words too; higher lists only the rarest.
    missing_weight: float = 0.8
    #: At most this many missing words are listed per candidate, rarest first. Higher says
    #: more of what the candidate lacks; lower keeps each line short.
    max_missing: int = 5

    # --- Processes (``tui.core.parallel``): speed only, never a result --------------------

    #: How many processes share the work that splits (cleaning and segmenting documents,
    #: scoring candidate pairs): 0 uses every core, 1 keeps everything in this process. The
    #: results are the same either way; more processes cost a fork each and memory.
    processes: int = 0
    #: A story with fewer sentences (or documents times 30) than this stays in one process:
    #: starting workers costs more than a small story's whole build (the seeds take 20 ms).
    parallel_min_sentences: int = 1_500

    def __post_init__(self) -> None:
        if self.max_sentence_words < 1:
            # Cutting a sentence into pieces of no words would never end.
            raise ValueError(
                f"max_sentence_words must be at least 1, not {self.max_sentence_words}"
            )


#: The settings the engine uses when it is given none.
DEFAULT = Settings()
