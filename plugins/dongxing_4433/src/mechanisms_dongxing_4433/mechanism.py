"""东兴区“4433”工作机制 — Dongxing District (Neijiang, Sichuan), 2024 — as a :class:`mechanisms.Mechanism`.

The source (a 2024-08-05 report of the Sichuan Department of Agriculture and Rural Affairs) names four parts:

* 4 — 四个一批: four funding channels (bank loans 贷, fiscal 投, social aid 援, the people 筹);
* 4 — 四级包联: four levels of contact responsibility (city, district leaders, district departments,
  party members);
* 3 — 三类建设: three kinds of construction (主建 by the district state enterprise, 援建 by state
  enterprises, 自建 by private firms, collectives and craftsmen);
* 3 — 三化并举: three ways of upkeep (systematised 建, standardised 管, simplified 用).

The contact network becomes roles, coverage rules and a staffing policy; the funding channels,
construction kinds and upkeep ways become features; the 用 part (红黑榜, 积分制, 积分超市,
户比户/组比组/村比村) becomes the scoring. The source publishes achievements, not a timetable:
every date, cadence, threshold and point value below that the source does not state is an
:class:`~mechanisms.Assumption`, listed at the end of :func:`build` and overridable with ``--set``.

Every figure the source publishes is in the reference case with its sentence. Money is kept in
万元 throughout (28.2亿元 = 282,000万元) so that the funding shares are plain ratios of figures.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import attrs

from mechanisms import (
    AccountabilityCategory,
    Action,
    AssignmentPolicy,
    Assumption,
    Campaign,
    CoverageRule,
    Derived,
    Feature,
    FeatureItem,
    Figure,
    Frequency,
    IndicatorDef,
    IndicatorTarget,
    Level,
    ListRule,
    Mechanism,
    Milestone,
    PeerGroup,
    Phase,
    PointsRule,
    PointsScheme,
    Ranking,
    ReferenceCase,
    ReportingEvent,
    Role,
    Schedule,
    Scope,
    Scorecard,
    ScoreItem,
    Scoring,
    SourceRef,
    StaffingRule,
    Supervision,
    Target,
    Task,
    Tier,
    TierScheme,
)
from mechanisms.labels import L
from mechanisms.shape import CountyShape, Label, TagShare

KEY = "dongxing-4433"
SOURCE_FILE = "000_70ca0df7469e01d2.txt"
REPORT_DATE = dt.date(2024, 8, 5)
"""The report's date (from its URL, …/2024/8/5/…): the "目前" (as of now) of its progress figures."""

# ---------------------------------------------------------------------------------------------
# The source's sentences, verbatim, in the order they appear. Roles, figures, tasks and features
# cite these constants so one sentence is typed once; a test checks each occurs in the seed file.
# ---------------------------------------------------------------------------------------------
S_LOAN = ("以银行贷款为主体,多元筹集建设资金,建立同政策性银行对接、协调等机制,敏锐抓住银行政策“窗口”,"
          "共同谋划生成项目8个、获批贷款资金28.2亿元。")
S_LOAN_LIST = ("将基础设施、户属工程、场镇改造、污水处理、公共服务、产业培育等纳入贷款支持清单,"
               "在全市率先生成“乡村振兴·美乡优城”示范带建设项目,落实贷款资金8.8亿元。")
S_FISCAL = "积极“走上去”争取各类专项资金,投入财政资金4亿元;划拨“六净六顺”“清杂去乱”资金917万元。"
S_AID = "协调中国五冶、山东高速、中建三局等8家在辖国企投入援建资金1200万元。"
S_PEOPLE = "充分尊重群众意愿,发动群众投工投劳及自筹资金2亿元。"
S_CITY = "4名市领导联系指导4个目标镇(街道)、4个市级部门(单位)挂联4个目标镇(街道)、35个市级部门包联59个村(社区)。"
S_DISTRICT = "8名区级领导包联4个目标镇(街道),区委主要负责同志挂包重点镇椑木镇,28名区级领导联系59个目标村(社区)。"
S_RETIRED = "选派59名退出领导岗位干部到59个目标村(社区)担任指导组组长。"
S_DEPARTMENTS = ("选派92个区级部门包联67个村(社区),统筹498名部门、镇(街道)、村(社区)干部包联村组,"
                 "形成包村到户、齐抓共管的良好态势。")
S_PARTY = ("充分发挥党建引领作用,结合“主题党日”等,区委、区政府主要负责同志带头,"
           "全体机关党员干部每月集中两天到帮联村开展“六净六顺”行动,累计帮联2万余人次。")
S_MAIN_BUILD = "区属国企东同集团作为施工单位,组织4000余人组建90余个班组全天候施工。"
S_AID_BUILD = "加强与辖区央(国)企协调对接,已争取到8家辖区内央(国)企在资金和技术等方面的支持和援建。"
S_SELF_BUILD = "充分发动民营企业、村集体经济组织、农村工匠自建。"
S_PROGRESS = "目前,4个目标镇(街道)户属设施改造28330户已全面开工,其中28169户已完工,178个20户以上院落已完工152个。"
S_BUILD_RULES = ("健全“政府主导、群众主体、各方参与”工作推进机制,建立“1+8+1+N”工作体系,"
                 "印发运行类、保障类、监督考核类相关制度17个,建立资产后续管理、农村公路管理养护、乡风文明建设积分制管理等长效管护机制19个。")
S_MANAGE = ("建立“群众点题、部门答题、纪委监督、社会评价”多元监管体系,深挖严查群众“不安逸”“最恼火”背后的优亲厚友、虚报冒领、"
            "吃拿卡要等问题,精准运用“四种形态”,推动农村面貌改善行动工作在基层落实落细,开展工作督导263次,点对点交办问题1331个。")
S_EQUIPMENT = ("筹措资金1000万元,购买15台垃圾压缩车和120台三轮保洁车用于“清杂去乱”,346个院落全部配齐院落长,"
               "全面推行村民自治,实行垃圾收费制度。")
S_USE = ("全面推行“红黑榜”“积分制”,建立“积分超市”,建立“户比户、组比组、村比村”评比机制,"
         "评选出“最美清洁户”“最佳进步户”“星级文明户”“好公婆好儿媳”等10000余户(人),兑换各种奖品50余万元。")

# ---------------------------------------------------------------------------------------------
# Values the source leaves open. Each is used where it belongs and declared as an Assumption in
# _assumptions(), so the two cannot drift apart.
# ---------------------------------------------------------------------------------------------
CAMPAIGN_START = dt.date(2024, 1, 1)
CAMPAIGN_END = dt.date(2024, 12, 31)
UPKEEP_START = dt.date(2025, 1, 1)
CITY_DEPARTMENT_CAPACITY = 2  # ceil(59 / 35): villages per city department, evenly spread
DISTRICT_LEADER_CAPACITY = 3  # ceil(59 / 28): target villages per district leader, evenly spread
CADRE_CAPACITY = 2  # groups per contact cadre: the number of groups is not published
# the published ratios, which the policy scales to any county (on Dongxing's own: 35, 28 and 92 exactly)
CITY_DEPARTMENT_UNITS_PER_ACTOR = 59 / 35  # 59 target villages on 35 city departments: one or two each
DISTRICT_LEADER_UNITS_PER_ACTOR = 59 / 28  # 59 target villages on 28 district leaders: two or three each
DEPARTMENTS_PER_VILLAGE = 92 / 67  # 92 district departments on 67 villages: one or two each
CADRES_PER_GROUP = 1
PARTY_MEMBERS_PER_VILLAGE = 10  # the number of party members is not published
COMPARISON_PERIOD = "month"
RED_LIST_N = 3
BLACK_LIST_N = 3
CLEANEST_MIN_SCORE = 90.0
STAR_MIN_SCORE = 80.0
RECTIFICATION_DAYS = 15
COMPLETION_TARGET = 100.0


def _levels() -> tuple[Level, ...]:
    """The default level keys, relabelled as Dongxing names them (区, 镇(街道), 村(社区), 村组/院落)."""
    return (
        Level("county", L("区", "district")),
        Level("town", L("镇（街道）", "town (street)")),
        Level("village", L("村（社区）", "village (community)")),
        Level("group", L("村民小组（院落）", "village group (courtyard)")),
        Level("household", L("农户", "household")),
    )


# ---------------------------------------------------------------------------------------------
# Roles: the four levels of 包联
# ---------------------------------------------------------------------------------------------
TARGET_TOWNS = Scope(label=L("目标镇（街道）（东兴区4个）", "target towns (4 in Dongxing)"))
"""No shared tag marks a target town, so town roles reach every town of the county they are applied to:
apply the mechanism to the target towns (Dongxing: 4) to reproduce the source."""
KEY_TOWN = Scope(tags_any=("key-town",), label=L("重点镇（椑木镇）", "key town (Beimu)"))
TARGET_VILLAGES = Scope(tags_any=("target-village",), label=L("目标村（社区）（59个）", "target villages (59)"))
CONTACT_VILLAGES = Scope(label=L("包联村（社区）（东兴区67个）", "contact villages (67 in Dongxing)"))
GROUPS = Scope(label=L("村组", "village groups"))
COURTYARDS = Scope(tags_any=("courtyard",), label=L("院落", "courtyards"))


def _city_roles() -> list[Role]:
    """(a) 市级部门“包联挂联”: city leaders and city departments, from one sentence."""
    return [
        Role("city-leader", L("市领导联系指导目标镇", "city leader guiding a target town"), "town", ("city-leader",),
             scope=TARGET_TOWNS, min_per_unit=1, capacity=1,  # 4 leaders on 4 towns
             duties=(L("联系指导目标镇（街道）", "keep in contact with and guide the target town"),),
             quote=S_CITY),
        Role("city-department-town", L("市级部门挂联目标镇", "city department attached to a target town"), "town",
             ("city-department",), scope=TARGET_TOWNS, min_per_unit=1, capacity=1,  # 4 departments on 4 towns
             duties=(L("挂联目标镇（街道）", "stand attached to the target town"),), quote=S_CITY),
        Role("city-department", L("市级部门包联村", "city department contracting villages"), "village",
             ("city-department",), scope=TARGET_VILLAGES, min_per_unit=1, capacity=CITY_DEPARTMENT_CAPACITY,
             duties=(L("包联村（社区）", "contract the village (社区)"),), quote=S_CITY),
    ]


def _district_leader_roles() -> list[Role]:
    """(b) 区级领导“联系指导”: district leaders on towns and target villages, retired cadres as group heads."""
    return [
        Role("district-leader-town", L("区级领导包联目标镇", "district leader contracting a target town"), "town",
             ("leader",), scope=TARGET_TOWNS, min_per_unit=2, capacity=1,  # 8 leaders on 4 towns
             duties=(L("包联目标镇（街道）", "contract the target town"),), quote=S_DISTRICT),
        Role("party-secretary", L("区委主要负责同志挂包重点镇", "district party secretary for the key town"), "town",
             ("leader",), scope=KEY_TOWN, min_per_unit=1, capacity=1,
             duties=(L("挂包重点镇椑木镇", "take charge of the key town, Beimu"),
                     L("带头到帮联村开展“六净六顺”行动", "lead the monthly 六净六顺 days by example")),
             quote=S_DISTRICT),
        Role("district-leader", L("区级领导联系目标村", "district leader in contact with target villages"), "village",
             ("leader",), scope=TARGET_VILLAGES, min_per_unit=1, capacity=DISTRICT_LEADER_CAPACITY,
             duties=(L("联系目标村（社区）", "keep in contact with the target village"),), quote=S_DISTRICT),
        Role("guidance-head", L("退出领导岗位干部任指导组组长", "retired cadre heading a village guidance group"),
             "village", ("retired-cadre",), scope=TARGET_VILLAGES, min_per_unit=1, capacity=1,  # 59 on 59
             duties=(L("到目标村（社区）担任指导组组长", "head the guidance group of the target village"),),
             quote=S_RETIRED),
    ]


def _department_roles() -> list[Role]:
    """(c) 区级部门“包村到户”: district departments on villages, cadres on village groups."""
    return [
        Role("department", L("区级部门包联村", "district department contracting a village"), "village",
             ("department",), scope=CONTACT_VILLAGES, min_per_unit=1, capacity=1,  # 92 departments on 67 villages
             duties=(L("包村到户、齐抓共管", "contract the village down to its households, jointly with others"),),
             quote=S_DEPARTMENTS),
        Role("cadre", L("部门、镇、村干部包联村组", "department, township or village cadre contracting a group"), "group",
             ("cadre", "village-cadre"), scope=GROUPS, min_per_unit=1, capacity=CADRE_CAPACITY,
             duties=(L("包联村组，包村到户", "contract the village group, down to its households"),),
             quote=S_DEPARTMENTS),
    ]


def _party_member_roles() -> list[Role]:
    """(d) 党员干部“常态帮联”, plus the courtyard heads of 规范化“管”, the last link to the household."""
    return [
        Role("party-member", L("机关党员干部常态帮联", "organ party member helping a contact village"), "village",
             ("party-member",), scope=CONTACT_VILLAGES, min_per_unit=1, capacity=1,
             duties=(L("每月集中两天到帮联村开展“六净六顺”行动", "spend two days a month in the contact village on 六净六顺"),
                     L("结合“主题党日”开展", "combined with the party day (主题党日)")),
             visits=Frequency(2, "month", unit="day", label=L("每月集中两天", "two days a month")),
             quote=S_PARTY),
        Role("courtyard-head", L("院落长", "courtyard head"), "group", ("household", "village-cadre"),
             scope=COURTYARDS, min_per_unit=1, capacity=1,
             duties=(L("院落自治管护，推行村民自治", "run the courtyard's self-governance and upkeep"),),
             quote=S_EQUIPMENT),
    ]


def _roles() -> tuple[Role, ...]:
    return tuple(_city_roles() + _district_leader_roles() + _department_roles() + _party_member_roles())


def _coverage_rules() -> tuple[CoverageRule, ...]:
    """Each contact claim of the source read as "every unit of the scope is reached"."""

    def rule(key: str, zh: str, en: str, role: str, level: str, scope: Scope, quote: str, n: int = 1) -> CoverageRule:
        return CoverageRule(key, L(zh, en), role, level, scope=scope, min_actors=n, quote=quote)

    return (
        rule("towns-city-leader", "每个目标镇有市领导联系指导", "every target town has a city leader",
             "city-leader", "town", TARGET_TOWNS, S_CITY),
        rule("towns-city-department", "每个目标镇有市级部门挂联", "every target town has a city department attached",
             "city-department-town", "town", TARGET_TOWNS, S_CITY),
        rule("villages-city-department", "每个目标村有市级部门包联", "every target village has a city department",
             "city-department", "village", TARGET_VILLAGES, S_CITY),
        rule("towns-district-leaders", "每个目标镇有两名区级领导包联", "every target town has two district leaders",
             "district-leader-town", "town", TARGET_TOWNS, S_DISTRICT, n=2),
        rule("key-town-secretary", "重点镇由区委主要负责同志挂包", "the key town has the district party secretary",
             "party-secretary", "town", KEY_TOWN, S_DISTRICT),
        rule("villages-district-leader", "每个目标村有区级领导联系", "every target village has a district leader",
             "district-leader", "village", TARGET_VILLAGES, S_DISTRICT),
        rule("villages-guidance-head", "每个目标村有指导组组长", "every target village has a guidance-group head",
             "guidance-head", "village", TARGET_VILLAGES, S_RETIRED),
        rule("villages-department", "每个包联村有区级部门", "every contact village has a district department",
             "department", "village", CONTACT_VILLAGES, S_DEPARTMENTS),
        rule("groups-cadre", "每个村组有干部包联", "every village group has a contact cadre",
             "cadre", "group", GROUPS, S_DEPARTMENTS),
        rule("households-cadre", "包村到户", "contact reaches every household", "cadre", "household",
             Scope(label=L("农户", "households")), S_DEPARTMENTS),
        rule("villages-party-members", "每个帮联村有机关党员干部帮联", "every contact village has organ party members",
             "party-member", "village", CONTACT_VILLAGES, S_PARTY),
        rule("courtyards-head", "院落全部配齐院落长", "every courtyard has a courtyard head",
             "courtyard-head", "group", COURTYARDS, S_EQUIPMENT),
    )


def _policy() -> AssignmentPolicy:
    """Staff a county as Dongxing staffed its target area: the ratios of the published counts, scaled to the county."""

    def staff(role: str, kind: str, zh: str, en: str, **kw: int) -> StaffingRule:
        return StaffingRule(role, kind, name=L(zh, en), **kw)

    return AssignmentPolicy(
        rules=(
            staff("city-leader", "city-leader", "市领导", "City leader"),
            staff("city-department-town", "city-department", "市级挂联部门", "City department (town)"),
            staff("city-department", "city-department", "市级包联部门", "City department (villages)",
                  units_per_actor=CITY_DEPARTMENT_UNITS_PER_ACTOR),
            staff("district-leader-town", "leader", "区级领导（镇）", "District leader (town)", per_unit=2),
            staff("party-secretary", "leader", "区委主要负责同志", "District party secretary"),
            staff("district-leader", "leader", "区级领导（村）", "District leader (villages)",
                  units_per_actor=DISTRICT_LEADER_UNITS_PER_ACTOR),
            staff("guidance-head", "retired-cadre", "指导组组长", "Guidance-group head"),
            staff("department", "department", "区级部门", "District department", per_unit=DEPARTMENTS_PER_VILLAGE),
            staff("cadre", "cadre", "包联干部", "Contact cadre", per_unit=CADRES_PER_GROUP),
            staff("party-member", "party-member", "机关党员", "Organ party member", per_unit=PARTY_MEMBERS_PER_VILLAGE),
            staff("courtyard-head", "household", "院落长", "Courtyard head"),
        ),
        note=L("每个目标镇1名市领导、1个市级挂联部门、2名区级领导，重点镇加区委主要负责同志；每2个目标村1个市级部门、"
               "1名区级领导，每个目标村1名指导组组长；每村1个区级部门、10名机关党员，每组1名包联干部，每个院落1名院落长。",
               "Per target town one city leader, one attached city department and two district leaders, plus the party "
               "secretary on the key town; per two target villages one city department and one district leader, per "
               "target village one guidance-group head; per village one district department and ten organ party members; "
               "per group one contact cadre; per courtyard one courtyard head."),
    )


# ---------------------------------------------------------------------------------------------
# Indicators
# ---------------------------------------------------------------------------------------------
def _indicators() -> tuple[IndicatorDef, ...]:
    def count(key: str, zh: str, en: str, unit: str, level: str | None = "village", **kw: object) -> IndicatorDef:
        return IndicatorDef(key, L(zh, en), unit=unit, aggregation="sum", level=level, **kw)  # type: ignore[arg-type]

    def rate(key: str, zh: str, en: str, num: str, den: str, target: IndicatorTarget) -> IndicatorDef:
        return IndicatorDef(key, L(zh, en), unit="%", numerator=num, denominator=den, factor=100.0, targets=(target,))

    return (
        count("funds-loan", "银行贷款资金", "bank-loan funds", "万元", "county"),
        count("funds-fiscal", "财政资金", "fiscal funds", "万元", "county"),
        count("funds-aid", "国企援建资金", "state-enterprise aid funds", "万元", "county"),
        count("funds-people", "群众投工投劳及自筹资金", "people's labour and self-raised funds", "万元", "county"),
        count("households-started", "户属设施改造开工户数", "households whose facility works started", "户"),
        count("households-finished", "户属设施改造完工户数", "households whose facility works are finished", "户"),
        rate("household-completion-rate", "户属设施改造完工率", "household works completion rate",
             "households-finished", "households-started", IndicatorTarget(COMPLETION_TARGET)),
        count("big-courtyards", "20户以上院落数", "courtyards of 20+ households", "个"),
        count("big-courtyards-finished", "20户以上院落完工数", "courtyards of 20+ households finished", "个"),
        rate("courtyard-completion-rate", "20户以上院落完工率", "courtyard completion rate",
             "big-courtyards-finished", "big-courtyards", IndicatorTarget(COMPLETION_TARGET)),
        count("courtyards", "院落数", "courtyards", "个"),
        count("courtyards-headed", "配齐院落长的院落数", "courtyards with a courtyard head", "个"),
        rate("courtyard-head-rate", "院落长配备率", "courtyard-head coverage", "courtyards-headed", "courtyards",
             IndicatorTarget(100.0, quote="346个院落全部配齐院落长")),
        IndicatorDef("party-member-days", L("党员每月到帮联村天数", "party-member days a month in the contact village"),
                     unit="天", direction="higher", aggregation="min", level="village",
                     targets=(IndicatorTarget(2.0, quote="全体机关党员干部每月集中两天到帮联村开展“六净六顺”行动"),),
                     description=L("每名党员当月在帮联村的天数，向上汇总取最小值，检验“全体”是否做到",
                                   "days each party member spent in the contact village that month; rolled up as the "
                                   "minimum, since the source asks it of every member")),
        count("contact-person-times", "党员干部帮联人次", "party-member contact person-times", "人次"),
        count("inspections", "工作督导次数", "work inspections", "次", "county"),
        count("problems-assigned", "点对点交办问题数", "problems assigned point to point", "个", "county"),
        count("households-named", "评选出的先进户（人）数", "households (people) named in the selections", "户"),
        count("prizes-redeemed", "兑换奖品金额", "prizes redeemed", "万元"),
        IndicatorDef("hygiene-score", L("评比得分", "comparison score"), unit="分", aggregation="mean",
                     description=L("户比户、组比组、村比村评比的百分制得分；评分细则来源未公布，由使用者按本地细则录入",
                                   "the 0–100 score of the household/group/village comparisons; the source does not "
                                   "publish the scoring rules, so a county records its own")),
    )


# ---------------------------------------------------------------------------------------------
# Campaign: the 4433 parts as actions; dates are the source's report date or assumptions
# ---------------------------------------------------------------------------------------------
def _funding_action() -> Action:
    def t(key: str, zh: str, en: str, value: float, indicator: str, quote: str, tzh: str, ten: str) -> Task:
        return Task(key, L(zh, en), targets=(Target(value, "万元", indicator=indicator, label=L(tzh, ten)),), quote=quote)

    return Action("funding", L("“四个一批”筹集建设资金", "four batches of construction funds"), tasks=(
        t("bank-loans", "银行“贷”一批", "bank loans", 282000, "funds-loan", S_LOAN,
          "获批贷款资金28.2亿元（8个项目）", "¥2.82 bn of loans approved (8 projects)"),
        t("fiscal-funds", "财政“投”一批", "fiscal funds", 40000, "funds-fiscal", S_FISCAL,
          "投入财政资金4亿元", "¥400 m of fiscal funds"),
        t("social-aid", "社会“援”一批", "social aid", 1200, "funds-aid", S_AID,
          "8家在辖国企援建资金1200万元", "¥12 m from 8 state enterprises"),
        t("people-raise", "群众“筹”一批", "raised by the people", 20000, "funds-people", S_PEOPLE,
          "投工投劳及自筹资金2亿元", "¥200 m of labour and self-raised funds"),
    ), outcome=L("多元筹集建设资金", "construction funds from many sources"))


def _contact_action() -> Action:
    def t(key: str, zh: str, en: str, role: str, level: str, quote: str, **kw: object) -> Task:
        return Task(key, L(zh, en), owner_role=role, cascade_level=level, quote=quote, **kw)  # type: ignore[arg-type]

    return Action("contact", L("“四级包联”压实工作责任", "four levels of contact make duties real"), tasks=(
        t("city-guidance", "市领导联系指导目标镇", "city leaders guide the target towns", "city-leader", "town", S_CITY),
        t("city-attachment", "市级部门挂联目标镇", "city departments attach to the target towns",
          "city-department-town", "town", S_CITY),
        t("city-village-contact", "市级部门包联村", "city departments contract villages", "city-department", "village",
          S_CITY),
        t("district-town-contact", "区级领导包联目标镇", "district leaders contract the target towns",
          "district-leader-town", "town", S_DISTRICT),
        t("key-town-contact", "区委主要负责同志挂包椑木镇", "the party secretary takes the key town",
          "party-secretary", "town", S_DISTRICT),
        t("district-village-contact", "区级领导联系目标村", "district leaders contact the target villages",
          "district-leader", "village", S_DISTRICT),
        t("guidance-groups", "退出领导岗位干部任指导组组长", "retired cadres head the guidance groups",
          "guidance-head", "village", S_RETIRED),
        t("village-to-household", "区级部门包村到户", "district departments contract villages down to households",
          "department", "village", S_DEPARTMENTS),
        t("group-contact", "干部包联村组", "cadres contract village groups", "cadre", "group", S_DEPARTMENTS),
        t("six-clean-days", "党员干部每月集中两天开展“六净六顺”", "party members' two 六净六顺 days a month",
          "party-member", "village", S_PARTY, due=Schedule("month", label=L("每月", "every month")),
          targets=(Target(2, "天", indicator="party-member-days", label=L("每人每月两天", "two days a member a month")),)),
    ), outcome=L("包村到户、齐抓共管", "villages contracted down to households, everyone at work"))


def _construction_action() -> Action:
    return Action("construction", L("“三类建设”加快项目推进", "three kinds of construction speed up the projects"), tasks=(
        Task("main-build", L("区属国企“主建”", "district state enterprise builds"),
             lead=L("区属国企东同集团", "Dongtong Group (district state enterprise)"),
             targets=(Target(4000, "人", label=L("4000余人", "4,000+ workers")),
                      Target(90, "个", label=L("90余个班组", "90+ work teams"))), quote=S_MAIN_BUILD),
        Task("aid-build", L("在辖国企“援建”", "state enterprises in the district assist"),
             lead=L("辖区内央(国)企", "central and state enterprises in the district"),
             targets=(Target(8, "家", label=L("8家央(国)企", "8 enterprises")),), quote=S_AID_BUILD),
        Task("self-build", L("农村工匠“自建”", "rural craftsmen build themselves"),
             lead=L("民营企业、村集体经济组织、农村工匠", "private firms, village collectives, rural craftsmen"),
             quote=S_SELF_BUILD),
        Task("household-facilities", L("户属设施改造", "household facility works"), cascade_level="village",
             targets=(Target(28330, "户", indicator="households-finished", label=L("28330户全部完工", "all 28,330 finished")),),
             quote=S_PROGRESS),
        Task("big-courtyards", L("20户以上院落建设", "courtyards of 20+ households"), cascade_level="village",
             targets=(Target(178, "个", indicator="big-courtyards-finished", label=L("178个院落全部完工", "all 178 finished")),),
             quote=S_PROGRESS),
    ), outcome=L("项目加快推进", "projects move faster"))


def _upkeep_action() -> Action:
    return Action("upkeep", L("“三化并举”落实长效管护", "three ways together for lasting upkeep"), tasks=(
        Task("systematise", L("系统化“建”", "systematise (建)"),
             targets=(Target(17, "个", label=L("制度17个", "17 rules")),
                      Target(19, "个", label=L("长效管护机制19个", "19 upkeep mechanisms"))), quote=S_BUILD_RULES),
        Task("standardise", L("规范化“管”", "standardise (管)"), lead=L("纪委监督", "discipline inspection"),
             targets=(Target(263, "次", indicator="inspections", label=L("工作督导263次", "263 inspections")),
                      Target(1331, "个", indicator="problems-assigned", label=L("交办问题1331个", "1,331 problems"))),
             quote=S_MANAGE),
        Task("cleaning-equipment", L("购置垃圾压缩车和三轮保洁车", "buy rubbish compactors and cleaning tricycles"),
             targets=(Target(1000, "万元", label=L("筹措资金1000万元", "¥10 m raised")),
                      Target(15, "台", label=L("垃圾压缩车15台", "15 compactor trucks")),
                      Target(120, "台", label=L("三轮保洁车120台", "120 cleaning tricycles"))), quote=S_EQUIPMENT),
        Task("courtyard-heads", L("院落全部配齐院落长", "a courtyard head for every courtyard"), owner_role="courtyard-head",
             cascade_level="group", targets=(Target(100, "%", indicator="courtyard-head-rate",
                                                    label=L("346个院落全部配齐", "all 346 courtyards")),),
             quote=S_EQUIPMENT),
        Task("garbage-fee", L("实行垃圾收费制度", "charge for rubbish collection"), cascade_level="village",
             quote=S_EQUIPMENT),
        Task("simplify-use", L("简易化“用”：红黑榜、积分制、积分超市、评比", "simplify (用): lists, points, comparisons"),
             cascade_level="village",
             targets=(Target(10000, "户", indicator="households-named", label=L("评选10000余户（人）", "10,000+ named")),
                      Target(50, "万元", indicator="prizes-redeemed", label=L("兑换奖品50余万元", "¥500k+ of prizes"))),
             quote=S_USE),
    ), outcome=L("长效管护", "lasting upkeep"))


def _campaign() -> Campaign:
    """农村面貌改善行动. The source gives no dates; start, end and the upkeep phase are assumed (see _assumptions)."""
    return Campaign(
        "rural-appearance", L("农村面貌改善行动", "rural appearance improvement"), start=CAMPAIGN_START, end=CAMPAIGN_END,
        phases=(
            Phase("build", L("集中建设", "construction"), CAMPAIGN_START, CAMPAIGN_END),
            Phase("upkeep", L("长效管护（常态化）", "lasting upkeep (routine)"), UPKEEP_START, None),
        ),
        actions=(_funding_action(), _contact_action(), _construction_action(), _upkeep_action()),
        milestones=(
            Milestone("all-started", L("户属设施改造全面开工", "all household works started"), REPORT_DATE,
                      Target(28330, "户", indicator="households-started", label=L("28330户已全面开工", "28,330 started"))),
            Milestone("households-finished", L("户属设施改造全部完工", "all household works finished"), CAMPAIGN_END,
                      Target(COMPLETION_TARGET, "%", indicator="household-completion-rate")),
            Milestone("courtyards-finished", L("20户以上院落全部完工", "all 20+ household courtyards finished"),
                      CAMPAIGN_END, Target(COMPLETION_TARGET, "%", indicator="courtyard-completion-rate")),
        ),
        reporting=(
            ReportingEvent("red-black-list", L("红黑榜公示", "red/black list published"), Schedule(COMPARISON_PERIOD)),
            ReportingEvent("inspection", L("工作督导、点对点交办问题", "inspection and point-to-point problem assignment"),
                           Schedule("month")),
        ),
    )


# ---------------------------------------------------------------------------------------------
# Scoring: 简易化“用” and 规范化“管”
# ---------------------------------------------------------------------------------------------
COMPARISONS = (("household", "户比户", "household vs household"), ("group", "组比组", "group vs group"),
               ("village", "村比村", "village vs village"))
_LEVEL_NAMES = {"household": L("农户", "households"), "group": L("村组", "groups")}


def _comparison(level: str, zh: str, en: str) -> tuple[Scorecard, Ranking]:
    card = Scorecard(f"{level}-comparison", L(f"{zh}评比", f"{en} comparison"), level, period="month",
                     items=(ScoreItem("hygiene-score", 1.0, "none"),))
    if level == "village":
        groups: tuple[PeerGroup, ...] = (
            PeerGroup("villages", L("村", "villages"), "village", tags_none=("community",)),
            PeerGroup("communities", L("社区", "communities"), "village", tags_any=("community",)),
        )
    else:
        groups = (PeerGroup(f"{level}s", _LEVEL_NAMES[level], level),)
    ranking = Ranking(f"{level}-ranking", L(f"{zh}排名", f"{en} ranking"), card.key, period=COMPARISON_PERIOD,
                      peer_groups=groups, published=L("红黑榜", "red/black list"))
    return card, ranking



def _scoring() -> Scoring:
    pairs = [_comparison(*c) for c in COMPARISONS]
    household_titles = TierScheme(
        "household-titles", L("先进户评选", "household titles"), "household-ranking", by="threshold", period="year",
        tiers=(
            Tier("cleanest", L("最美清洁户", "cleanest household"), min_score=CLEANEST_MIN_SCORE),
            Tier("star-civilised", L("星级文明户", "star civilised household"), min_score=STAR_MIN_SCORE),
        ),
    )
    lists = (
        ListRule("red", L("红榜", "red list"), "red", "village-ranking", n=RED_LIST_N, period="month",
                 consequence=L("公开表扬", "praised in public")),
        ListRule("black", L("黑榜", "black list"), "black", "village-ranking", n=BLACK_LIST_N, period="month",
                 consequence=L("公开曝光、限期整改", "named in public, to put right")),
    )
    points = PointsScheme(
        L("积分制、积分超市", "points ledger and points supermarket"),
        rules=(
            PointsRule("six-clean", L("庭院“六净六顺”达标", "courtyard meets 六净六顺"), 10, per=L("每月", "a month")),
            PointsRule("garbage-fee", L("按时缴纳垃圾处理费", "rubbish fee paid on time"), 2, per=L("每月", "a month")),
            PointsRule("named", L("获评“最美清洁户”等称号", "named cleanest household or similar"), 20,
                       per=L("每次", "each time")),
            PointsRule("black-listed", L("上黑榜", "on the black list"), -10, per=L("每次", "each time")),
        ),
        redeemable=True,
        note=L("乡风文明建设积分制管理；积分在“积分超市”兑换奖品，累计兑换50余万元。积分细则来源未公布，以上分值为假设。",
               "points for rural civility, redeemed for prizes in the points supermarket (¥500k+ so far); the source "
               "does not publish the rules, the values above are assumed"),
    )
    supervision = Supervision(
        L("“群众点题、部门答题、纪委监督、社会评价”多元监管", "multi-party supervision"),
        rectification_days=RECTIFICATION_DAYS,
        categories=(
            AccountabilityCategory("favouritism", L("优亲厚友", "favouring relatives and friends")),
            AccountabilityCategory("false-claims", L("虚报冒领", "false claims")),
            AccountabilityCategory("extortion", L("吃拿卡要", "taking, holding up and demanding")),
        ),
        lists=(L("点对点交办问题", "problems assigned point to point"),),
        methods=(L("群众点题", "the people name the problem"), L("部门答题", "departments answer it"),
                 L("纪委监督", "the discipline commission supervises"), L("社会评价", "the public judges"),
                 L("工作督导", "work inspection"), L("精准运用“四种形态”", "the four forms of discipline, applied precisely")),
    )
    return Scoring(
        scorecards=tuple(c for c, _ in pairs), rankings=tuple(r for _, r in pairs), tier_schemes=(household_titles,),
        lists=lists, points=points, supervision=supervision,
        uses=(L("评选“最美清洁户”“最佳进步户”“星级文明户”“好公婆好儿媳”", "selecting model households"),
              L("积分超市兑换奖品", "prizes from the points supermarket")),
    )


# ---------------------------------------------------------------------------------------------
# Features: named structures that are not roles or scoring
# ---------------------------------------------------------------------------------------------
def _item(key: str, zh: str, en: str, value: float | None = None, unit: str = "", quote: str = "",
          desc: Label | None = None) -> FeatureItem:
    return FeatureItem(key, L(zh, en), value=value, unit=unit, quote=quote, description=desc)


def _features() -> tuple[Feature, ...]:
    funding = Feature("four-batches", L("四个一批", "four batches (funding channels)"), items=(
        _item("loan", "银行“贷”一批", "bank loans", 282000, "万元", S_LOAN,
              L("8个项目获批贷款28.2亿元，其中“乡村振兴·美乡优城”示范带8.8亿元",
                "8 projects, ¥2.82 bn approved, ¥0.88 bn of it for the demonstration belt")),
        _item("fiscal", "财政“投”一批", "fiscal funds", 40000, "万元", S_FISCAL,
              L("专项资金4亿元；另划拨“六净六顺”“清杂去乱”资金917万元", "¥400 m special funds; ¥9.17 m for clean-up")),
        _item("aid", "社会“援”一批", "social aid", 1200, "万元", S_AID,
              L("中国五冶、山东高速、中建三局等8家在辖国企", "8 state enterprises (MCC5, Shandong Hi-Speed, CSCEC 3rd …)")),
        _item("people", "群众“筹”一批", "raised by the people", 20000, "万元", S_PEOPLE,
              L("投工投劳及自筹资金", "labour and self-raised money")),
    ), description=L("以银行贷款为主体，多元筹集建设资金", "bank loans first, funds from many sources"))
    loan_list = Feature("loan-list", L("贷款支持清单", "what loans may fund"), items=tuple(
        _item(k, zh, en, quote=S_LOAN_LIST) for k, zh, en in (
            ("infrastructure", "基础设施", "infrastructure"), ("household-works", "户属工程", "household works"),
            ("town-renewal", "场镇改造", "town-centre renewal"), ("sewage", "污水处理", "sewage treatment"),
            ("public-services", "公共服务", "public services"), ("industry", "产业培育", "industry development"))))
    contact = Feature("four-level-contact", L("四级包联", "four levels of contact"), items=(
        _item("city", "市级部门“包联挂联”", "city level", quote=S_CITY,
              desc=L("角色 city-leader, city-department-town, city-department", "roles city-leader, city-department-town, "
                     "city-department")),
        _item("district-leaders", "区级领导“联系指导”", "district leaders", quote=S_DISTRICT,
              desc=L("角色 district-leader-town, party-secretary, district-leader, guidance-head",
                     "roles district-leader-town, party-secretary, district-leader, guidance-head")),
        _item("district-departments", "区级部门“包村到户”", "district departments", quote=S_DEPARTMENTS,
              desc=L("角色 department, cadre", "roles department, cadre")),
        _item("party-members", "党员干部“常态帮联”", "party members", quote=S_PARTY,
              desc=L("角色 party-member", "role party-member")),
    ))
    construction = Feature("three-construction", L("三类建设", "three kinds of construction"), items=(
        _item("main", "区属国企“主建”", "district state enterprise builds", 4000, "人", S_MAIN_BUILD,
              L("东同集团作施工单位，4000余人、90余个班组全天候施工", "Dongtong Group: 4,000+ workers, 90+ teams")),
        _item("aid", "在辖国企“援建”", "state enterprises assist", 8, "家", S_AID_BUILD,
              L("资金和技术等方面的支持和援建", "money and technical support")),
        _item("self", "农村工匠“自建”", "self-build", quote=S_SELF_BUILD,
              desc=L("民营企业、村集体经济组织、农村工匠", "private firms, village collectives, rural craftsmen")),
    ))
    upkeep = Feature("three-upkeep", L("三化并举", "three ways of upkeep"), items=(
        _item("build", "系统化“建”", "systematised (建)", 17, "个", S_BUILD_RULES,
              L("制度17个、长效管护机制19个、“1+8+1+N”工作体系", "17 rules, 19 upkeep mechanisms, the 1+8+1+N system")),
        _item("manage", "规范化“管”", "standardised (管)", 263, "次", S_MANAGE,
              L("工作督导263次，点对点交办问题1331个，346个院落配齐院落长",
                "263 inspections, 1,331 problems, 346 courtyard heads")),
        _item("use", "简易化“用”", "simplified (用)", 10000, "户", S_USE,
              L("红黑榜、积分制、积分超市、户比户组比组村比村评比", "red/black lists, points, supermarket, comparisons")),
    ))
    work_system = Feature("work-system", L("“1+8+1+N”工作体系", "the 1+8+1+N work system"), items=(
        _item("system", "“1+8+1+N”工作体系", "1+8+1+N work system", quote=S_BUILD_RULES,
              desc=L("来源未说明各部分含义", "the source does not say what the parts stand for")),
    ))
    cleanup = Feature("cleanup", L("“六净六顺”“清杂去乱”", "六净六顺 and 清杂去乱 clean-up"), items=(
        _item("funds", "划拨资金", "funds allotted", 917, "万元", S_FISCAL),
        _item("equipment-funds", "购车资金", "equipment funds", 1000, "万元", S_EQUIPMENT),
        _item("compactors", "垃圾压缩车", "rubbish compactor trucks", 15, "台", S_EQUIPMENT),
        _item("tricycles", "三轮保洁车", "cleaning tricycles", 120, "台", S_EQUIPMENT),
        _item("garbage-fee", "垃圾收费制度", "rubbish collection fee", quote=S_EQUIPMENT),
    ), description=L("“六净六顺”的具体条目来源未列出", "the source does not list the six items of 六净六顺"))
    titles = Feature("household-titles", L("评选称号", "household titles"), items=tuple(
        _item(k, zh, en, quote=S_USE) for k, zh, en in (
            ("cleanest", "最美清洁户", "cleanest household"), ("most-improved", "最佳进步户", "most improved household"),
            ("star-civilised", "星级文明户", "star civilised household"),
            ("good-in-laws", "好公婆好儿媳", "good parents-in-law, good daughter-in-law"))),
        description=L("最美清洁户、星级文明户按评比得分入档（见 scoring）；最佳进步户、好公婆好儿媳不是按分数评出的",
                      "cleanest and star households are score tiers (see scoring); most improved and good in-laws are not"))
    return funding, loan_list, contact, construction, upkeep, work_system, cleanup, titles


def _principles() -> tuple[Label, ...]:
    return (
        L("学习借鉴浙江“千万工程”经验", "learn from Zhejiang's Ten Million Project"),
        L("政府主导、群众主体、各方参与", "government leads, the people are the subject, all parties take part"),
        L("充分尊重群众意愿", "respect the people's wishes"),
        L("包村到户、齐抓共管", "villages contracted down to households, everyone at work"),
        L("党建引领", "party building leads"),
        L("全面推行村民自治", "villagers govern themselves"),
    )


# ---------------------------------------------------------------------------------------------
# Reference case: every published figure with its sentence, and what follows from them
# ---------------------------------------------------------------------------------------------
MORE_THAN = frozenset({"contact_person_times", "main_build_workers", "main_build_teams", "households_named", "prizes"})
"""Figures the source gives as "more than" (余): the value is a floor."""

FIGURES: tuple[tuple[str, str, str, float, str, str], ...] = (
    # key, zh, en, value, unit, sentence
    ("loan_projects", "共同谋划生成项目", "loan projects", 8, "个", S_LOAN),
    ("loan_funds", "获批贷款资金（28.2亿元）", "loans approved (¥2.82 bn)", 282000, "万元", S_LOAN),
    ("demo_belt_loan", "示范带落实贷款资金（8.8亿元）", "loans for the demonstration belt (¥0.88 bn)", 88000, "万元",
     S_LOAN_LIST),
    ("fiscal_funds", "投入财政资金（4亿元）", "fiscal funds (¥400 m)", 40000, "万元", S_FISCAL),
    ("cleanup_funds", "“六净六顺”“清杂去乱”资金", "clean-up funds", 917, "万元", S_FISCAL),
    ("aid_enterprises", "投入援建资金的在辖国企", "state enterprises giving aid funds", 8, "家", S_AID),
    ("aid_funds", "国企援建资金", "state-enterprise aid funds", 1200, "万元", S_AID),
    ("people_funds", "群众投工投劳及自筹资金（2亿元）", "people's labour and self-raised funds (¥200 m)", 20000, "万元",
     S_PEOPLE),
    ("city_leaders", "联系指导目标镇的市领导", "city leaders guiding target towns", 4, "名", S_CITY),
    ("target_towns", "目标镇（街道）", "target towns", 4, "个", S_CITY),
    ("city_departments_town", "挂联目标镇的市级部门", "city departments attached to towns", 4, "个", S_CITY),
    ("city_departments", "包联村的市级部门", "city departments contracting villages", 35, "个", S_CITY),
    ("city_department_villages", "市级部门包联的村（社区）", "villages contracted by city departments", 59, "个", S_CITY),
    ("district_leaders_town", "包联目标镇的区级领导", "district leaders contracting towns", 8, "名", S_DISTRICT),
    ("district_leaders_village", "联系目标村的区级领导", "district leaders in contact with villages", 28, "名", S_DISTRICT),
    ("target_villages", "目标村（社区）", "target villages", 59, "个", S_DISTRICT),
    ("retired_cadres", "任指导组组长的退出领导岗位干部", "retired cadres heading guidance groups", 59, "名", S_RETIRED),
    ("district_departments", "包联村的区级部门", "district departments contracting villages", 92, "个", S_DEPARTMENTS),
    ("department_villages", "区级部门包联的村（社区）", "villages contracted by district departments", 67, "个",
     S_DEPARTMENTS),
    ("contact_cadres", "包联村组的部门、镇、村干部", "cadres contracting village groups", 498, "名", S_DEPARTMENTS),
    ("party_member_days", "党员干部每月到帮联村天数", "party-member days a month in the contact village", 2, "天", S_PARTY),
    ("contact_person_times", "累计帮联（2万余人次）", "contact person-times (20,000+)", 20000, "人次", S_PARTY),
    ("main_build_workers", "东同集团组织施工人员（4000余人）", "Dongtong Group workers (4,000+)", 4000, "人", S_MAIN_BUILD),
    ("main_build_teams", "施工班组（90余个）", "work teams (90+)", 90, "个", S_MAIN_BUILD),
    ("aid_build_enterprises", "支持和援建的辖区央(国)企", "enterprises assisting construction", 8, "家", S_AID_BUILD),
    ("households_started", "户属设施改造开工户数", "households whose works started", 28330, "户", S_PROGRESS),
    ("households_finished", "户属设施改造完工户数", "households whose works are finished", 28169, "户", S_PROGRESS),
    ("big_courtyards", "20户以上院落", "courtyards of 20+ households", 178, "个", S_PROGRESS),
    ("big_courtyards_finished", "已完工院落", "courtyards finished", 152, "个", S_PROGRESS),
    ("rules", "运行类、保障类、监督考核类制度", "rules issued", 17, "个", S_BUILD_RULES),
    ("upkeep_mechanisms", "长效管护机制", "upkeep mechanisms", 19, "个", S_BUILD_RULES),
    ("inspections", "开展工作督导", "work inspections", 263, "次", S_MANAGE),
    ("problems_assigned", "点对点交办问题", "problems assigned point to point", 1331, "个", S_MANAGE),
    ("equipment_funds", "筹措购车资金", "funds for cleaning vehicles", 1000, "万元", S_EQUIPMENT),
    ("compactor_trucks", "垃圾压缩车", "rubbish compactor trucks", 15, "台", S_EQUIPMENT),
    ("cleaning_tricycles", "三轮保洁车", "cleaning tricycles", 120, "台", S_EQUIPMENT),
    ("courtyards_headed", "配齐院落长的院落", "courtyards with a courtyard head", 346, "个", S_EQUIPMENT),
    ("households_named", "评选出的先进户（人）（10000余）", "households (people) named (10,000+)", 10000, "户（人）", S_USE),
    ("prizes", "兑换奖品（50余万元）", "prizes redeemed (¥500k+)", 50, "万元", S_USE),
)

DERIVED: tuple[tuple[str, str, str, str, str], ...] = (
    # key, zh, en, formula, unit — evaluated by mechanisms.formula from the figures above
    ("funds_total", "四个一批资金合计", "four batches in all", "loan_funds + fiscal_funds + aid_funds + people_funds", "万元"),
    ("loan_share", "银行贷款占比", "bank loans' share", "loan_funds / funds_total * 100", "%"),
    ("fiscal_share", "财政资金占比", "fiscal funds' share", "fiscal_funds / funds_total * 100", "%"),
    ("aid_share", "国企援建资金占比", "aid funds' share", "aid_funds / funds_total * 100", "%"),
    ("people_share", "群众自筹占比", "people's share", "people_funds / funds_total * 100", "%"),
    ("demo_belt_share_of_loans", "示范带贷款占贷款比例", "demonstration belt's share of loans",
     "demo_belt_loan / loan_funds * 100", "%"),
    ("cleanup_share_of_fiscal", "清洁资金相当于财政资金的比例", "clean-up funds relative to fiscal funds",
     "cleanup_funds / fiscal_funds * 100", "%"),
    ("loan_per_project", "每个项目平均贷款", "loans per project", "loan_funds / loan_projects", "万元"),
    ("aid_per_enterprise", "每家国企平均援建资金", "aid per enterprise", "aid_funds / aid_enterprises", "万元"),
    ("funds_per_household", "资金合计按改造户数平均", "funds in all per household worked on",
     "funds_total * 10000 / households_started", "元"),
    ("city_leaders_per_town", "每个目标镇市领导数", "city leaders per target town", "city_leaders / target_towns", "名"),
    ("city_departments_per_town", "每个目标镇挂联市级部门数", "attached city departments per town",
     "city_departments_town / target_towns", "个"),
    ("villages_per_city_department", "每个市级部门包联村数", "villages per city department",
     "city_department_villages / city_departments", "个"),
    ("district_leaders_per_town", "每个目标镇区级领导数", "district leaders per target town",
     "district_leaders_town / target_towns", "名"),
    ("villages_per_district_leader", "每名区级领导联系目标村数", "target villages per district leader",
     "target_villages / district_leaders_village", "个"),
    ("guidance_heads_per_village", "每个目标村指导组组长数", "guidance-group heads per target village",
     "retired_cadres / target_villages", "名"),
    ("departments_per_village", "每个包联村区级部门数", "district departments per contact village",
     "district_departments / department_villages", "个"),
    ("cadres_per_village", "每个包联村包联干部数", "contact cadres per contact village",
     "contact_cadres / department_villages", "名"),
    ("households_per_cadre", "每名包联干部对应改造户数", "households worked on per contact cadre",
     "households_started / contact_cadres", "户"),
    ("households_per_target_village", "每个目标村改造户数", "households worked on per target village",
     "households_started / target_villages", "户"),
    ("party_member_days_per_year", "每名党员每年到帮联村天数", "party-member days a year in the contact village",
     "party_member_days * 12", "天"),
    ("person_times_per_village", "每个包联村累计帮联人次", "contact person-times per contact village",
     "contact_person_times / department_villages", "人次"),
    ("household_completion", "户属设施改造完工率", "household works completion", "households_finished / households_started * 100",
     "%"),
    ("households_unfinished", "未完工户数", "households not yet finished", "households_started - households_finished", "户"),
    ("courtyard_completion", "20户以上院落完工率", "courtyard completion", "big_courtyards_finished / big_courtyards * 100", "%"),
    ("courtyards_unfinished", "未完工院落", "courtyards not yet finished", "big_courtyards - big_courtyards_finished", "个"),
    ("workers_per_team", "每个班组人数", "workers per team", "main_build_workers / main_build_teams", "人"),
    ("households_per_worker", "每名施工人员对应改造户数", "households worked on per worker",
     "households_started / main_build_workers", "户"),
    ("upkeep_instruments", "制度与长效管护机制合计", "rules and upkeep mechanisms", "rules + upkeep_mechanisms", "个"),
    ("problems_per_inspection", "每次督导交办问题数", "problems per inspection", "problems_assigned / inspections", "个"),
    ("cleaning_vehicles", "保洁车辆合计", "cleaning vehicles", "compactor_trucks + cleaning_tricycles", "台"),
    ("equipment_funds_per_vehicle", "每台车辆平均资金", "funds per vehicle", "equipment_funds / cleaning_vehicles", "万元"),
    ("prize_per_named", "每户（人）平均奖品", "prizes per named household", "prizes * 10000 / households_named", "元"),
)


def _reference(source: SourceRef) -> ReferenceCase:
    return ReferenceCase(
        source=source,
        figures=tuple(Figure(k, L(zh, en), float(v), unit, quote, "at-least" if k in MORE_THAN else "exact")
                      for k, zh, en, v, unit, quote in FIGURES),
        derived=tuple(Derived(k, L(zh, en), formula, unit) for k, zh, en, formula, unit in DERIVED),
    )


def _source() -> SourceRef:
    return SourceRef(
        file=SOURCE_FILE,
        title=L("内江市东兴区建立“4433”工作机制推进宜居宜业和美乡村建设",
                "Dongxing District, Neijiang, sets up the 4433 mechanism to build liveable, workable, harmonious villages"),
        publisher="四川省农业农村厅",
        date=REPORT_DATE,
        url="http://nynct.sc.gov.cn/nynct/c100632/2024/8/5/557e14606f8e4683bf849418c09b438b.shtml",
    )


# ---------------------------------------------------------------------------------------------
# Assumptions: where the source is silent; paths are computed from keys so reordering is safe
# ---------------------------------------------------------------------------------------------
def _index(items: Sequence[object], key: str) -> int:
    for i, item in enumerate(items):
        if getattr(item, "key", getattr(item, "role", None)) == key:
            return i
    raise KeyError(key)


def _assumptions(m: Mechanism) -> tuple[Assumption, ...]:
    assert m.campaign is not None and m.scoring is not None and m.policy is not None
    c, s = m.campaign, m.scoring
    role = {r.key: f"roles.{i}" for i, r in enumerate(m.roles)}
    rule = {r.role: f"policy.rules.{i}" for i, r in enumerate(m.policy.rules)}
    ind = {d.key: f"indicators.{i}" for i, d in enumerate(m.indicators)}
    rank = {r.key: f"scoring.rankings.{i}" for i, r in enumerate(s.rankings)}
    ms = {x.key: f"campaign.milestones.{i}" for i, x in enumerate(c.milestones)}
    rep = {x.key: f"campaign.reporting.{i}" for i, x in enumerate(c.reporting)}
    tiers = f"scoring.tier_schemes.{_index(s.tier_schemes, 'household-titles')}.tiers"
    titles = s.tier_schemes[_index(s.tier_schemes, "household-titles")].tiers
    points = s.points.rules if s.points else ()
    silent_dates = L("来源只报告进展（2024年8月），未给起止日期", "the source reports progress (August 2024) but gives no dates")
    even = L("按公布人数平均分配推得", "from the published counts, spread evenly")

    def a(key: str, zh: str, en: str, path: str, value: float | str | bool, reason: Label) -> Assumption:
        return Assumption(key, L(zh, en), path, value, reason)

    out = [
        a("campaign-start", "行动开始日期", "campaign start", "campaign.start", CAMPAIGN_START.isoformat(), silent_dates),
        a("campaign-end", "行动结束日期", "campaign end", "campaign.end", CAMPAIGN_END.isoformat(), silent_dates),
        a("upkeep-start", "长效管护阶段开始", "upkeep phase starts", f"campaign.phases.{_index(c.phases, 'upkeep')}.start",
          UPKEEP_START.isoformat(), L("来源把“三化并举”列为建设之后的长效管护，未给日期",
                                      "the source puts upkeep after construction, without a date")),
        a("households-finished-date", "户属设施全部完工日期", "all household works finished by",
          f"{ms['households-finished']}.date", CAMPAIGN_END.isoformat(),
          L("8月已完工99.4%，假设年底全部完工", "99.4% finished in August; we assume all by year end")),
        a("courtyards-finished-date", "院落全部完工日期", "all courtyards finished by", f"{ms['courtyards-finished']}.date",
          CAMPAIGN_END.isoformat(), L("8月已完工152/178，假设年底全部完工", "152 of 178 in August; we assume all by year end")),
        a("household-completion-target", "户属设施完工率目标", "household completion target",
          f"{ind['household-completion-rate']}.targets.0.value", COMPLETION_TARGET,
          L("28330户已全面开工，目标为全部完工", "all 28,330 started, so the goal is all finished")),
        a("courtyard-completion-target", "院落完工率目标", "courtyard completion target",
          f"{ind['courtyard-completion-rate']}.targets.0.value", COMPLETION_TARGET,
          L("178个院落均在建，目标为全部完工", "all 178 under way, so the goal is all finished")),
        a("city-department-capacity", "每个市级部门最多包联村数", "villages per city department, at most",
          f"{role['city-department']}.capacity", CITY_DEPARTMENT_CAPACITY, even),
        a("district-leader-capacity", "每名区级领导最多联系目标村数", "target villages per district leader, at most",
          f"{role['district-leader']}.capacity", DISTRICT_LEADER_CAPACITY, even),
        a("cadre-capacity", "每名包联干部最多包联村组数", "groups per contact cadre, at most", f"{role['cadre']}.capacity",
          CADRE_CAPACITY, L("来源未公布村组数；约670个组/498名干部≈1.3，取2", "the number of groups is not published; "
                            "~670 groups / 498 cadres ≈ 1.3, so 2")),
        a("city-department-villages", "配置时每个市级部门包联村数", "staffing: villages per city department",
          f"{rule['city-department']}.units_per_actor", CITY_DEPARTMENT_UNITS_PER_ACTOR,
          L("公布的比例59/35≈1.69：每个部门包1或2个村", "the published ratio 59 / 35 ≈ 1.69: one or two villages a department")),
        a("district-leader-villages", "配置时每名区级领导联系村数", "staffing: villages per district leader",
          f"{rule['district-leader']}.units_per_actor", DISTRICT_LEADER_UNITS_PER_ACTOR,
          L("公布的比例59/28≈2.11：每名领导联系2或3个村", "the published ratio 59 / 28 ≈ 2.11: two or three villages a leader")),
        a("departments-per-village", "配置时每村区级部门数", "staffing: district departments per village",
          f"{rule['department']}.per_unit", DEPARTMENTS_PER_VILLAGE,
          L("公布的比例92/67≈1.37：每村1或2个部门", "the published ratio 92 / 67 ≈ 1.37: one or two departments a village")),
        a("cadres-per-group", "配置时每组包联干部数", "staffing: contact cadres per group", f"{rule['cadre']}.per_unit",
          CADRES_PER_GROUP, L("来源未公布村组数", "the number of groups is not published")),
        a("party-members-per-village", "配置时每村机关党员数", "staffing: organ party members per village",
          f"{rule['party-member']}.per_unit", PARTY_MEMBERS_PER_VILLAGE,
          L("来源未公布党员人数，只有累计2万余人次", "the source gives 20,000+ person-times, not the number of members")),
    ]
    for key in ("household", "group", "village"):
        out.append(a(f"{key}-comparison-period", f"{dict((c[0], c[1]) for c in COMPARISONS)[key]}评比周期",
                     f"{key} comparison period", f"{rank[f'{key}-ranking']}.period", COMPARISON_PERIOD,
                     L("来源未说明评比周期，取每月", "the source gives no period; monthly")))
    out += [
        a("red-list-size", "红榜上榜村数", "villages on the red list", f"scoring.lists.{_index(s.lists, 'red')}.n", RED_LIST_N,
          L("来源未说明红黑榜规模", "the source does not size the lists")),
        a("black-list-size", "黑榜上榜村数", "villages on the black list", f"scoring.lists.{_index(s.lists, 'black')}.n",
          BLACK_LIST_N, L("来源未说明红黑榜规模", "the source does not size the lists")),
        a("cleanest-min-score", "最美清洁户分数线", "cleanest-household threshold",
          f"{tiers}.{_index(titles, 'cleanest')}.min_score", CLEANEST_MIN_SCORE,
          L("来源未公布评选标准", "the source does not publish the criteria")),
        a("star-min-score", "星级文明户分数线", "star-household threshold",
          f"{tiers}.{_index(titles, 'star-civilised')}.min_score", STAR_MIN_SCORE,
          L("来源未公布评选标准", "the source does not publish the criteria")),
        a("rectification-days", "交办问题整改期限（天）", "days to put an assigned problem right",
          "scoring.supervision.rectification_days", RECTIFICATION_DAYS,
          L("来源只说点对点交办，未给期限", "the source says problems are assigned, not by when")),
        a("red-black-list-cadence", "红黑榜公示周期", "red/black list cadence", f"{rep['red-black-list']}.schedule.every",
          COMPARISON_PERIOD, L("来源未说明公示周期", "the source gives no cadence")),
        a("inspection-cadence", "工作督导周期", "inspection cadence", f"{rep['inspection']}.schedule.every", "month",
          L("来源只给累计263次", "the source gives only the total, 263")),
    ]
    for i, p in enumerate(points):
        out.append(a(f"points-{p.key}", f"积分：{p.label.zh}", f"points: {p.label.en}", f"scoring.points.rules.{i}.points",
                     p.points, L("来源未公布积分细则", "the source does not publish the points rules")))
    return tuple(out)


def build() -> Mechanism:
    """The 4433 mechanism, with its reference case and the assumptions made where the source is silent."""
    source = _source()
    m = Mechanism(
        key=KEY,
        name=L("“4433”工作机制", "the 4433 working mechanism"),
        county=L("四川省内江市东兴区", "Dongxing District, Neijiang, Sichuan"),
        year=2024,
        summary=L("“四个一批”筹集建设资金、“四级包联”压实工作责任、“三类建设”加快项目推进、“三化并举”落实长效管护，"
                  "推进农村面貌改善行动和宜居宜业和美乡村建设。",
                  "Four batches of funding, four levels of contact responsibility, three kinds of construction and three "
                  "ways of upkeep, for rural appearance improvement and liveable, workable, harmonious villages."),
        source=source,
        levels=_levels(),
        roles=_roles(),
        coverage_rules=_coverage_rules(),
        policy=_policy(),
        campaign=_campaign(),
        indicators=_indicators(),
        scoring=_scoring(),
        features=_features(),
        principles=_principles(),
        reference=_reference(source),
    )
    m = attrs.evolve(m, preset=_preset(m))
    return attrs.evolve(m, assumptions=_assumptions(m) + _preset_assumptions())


def _preset(m: Mechanism) -> CountyShape:
    """The four target towns as the source counts them, for synthetic counties: 67 contracted villages of which 59
    are target villages, the 28,330 households whose works started, 178 courtyards of 20+ households, and the key
    town 椑木镇. Groups per village (498 contact cadres on 67 villages' groups, about 7 each) is an assumption."""
    assert m.reference is not None
    fig = {f.key: f.value for f in m.reference.figures}
    return CountyShape(
        L("东兴区4个目标镇（按公布数字合成）", "Dongxing's four target towns (synthetic, from the published figures)"),
        towns=int(fig["target_towns"]),
        villages=int(fig["department_villages"]),
        households=int(fig["households_started"]),
        groups_per_village=7,
        tags=(TagShare("town", "key-town", count=1), TagShare("village", "target-village", count=int(fig["target_villages"])),
              TagShare("group", "courtyard", count=int(fig["big_courtyards"]))),
    )


def _preset_assumptions() -> tuple[Assumption, ...]:
    return (Assumption("preset-groups-per-village", L("合成县每村村民小组数", "groups per village in the synthetic county"),
                       "preset.groups_per_village", 7,
                       L("498名干部包联67个村的村组，约每村7组", "498 cadres contact the groups of 67 villages: about 7 each")),)
