"""Targets-specific data: what a target *means* beyond its written qualifier.

The qualifier words themselves (以上, 以内, 左右, 突破 …) and the intervals they give are
the project's one qualifier policy (``reportcheck.quantities.qualifiers``); nothing here
repeats them. This module holds only what is particular to judging a target against
its outcome:

- indicators that are kept down (a plain figure is a ceiling, not a floor);
- joint subjects that name two indicators at once (城乡居民 = 城镇居民 and 农村居民);
- the words of a claim that every target was completed;
- the units of a plant's capacity (``700万吨露天矿`` names a mine, it sets no target).
"""

from __future__ import annotations

import re

#: Words of a subject (or of the clause before a figure) that mark an indicator kept
#: down: for these a plain target is a ceiling. Substrings, matched on the subject.
KEPT_DOWN: tuple[str, ...] = (
    "失业率",
    "居民消费价格",
    "消费价格指数",
    "物价涨幅",
    "物价总水平",
    "CPI",
    "能耗",
    "能源消耗",
    "二氧化碳排放",
    "碳排放",
    "排放总量",
    "化学需氧量",
    "二氧化硫",
    "氨氮",
    "氮氧化物",
    "事故",
    "死亡人数",
    "死亡率",
    "亡人",
    "发病率",
    "赤字率",
    "负债率",
    "人口自然增长率",
    "PM2.5",
    "细颗粒物",
)

#: Level words that, in a target, mean "no more than": 控制在4%以内 is a ceiling even
#: without 以内 (the policy reads 控制在 as a level word: it gives the interval, not the sense).
CEILING_VERBS: tuple[str, ...] = ("控制在", "控制到")

#: A joint subject and the indicators it stands for, in the order the report lists them
#: (城乡居民收入分别增长8%和9%: 城镇 first).
JOINT_SUBJECTS: dict[str, tuple[str, str]] = {
    "城乡居民": ("城镇居民", "农村居民"),
    "城乡": ("城镇", "农村"),
}

#: … only for these indicators: 城乡居民收入 is two statistics, 城乡居民基础养老金 one scheme.
JOINT_ONLY: tuple[str, ...] = ("收入",)

#: Words that say one figure applies to each of several subjects before it
#: (旅游人数…、旅游收入…，分别增长20%; 城乡居民收入均增长8%).
EACH_WORDS: tuple[str, ...] = ("分别", "均", "都", "各")

#: A claim that all of last year's targets were completed (the review's opening lines).
COMPLETION_CLAIM = re.compile(
    r"(?:圆满|全面|胜利|超额|顺利|全部)完成[^。；！]{0,40}?(?:各项)?(?:目标任务|主要目标|预期目标|目标)"
    r"|(?:各项|主要)(?:目标任务|预期目标|经济指标|目标)[^。；！]{0,12}?(?:圆满|全面|胜利|超额|顺利|全部)完成"
)

#: Units of a capacity: a figure in one of these directly followed by a name
#: (大唐700万吨露天矿, 2×35万千瓦热电联产, 黑羊站水厂3万吨扩建项目) names a plant or project.
CAPACITY_UNITS: tuple[str, ...] = ("吨", "千瓦", "千瓦时", "瓦", "立方米/日", "吨/日")

#: The generic classifier: 20个 supermarkets and 10家 supermarkets count the same things.
GENERIC_CLASSIFIER = "个"

#: Chinese numeral characters: a "三元" written in them is a name (三元乳业), not 3 yuan.
CJK_DIGITS = frozenset("〇零一二两三四五六七八九十百千万亿")

#: Sectors: a target of one sector is not settled by a figure of another
#: (重点农牧业项目33个 against 重点工业项目34个).
SECTORS: tuple[str, ...] = ("工业", "农牧业", "农业", "商贸", "旅游", "城市建设", "物流", "文化", "教育", "卫生")

#: Subjects that say nothing alone (投资, 项目): their sentences decide what they are about.
GENERIC_SUBJECTS: frozenset[str] = frozenset({"投资", "计划投资", "完成投资", "项目", "产值", "资金", "总投资"})

#: An increment (新开通3条航线) is not settled by a stock (航线达到34条).
INCREMENT_WORDS: tuple[str, ...] = ("新开通", "新增", "新开")
STOCK_WORDS: tuple[str, ...] = ("达到", "累计", "总数", "总量")

#: Words around a subject that say what was done to it, not what it is: stripped before
#: two subjects are compared (新建蔬菜大棚 / 建成大棚 are both 大棚).
ACTION_WORDS = re.compile(
    r"^(?:全年|年内|今年|全区|全市|区本级|共|的|新建|新增|建成|完成|实施|实施了|实现|铺设|开工建设|启动|改造|做好|加快|重点)+"
    r"|(?:全部完工|基本完工|顺利完工|完工|投入使用|正式运营|开工建设|顺利推进|进展顺利|建设|工程|项目前期|问题|任务|达到|完成|控制"
    r"|改造|能力|面积|规模|数量)+$"
)

#: Words that can follow a figure without naming what it counts (赤字率拟按3%安排).
AFTER_NOT_NOUN: tuple[str, ...] = ("同比", "增长", "下降", "提高", "以", "安排", "左右", "上下", "目标", "预期")

#: Nouns after a count that make it the speech's outline, not a target (抓好以下9个方面工作).
OUTLINE_NOUNS: tuple[str, ...] = ("方面", "部分")
