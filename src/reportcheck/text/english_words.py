"""The English vocabulary of :mod:`reportcheck.text.english`: qualifier words (mapped onto the
project's one qualifier policy), magnitude words, unit words, count nouns, number words and
change words. Data only; the scanner reads it."""

from __future__ import annotations

from fractions import Fraction

#: English qualifier words → the Chinese qualifier whose role (in quantities.qualifiers)
#: they carry. This is the only place English qualifiers get a meaning.
ENGLISH_QUALIFIERS: dict[str, str] = {
    # a passed threshold: (v, ∞)
    "more than": "超过", "over": "超过", "above": "超过", "exceeding": "超过", "exceeded": "超过",
    "exceeds": "超过", "exceed": "超过", "surpassed": "超过", "surpassing": "超过", "topped": "超过",
    "topping": "超过", "passed": "超过", "in excess of": "超过", "upwards of": "超过",
    "greater than": "超过", "higher than": "超过", "beyond": "超过",
    # at least: [v, ∞)
    "at least": "不低于", "no less than": "不低于", "not less than": "不低于", "no fewer than": "不低于",
    "not lower than": "不低于", "no lower than": "不低于", "a minimum of": "不低于",
    "or more": "以上", "and above": "以上", "or above": "以上", "and more": "以上", "or higher": "以上",
    # bands
    "about": "左右", "around": "左右", "approximately": "左右", "roughly": "左右", "some": "约",
    "or so": "左右", "approx.": "约", "an estimated": "约",
    # up to, inclusive
    "nearly": "近", "almost": "近", "close to": "接近", "approaching": "接近", "up to": "不超过",
    "no more than": "不超过", "not more than": "不超过", "at most": "不超过", "within": "以内",
    "not exceeding": "不超过", "a maximum of": "不超过", "no higher than": "不高于",
    "not higher than": "不高于", "or less": "以下", "or below": "以下", "and below": "以下",
    "or fewer": "以下",
    # below, exclusive
    "less than": "不到", "fewer than": "不到", "under": "不到", "below": "低于", "lower than": "低于",
    "short of": "不足",
    # levels
    "reached": "达到", "reach": "达到", "reaching": "达到", "stood at": "达到", "totaled": "达到",
    "totalled": "达到", "totaling": "达到", "totalling": "达到", "total": "达到",
    # flags
    "strive for": "力争", "aim for": "力争", "projected": "预计", "expected": "预计", "estimated": "预计",
}

#: qualifiers written after the figure (the rest stand before it)
_SUFFIX_QUALIFIERS = ("or more", "and above", "or above", "and more", "or higher", "or so", "or less",
                      "or below", "and below", "or fewer")

MAGNITUDE_WORDS: dict[str, int] = {
    "thousand": 3, "million": 6, "billion": 9, "trillion": 12,
    "mn": 6, "bn": 9, "tn": 12,
}

#: English unit words → a unit of the project's registry (base unit, no magnitude)
UNIT_WORDS: dict[str, str] = {
    "yuan": "元", "renminbi": "元", "rmb": "元",
    "us dollars": "美元", "u.s. dollars": "美元", "dollars": "美元", "usd": "美元",
    "metric tons": "吨", "metric ton": "吨", "tons": "吨", "ton": "吨", "tonnes": "吨", "tonne": "吨",
    "kilograms": "公斤", "kilogram": "公斤", "kg": "公斤", "jin": "斤",
    "kilowatt-hours": "千瓦时", "kilowatt-hour": "千瓦时", "kilowatt hours": "千瓦时", "kwh": "千瓦时",
    "kilowatts": "千瓦", "kilowatt": "千瓦", "kw": "千瓦", "gigawatts": "GW", "gigawatt": "GW", "gw": "GW",
    "megawatts": "MW", "megawatt": "MW", "mw": "MW",
    "hectares": "公顷", "hectare": "公顷", "mu": "亩",
    "square kilometers": "平方公里", "square kilometres": "平方公里", "square kilometer": "平方公里",
    "sq km": "平方公里", "square meters": "平方米", "square metres": "平方米", "square meter": "平方米",
    "cubic meters": "立方米", "cubic metres": "立方米",
    "kilometers": "公里", "kilometres": "公里", "kilometer": "公里", "km": "公里",
    "meters": "米", "metres": "米",
    "hours": "小时", "hour": "小时",
    "teu": "标箱", "teus": "标箱",
}

#: count nouns → the classifier they imply (plural and singular)
COUNT_NOUNS: dict[str, str] = {
    "people": "人", "persons": "人", "person": "人", "residents": "人", "students": "人", "jobs": "人",
    "urban jobs": "人", "new urban jobs": "人", "taxpayers": "人", "graduates": "人", "workers": "人",
    "college graduates": "人", "college students": "人", "farmers": "人", "children": "人",
    "households": "户", "household": "户", "families": "户",
    "enterprises": "家", "companies": "家", "firms": "家", "businesses": "家",
    "occasions": "人次", "person-times": "人次", "visits": "人次", "trips": "人次",
    "vehicles": "辆", "cars": "辆",
}

_WORD_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_WORD_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
              "eighty": 80, "ninety": 90}
_FRACTIONS = {
    "half": Fraction(1, 2), "a half": Fraction(1, 2), "one half": Fraction(1, 2),
    "a third": Fraction(1, 3), "one third": Fraction(1, 3), "one-third": Fraction(1, 3),
    "two thirds": Fraction(2, 3), "two-thirds": Fraction(2, 3),
    "a quarter": Fraction(1, 4), "one quarter": Fraction(1, 4), "one-quarter": Fraction(1, 4),
    "three quarters": Fraction(3, 4), "three-quarters": Fraction(3, 4),
    "a fifth": Fraction(1, 5), "one fifth": Fraction(1, 5), "one-fifth": Fraction(1, 5),
}
_MULTIPLE_WORDS = {"doubled": 2, "doubling": 2, "double": 2, "tripled": 3, "trebled": 3, "tripling": 3,
                   "quadrupled": 4}

_UP_WORDS = ("increase", "increased", "increases", "increasing", "rise", "rose", "risen", "rising", "grew",
             "grow", "grown", "growth", "growing", "up", "climbed", "expanded", "gain", "gained", "raised",
             "higher", "more", "added", "boost", "boosted", "jump", "jumped", "surge", "surged")
_DOWN_WORDS = ("decrease", "decreased", "decline", "declined", "declining", "fell", "fall", "fallen",
               "dropped", "drop", "down", "cut", "reduced", "reduction", "lower", "lowered", "less",
               "shrank", "contracted", "slid")
