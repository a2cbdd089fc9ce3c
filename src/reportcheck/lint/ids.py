"""Readable indicator ids from Chinese names: a small glossary of report vocabulary.

``make_id("新培育省级以上单项冠军、专精特新、瞪羚企业", "2023", role="new")`` →
``champions.new.2023``-like ids: the longest glossary terms found in the name (at most
three), then a role (``new``, ``total``, ``growth`` …) and the period. A name with no
glossary term gets ``item-L<line>`` so the id stays unique and points at the text; the
Chinese name is always in the indicator's ``name`` field.
"""

from __future__ import annotations

import re

#: Chinese term → id word. Longest terms win; order of appearance in the name is kept.
GLOSSARY: dict[str, str] = {
    "地区生产总值": "gdp", "生产总值": "gdp", "经济总量": "gdp", "GDP": "gdp",
    "一般公共预算收入": "revenue", "一般公共预算支出": "expenditure", "财政收入": "revenue", "税收": "tax",
    "固定资产投资": "fai", "投资": "investment", "社会消费品零售总额": "retail", "消费": "consumption",
    "进出口": "trade", "外贸": "trade", "出口": "exports", "进口": "imports", "实际使用外资": "fdi", "外资": "fdi",
    "规上工业增加值": "industry-va", "规模以上工业增加值": "industry-va", "工业增加值": "industry-va",
    "规模工业增加值": "industry-va", "服务业增加值": "services-va", "增加值": "value-added",
    "营收": "revenue", "营业收入": "revenue", "产值": "output", "利润": "profit",
    "居民人均可支配收入": "income", "人均可支配收入": "income", "城镇": "urban", "农村": "rural",
    "就业": "employment", "失业率": "unemployment", "居民消费价格": "cpi", "物价": "cpi",
    "粮食": "grain", "产量": "output", "播种面积": "sown-area", "高标准农田": "farmland", "农田": "farmland",
    "耕地": "farmland", "土地托管": "land-trusteeship", "亩": "area",
    "高新技术企业": "hte", "科技型中小企业": "tech-smes", "专精特新": "specialised", "单项冠军": "champions",
    "瞪羚": "gazelles", "独角兽": "unicorns", "上市公司": "listed-cos", "上市": "ipo", "企业": "enterprises",
    "经营主体": "businesses", "市场主体": "businesses", "龙头企业": "leading-firms", "合作社": "cooperatives",
    "家庭农场": "family-farms", "创新平台": "platforms", "平台": "platforms", "实验室": "labs",
    "研发": "rnd", "专利": "patents", "人才": "talents", "院士": "academicians", "博士后": "postdocs",
    "技能人才": "skilled-workers", "农民": "farmers",
    "项目": "projects", "重点项目": "key-projects", "技改": "tech-renovation", "产业链": "chains",
    "集群": "clusters", "园区": "parks", "开发区": "devzones", "数据中心": "data-centres", "算力": "computing",
    "5G": "5g", "基站": "stations", "千兆": "gigabit", "数字经济": "digital-economy", "智能工厂": "smart-factories",
    "新能源汽车": "nev", "汽车": "cars", "充电桩": "chargers", "光伏": "pv", "风电": "wind", "装机": "capacity",
    "发电": "power", "新能源": "new-energy", "可再生能源": "renewables", "能源": "energy", "电力": "power",
    "碳排放": "carbon", "二氧化碳": "co2", "能耗": "energy-use", "空气质量": "air", "优良天数": "good-air-days",
    "细颗粒物": "pm25", "PM2.5": "pm25", "森林覆盖率": "forest-cover", "森林": "forest", "湿地": "wetland",
    "矿山": "mines", "绿化": "greening", "水": "water", "污水": "sewage", "垃圾": "waste",
    "铁路": "railways", "高铁": "high-speed-rail", "高速公路": "expressways", "高速": "expressways",
    "公路": "roads", "农村公路": "rural-roads", "机场": "airport", "航线": "routes", "港口": "ports", "港": "port",
    "旅客吞吐量": "passengers", "吞吐量": "throughput", "集装箱": "containers", "中欧班列": "china-europe-trains",
    "物流": "logistics", "海外仓": "overseas-warehouses", "跨境电商": "cross-border-ecommerce",
    "旅游": "tourism", "游客": "tourists", "入境": "inbound", "文化": "culture", "文旅": "culture-tourism",
    "学校": "schools", "中小学": "schools", "幼儿园": "kindergartens", "学位": "school-places", "公办率": "public-rate",
    "高中": "highschool", "高校": "universities", "大学": "universities", "教育": "education",
    "医院": "hospitals", "医疗": "medical", "医保": "medical-insurance", "参保率": "insured-rate",
    "养老保险": "pension", "养老": "elderly-care", "床位": "beds", "托位": "childcare-places", "托育": "childcare",
    "老年食堂": "canteens", "住房": "housing", "保障性住房": "social-housing", "老旧小区": "old-estates",
    "城中村": "urban-villages", "棚户区": "shanty-towns", "片区": "districts", "公园": "parks",
    "城镇化率": "urbanisation", "常住人口": "population", "人口": "population",
    "贷款": "loans", "存款": "deposits", "债券": "bonds", "专项债": "special-bonds", "资金": "funds",
    "基金": "funds", "融资": "financing", "金融": "finance", "政策性银行": "policy-bank",
    "警情": "police-reports", "治安": "public-order", "刑事": "criminal", "安全生产": "work-safety",
    "事故": "accidents", "覆盖率": "coverage", "占比": "share", "比重": "share", "比例": "ratio",
    "增速": "growth", "增长": "growth", "总量": "total", "总数": "total", "规模": "scale",
    "收入": "income", "支出": "spending", "民生": "livelihood", "救助": "assistance", "标准": "standard",
    "公益岗": "public-jobs", "岗位": "jobs", "培训": "training", "乡村振兴": "rural-revitalisation",
    "示范区": "demo-zones", "示范村": "demo-villages", "村": "villages", "县": "counties", "乡镇": "towns",
    "工程": "programmes", "行动": "actions", "领域": "domains", "事项": "items", "政策": "policies",
    # more report vocabulary (measured on the 2026 provincial reports: names without a term got item-l<line>)
    "技术合同成交额": "tech-contracts", "技术合同": "tech-contracts", "人均预期寿命": "life-expectancy",
    "预期寿命": "life-expectancy", "死亡人数": "deaths", "营造林": "afforestation", "造林": "afforestation",
    "人大代表建议": "deputies-proposals", "代表建议": "deputies-proposals", "政协提案": "cppcc-proposals",
    "提案": "proposals", "地方性法规": "local-regulations", "法规": "regulations", "政府规章": "gov-rules",
    "规章": "gov-rules", "劳动生产率": "labour-productivity", "适老化改造": "elderly-adaptation",
    "概念验证中心": "poc-centres", "文明城市": "civilised-cities", "幸福河湖": "happy-rivers", "友城": "sister-cities",
    "防沙治沙": "desert-control", "指标": "indicators", "学科": "disciplines", "产业园": "industrial-parks",
    "自贸试验区": "ftz", "减税降费": "tax-cuts", "劳动力": "labour", "具身智能": "embodied-ai", "人工智能": "ai",
    "大模型": "llms", "机器人": "robots", "集成电路": "ics", "芯片": "chips", "锂电池": "li-batteries",
    "船舶": "ships", "钢铁": "steel", "煤炭": "coal", "原油": "crude-oil", "天然气": "gas", "用电量": "electricity-use",
    "发电量": "generation", "水质": "water-quality", "断面": "monitoring-sections", "农产品": "agri-products",
    "生猪": "pigs", "茶叶": "tea", "水果": "fruit", "蔬菜": "vegetables", "乡村": "rural", "居民": "residents",
    "城乡": "urban-rural", "社保": "social-security", "低保": "dibao", "特困": "extreme-poverty",
    "残疾人": "disabled", "儿童": "children", "妇女": "women", "老年人": "elderly", "婴幼儿": "infants",
    "医生": "doctors", "医师": "doctors", "护士": "nurses", "卫生": "health", "体育": "sports", "运动会": "games",
    "金牌": "gold-medals", "博物馆": "museums", "图书馆": "libraries", "文物": "heritage", "非遗": "intangible-heritage",
    "演出": "performances", "电影": "films", "消防": "fire", "应急": "emergency", "债务": "debt", "化债": "debt-resolution",
    "银行": "banks", "保险": "insurance", "证券": "securities", "补贴": "subsidies", "补助": "subsidies",
    "预算": "budget", "财政": "fiscal", "民营": "private", "民间投资": "private-investment", "国有企业": "soes",
    "国企": "soes", "央企": "central-soes", "外商": "foreign", "港澳": "hk-macao", "东盟": "asean",
    "一带一路": "bri", "口岸": "ports-of-entry", "通关": "customs", "航运": "shipping", "航空": "aviation",
    "轨道交通": "metro", "地铁": "metro", "桥梁": "bridges", "隧道": "tunnels", "水库": "reservoirs",
    "水利": "water-works", "灌溉": "irrigation", "电网": "grid", "储能": "storage", "氢能": "hydrogen",
    "核电": "nuclear", "水电": "hydro", "煤电": "coal-power", "数据": "data", "宽带": "broadband", "用户": "users",
    "电商": "ecommerce", "快递": "express-delivery", "零售": "retail", "餐饮": "catering", "房地产": "real-estate",
    "商品房": "housing-sales", "保交房": "housing-delivery", "租赁": "rental", "毕业生": "graduates", "博士": "phds",
    "科技": "sci-tech", "创新": "innovation", "成果": "results", "品牌": "brands", "商标": "trademarks",
    "质量": "quality", "服务": "services", "政务": "gov-services", "审批": "approvals", "营商环境": "business-env",
    "改革": "reform", "试点": "pilots", "示范": "demos", "基地": "bases", "中心": "centres", "城市": "cities",
    "社区": "communities", "学生": "students", "教师": "teachers", "工资": "wages", "价格": "prices",
    "草原": "grassland", "河湖": "rivers-lakes", "海洋": "marine", "渔业": "fisheries", "林业": "forestry",
    "畜牧": "livestock", "奶业": "dairy", "种业": "seeds", "农机": "farm-machinery", "会议": "meetings",
    "经济": "economy", "产业": "industry", "工业": "industry", "制造业": "manufacturing", "农业": "agriculture",
    "服务业": "services", "商贸": "commerce", "展会": "fairs", "会展": "exhibitions", "赛事": "events",
    "车": "vehicles", "人次": "visits", "户籍": "hukou", "常住": "resident", "出生": "births", "婚": "marriage",
}
_TERMS = sorted(GLOSSARY, key=len, reverse=True)
_TERM_RE = re.compile("|".join(re.escape(t) for t in _TERMS))
_ID_WORD = re.compile(r"[^a-z0-9\-]+")

#: role words that describe the figure rather than the indicator
ROLE_WORDS = {"新增": "new", "新培育": "new", "新建": "new", "新开通": "new", "新认定": "new", "新入选": "new",
              "新引育": "new", "新引进": "new", "培育": "new", "净增": "new", "新登记": "new"}


def words(name: str, limit: int = 3) -> list[str]:
    out: list[str] = []
    for m in _TERM_RE.finditer(name):
        w = GLOSSARY[m.group()]
        if w not in out:
            out.append(w)
        if len(out) >= limit:
            break
    return out


def slug(s: str) -> str:
    return _ID_WORD.sub("-", s.lower()).strip("-")


def period_slug(period: str) -> str:
    return slug(period) or "p"


def make_id(name: str, period: str, role: str | None = None, line: int | None = None) -> str:
    """A readable id (not yet unique): glossary words, role, period."""
    ws = words(name)
    if role and role in ws:
        ws.remove(role)
    stem = "-".join(ws) if ws else f"item-l{line}" if line is not None else "item"
    parts = [slug(stem) or "item"]
    if role:
        parts.append(role)
    parts.append(period_slug(period))
    return ".".join(parts)


class IdMaker:
    """Hands out unique ids (``x.2024``, ``x-2.2024`` …)."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def __call__(self, name: str, period: str, role: str | None = None, line: int | None = None) -> str:
        base = make_id(name, period, role, line)
        if base not in self.used:
            self.used.add(base)
            return base
        head, _, tail = base.partition(".")
        k = 2
        while True:
            cand = f"{head}-{k}.{tail}"
            if cand not in self.used:
                self.used.add(cand)
                return cand
            k += 1
