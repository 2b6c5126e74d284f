"""Units of measure, currencies and numbers in words: the one list the figure readers share.

``figures`` (what a figure counts, the currency of "300 dollars"), ``disagreements`` (a unit or
currency changed beside a number) and ``similarity`` (a sum's currency) all read units and
currencies from here, so a unit one of them knows is known to all ("3 decades" / "3 centuries",
"5 euros" / "5 pounds", "C$5" / "$5").
"""

from __future__ import annotations

#: The words of the numbers from ten to ninety-nine.
UNIT_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
TEEN_WORDS = tuple(
    "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
)
TENS_WORDS = tuple("twenty thirty forty fifty sixty seventy eighty ninety".split())
#: The numbers from ten to ninety-nine in words, by value: AP style spells out a number that
#: opens a sentence ("Seventeen people were hurt" beside another outlet's "14 people").
SPELLED_NUMBERS = {
    **{word: float(value) for value, word in enumerate(TEEN_WORDS, start=10)},
    **{
        f"{tens}-{unit}" if unit else tens: float(value + units)
        for value, tens in zip(range(20, 100, 10), TENS_WORDS, strict=True)
        for units, unit in enumerate(("", *UNIT_WORDS))
    },
}
#: Words that give a number ("rose to five", "Seventeen people"): never a name.
NUMBER_WORDS = frozenset(
    (
        "zero",
        *UNIT_WORDS,
        *TEEN_WORDS,
        *TENS_WORDS,
        *"hundred thousand million billion trillion dozen half third quarter".split(),
    )
)

#: Each unit of measure to its spellings (plurals, abbreviations; not abbreviations that are
#: also common words: "in", "m", "min").
_MEASURE_SPELLINGS = {
    "second": "second seconds sec secs",
    "minute": "minute minutes mins",
    "hour": "hour hours hr hrs",
    "day": "day days",
    "week": "week weeks",
    "month": "month months",
    "year": "year years",
    "decade": "decade decades",
    "century": "century centuries",
    "mile": "mile miles mi",
    "km": "km kilometre kilometres kilometer kilometers",
    "metre": "metre metres meter meters",
    "cm": "cm centimetre centimetres centimeter centimeters",
    "mm": "mm millimetre millimetres millimeter millimeters",
    "foot": "foot feet ft",
    "inch": "inch inches",
    "yard": "yard yards yd yds",
    "acre": "acre acres",
    "hectare": "hectare hectares",
    "ton": "ton tons",
    "tonne": "tonne tonnes",
    "kg": "kg kilogram kilograms kilo kilos",
    "gram": "gram grams",
    "pound": "lb lbs pound pounds",
    "ounce": "oz ounce ounces",
    "gallon": "gallon gallons",
    "litre": "litre litres liter liters",
    "barrel": "barrel barrels",
    "degree": "degree degrees",
    "mph": "mph",
    "km/h": "km/h kph",
}
#: The abbreviations written close up to a number ("12km", "250kg", "90mph"); not "m" (metres
#: or million) nor "in".
ATTACHED_UNITS = frozenset("km cm mm kg lb lbs oz ft mi yd mph kph km/h hr hrs".split())
#: The units of time: "over 14 months" is the period something is spread over.
TIMES = frozenset(
    spelling
    for unit in ("second", "minute", "hour", "day", "week", "month", "year", "decade", "century")
    for spelling in _MEASURE_SPELLINGS[unit].split()
)
#: Each currency named in words to its sign (or code when it has no sign of its own).
#: "pound" is also a weight: as a word it is read as the unit "pound", which differs from
#: every other currency and unit all the same.
_CURRENCY_SPELLINGS = {
    "$": "dollar dollars usd",
    "€": "euro euros eur",
    "£": "sterling gbp",
    "¥": "yen",
    "chf": "franc francs chf",
    "inr": "rupee rupees inr",
}
#: Spelling (lower case) to unit: measures, then currencies written as words.
UNITS: dict[str, str] = {
    spelling: unit
    for table in (_MEASURE_SPELLINGS, _CURRENCY_SPELLINGS)
    for unit, spellings in table.items()
    for spelling in spellings.split()
}
#: The spellings of units of measure: what a figure before them counts.
MEASURES = frozenset(
    spelling for spellings in _MEASURE_SPELLINGS.values() for spelling in spellings.split()
)
#: Each currency word (lower case) to its sign: "dollars" and "usd" are "$", "euros" "€".
CURRENCIES: dict[str, str] = {
    spelling: sign
    for sign, spellings in _CURRENCY_SPELLINGS.items()
    for spelling in spellings.split()
}
#: Currencies written as words ("5 euros", "5 pounds": a pound is money as often as weight).
CURRENCY_WORDS = frozenset([*CURRENCIES, "pound"])
#: Currency signs, and the letters that tell one dollar from another ("C$5", "US$5").
CURRENCY_SIGNS = "$€£¥"
DOLLAR_PREFIXES = ("US", "C", "CA", "A", "AU", "NZ", "HK", "S", "R")
#: Those letters as a regular-expression alternation, longest first ("CA" before "C").
DOLLAR_PREFIX = "|".join(sorted(DOLLAR_PREFIXES, key=len, reverse=True))


def currency(sign: str) -> str:
    """One form of a currency sign as written: "US$" is "$", "C$" stays "c$"."""
    sign = sign.lower().replace(" ", "")
    return "$" if sign == "us$" else sign
