"""The extractor's vocabulary, as data: unit words, cue words and the patterns built from them.

The unit words are not listed here: they are the spellings of the groups of the unit
registry's definitions (units.txt) — ``classifiers`` make a COUNT, ``measures`` and
``countable`` an AMOUNT, ``ratios`` and ``spans`` are classified word by word. Every
other word list (growth and share cues, subject trimming, names and labels) is here,
with the precompiled patterns the reader uses.
"""

from __future__ import annotations

import re

from reportcheck.figure import Kind
from reportcheck.quantities.numerals import FULLWIDTH
from reportcheck.quantities.qualifiers import INFIX_WORDS, PREFIX_WORDS, SUFFIX_WORDS
from reportcheck.quantities.units import MAGNITUDES, vocabulary

# The unit words come from the unit registry's definitions (units.txt): its groups say
# how a word after a number is read. Latin-letter spellings are read for measures only.
_LATIN_SPELLING = re.compile(r"[A-Za-z][A-Za-z0-9]*")


def _chinese(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(w for w in words if not _LATIN_SPELLING.fullmatch(w))


#: classifiers (量词): a figure with one of these is a COUNT
CLASSIFIERS = vocabulary("classifiers")
#: measure units: a figure with one of these is an AMOUNT
MEASURES = _chinese(vocabulary("measures") + vocabulary("countable"))
#: %, 个百分点, 倍, 成 … and spans (年, 月, 天 …): each is classified by its own word
_SPECIAL = _chinese(vocabulary("ratios") + vocabulary("spans"))
UNITS = tuple(sorted(set(CLASSIFIERS + MEASURES + _SPECIAL), key=len, reverse=True))
_LATIN_UNITS = tuple(sorted(
    (w for w in vocabulary("measures") + vocabulary("countable") if _LATIN_SPELLING.fullmatch(w)), key=len, reverse=True
))
#: the magnitude words of written numbers (万 and up; 千 is read as a digit place)
_MAGNITUDES = tuple(m for m, f in MAGNITUDES.items() if f >= 10**4)
_COUNT_UNITS = frozenset(CLASSIFIERS)
_MAG = "|".join(_MAGNITUDES)
_ARABIC = r"[0-9]{1,3}(?:,[0-9]{3}){1,8}(?![0-9])(?:\.[0-9]{1,30})?|[0-9]{1,40}(?:\.[0-9]{1,30})?"
_CN_CHARS = "零〇一二三四五六七八九十两百千万亿"
_CN_DIGITS = frozenset("〇一二三四五六七八九十两")
# The leading lookahead names every character a candidate can start with, so the
# regex engine skips the rest of the text quickly (≈6× faster than the bare alternation).
_CANDIDATE = re.compile(
    r"(?=[0-9翻首" + "零〇一二三四五六七八九十两百千万亿" + r"])(?:"
    r"(?P<dbl>翻[一两二三四]?番)"
    r"|(?P<frac>[一二三四五六七八九十百千]{1,3}分之[一二三四五六七八九十]{1,3})"
    r"|(?P<first>首位)"
    r"|(?P<date>(?:19|20)[0-9]{2}-[01]?[0-9]-[0-3]?[0-9](?![0-9]))"
    r"|(?P<time>[0-2]?[0-9]:[0-5][0-9](?::[0-5][0-9])?(?![0-9]))"
    r"|(?P<ar>(?:" + _ARABIC + r")(?:万亿|亿|万(?:[0-9]{1,4}千(?![瓦克米伏]))?|千(?![瓦克米伏卡兆])(?:万|亿)?)?)"
    # a lone 一 (统一, 一批, 进一步) is never a figure unless after 第 or before one of
    # _LONE_ONE_NEXT (or after 前: 学前一年, checked in Python): rejected here, not in Python (the next try is one character on,
    # as after a one-character match)
    r"|(?P<cn>(?!(?<!第)(?<!前)一(?![" + _CN_CHARS + "是要）)］\\]】〕、.．月]))[" + _CN_CHARS + r"]{1,24})"
    r")"
)
_UNIT = re.compile(
    r"(?P<mag>" + _MAG + r")?(?P<u>" + "|".join(re.escape(u) for u in UNITS) + r")"
)
_MAG_ONLY = re.compile(r"(?:" + _MAG + r")")
_LATIN_UNIT = re.compile(r"(?:" + "|".join(_LATIN_UNITS) + r")(?![A-Za-z])")
_LATIN_AFTER = re.compile(r"[A-Za-z]{1,8}(?:级)?")
_INFIX = re.compile("|".join(INFIX_WORDS))
_SUFFIX = re.compile("|".join(SUFFIX_WORDS))
_RANGE_SEP = re.compile(r"\s?(?:-|—{1,2}|–|~|至|到)\s?")
_RANGE_SECOND = re.compile(r"(?:" + _ARABIC + r")(?:万亿|亿|万)?")
_MONTH_DAY = re.compile(r"(?:(?P<y>(?:19|20)[0-9]{2})年)?(?P<m>1[0-2]|0?[1-9])月(?:(?P<d>[12][0-9]|3[01]|0?[1-9])日)?")
# exactly the characters numerals.FULLWIDTH maps
_FULLWIDTH_SET = "[" + re.escape("".join(sorted(chr(k) for k in FULLWIDTH))) + "]"
_FULLWIDTH_CHARS = re.compile(_FULLWIDTH_SET)
_FULLWIDTH_RUN = re.compile(_FULLWIDTH_SET + "+")
_ARABIC_INT = re.compile(r"[0-9]{1,12}")
_MONTH_RANGE = re.compile(r"(?:1[0-2]|0?[1-9])(?:-|—{1,2}|–|~|至|到)(?:1[0-2]|0?[1-9])月")
_YEAR_RANGE = re.compile(r"(?:-|—{1,2}|–|~|至|到)((?:19|20)[0-9]{2})(?=年)")
# the qualifier words come from the one qualifier policy (quantities/qualifiers.txt)
_PREFIX_WORDS = PREFIX_WORDS
_PREFIX_SET = frozenset(PREFIX_WORDS)
#: a trailing 以上/以下/左右 of a list's last member applies to every member (有余 does not)
_SHARED_SUFFIXES = frozenset(SUFFIX_WORDS) - {"有余"}
# a qualifier word ending exactly where the number starts; searching from the
# earliest start finds the longest word (不超过 before 超过)
_PREFIX_END = re.compile("(?:" + "|".join(re.escape(w) for w in _PREFIX_WORDS) + ")$")
_PREFIX_MAXLEN = max(len(w) for w in _PREFIX_WORDS)
# kind cues, searched backwards in the clause
# 压减/压缩/精简/削减/缩减/减 N% is a cut by N%, a decline like 下降N% (压降 ends in 降);
# a lone 减 (减时间83%) comes last so that 减少 is read whole
_GROWTH_CUES = re.compile(
    r"增长率|增速|增幅|降幅|涨幅|增长|增加|下降|减少|降低|回落|下跌|上涨|上升|提高|提升|缩小|收窄|扩大|同比|年均|"
    r"压减|压缩|精简|削减|缩减|跌|涨|降|减"
)
_SHARE_CUES = re.compile(r"率|比重|比例|占比|占|覆盖|强度|贡献|达标|利用|水平|指数|份额")
_DOWN = ("下降", "减少", "降低", "回落", "下跌", "缩小", "收窄", "降幅", "压减", "压缩", "精简", "削减", "缩减", "跌", "降", "减")
_RATIO_CUES = re.compile(r"每千|每万|每百|每十万|每平方|每亩|每人|人均|户均|亩均|千人|万人口|百人|十万人|万元GDP|单位GDP|单位地区生产总值")
_QUOTE_SPAN = re.compile(r"“[^“”\n]{1,24}”|「[^「」\n]{1,24}」|《[^《》\n]{1,40}》|\"[^\"\n]{1,24}\"|『[^『』\n]{1,24}』|‘[^‘’\n]{1,24}’")
_SENT_END_CHARS = frozenset("。！？!?\n\r")  # a sentence ends at these; each is in _CLAUSE_SEP too
_CLAUSE_SEP = re.compile(r"[，,；;：:。！？!?\n\r（）()]")
_STRIP_LEAD = "、，,和及与并且◆◇●○■□▲△•·*-—#＃> \t　0123456789."
_SUBJECT_TRAIL_WORDS = (
    "分别|同比|比上年|较上年|年均|累计|总计|共|均|都|已|将|为|是|在|到|至|再|新增加|增加|增长|下降|减少|降低|提高|提升|"
    "压减|压缩|精简|削减|缩减|"
    "回落|上涨|上升|达到|达|增至|完成|实现|保持在|保持|稳定在|控制在|突破|超过|超|逾|过|近|接近|将近|约|大约|"
    "不到|不足|低于|高于|力争|争取|冲刺|预计|预期|居|位居|稳居|排名|排|比"
).split("|")
_SUBJECT_TRAIL = re.compile("(?:" + "|".join(_SUBJECT_TRAIL_WORDS) + ")$")
# _SUBJECT_TRAIL.search(seg) finds the longest of these words ending seg (every match ends
# at the end, so the leftmost is the longest): looked up by suffix length instead of a scan
_TRAIL_SET = frozenset(_SUBJECT_TRAIL_WORDS)
_TRAIL_LAST = frozenset(w[-1] for w in _SUBJECT_TRAIL_WORDS) | {"\n"}
_TRAIL_LENS = tuple(sorted({len(w) for w in _SUBJECT_TRAIL_WORDS}, reverse=True))
_SUBJECT_LEAD_WORDS = (
    "预计|力争|争取|确保|全年|其中|同时|实施|完成|实现|推动|开展|累计|突出抓好|抓好|聚焦|推出|打造|启动|持续推进|推进|"
    "举办|聘请|承接|建设|创建|争创|年内"
).split("|")
_SUBJECT_LEAD = re.compile("^(?:" + "|".join(_SUBJECT_LEAD_WORDS) + ")")
_LEAD_FIRST = frozenset(w[0] for w in _SUBJECT_LEAD_WORDS)
_CN_NAME_RUN = re.compile(r"十?[一二三四五六七八九]五\Z")
_RANGE_FIRST = frozenset("-—–~至到")  # the first characters of _RANGE_SEP after its optional blank
_LONE_ONE_NEXT = frozenset("是要）)］]】〕、.．月")
_CN_FOLLOW_NAME = ("连冠", "连胜", "中全会", "次全会", "次会议", "次党代会", "届", "大精神")
_CN_MONTH = re.compile(r"(?:十[一二]?|[一二三四五六七八九])月(?:(?:[一二]?十[一二三四五六七八九]?|三十一?|[一二三四五六七八九])日)?")
_CN_FOLLOW_LABEL = ("级", "甲", "期", "星")
# a classifier that is part of a fixed political name: 八项规定, 三项制度改革
_CN_SET_PHRASE = ("项规定", "项制度改革", "个大局")
# classifiers after which a bare 二 is an ordinal: all but 人 (二人转 is an opera's name)
_BARE_ORDINAL_UNITS = _COUNT_UNITS - {"人"}
_INFIX_CHARS = frozenset(w[0] for w in INFIX_WORDS)
_SUFFIX_FIRST = frozenset(w[0] for w in SUFFIX_WORDS)  # 以上 以下 以内 左右 上下 有余
# a prefix word ends right before the number; "$" also matches before a final "\n",
# so a word followed by a line break counts too (as it always has)
_PREFIX_LAST = frozenset(w[-1] for w in _PREFIX_WORDS) | {"\n"}
#: 预计/力争 opening a clause cover the figures of the clause (预计完成地区生产总值5600亿元、增长6.5%)
_CLAUSE_FLAG = re.compile(r"[\s◆◇●■▲•·\-—]{0,3}(预计|力争)")
# 近五年 is "the last five years", not "nearly five years": 近 is not a bound on a span
_DURATION_PREFIX = frozenset(("约", "大约", "超过", "逾", "将近", "不到", "不足"))
_RANKING_WORDS = ("排名", "排位", "位次", "名次", "排序", "位列", "榜单")
_RANK_MOVES = ("上升", "提升", "前移", "前进", "下降", "后退", "跃升", "攀升")
_LIST_GAPS = frozenset(("、", "和", "及", "与", "以及", "、和", "、及"))
_BARE_MAGS = frozenset(_MAGNITUDES)  # the unit of a bare 1.6万
_MAG_UNITS = frozenset(CLASSIFIERS + MEASURES)  # the units a magnitude can stand before
#: how far back a subject or context is read (keeps the work per figure bounded)
_CONTEXT_MAX = 80
#: the longest ``sentence`` a figure carries (real reports' longest is ~650 characters)
_SENTENCE_MAX = 1000
#: … and the window around the figure it carries from a longer one
_SENTENCE_WINDOW = 200
_ITEM_SPLIT = re.compile(r"、|和|及|与")
_STRIP_LEAD_QUOTES = _STRIP_LEAD + "“”\""
_NO_QUANTITY = frozenset((Kind.YEAR, Kind.DATE, Kind.RANK, Kind.NAME, Kind.LABEL))
