"""长岭县“五强化 五到位” — Changling County (Songyuan, Jilin), 2023 — as a :class:`~mechanisms.Mechanism`.

The source is one report of 中国乡村振兴网 (20 July 2023) on Changling's “千村示范” (thousand model
villages) creation. Under the slogan sit five strengthenings, each with an "in place" outcome:

1. 强化高位推动 → 组织保障到位: a leading group, the four-level 督/包/管/干 network over the model villages,
   a 15-cadre inspection team over five districts, party-building platforms;
2. 强化集中行动 → 环境整治到位: 村收集、乡转运、县处理, manure points, the 绿美亮 “三化”;
3. 强化项目带动 → 产业支持到位: roads, drainage, hedges, courtyard economy;
4. 强化宣传发动 → 群众参与到位: publicity, the “十户一组” grid, “干净人家” selection, moral bank and
   points supermarket, volunteer teams;
5. 强化机制联动 → 长效保障到位: money, demonstration, supervision and rectification against “九有六无”.

Everything the report states is here with the sentence it comes from; everything it leaves open (how
many model villages a county cadre supervises, thresholds, point values, dates) is an
:class:`~mechanisms.Assumption` a user can override. The report names the standards “九有六无” and
“五个全覆盖” but does not list their items, so they are kept as counts (9, 6, 5), not invented.
"""

from __future__ import annotations

import datetime as dt

from mechanisms import (
    DEFAULT_LEVELS,
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
from mechanisms.indicators import Aggregation
from mechanisms.labels import L
from mechanisms.mechanism import Approx
from mechanisms.shape import CountyShape, Label, TagShare

KEY = "changling-five-strengthen"
SOURCE_FILE = "003_cb5105d53e7e09e6.txt"
REPORT_DATE = dt.date(2023, 7, 20)
"""The report's publication date: the reference figures are the position as of this day."""

# ---------------------------------------------------------------------------------------------
# The source's sentences, verbatim (odd spaces included: they are in the published text).
# Roles, tasks and figures cite these, and the tests check each one occurs in the seed file.
# ---------------------------------------------------------------------------------------------

Q_INTRO = ("近年来,长岭县把深入推进 “千村示范”创建作为推动乡村振兴工作的重要抓手,按照 “ 三个一批”总体思路,"
           "坚持整村打造创建原 则,结合 “九有六无” 、 “五个全覆盖”创建标准,进一步集聚资源力量、补齐短板弱项。")
Q_LEADING_GROUP = "成立由县主要领导任组长的 “千村示范”创建工作领导小组,全面统筹推进示范村创建工作。"
Q_NETWORK = ("构建县级干部“督”、县直部门“包 、 属地乡镇 “管”、示范村屯 “干”的四级包保督战网络,"
             "形成了横向到边、纵向到底、上下贯通、合力推进的责任体系。")
Q_TEAM = ("在全县范围内抽调 15 名精锐干部,组成业务 督查指导专班,将全县 22 个乡镇的 73 个示范村分为五个片区, "
          "常态化督查指导创建成效。")
Q_ACCEPTED = "2021 、2022 两个年度创建的 50 个示 范村,高质量通过了省级考评组的验收。"
Q_PARTY = ("制定《长岭县抓党建促乡村振兴实施方案》,确定 69 个党支部领 办合作社示范村,通过党建引领搭建 “双创”平台,"
           "加强乡村振 兴人才队伍培育,把乡土人才培养成优秀党员、 乡村振兴骨干, 共培养 “ 田秀才”60 人、 “土专家”50 人,"
           "指导 50 余场 8000多人次,持续激发农村发展内生动力。")
Q_RUBBISH = "畅通垃圾收转运,通过 “村收集、 乡转运、县处理”方式,推动 农村生活垃圾收转运良性运转。"
Q_MANURE = "规范畜禽粪污处理,在各屯设置 临时堆放点 86 个,便于养殖户清运,做到畜禽粪污日产日清。"
Q_THREE_HUA = "扎实开展农村绿、美、亮 “ 三化”建 设,补短板、助创建。"
Q_ENV = ("50 个示范村植树 15.96 万棵、安装路灯 3328 盏、整治卫生乱象 985 处、清理垃圾 7.9 万吨、拆除残垣断壁 313处,"
         "村屯环境、村容村貌明显改善。")
Q_ROADS = ("立足村庄发展实际,推进 “ 乡村道路畅通”及 “ 四好农 村路”工程,示范村修缮破损道路 24 公里,合理补全屯内硬化道 路 301 公里,"
           "自然屯通硬化路率达到 100%,屯内主巷路通硬化路率达到 85%以上。")
Q_DRAINAGE = "新修建屯内排水沟 301 万延长米。"
Q_HEDGES = "对围墙欠缺、破损严重的村屯,采用种植 枸杞、文冠果等,形成绿篱。"
Q_COURTYARD = ("庭院经济补贴范围扩大到乡村振兴 示范带沿线所有农户,示范村庭院经济发展到 3100 户 3500 亩,"
               "带动户均增收 2500 元以上。")
Q_PUBLICITY = ("充分利 用农村大喇叭宣讲达 2 万多次,悬挂宣传条幅 36 面,在乡村微信 群推送信息 5000 多条等宣传方式,"
               "宣传范围做到 22 个乡镇全覆 盖。")
Q_GRID = ("建立健全 “十户一组” 网格化管理,常 态化开展 “干净人家”评选活动,结合 “道德银行” “爱心积分 超市”激励,"
          "将乡村治理各项事务转化为量化指标。")
Q_CLEAN = "2021 年以来, 共评选干净人家 1038 户,爱心超市兑换积分 300 多万分,物品价 值 300 多万元。"
Q_VOLUNTEERS = ("成立 “妇联室内志愿者服务 队” “ 民兵庭院治理服务队” “保洁员、 乡村服务岗村屯环卫服 务队”,"
                "紧盯 “ 三里三外”重点部位,常态化组织群众开展卫生环境清洁。")
Q_FUNDS = ("县财政每年投入 3000万元,用于开展村庄清洁,为每个示范村安排 扶贫收益资金 5万元,"
           "用于建设 “道德银行” “爱心积分超市” 65个,累计投入资金 2.31亿元,保障农业、交通、水利等基础 设施建设和产业发展。")
Q_CONTEST = ("选树光明乡蒙古 屯村和八十八乡二十号村参加松原市 “千村比武、示范创建”擂台赛评比,取得优异成绩;")
Q_CASE = "长岭县《 “ 一三四四”工作法破解农民参与大难题》被推荐为全省 “千村示范”创建乡村治理典型案 例。"
Q_INSPECT = ("对标对表 “九有六无”,细化量化 考核细则,对示范村乡镇村干部进行专题业务培训 5 次,强化督 导指导核查,"
             "累计出动督导指导核查组 36 组次,督导指导核查人员 90 人次,确保问题真整改、成效能稳固。")

QUOTES: tuple[str, ...] = (
    Q_INTRO, Q_LEADING_GROUP, Q_NETWORK, Q_TEAM, Q_ACCEPTED, Q_PARTY, Q_RUBBISH, Q_MANURE, Q_THREE_HUA, Q_ENV,
    Q_ROADS, Q_DRAINAGE, Q_HEDGES, Q_COURTYARD, Q_PUBLICITY, Q_GRID, Q_CLEAN, Q_VOLUNTEERS, Q_FUNDS, Q_CONTEST,
    Q_CASE, Q_INSPECT,
)
"""Every sentence the mechanism cites (tests check each against the seed file)."""

# ---------------------------------------------------------------------------------------------
# Levels and scopes
# ---------------------------------------------------------------------------------------------

MODEL_VILLAGES = Scope(tags_any=("model-village",), label=L("示范村（全县73个）", "model villages (73 in the county)"))
ALL_HOUSEHOLDS = Scope(label=L("全部农户（十户一组）", "every household (ten-household groups)"))


def _levels() -> tuple[Level, ...]:
    """The shared level keys; only the group level is relabelled, because Changling's unit below the
    administrative village is the 屯 (natural village) the report speaks of (“示范村屯”, “在各屯设置”)."""
    relabel = {
        "county": L("县", "county"),
        "town": L("乡镇", "town"),
        "village": L("行政村", "administrative village"),
        "group": L("屯（自然屯）", "tun (natural village)"),
        "household": L("农户", "household"),
    }
    return tuple(Level(lv.key, relabel.get(lv.key, lv.label)) for lv in DEFAULT_LEVELS)


# ---------------------------------------------------------------------------------------------
# Roles: the leading group, the four-level 督/包/管/干 network, the inspection team, 十户一组
# ---------------------------------------------------------------------------------------------

INSPECTION_ROLE_INDEX = 5
"""Position of the inspection team in ``roles`` (an assumption's path points into it)."""


def _network_role(key: str, verb: str, zh: str, en: str, kind: str, duty: Label) -> Role:
    """One rung of the 四级包保督战网络: every rung answers for the model village itself."""
    return Role(key=key, label=L(f"{zh}“{verb}”", en), level="village", actor_kinds=(kind,), scope=MODEL_VILLAGES,
                duties=(duty,), quote=Q_NETWORK)


def _roles() -> tuple[Role, ...]:
    leading_group = Role(
        key="leading-group-head", label=L("“千村示范”创建工作领导小组组长（县主要领导）",
                                          "head of the model-village creation leading group (county principal leader)"),
        level="county", actor_kinds=("leader",),
        duties=(L("全面统筹推进示范村创建工作", "steer model-village creation across the county"),),
        quote=Q_LEADING_GROUP)
    network = (
        _network_role("county-cadre", "督", "县级干部", "county-level cadre who supervises (督)", "leader",
                      L("督：督战包保示范村的创建", "supervise: drive and check the model village's creation")),
        _network_role("department", "包", "县直部门", "county department that contracts (包)", "department",
                      L("包：包保示范村，带项目、资金和力量",
                        "contract: take charge of the model village, bring projects and means")),
        _network_role("town-manager", "管", "属地乡镇", "home town that manages (管)", "cadre",
                      L("管：属地管理本乡镇的示范村", "manage: run the model villages in its own territory")),
        _network_role("village-cadre", "干", "示范村屯", "model village that does the work (干)", "village-cadre",
                      L("干：村“三委”带领群众实施创建", "do: the village committees carry out the creation with the villagers")),
    )
    inspection = Role(
        key="inspection-team", label=L("业务督查指导专班（15名精锐干部，五个片区）",
                                       "inspection and guidance team (15 picked cadres, five districts)"),
        level="village", actor_kinds=("inspector",), scope=MODEL_VILLAGES,
        duties=(L("常态化督查指导示范村创建成效", "routinely inspect and guide the model villages' results"),
                L("对标对表“九有六无”督导指导核查", "check villages against the nine haves and six have-nots")),
        visits=Frequency(1, "month", label=L("常态化督查指导（频次为假设）", "routine inspection (frequency assumed)")),
        quote=Q_TEAM)
    ten_households = Role(
        key="ten-household-leader", label=L("“十户一组”组长（十户长）", "ten-household group leader"),
        level="household", actor_kinds=("household", "party-member"), scope=ALL_HOUSEHOLDS, capacity_households=10,
        duties=(L("网格化管理本组十户", "grid management of the group's ten households"),
                L("组织本组参加“干净人家”评选和村屯卫生清洁",
                  "bring the group into the clean-household selection and village clean-ups")),
        quote=Q_GRID)
    roles = (leading_group, *network, inspection, ten_households)
    assert roles[INSPECTION_ROLE_INDEX].key == "inspection-team"
    return roles


def _coverage_rules() -> tuple[CoverageRule, ...]:
    """“横向到边、纵向到底”: all four rungs reach every model village; the five districts take in all
    73 model villages; the ten-household grid reaches every household; one leading group over the county."""
    rungs = (("network-supervised", "county-cadre", "每个示范村有县级干部督战",
              "every model village has a supervising county cadre"),
             ("network-contracted", "department", "每个示范村有县直部门包保", "every model village has a contracting department"),
             ("network-managed", "town-manager", "每个示范村由属地乡镇管理", "every model village is managed by its town"),
             ("network-worked", "village-cadre", "每个示范村由村屯干部实干",
              "every model village has its own cadres doing the work"))
    return (
        CoverageRule("leading-group", L("县级创建领导小组", "a county leading group"), "leading-group-head", "county",
                     quote=Q_LEADING_GROUP),
        *(CoverageRule(key, L(zh, en), role, "village", MODEL_VILLAGES, quote=Q_NETWORK) for key, role, zh, en in rungs),
        CoverageRule("districts-inspected", L("五个片区督查指导覆盖全部示范村",
                                              "the five districts' inspection reaches every model village"),
                     "inspection-team", "village", MODEL_VILLAGES, quote=Q_TEAM),
        CoverageRule("ten-household-grid", L("“十户一组”网格覆盖到户", "the ten-household grid reaches every household"),
                     "ten-household-leader", "household", ALL_HOUSEHOLDS, quote=Q_GRID),
    )


def _policy() -> AssignmentPolicy:
    """Staffing for any county: rules in the order of ``_roles`` (assumption paths index into them)."""
    return AssignmentPolicy(
        rules=(
            StaffingRule("leading-group-head", "leader", name=L("县主要领导", "County principal leader")),
            StaffingRule("county-cadre", "leader", units_per_actor=2, name=L("县级干部", "County cadre")),
            StaffingRule("department", "department", units_per_actor=1, name=L("县直部门", "County department")),
            StaffingRule("town-manager", "cadre", name=L("乡镇干部", "Township cadre")),
            StaffingRule("village-cadre", "village-cadre", name=L("村干部", "Village cadre")),
            StaffingRule("inspection-team", "inspector", per_unit=3, units_per_actor=15,
                         name=L("督查专班干部", "Inspection-team cadre")),
            StaffingRule("ten-household-leader", "household", households_per_actor=10, name=L("十户长", "Ten-household leader")),
        ),
        note=L("每个示范村：一名县级干部督（每人督2个村，假设）、一个县直部门包（假设一部门一村）、属地乡镇一名干部管、"
               "村干部干；督查专班每村3人、每人最多15个村（15人分5个片区，假设均分），长岭73个示范村正好15人；"
               "每10户一名十户长。",
               "Each model village: one county cadre supervising (two villages each, assumed), one department contracting "
               "(one village each, assumed), one township cadre of its town managing, its village cadres doing; the "
               "inspection team puts 3 cadres on each village, each on at most 15 villages (15 cadres in 5 districts, "
               "assumed even), which gives exactly 15 for Changling's 73; one ten-household leader per 10 households."),
    )


# ---------------------------------------------------------------------------------------------
# Indicators
# ---------------------------------------------------------------------------------------------


def _count(key: str, zh: str, en: str, unit: str, level: str = "village", *targets: IndicatorTarget,
           aggregation: Aggregation = "sum") -> IndicatorDef:
    """A counted (or averaged) indicator observed at ``level``."""
    return IndicatorDef(key, L(zh, en), unit=unit, aggregation=aggregation, level=level, targets=targets)


def _rate(key: str, zh: str, en: str, numerator: str, denominator: str, *targets: IndicatorTarget) -> IndicatorDef:
    """A percentage computed from two counted indicators, never stored."""
    return IndicatorDef(key, L(zh, en), unit="%", numerator=numerator, denominator=denominator, factor=100.0,
                        targets=targets)


def _indicators() -> tuple[IndicatorDef, ...]:
    standard = (
        _count("nine-haves-met", "达到“九有”的项数", "items of the nine haves met", "项", "village",
               IndicatorTarget(9, ">=", quote=Q_INSPECT), aggregation="mean"),
        _count("six-have-nots-met", "做到“六无”的项数", "items of the six have-nots met", "项", "village",
               IndicatorTarget(6, ">=", quote=Q_INSPECT), aggregation="mean"),
        _count("accepted-model-villages", "通过省级验收的示范村", "model villages accepted by the province", "个"),
    )
    roads = (
        _count("natural-villages", "自然屯数", "natural villages (tun)", "个"),
        _count("natural-villages-hard-road", "通硬化路的自然屯数", "natural villages on hardened roads", "个"),
        _rate("natural-village-hard-road-rate", "自然屯通硬化路率", "natural villages on hardened roads",
              "natural-villages-hard-road", "natural-villages", IndicatorTarget(100, ">=", quote=Q_ROADS)),
        _count("main-lane-km", "屯内主巷路长度", "main lanes inside natural villages", "公里"),
        _count("main-lane-hardened-km", "已硬化的屯内主巷路长度", "main lanes hardened", "公里"),
        _rate("main-lane-hard-road-rate", "屯内主巷路通硬化路率", "main lanes hardened",
              "main-lane-hardened-km", "main-lane-km", IndicatorTarget(85, ">=", quote=Q_ROADS)),
        _count("roads-repaired-km", "修缮破损道路", "damaged roads repaired", "公里"),
        _count("roads-hardened-km", "补全屯内硬化道路", "village roads hardened", "公里"),
        _count("drainage-m", "新修屯内排水沟", "new drainage ditches", "延长米"),
    )
    environment = (
        _count("trees-planted", "植树", "trees planted", "棵"),
        _count("lamps-installed", "安装路灯", "street lamps installed", "盏"),
        _count("mess-spots-fixed", "整治卫生乱象", "sanitation eyesores fixed", "处"),
        _count("rubbish-cleared-t", "清理垃圾", "rubbish cleared", "吨"),
        _count("ruins-removed", "拆除残垣断壁", "ruined walls removed", "处"),
        _count("manure-points", "畜禽粪污临时堆放点", "temporary manure points", "个"),
    )
    courtyard = (
        _count("courtyard-households", "发展庭院经济户数", "households in the courtyard economy", "户"),
        _count("courtyard-mu", "庭院经济面积", "courtyard-economy area", "亩"),
        _count("courtyard-income-increase", "庭院经济户均增收", "extra income per courtyard household", "元/户", "village",
               IndicatorTarget(2500, ">=", quote=Q_COURTYARD), aggregation="mean"),
    )
    participation = (
        _count("towns-publicised", "宣传覆盖的乡镇", "towns reached by publicity", "个", "town"),
        _count("towns-total", "乡镇数", "towns", "个", "town"),
        _rate("publicity-coverage", "宣传乡镇覆盖率", "towns reached by publicity", "towns-publicised", "towns-total",
              IndicatorTarget(100, ">=", quote=Q_PUBLICITY)),
        _count("clean-households", "评选的干净人家", "clean households named", "户"),
        _count("household-hygiene-score", "农户卫生评分", "household hygiene score", "分", "household", aggregation="mean"),
        _count("points-redeemed", "爱心超市兑换积分", "points redeemed at the supermarket", "分"),
        _count("goods-redeemed-yuan", "兑换物品价值", "value of goods redeemed", "元"),
    )
    upkeep = (
        _count("cleaning-funds-yuan", "县财政村庄清洁投入", "county money for village cleaning", "元", "county",
               IndicatorTarget(30_000_000, ">=", quote=Q_FUNDS)),
        _count("funds-invested-yuan", "累计投入资金", "money invested in all", "元", "county"),
        _count("training-sessions", "专题业务培训", "training sessions", "次", "county"),
        _count("inspection-groups", "出动督导指导核查组", "inspection groups sent", "组次", "county"),
        _count("inspection-person-times", "督导指导核查人员", "inspectors sent", "人次", "county"),
    )
    return (*standard, *roads, *environment, *courtyard, *participation, *upkeep)


# ---------------------------------------------------------------------------------------------
# Campaign: 千村示范 creation, one action per strengthening
# ---------------------------------------------------------------------------------------------


def _reported(value: float, unit: str, zh: str, en: str, indicator: str | None = None) -> Target:
    """A result the report gives as achieved by July 2023, kept as the task's target for replaying it."""
    return Target(value, unit, ">=", indicator, L(f"{zh}（截至2023年7月已报告完成）", f"{en} (reported done by July 2023)"))


def _standard(value: float, unit: str, zh: str, en: str, indicator: str | None = None) -> Target:
    """A level the report says must be (or has been) reached as a standard, not a one-off count."""
    return Target(value, unit, ">=", indicator, L(zh, en))


def _leadership() -> Action:
    return Action(
        key="leadership", label=L("强化高位推动", "strengthen high-level push"),
        outcome=L("组织保障到位", "organisation in place"),
        tasks=(
            Task("leading-group", L("成立“千村示范”创建工作领导小组", "set up the model-village creation leading group"),
                 owner_role="leading-group-head", quote=Q_LEADING_GROUP),
            Task("four-level-network", L("构建县级干部督、县直部门包、属地乡镇管、示范村屯干的四级包保督战网络",
                                         "build the four-level network: county cadres supervise, departments contract, "
                                         "towns manage, model villages do"),
                 owner_role="leading-group-head", cascade_level="village", quote=Q_NETWORK),
            Task("district-inspection", L("督查专班分五个片区常态化督查指导73个示范村",
                                          "the inspection team routinely inspects the 73 model villages in five districts"),
                 owner_role="inspection-team", cascade_level="village",
                 targets=(_standard(73, "个", "覆盖全部73个示范村", "all 73 model villages reached"),), quote=Q_TEAM),
            Task("provincial-acceptance", L("年度创建示范村通过省级考评组验收",
                                            "each year's model villages pass the provincial acceptance"),
                 owner_role="village-cadre", due=Schedule("year", label=L("每年度验收", "accepted yearly")),
                 targets=(_reported(50, "个", "2021、2022年度50个示范村通过验收", "50 model villages of 2021–22 accepted",
                                    "accepted-model-villages"),),
                 quote=Q_ACCEPTED),
            Task("party-building-platform", L("党支部领办合作社，培育乡土人才",
                                              "party branches run cooperatives; train local talent"),
                 owner_role="leading-group-head",
                 targets=(_reported(69, "个", "党支部领办合作社示范村", "model villages with party-branch cooperatives"),
                          _reported(60, "人", "培养“田秀才”", "'field scholars' trained"),
                          _reported(50, "人", "培养“土专家”", "'local experts' trained"),
                          _reported(50, "场", "指导场次（50余场）", "guidance sessions (50+)"),
                          _reported(8000, "人次", "指导人次（8000多）", "person-times guided (8,000+)")),
                 quote=Q_PARTY),
        ))


def _environment() -> Action:
    return Action(
        key="environment", label=L("强化集中行动", "strengthen concentrated action"),
        outcome=L("环境整治到位", "environment put in order"),
        tasks=(
            Task("rubbish-chain", L("村收集、乡转运、县处理", "villages collect, towns transfer, the county disposes"),
                 owner_role="village-cadre", quote=Q_RUBBISH),
            Task("manure-daily", L("各屯设临时堆放点，畜禽粪污日产日清",
                                   "manure points in every tun; manure cleared the day it is made"),
                 owner_role="village-cadre", due=Schedule("day", label=L("日产日清", "cleared daily")),
                 targets=(_reported(86, "个", "临时堆放点", "temporary manure points", "manure-points"),), quote=Q_MANURE),
            Task("green-beautify-light", L("农村绿、美、亮“三化”建设", "green, beautify and light up the villages"),
                 owner_role="village-cadre", cascade_level="village",
                 targets=(_reported(159_600, "棵", "植树（50个示范村）", "trees planted (50 model villages)", "trees-planted"),
                          _reported(3328, "盏", "安装路灯", "street lamps installed", "lamps-installed"),
                          _reported(985, "处", "整治卫生乱象", "eyesores fixed", "mess-spots-fixed"),
                          _reported(79_000, "吨", "清理垃圾", "rubbish cleared", "rubbish-cleared-t"),
                          _reported(313, "处", "拆除残垣断壁", "ruined walls removed", "ruins-removed")),
                 quote=Q_ENV),
        ))


def _industry() -> Action:
    return Action(
        key="industry", label=L("强化项目带动", "strengthen project drive"), outcome=L("产业支持到位", "industry supported"),
        tasks=(
            Task("roads", L("乡村道路畅通和“四好农村路”工程", "rural road and 'four good rural roads' works"),
                 owner_role="department", cascade_level="village",
                 targets=(_reported(24, "公里", "修缮破损道路", "damaged roads repaired", "roads-repaired-km"),
                          _reported(301, "公里", "补全屯内硬化道路", "village roads hardened", "roads-hardened-km"),
                          _standard(100, "%", "自然屯通硬化路率达到100%", "every natural village on a hardened road",
                                    "natural-village-hard-road-rate"),
                          _standard(85, "%", "屯内主巷路通硬化路率85%以上", "at least 85% of main lanes hardened",
                                    "main-lane-hard-road-rate")),
                 quote=Q_ROADS),
            Task("drainage", L("新修屯内排水沟", "build drainage ditches in the villages"), owner_role="department",
                 targets=(_reported(3_010_000, "延长米", "新修排水沟", "new drainage ditches", "drainage-m"),), quote=Q_DRAINAGE),
            Task("hedges", L("围墙欠缺、破损严重的村屯种植枸杞、文冠果形成绿篱",
                             "plant goji and yellowhorn hedges where walls are missing or broken"),
                 owner_role="village-cadre", quote=Q_HEDGES),
            Task("courtyard-economy", L("因地制宜发展庭院经济", "develop the courtyard economy"), owner_role="town-manager",
                 targets=(_reported(3100, "户", "庭院经济户数", "courtyard households", "courtyard-households"),
                          _reported(3500, "亩", "庭院经济面积", "courtyard area", "courtyard-mu"),
                          _standard(2500, "元/户", "户均增收2500元以上", "at least ¥2,500 more per household",
                                    "courtyard-income-increase")),
                 quote=Q_COURTYARD),
        ))


def _participation() -> Action:
    return Action(
        key="participation", label=L("强化宣传发动", "strengthen publicity and mobilisation"),
        outcome=L("群众参与到位", "the people take part"),
        tasks=(
            Task("publicity", L("大喇叭、条幅、微信群宣传，22个乡镇全覆盖",
                                "loudspeakers, banners and WeChat groups, all 22 towns reached"),
                 owner_role="town-manager",
                 targets=(_standard(100, "%", "宣传范围22个乡镇全覆盖", "all 22 towns reached", "publicity-coverage"),
                          _reported(20_000, "次", "大喇叭宣讲（2万多次）", "loudspeaker broadcasts (20,000+)"),
                          _reported(36, "面", "宣传条幅", "banners"),
                          _reported(5000, "条", "微信群推送信息（5000多条）", "WeChat messages (5,000+)")),
                 quote=Q_PUBLICITY),
            Task("ten-household-grid", L("建立健全“十户一组”网格化管理", "run the ten-household grid"),
                 owner_role="ten-household-leader", cascade_level="household", quote=Q_GRID),
            Task("clean-household-selection", L("常态化开展“干净人家”评选", "select clean households routinely"),
                 owner_role="village-cadre",
                 targets=(_reported(1038, "户", "2021年以来评选干净人家", "clean households named since 2021",
                                    "clean-households"),),
                 quote=Q_CLEAN),
            Task("points-supermarket", L("“道德银行”“爱心积分超市”激励", "moral bank and love points supermarket"),
                 owner_role="village-cadre",
                 targets=(_reported(3_000_000, "分", "兑换积分（300多万分）", "points redeemed (3 m+)", "points-redeemed"),
                          _reported(3_000_000, "元", "兑换物品价值（300多万元）", "goods redeemed (¥3 m+)",
                                    "goods-redeemed-yuan")),
                 quote=Q_CLEAN),
            Task("volunteer-service", L("三支服务队紧盯“三里三外”常态化清洁",
                                        "three service teams keep the 'three inside, three outside' spots clean"),
                 owner_role="village-cadre", quote=Q_VOLUNTEERS),
        ))


def _upkeep() -> Action:
    return Action(
        key="upkeep", label=L("强化机制联动", "strengthen linked mechanisms"),
        outcome=L("长效保障到位", "long-term upkeep in place"),
        tasks=(
            Task("funding", L("资金保障：县财政每年投入村庄清洁，每个示范村安排扶贫收益资金",
                              "money: county finance for village cleaning every year, "
                              "poverty-relief income for each model village"),
                 owner_role="leading-group-head", lead=L("县财政", "county finance"), due=Schedule("year"),
                 targets=(_standard(30_000_000, "元", "县财政每年投入3000万元", "¥30 m a year from county finance",
                                    "cleaning-funds-yuan"),
                          _standard(50_000, "元", "每个示范村扶贫收益资金5万元", "¥50k for each model village"),
                          _reported(65, "个", "建设道德银行、爱心积分超市", "moral banks / points supermarkets built"),
                          _reported(231_000_000, "元", "累计投入资金2.31亿元", "¥231 m invested in all", "funds-invested-yuan")),
                 quote=Q_FUNDS),
            Task("demonstration", L("选树示范村参加松原市擂台赛，推荐典型案例",
                                    "enter model villages in the Songyuan contest; put forward a typical case"),
                 owner_role="leading-group-head", quote=Q_CONTEST),
            Task("supervise-rectify", L("对标“九有六无”督导核查，确保问题真整改",
                                        "inspect against the nine haves and six have-nots until problems are truly fixed"),
                 owner_role="inspection-team",
                 targets=(_reported(5, "次", "专题业务培训", "training sessions", "training-sessions"),
                          _reported(36, "组次", "出动督导指导核查组", "inspection groups sent", "inspection-groups"),
                          _reported(90, "人次", "督导指导核查人员", "inspectors sent", "inspection-person-times")),
                 quote=Q_INSPECT),
        ))


def _campaign() -> Campaign:
    """The creation runs in yearly batches (“2021、2022两个年度创建”) and is routine since (“常态化”).

    The report gives years, not dates: the campaign start is an assumption (1 January 2021); the
    phases are the calendar years it names. The milestones of 20 July 2023 are the position the
    report publishes on that day.
    """
    on_report = (
        ("reported-hard-roads", "自然屯通硬化路率达到100%", "every natural village on a hardened road",
         Target(100, "%", ">=", "natural-village-hard-road-rate")),
        ("reported-main-lanes", "屯内主巷路通硬化路率85%以上", "at least 85% of main lanes hardened",
         Target(85, "%", ">=", "main-lane-hard-road-rate")),
        ("reported-courtyards", "示范村庭院经济发展到3100户", "3,100 courtyard-economy households",
         Target(3100, "户", ">=", "courtyard-households")),
        ("reported-clean-households", "评选干净人家1038户", "1,038 clean households named",
         Target(1038, "户", ">=", "clean-households")),
    )
    return Campaign(
        key="model-village-creation", label=L("“千村示范”创建", "thousand model villages creation"),
        start=dt.date(2021, 1, 1),
        phases=(
            Phase("batch-2021", L("2021年度示范村创建", "2021 model-village batch"), dt.date(2021, 1, 1), dt.date(2021, 12, 31)),
            Phase("batch-2022", L("2022年度示范村创建", "2022 model-village batch"), dt.date(2022, 1, 1), dt.date(2022, 12, 31)),
            Phase("quality-upgrade", L("提质增效、常态化长效保障", "raise quality, routine upkeep"), dt.date(2023, 1, 1)),
        ),
        actions=(_leadership(), _environment(), _industry(), _participation(), _upkeep()),
        milestones=(
            Milestone("accepted-2021-2022", L("2021、2022年度50个示范村通过省级验收",
                                              "50 model villages of 2021–22 pass the provincial acceptance"),
                      dt.date(2022, 12, 31), Target(50, "个", ">=", "accepted-model-villages")),
            *(Milestone(key, L(zh, en), REPORT_DATE, target) for key, zh, en, target in on_report),
        ),
        reporting=(
            ReportingEvent("routine-inspection", L("常态化督查指导（按片区）", "routine inspection by district"),
                           Schedule("month"), owner_role="inspection-team"),
            ReportingEvent("provincial-acceptance", L("省级考评组年度验收", "yearly provincial acceptance"), Schedule("year")),
        ),
    )


# ---------------------------------------------------------------------------------------------
# Scoring: 九有六无 against model villages, 干净人家 selection, the points supermarket, inspection
# ---------------------------------------------------------------------------------------------


def _scoring() -> Scoring:
    village_standard = Scorecard(
        "model-village-standard", L("示范村“九有六无”考核", "model-village check against the nine haves and six have-nots"),
        level="village", period="year",
        items=(ScoreItem("nine-haves-met", 0.6, "target", L("九有", "nine haves")),
               ScoreItem("six-have-nots-met", 0.4, "target", L("六无", "six have-nots"))))
    household = Scorecard(
        "clean-household", L("“干净人家”评分", "clean-household score"), level="household", period="month",
        items=(ScoreItem("household-hygiene-score", 1.0, "none", L("农户卫生评分", "household hygiene")),))
    model_villages = PeerGroup("model-villages", L("示范村", "model villages"), "village", tags_any=("model-village",))
    households = PeerGroup("households", L("农户", "households"), "household")
    return Scoring(
        scorecards=(village_standard, household),
        rankings=(
            Ranking("model-village-annual", L("示范村年度考评", "yearly model-village assessment"), "model-village-standard",
                    period="year", peer_groups=(model_villages,), published=L("省级考评组验收", "provincial acceptance")),
            Ranking("clean-household-selection", L("“干净人家”评选", "clean-household selection"), "clean-household",
                    period="month", peer_groups=(households,)),
        ),
        tier_schemes=(
            TierScheme("model-village-acceptance", L("示范村验收", "model-village acceptance"), "model-village-annual",
                       tiers=(Tier("accepted", L("达到“九有六无”，通过验收", "meets the standard, accepted"), min_score=100.0),),
                       period="year"),
            TierScheme("clean-household", L("“干净人家”", "clean household"), "clean-household-selection",
                       tiers=(Tier("clean-household", L("干净人家", "clean household"), min_score=90.0),), period="month"),
        ),
        points=PointsScheme(
            L("“道德银行”“爱心积分超市”", "moral bank and love points supermarket"),
            rules=(PointsRule("clean-household", L("评为“干净人家”", "named a clean household"), 10, L("每次评选",
                                                                                                       "per selection")),
                   PointsRule("volunteer-cleaning", L("参加村屯卫生清洁志愿服务", "take part in volunteer village clean-ups"), 2,
                              L("每次", "per time"))),
            yuan_per_point=1.0,
            note=L("将乡村治理各项事务转化为量化指标；县里为每个示范村安排5万元扶贫收益资金建设道德银行和积分超市。",
                   "Village governance turned into quantified points; each model village gets ¥50k of poverty-relief "
                   "income to set up its moral bank and points supermarket.")),
        supervision=Supervision(
            L("督查整改机制", "inspection and rectification"), rectification_days=30,
            methods=(L("对标对表“九有六无”，细化量化考核细则",
                       "check against the nine haves and six have-nots with detailed rules"),
                     L("业务督查指导专班分五个片区常态化督查指导", "routine inspection by the team in five districts"),
                     L("对示范村乡镇村干部专题业务培训", "training for the model villages' town and village cadres"),
                     L("出动督导指导核查组，确保问题真整改、成效能稳固",
                       "inspection groups until problems are truly fixed and results hold"))),
        uses=(L("选树优秀示范村参加松原市“千村比武、示范创建”擂台赛", "best model villages enter the Songyuan city contest"),
              L("省级考评组验收年度创建的示范村", "the province accepts each year's model villages")),
    )


# ---------------------------------------------------------------------------------------------
# Features: other named structures of the report
# ---------------------------------------------------------------------------------------------

NOT_LISTED = L("原文只给出名称，未列出具体条目", "the report names it but does not list its items")


def _item(key: str, zh: str, en: str, value: float | None = None, unit: str = "", quote: str = "",
          description: Label | None = None) -> FeatureItem:
    return FeatureItem(key, L(zh, en), value=value, unit=unit, description=description, quote=quote)


def _features() -> tuple[Feature, ...]:
    return (
        Feature("creation-standards", L("创建标准", "creation standards"), description=L(
            "示范村按“九有六无”“五个全覆盖”创建和考核；原文未列出各项内容，这里只记项数。",
            "Model villages are built and checked against 九有六无 and 五个全覆盖; the report does not list "
            "the items, so only their numbers are kept."), items=(
            _item("nine-haves", "九有", "nine haves", 9, "项", Q_INTRO, NOT_LISTED),
            _item("six-have-nots", "六无", "six have-nots", 6, "项", Q_INTRO, NOT_LISTED),
            _item("five-full-coverages", "五个全覆盖", "five full coverages", 5, "项", Q_INTRO, NOT_LISTED),
        )),
        Feature("four-level-network", L("四级包保督战网络", "four-level supervise-and-fight network"), items=(
            _item("supervise", "县级干部“督”", "county cadres supervise", quote=Q_NETWORK,
                  description=L("角色 county-cadre", "role county-cadre")),
            _item("contract", "县直部门“包”", "county departments contract", quote=Q_NETWORK,
                  description=L("角色 department", "role department")),
            _item("manage", "属地乡镇“管”", "home towns manage", quote=Q_NETWORK,
                  description=L("角色 town-manager", "role town-manager")),
            _item("do", "示范村屯“干”", "model villages do", quote=Q_NETWORK,
                  description=L("角色 village-cadre", "role village-cadre")),
        )),
        Feature("rubbish-chain", L("垃圾收转运", "rubbish collection chain"), items=(
            _item("village-collects", "村收集", "villages collect", quote=Q_RUBBISH),
            _item("town-transfers", "乡转运", "towns transfer", quote=Q_RUBBISH),
            _item("county-disposes", "县处理", "the county disposes", quote=Q_RUBBISH),
        )),
        Feature("three-hua", L("绿、美、亮“三化”", "green, beautiful, lit"), items=(
            _item("green", "绿化", "greening (159,600 trees)", 159_600, "棵", Q_ENV),
            _item("beautify", "美化", "beautifying (985 eyesores fixed, 313 ruins removed)", quote=Q_ENV),
            _item("light", "亮化", "lighting (3,328 street lamps)", 3328, "盏", Q_ENV),
        )),
        Feature("volunteer-teams", L("志愿服务队", "volunteer service teams"), description=L(
            "紧盯“三里三外”重点部位，常态化组织群众开展卫生环境清洁。",
            "They watch the 'three inside, three outside' key spots and organise routine clean-ups."), items=(
            _item("women", "妇联室内志愿者服务队", "Women's Federation indoor volunteers", quote=Q_VOLUNTEERS),
            _item("militia", "民兵庭院治理服务队", "militia courtyard team", quote=Q_VOLUNTEERS),
            _item("sanitation", "保洁员、乡村服务岗村屯环卫服务队", "cleaners' and village-service sanitation team",
                  quote=Q_VOLUNTEERS),
        )),
        Feature("funding", L("资金保障机制", "funding"), items=(
            _item("county-cleaning", "县财政村庄清洁资金（每年）", "county money for village cleaning (a year)", 30_000_000,
                  "元", Q_FUNDS),
            _item("per-model-village", "每个示范村扶贫收益资金", "poverty-relief income per model village", 50_000, "元", Q_FUNDS,
                  L("用于建设“道德银行”“爱心积分超市”65个", "for 65 moral banks / points supermarkets")),
            _item("cumulative", "累计投入资金", "invested in all", 231_000_000, "元", Q_FUNDS,
                  L("保障农业、交通、水利等基础设施建设和产业发展", "for farm, transport and water infrastructure and industry")),
        )),
        Feature("party-building", L("党建平台引领", "party-building platform"), description=L(
            "《长岭县抓党建促乡村振兴实施方案》；党建引领搭建“双创”平台。",
            "Changling's plan for party building to drive rural revitalisation; a 'double creation' platform."), items=(
            _item("coop-villages", "党支部领办合作社示范村", "model villages with party-branch cooperatives", 69, "个", Q_PARTY),
            _item("field-scholars", "“田秀才”", "'field scholars'", 60, "人", Q_PARTY),
            _item("local-experts", "“土专家”", "'local experts'", 50, "人", Q_PARTY),
        )),
        Feature("courtyard-economy", L("庭院经济", "courtyard economy"), description=L(
            "补贴范围扩大到乡村振兴示范带沿线所有农户。",
                "Subsidies extended to every household along the demonstration belt."), items=(
            _item("hedges", "种植枸杞、文冠果形成绿篱", "goji and yellowhorn hedges", quote=Q_HEDGES),
            _item("households", "庭院经济户数", "courtyard households", 3100, "户", Q_COURTYARD),
            _item("area", "庭院经济面积", "courtyard area", 3500, "亩", Q_COURTYARD),
            _item("income", "户均增收（以上）", "extra income per household (at least)", 2500, "元", Q_COURTYARD),
        )),
        Feature("demonstration", L("示范带动机制", "demonstration"), items=(
            _item("contest", "光明乡蒙古屯村、八十八乡二十号村参加松原市“千村比武、示范创建”擂台赛",
                  "two villages entered in Songyuan's model-village contest", 2, "个", Q_CONTEST),
            _item("typical-case", "“一三四四”工作法被推荐为全省乡村治理典型案例",
                  "the '1-3-4-4' method put forward as a provincial governance case", quote=Q_CASE),
        )),
    )


def _principles() -> tuple[Label, ...]:
    return (
        L("按照“三个一批”总体思路，坚持整村打造", "the 'three batches' approach; build whole villages, not pieces"),
        L("横向到边、纵向到底、上下贯通、合力推进",
          "all the way across, all the way down, top and bottom connected, pulling together"),
        L("因地制宜", "suit measures to local conditions"),
        L("将乡村治理各项事务转化为量化指标", "turn village-governance affairs into quantified indicators"),
        L("确保问题真整改、成效能稳固", "problems truly fixed, results that hold"),
    )


# ---------------------------------------------------------------------------------------------
# Reference case: every figure of the report, and what follows from them
# ---------------------------------------------------------------------------------------------


def _figures() -> tuple[Figure, ...]:
    def f(key: str, zh: str, en: str, value: float, unit: str, quote: str, approx: Approx = "exact") -> Figure:
        return Figure(key, L(zh, en), value, unit, quote, approx)

    return (
        # standards and structure
        f("standard_haves", "“九有”项数", "items of the nine haves", 9, "项", Q_INTRO),
        f("standard_have_nots", "“六无”项数", "items of the six have-nots", 6, "项", Q_INTRO),
        f("full_coverages", "“五个全覆盖”项数", "full coverages", 5, "项", Q_INTRO),
        f("network_levels", "包保督战网络层级", "levels of the supervise-and-fight network", 4, "级", Q_NETWORK),
        # 1 leadership → organisation
        f("inspection_cadres", "督查指导专班干部", "inspection-team cadres", 15, "名", Q_TEAM),
        f("towns", "乡镇", "towns", 22, "个", Q_TEAM),
        f("model_villages", "示范村", "model villages", 73, "个", Q_TEAM),
        f("districts", "督查片区", "inspection districts", 5, "个", Q_TEAM),
        f("accepted_villages", "2021、2022年度通过省级验收的示范村", "model villages of 2021–22 accepted by the province",
          50, "个", Q_ACCEPTED),
        f("coop_villages", "党支部领办合作社示范村", "model villages with party-branch cooperatives", 69, "个", Q_PARTY),
        f("field_scholars", "培养“田秀才”", "'field scholars' trained", 60, "人", Q_PARTY),
        f("local_experts", "培养“土专家”", "'local experts' trained", 50, "人", Q_PARTY),
        f("guidance_sessions", "指导场次（50余场）", "guidance sessions (50+)", 50, "场", Q_PARTY, "at-least"),
        f("guidance_person_times", "指导人次（8000多）", "person-times guided (8,000+)", 8000, "人次", Q_PARTY, "at-least"),
        # 2 concentrated action → environment
        f("manure_points", "畜禽粪污临时堆放点", "temporary manure points", 86, "个", Q_MANURE),
        f("env_villages", "绿美亮建设的示范村", "model villages in the green-beautify-light drive", 50, "个", Q_ENV),
        f("trees", "植树", "trees planted", 159_600, "棵", Q_ENV),
        f("lamps", "安装路灯", "street lamps installed", 3328, "盏", Q_ENV),
        f("mess_spots", "整治卫生乱象", "sanitation eyesores fixed", 985, "处", Q_ENV),
        f("rubbish_t", "清理垃圾", "rubbish cleared", 79_000, "吨", Q_ENV),
        f("ruins", "拆除残垣断壁", "ruined walls removed", 313, "处", Q_ENV),
        # 3 projects → industry
        f("roads_repaired_km", "修缮破损道路", "damaged roads repaired", 24, "公里", Q_ROADS),
        f("roads_hardened_km", "补全屯内硬化道路", "village roads hardened", 301, "公里", Q_ROADS),
        f("hard_road_natural_villages_pct", "自然屯通硬化路率", "natural villages on hardened roads", 100, "%", Q_ROADS),
        f("hard_road_main_lanes_pct", "屯内主巷路通硬化路率（以上）", "main lanes hardened (at least)", 85, "%", Q_ROADS,
          "at-least"),
        f("drainage_m", "新修屯内排水沟", "new drainage ditches", 3_010_000, "延长米", Q_DRAINAGE),
        f("courtyard_households", "庭院经济户数", "courtyard-economy households", 3100, "户", Q_COURTYARD),
        f("courtyard_mu", "庭院经济面积", "courtyard-economy area", 3500, "亩", Q_COURTYARD),
        f("courtyard_income_yuan", "户均增收（以上）", "extra income per household (at least)", 2500, "元/户", Q_COURTYARD,
          "at-least"),
        # 4 publicity → participation
        f("loudspeaker_times", "大喇叭宣讲（2万多次）", "loudspeaker broadcasts (20,000+)", 20_000, "次",
          Q_PUBLICITY, "at-least"),
        f("banners", "宣传条幅", "banners hung", 36, "面", Q_PUBLICITY),
        f("wechat_messages", "微信群推送信息（5000多条）", "WeChat messages (5,000+)", 5000, "条", Q_PUBLICITY, "at-least"),
        f("publicity_towns", "宣传覆盖乡镇", "towns reached by publicity", 22, "个", Q_PUBLICITY),
        f("households_per_group", "“十户一组”每组户数", "households per ten-household group", 10, "户", Q_GRID),
        f("clean_households", "2021年以来评选干净人家", "clean households named since 2021", 1038, "户", Q_CLEAN),
        f("points_redeemed", "爱心超市兑换积分（300多万分）", "points redeemed (3 m+)", 3_000_000, "分", Q_CLEAN, "at-least"),
        f("goods_value_yuan", "兑换物品价值（300多万元）", "value of goods redeemed (¥3 m+)", 3_000_000, "元",
          Q_CLEAN, "at-least"),
        # 5 mechanisms → long-term upkeep
        f("annual_cleaning_yuan", "县财政每年村庄清洁投入", "county money for village cleaning a year", 30_000_000, "元",
          Q_FUNDS),
        f("fund_per_village_yuan", "每个示范村扶贫收益资金", "poverty-relief income per model village", 50_000, "元", Q_FUNDS),
        f("supermarkets", "“道德银行”“爱心积分超市”", "moral banks / points supermarkets built", 65, "个", Q_FUNDS),
        f("total_invested_yuan", "累计投入资金", "money invested in all", 231_000_000, "元", Q_FUNDS),
        f("training_sessions", "专题业务培训", "training sessions", 5, "次", Q_INSPECT),
        f("inspection_groups", "出动督导指导核查组", "inspection groups sent", 36, "组次", Q_INSPECT),
        f("inspection_person_times", "督导指导核查人员", "inspectors sent", 90, "人次", Q_INSPECT),
    )


def _derived() -> tuple[Derived, ...]:
    def d(key: str, zh: str, en: str, formula: str, unit: str = "") -> Derived:
        return Derived(key, L(zh, en), formula, unit)

    return (
        d("standard_items", "“九有六无”总项数", "items of the standard in all", "standard_haves + standard_have_nots", "项"),
        d("villages_per_town", "每个乡镇示范村数", "model villages per town", "model_villages / towns", "个/乡镇"),
        d("villages_per_district", "每个片区示范村数", "model villages per district", "model_villages / districts", "个/片区"),
        d("cadres_per_district", "每个片区督查干部数", "inspection cadres per district", "inspection_cadres / districts",
          "名/片区"),
        d("villages_per_inspector", "每名督查干部对应示范村数", "model villages per inspection cadre",
          "model_villages / inspection_cadres", "个/名"),
        d("accepted_share_pct", "通过省级验收的示范村占比", "share of the model villages already accepted",
          "accepted_villages / model_villages * 100", "%"),
        d("villages_not_yet_accepted", "尚未列入2021、2022年度验收的示范村",
          "model villages outside the 2021–22 accepted batches",
          "model_villages - accepted_villages", "个"),
        d("coop_villages_share_pct", "党支部领办合作社示范村占示范村比例",
          "party-branch cooperative villages among model villages",
          "coop_villages / model_villages * 100", "%"),
        d("local_talent", "培养乡土人才合计", "local talent trained in all", "field_scholars + local_experts", "人"),
        d("person_times_per_session", "每场指导人次", "person-times per guidance session",
          "guidance_person_times / guidance_sessions", "人次/场"),
        d("trees_per_village", "每个示范村植树", "trees per model village", "trees / env_villages", "棵/村"),
        d("lamps_per_village", "每个示范村路灯", "street lamps per model village", "lamps / env_villages", "盏/村"),
        d("mess_spots_per_village", "每个示范村整治卫生乱象", "eyesores fixed per model village", "mess_spots / env_villages",
          "处/村"),
        d("rubbish_t_per_village", "每个示范村清理垃圾", "rubbish cleared per model village", "rubbish_t / env_villages",
          "吨/村"),
        d("ruins_per_village", "每个示范村拆除残垣断壁", "ruins removed per model village", "ruins / env_villages", "处/村"),
        d("mu_per_courtyard_household", "庭院经济户均面积", "courtyard area per household", "courtyard_mu / courtyard_households",
          "亩/户"),
        d("courtyard_income_total_min_yuan", "庭院经济带动增收合计（下限）", "extra courtyard income in all (lower bound)",
          "courtyard_households * courtyard_income_yuan", "元"),
        d("publicity_coverage_pct", "宣传乡镇覆盖率", "towns reached by publicity", "publicity_towns / towns * 100", "%"),
        d("clean_households_per_village", "每个示范村干净人家", "clean households per model village",
          "clean_households / model_villages", "户/村"),
        d("points_per_yuan", "每元物品对应积分", "points per yuan of goods", "points_redeemed / goods_value_yuan", "分/元"),
        d("yuan_per_point", "每分积分兑换物品价值", "yuan of goods per point", "goods_value_yuan / points_redeemed", "元/分"),
        d("supermarket_funds_yuan", "积分超市扶贫收益资金合计（65×5万元）", "supermarket money in all (65 × ¥50k)",
          "supermarkets * fund_per_village_yuan", "元"),
        d("supermarket_funds_share_pct", "积分超市资金占累计投入比例", "supermarket money as a share of all invested",
          "supermarket_funds_yuan / total_invested_yuan * 100", "%"),
        d("goods_vs_supermarket_funds_pct", "兑换物品价值相当于积分超市资金的比例",
          "goods redeemed against the supermarket money",
          "goods_value_yuan / supermarket_funds_yuan * 100", "%"),
        d("supermarkets_per_model_village", "积分超市数与示范村数之比", "points supermarkets per model village",
          "supermarkets / model_villages", "个/村"),
        d("annual_cleaning_share_pct", "一年村庄清洁资金占累计投入比例", "one year's cleaning money as a share of all invested",
          "annual_cleaning_yuan / total_invested_yuan * 100", "%"),
        d("persons_per_inspection_group", "每组次督查人数", "inspectors per inspection group",
          "inspection_person_times / inspection_groups", "人/组"),
        d("inspection_groups_per_village", "每个示范村督查组次", "inspection groups per model village",
          "inspection_groups / model_villages", "组次/村"),
    )


def _reference() -> ReferenceCase:
    return ReferenceCase(source=_source(), figures=_figures(), derived=_derived())


def _source() -> SourceRef:
    return SourceRef(
        file=SOURCE_FILE,
        title=L("长岭县聚焦“五强化”确保“五到位” 推进“千村示范”创建提质增效",
                "Changling focuses on five strengthenings to put five things in place, "
                "raising the quality of model-village creation"),
        publisher="中国乡村振兴网", date=REPORT_DATE)


# ---------------------------------------------------------------------------------------------
# Assumptions: where the report is silent
# ---------------------------------------------------------------------------------------------


def _assumptions() -> tuple[Assumption, ...]:
    def a(key: str, zh: str, en: str, path: str, value: float | str, why_zh: str, why_en: str) -> Assumption:
        return Assumption(key, L(zh, en), path, value, L(why_zh, why_en))

    insp = INSPECTION_ROLE_INDEX
    return (
        a("county-cadre-villages", "每名县级干部督战的示范村数", "model villages per supervising county cadre",
          "policy.rules.1.units_per_actor", 2,
          "原文未给县级干部人数；按县级领导约为示范村数一半估计",
              "the report gives no number of county cadres; about half as many as model villages"),
        a("department-villages", "每个县直部门包保的示范村数", "model villages per contracting department",
          "policy.rules.2.units_per_actor", 1,
          "原文未给部门数；按一个部门包一个示范村",
              "the report gives no number of departments; one department per model village"),
        a("inspectors-per-village", "每个示范村的督查专班干部数", "inspection cadres per model village",
          "policy.rules.5.per_unit", 3,
          "15名干部分五个片区，假设均分，每片区3人", "15 cadres over five districts, assumed even: 3 a district"),
        a("villages-per-inspector", "每名督查干部最多负责的示范村数", "most model villages per inspection cadre",
          "policy.rules.5.units_per_actor", 15,
          "73个示范村分五个片区，每片区最多15个（73÷5向上取整）",
              "73 villages in five districts: at most 15 a district (73 / 5 rounded up)"),
        a("inspection-visits", "督查专班每月督查指导次数", "inspections a month per model village",
          f"roles.{insp}.visits.times", 1,
          "原文只说“常态化”；取每月一次", "the report says only 'routinely'; once a month"),
        a("campaign-start", "创建开始日期", "creation start date", "campaign.start", "2021-01-01",
          "原文只说2021年度起创建", "the report says only that creation began with the 2021 batch"),
        a("acceptance-date", "2021、2022年度示范村验收完成日期", "date the 2021–22 batches were accepted",
          "campaign.milestones.0.date", "2022-12-31",
          "原文未给验收日期；取2022年末", "the report gives no date; end of 2022"),
        a("inspection-cadence", "常态化督查指导周期", "routine inspection cadence", "campaign.reporting.0.schedule.every",
          "month",
          "原文只说“常态化”；取每月", "the report says only 'routinely'; monthly"),
        a("nine-haves-weight", "考核中“九有”的权重", "weight of the nine haves in the check",
          "scoring.scorecards.0.items.0.weight", 0.6,
          "原文未给细则；十五项等权，九有占9/15", "no weights given; all 15 items equal, so the nine haves weigh 9/15"),
        a("six-have-nots-weight", "考核中“六无”的权重", "weight of the six have-nots in the check",
          "scoring.scorecards.0.items.1.weight", 0.4,
          "原文未给细则；十五项等权，六无占6/15", "no weights given; all 15 items equal, so the six have-nots weigh 6/15"),
        a("acceptance-threshold", "示范村通过验收的分数线", "score a model village needs to be accepted",
          "scoring.tier_schemes.0.tiers.0.min_score", 100.0,
          "“对标对表九有六无”：十五项全部达到", "checked item by item against the standard: all 15 items met"),
        a("clean-household-period", "“干净人家”评选周期", "clean-household selection period", "scoring.rankings.1.period",
          "month",
          "原文只说“常态化开展”；取每月", "the report says only 'routinely'; monthly"),
        a("clean-household-threshold", "“干净人家”分数线", "clean-household score threshold",
          "scoring.tier_schemes.1.tiers.0.min_score", 90.0,
          "原文未给评分标准；取90分（满分100）", "no scoring rules given; 90 of 100"),
        a("clean-household-points", "评为“干净人家”所得积分", "points for being named a clean household",
          "scoring.points.rules.0.points", 10,
          "原文未给积分标准", "the report gives no point values"),
        a("volunteer-points", "参加卫生清洁志愿服务所得积分", "points per volunteer clean-up",
          "scoring.points.rules.1.points", 2,
          "原文未给积分标准", "the report gives no point values"),
        a("yuan-per-point", "每分积分可兑换的物品价值（元）", "yuan of goods per point", "scoring.points.yuan_per_point", 1.0,
          "“兑换积分300多万分，物品价值300多万元”，约1分1元（两数均为约数）",
          "3 m+ points bought ¥3 m+ of goods: about ¥1 a point (both are round figures)"),
        a("rectification-days", "问题整改期限（天）", "days to rectify a problem", "scoring.supervision.rectification_days", 30,
          "原文只说“确保问题真整改”，未给期限", "the report asks for real rectification but gives no deadline"),
    )


# ---------------------------------------------------------------------------------------------


def _preset() -> CountyShape:
    """The 73 model villages in 22 towns, for synthetic counties. The source gives no household count for them;
    300 households a village is an assumption (overridable), as is five groups a village."""
    fig = {f.key: f.value for f in _figures()}
    villages = int(fig["model_villages"])
    return CountyShape(
        L("长岭县73个示范村（按公布数字合成）", "Changling's 73 model villages (synthetic, from the published figures)"),
        towns=int(fig["towns"]),
        villages=villages,
        households=300 * villages,
        groups_per_village=5,
        tags=(TagShare("village", "model-village", count=villages),),
    )


def _preset_assumptions() -> tuple[Assumption, ...]:
    return (
        Assumption("preset-households", L("合成县农户数", "households in the synthetic county"), "preset.households",
                   21900, L("原文未给示范村户数；按每村300户估计", "the report gives no household count; 300 a village")),
        Assumption("preset-groups-per-village", L("合成县每村村民小组数", "groups per village in the synthetic county"),
                   "preset.groups_per_village", 5, L("原文未给村民小组数", "the report gives no number of groups")),
    )


def build() -> Mechanism:
    """The mechanism as the plugin registers it."""
    return Mechanism(
        key=KEY,
        name=L("五强化 五到位", "Five strengthenings, five things in place"),
        county=L("吉林省松原市长岭县", "Changling County, Songyuan, Jilin"),
        year=2023,
        summary=L("推进“千村示范”创建：强化高位推动、集中行动、项目带动、宣传发动、机制联动，确保组织保障、环境整治、"
                  "产业支持、群众参与、长效保障到位；县级干部督、县直部门包、属地乡镇管、示范村屯干，"
                  "15名干部分五个片区督查73个示范村，“十户一组”网格到户，“干净人家”评选和爱心积分超市激励。",
                  "Model-village ('thousand villages') creation: five strengthenings — high-level push, concentrated "
                  "action, projects, publicity, linked mechanisms — put organisation, environment, industry, participation "
                  "and upkeep in place. County cadres supervise, departments contract, towns manage and model villages do; "
                  "15 cadres inspect the 73 model villages in five districts; a ten-household grid reaches every household; "
                  "clean-household selection and a points supermarket reward the villagers."),
        source=_source(),
        levels=_levels(),
        roles=_roles(),
        coverage_rules=_coverage_rules(),
        policy=_policy(),
        campaign=_campaign(),
        indicators=_indicators(),
        scoring=_scoring(),
        features=_features(),
        principles=_principles(),
        reference=_reference(),
        preset=_preset(),
        assumptions=_assumptions() + _preset_assumptions(),
    )
