"""How the name veto tells two places apart from two spellings of one, on hand lists.

    /work/venv/bin/python -m bench.names

Each pair is put into one sentence beside a figure both give ("At least 17 people were
wounded in Kiev ..." / "... in Kyiv ..."), the slot where another name is another event
(``similarity.name_replaced``). Printed: how many spellings of one name the veto splits and
how many different names it lets pass as one, with the pairs. The lists were written by hand
from news usage (transliterations; look-alike places), never from the seeds.
"""

from __future__ import annotations

from tui.core.similarity import features, name_replaced

ONE_NAME = [
    ("kiev", "kyiv"), ("mohammed", "muhammad"), ("gadhafi", "qaddafi"), ("tehran", "teheran"),
    ("kathmandu", "katmandu"), ("odessa", "odesa"), ("kharkiv", "kharkov"), ("qatar", "katar"),
    ("osama", "usama"), ("qaeda", "qaida"), ("hezbollah", "hizbollah"), ("muammar", "moammar"),
    ("kyrgyzstan", "kirghizstan"), ("sundwell", "sundwall"), ("chechnya", "chechnia"),
    ("gaddafi", "kadhafi"), ("mohamed", "mohammad"), ("zelensky", "zelenskiy"),
    ("navalny", "navalnyi"), ("yanukovych", "yanukovich"), ("tymoshenko", "timoshenko"),
    ("sergei", "sergey"), ("alexei", "aleksei"), ("ahmadinejad", "ahmadinezhad"),
    ("netanyahu", "netanyahou"), ("hussein", "husain"), ("abbas", "abas"),
    ("medvedev", "medvedyev"), ("beijing", "beijng"), ("tchaikovsky", "chaikovsky"),
    ("khrushchev", "khruschev"), ("mecca", "makkah"), ("koran", "quran"), ("shiite", "shia"),
    ("sunni", "sunnite"), ("burkina", "burkino"), ("jakarta", "djakarta"),
    ("gorbachev", "gorbachov"), ("pyongyang", "pyeongyang"),
]  # fmt: skip
TWO_NAMES = [
    ("madrid", "paris"), ("iran", "iraq"), ("austria", "australia"), ("kabul", "mazar"),
    ("berlin", "bern"), ("sweden", "swaziland"), ("slovenia", "slovakia"), ("mali", "malawi"),
    ("gaza", "gaya"), ("lagos", "laos"), ("oman", "omagh"), ("paris", "parma"),
    ("rome", "rouen"), ("kim", "kin"), ("dublin", "berlin"), ("guinea", "guyana"),
    ("gambia", "zambia"), ("latvia", "lithuania"), ("nepal", "naples"), ("sudan", "sedan"),
    ("chad", "chard"), ("cuba", "aruba"), ("peru", "perth"), ("yemen", "yemin"),
    ("mosul", "mosel"), ("bonn", "born"), ("salem", "salerno"), ("dallas", "dalian"),
    ("hanoi", "hanover"), ("ghana", "kenya"), ("syria", "sierra"), ("guinea", "ghana"),
    ("москве", "киеве"), ("αθήνα", "πάτρα"),
]  # fmt: skip

_SENTENCE = "At least 17 people were wounded in {} in a bomb attack on a bus last week."


def _apart(one: str, other: str) -> bool:
    a, b = (features(_SENTENCE.format(name.title())) for name in (one, other))
    return name_replaced(a, b)


def main() -> None:
    split = [pair for pair in ONE_NAME if _apart(*pair)]
    joined = [pair for pair in TWO_NAMES if not _apart(*pair)]
    print(f"spellings of one name told apart: {len(split)} of {len(ONE_NAME)}  {split}")
    print(f"different names taken as one:     {len(joined)} of {len(TWO_NAMES)}  {joined}")


if __name__ == "__main__":
    main()
