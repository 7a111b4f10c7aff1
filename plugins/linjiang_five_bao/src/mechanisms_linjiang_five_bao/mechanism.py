"""临江市“五包五责” (Linjiang, Jilin, 2019): five layers of contract responsibility for the rural living environment.

Everything here is read from one article, ``shared/seeds/002_71cc4289fd7f81f7.txt`` (published 2019-07-15).
The article states the five 包 (who contracts for what), the numbers of actors in each, the cadence of
assessment (monthly, ranked quarterly by category, shown on public screens) and the reward amounts. It does
not give tier thresholds, list sizes, points rules or campaign dates; those are chosen here and listed in
``ASSUMPTIONS`` so that ``mechanisms show`` prints them and ``--set`` can change them.

The module is grouped by section of the mechanism (roles, coverage, policy, campaign, indicators, scoring,
features, reference case, assumptions); each section is a small function so the whole reads top to bottom.
Source sentences are quoted verbatim (the article uses ASCII commas and parentheses), and the plugin's tests
check every quote against the seed file.
"""

from __future__ import annotations

import datetime as dt

from mechanisms import (
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
    Label,
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
from mechanisms.shape import CountyShape, TagShare

KEY = "linjiang-five-bao"
SOURCE_FILE = "002_71cc4289fd7f81f7.txt"
PUBLISHED = dt.date(2019, 7, 15)

# ---------------------------------------------------------------------------------------------------------------
# Source sentences used more than once (verbatim; the article writes ASCII "," and "(…)").
# ---------------------------------------------------------------------------------------------------------------

Q_COUNTY = "下辖13个乡镇(街),共有70个行政村、22个社区,总人口21.6万,其中农村人口11.3万。"
Q_LEADERS = "26名县级干部分包13个乡镇(街),在带头环境整治、扶持集体经济、解决突出问题等4方面明确了9项工作标准。"
Q_LEADER_VISITS = (
    "县级领导每月深入包保乡镇至少1次,帮助乡镇理清建设思路,协调资金、项目,"
    "解决好单靠一家一户、一村一镇难以解决的问题。"
)
Q_TOWNSHIP_STANDARDS = "针对乡镇和村屯垃圾分类处理、环卫设施管理等6方面制定25项考核标准。"
Q_TOWNSHIP = "86名乡镇领导与所辖村结成包保对子,统筹包保环境整治、脱贫攻坚、扫黑除恶等重点工作,共同研究解决问题,完成目标任务。"
Q_PARTNERS = "62个中省直、市直部门,20户重点企业与各村结成“联建”对子,通过义务劳动、项目扶持和资金、物资投入等形式进行帮扶。"
Q_PARTNER_RESULTS = (
    "2018年以来,各包保单位(部门)、企业共投入资金3.02亿元,出动人力18200人次,"
    "帮助全市农村实施基础设施建设项目176个,清理各类垃圾19600余吨。"
)
Q_HOUSEHOLDS = "全市2099名农村党员包保31490个农户,剩余卫生最差的6288个农户由455名村“三委”干部包保。"
Q_DAILY = "村党员和农户在示范“管好自家院”的同时,每天上门督促检查,确保包保对象庭院整洁有序、垃圾日产日清。"
Q_THREE_GUARANTEES = (
    "通过每月晾晒“红黑榜”“三好一庭院”挂牌摘牌、“积分超市”实物奖励等办法,"
    "农村所有住户全面落实了包垃圾分类、包绿化美化、包卫生秩序的“三包”责任。"
)
Q_LEADING_GROUP = "成立书记、市长任双组长的乡村振兴工作领导小组,小组下设办公室,主任由一名市委常委任办公室主任牵头抓总"
Q_ASSESSMENT = (
    "由以前的一年一考核,变为现在的一月一考核,通过干群评议、明察暗访等形式,按季度分类排名,"
    "排名情况在全市所有电子大屏幕播放公示"
)
Q_VILLAGE_REWARDS = (
    "对于获得农村人居环境整治工作标兵村、先进村、达标村的行政村,"
    "年度分别给予20万元、10万元、5万元资金奖补,累计奖励44个行政村"
)
Q_TOWN_REWARDS = "乡镇按照一类奖励40万元、二类奖励20万元,街道按照一类奖励20万元、二类奖励10万元,共奖励乡镇、街道8个。"
Q_CEREMONY = "2018年底的表彰大会上,仅重奖先进镇、街道、村就兑现了近575万元"
Q_FUNDS = "两年来,共落实农村道路硬化、街道亮化、厕所净化、庭院美化、村庄绿化和乡村文化“六化”建设资金1.9亿元。"
Q_SANITATION = "投入3661万元,通过政府购买服务的方式实现城乡环卫一体化作业。"
Q_STAGES = "截至目前,干净、整洁、美丽、富饶“四步走”战略的“干净”目标全面实现,正向着“整洁”目标迈出坚实步伐。"
Q_PRINCIPLE = "我市坚持“市级主导、部门主事、乡镇主责、干部主力、农民主体”原则"
Q_STUDY = "组织县、乡、村三级和涉农部门200余名干部到浙江省长兴县、浦江县和集安市、通化县"
Q_PUBLICITY = "累计开展各类宣传活动18次,召开会议6次,印发宣传单5000份,制作各类标语横幅224条。"
Q_PENALTY = "将农村环境综合整治成效纳入各级干部绩效考核的重要内容,作为村级干部工资补贴的重要依据。"

# Scopes shared by roles, rules and peer groups (tags from the shared vocabulary).
VILLAGES_ONLY = Scope(tags_none=("community",), label=L("行政村（不含社区）", "administrative villages (not communities)"))
NOT_WORST = Scope(tags_none=("worst-hygiene",), label=L("卫生最差户以外的农户", "households other than the worst-hygiene ones"))
WORST = Scope(tags_any=("worst-hygiene",), label=L("卫生最差的农户", "worst-hygiene households"))
ALL_TOWNS = Scope(label=L("全部乡镇（街道）", "every town and street"))


# ---------------------------------------------------------------------------------------------------------------
# Levels and roles
# ---------------------------------------------------------------------------------------------------------------


def levels() -> tuple[Level, ...]:
    """The shared level keys, relabelled as Linjiang names them (a county-level city; 村屯 below villages)."""
    return (
        Level("county", L("市（县级）", "city (county level)")),
        Level("town", L("乡镇（街）", "town or street")),
        Level("village", L("村（社区）", "village or community")),
        Level("group", L("屯", "hamlet (tun)")),
        Level("household", L("农户", "household")),
    )


def leadership_roles() -> tuple[Role, ...]:
    """The county's own steering body: the leading group with two heads, and its office director."""
    return (
        Role(
            key="leading-group",
            label=L("乡村振兴工作领导小组双组长", "joint heads of the rural revitalisation leading group"),
            level="county",
            actor_kinds=("leader",),
            min_per_unit=2,
            capacity=1,
            duties=(L("书记、市长任双组长，统领农村人居环境整治", "party secretary and mayor jointly head the work"),
                    L("将农村人居环境整治纳入市委日常核心工作", "keep the work in the party committee's core daily agenda")),
            quote=Q_LEADING_GROUP,
        ),
        Role(
            key="office-director",
            label=L("领导小组办公室主任（市委常委）", "director of the leading group's office (standing-committee member)"),
            level="county",
            actor_kinds=("leader",),
            min_per_unit=1,
            capacity=1,
            duties=(L("牵头抓总", "lead and coordinate the whole"),),
            quote=Q_LEADING_GROUP,
        ),
    )


def five_bao_roles() -> tuple[Role, ...]:
    """The five 包 of 五包五责, from county leaders down to each household's own front door."""
    county_leader = Role(
        key="county-leader",
        label=L("县级领导包乡镇", "county-level leader for a town"),
        level="town",
        actor_kinds=("leader",),
        scope=ALL_TOWNS,
        min_per_unit=2,  # 26 leaders on 13 towns and streets
        capacity=1,  # assumption: 26 = 13 × 2, so each leader holds one town
        duties=(L("带头环境整治", "lead the environmental clean-up"),
                L("扶持集体经济", "support the collective economy"),
                L("解决突出问题", "solve pressing problems"),
                L("帮助乡镇理清建设思路，协调资金、项目", "help the town plan, coordinate funds and projects"),
                L("落实9项工作标准（4方面）", "meet the 9 work standards in 4 areas")),
        visits=Frequency(1, "month", label=L("每月深入包保乡镇至少1次", "at least once a month in the contracted town")),
        quote=Q_LEADERS,
    )
    township_cadre = Role(
        key="township-cadre",
        label=L("乡镇干部包村屯", "township leader for a village"),
        level="village",
        actor_kinds=("cadre",),
        scope=VILLAGES_ONLY,
        min_per_unit=1,
        duties=(L("统筹包保环境整治、脱贫攻坚、扫黑除恶等重点工作", "oversee clean-up, poverty alleviation, anti-gang work"),
                L("按25项考核标准（6方面）推进", "work to the 25 assessment standards in 6 areas"),
                L("共同研究解决问题，完成目标任务", "solve problems with the village and meet its targets")),
        quote=Q_TOWNSHIP,
    )
    partner = Role(
        key="department",
        label=L("部门、企业包村屯（联建）", "department or enterprise twinned with a village"),
        level="village",
        actor_kinds=("department", "enterprise"),
        scope=VILLAGES_ONLY,
        min_per_unit=1,
        duties=(L("义务劳动", "volunteer labour"), L("项目扶持", "project support"),
                L("资金、物资投入", "funds and materials")),
        quote=Q_PARTNERS,
    )
    party_member = Role(
        key="party-member",
        label=L("农村党员包户", "rural party member for households"),
        level="household",
        actor_kinds=("party-member",),
        scope=NOT_WORST,
        capacity_households=16,  # assumption: smallest whole cap that fits 31,490 households on 2,099 members
        duties=(L("示范“管好自家院”", "set the example by keeping one's own yard"),
                L("每天上门督促检查", "check the contracted households every day"),
                L("确保庭院整洁有序、垃圾日产日清", "yards tidy, rubbish cleared the same day")),
        visits=Frequency(1, "day", label=L("每天上门督促检查", "a door-step check every day")),
        quote=Q_HOUSEHOLDS,
    )
    village_cadre = Role(
        key="village-cadre",
        label=L("村“三委”干部包卫生最差户", "village committee cadre for worst-hygiene households"),
        level="household",
        actor_kinds=("village-cadre",),
        scope=WORST,
        capacity_households=14,  # assumption: smallest whole cap that fits 6,288 households on 455 cadres
        duties=(L("包保剩余卫生最差的农户", "take on the remaining worst-hygiene households"),
                L("每天上门督促检查", "check them every day")),
        visits=Frequency(1, "day", label=L("每天上门督促检查", "a door-step check every day")),
        quote=Q_HOUSEHOLDS,
    )
    household = Role(
        key="household",
        label=L("农户门前“三包”", "household's three guarantees in front of its door"),
        level="household",
        actor_kinds=("household",),
        min_per_unit=1,
        capacity=1,
        duties=(L("包垃圾分类", "sort its rubbish"), L("包绿化美化", "green and beautify"),
                L("包卫生秩序", "keep sanitation and order")),
        quote=Q_THREE_GUARANTEES,
    )
    return (county_leader, township_cadre, partner, party_member, village_cadre, household)


def roles() -> tuple[Role, ...]:
    return leadership_roles() + five_bao_roles()


# ---------------------------------------------------------------------------------------------------------------
# Coverage rules: the article's "横向到边、纵向到底" and "所有住户" claims
# ---------------------------------------------------------------------------------------------------------------


def coverage_rules() -> tuple[CoverageRule, ...]:
    """Each 包 reaches every unit of its level: all 13 towns, every village, every household (by hygiene class)."""
    return (
        CoverageRule("county-led", L("领导小组双组长", "the county has its two leading-group heads"),
                     role="leading-group", level="county", min_actors=2, quote=Q_LEADING_GROUP),
        CoverageRule("towns-led", L("县级领导分包全部乡镇（街）", "every town and street has a county leader"),
                     role="county-leader", level="town", scope=ALL_TOWNS, quote=Q_LEADERS),
        CoverageRule("villages-township-cadre", L("乡镇领导与所辖村结对", "every village is paired with a township leader"),
                     role="township-cadre", level="village", scope=VILLAGES_ONLY, quote=Q_TOWNSHIP),
        CoverageRule("villages-twinned", L("部门企业与各村联建", "every village is twinned with a department or enterprise"),
                     role="department", level="village", scope=VILLAGES_ONLY, quote=Q_PARTNERS),
        CoverageRule("households-party-member", L("党员包户", "every household not of the worst hygiene has a party member"),
                     role="party-member", level="household", scope=NOT_WORST, quote=Q_HOUSEHOLDS),
        CoverageRule("worst-households-cadre",
                     L("卫生最差户由村“三委”干部包保", "every worst-hygiene household has a village cadre"),
                     role="village-cadre", level="household", scope=WORST, quote=Q_HOUSEHOLDS),
        CoverageRule("households-three-guarantees", L("所有住户落实门前“三包”", "every household keeps its three guarantees"),
                     role="household", level="household", quote=Q_THREE_GUARANTEES),
    )


# ---------------------------------------------------------------------------------------------------------------
# Assignment policy: how the mechanism staffs any county
# ---------------------------------------------------------------------------------------------------------------


def policy() -> AssignmentPolicy:
    """Linjiang's ratios applied to another county: two leaders a town, one township leader and one twinned
    department a village (enterprises on a share of villages beside them), a party member per 15 ordinary
    households, a village cadre per 14 worst-hygiene households, and each household for itself."""
    return AssignmentPolicy(
        rules=(
            StaffingRule("leading-group", "leader", per_unit=2, name=L("领导小组组长", "Leading-group head")),
            StaffingRule("office-director", "leader", per_unit=1, name=L("领导小组办公室主任", "Office director")),
            StaffingRule("county-leader", "leader", per_unit=2, name=L("县级领导", "County leader")),
            StaffingRule("township-cadre", "cadre", per_unit=1, name=L("乡镇领导", "Township leader")),
            StaffingRule("department", "department", per_unit=1, name=L("联建部门", "Twinned department")),
            StaffingRule("department", "enterprise", per_unit=1, share=0.29, name=L("联建企业", "Twinned enterprise")),
            StaffingRule("party-member", "party-member", households_per_actor=15, name=L("包户党员", "Party member")),
            StaffingRule("village-cadre", "village-cadre", households_per_actor=14, name=L("村三委干部", "Village cadre")),
            StaffingRule("household", "household", per_unit=1, name=L("农户", "Household")),
        ),
        note=L(
            "每个乡镇（街）两名县级领导；每个行政村一名乡镇领导、一个联建部门，约29%的村另有一户联建企业（20户企业/70个村）；"
            "卫生最差户以外每15户一名党员（31490/2099），卫生最差户每14户一名村“三委”干部（6288/455≈13.8）；每户落实门前三包。",
            "Two county leaders per town or street; per administrative village one township leader and one twinned "
            "department, with a twinned enterprise besides in about 29% of villages (20 enterprises / 70 villages); "
            "one party member per 15 ordinary households (31,490 / 2,099) and one village cadre per 14 worst-hygiene "
            "households (6,288 / 455 ≈ 13.8); every household keeps its own three guarantees.",
        ),
    )


# ---------------------------------------------------------------------------------------------------------------
# Campaign: the source gives cadences and the stage reached, but no campaign dates
# ---------------------------------------------------------------------------------------------------------------


def _consensus_action() -> Action:
    return Action(
        key="build-consensus",
        label=L("深度凝聚共识", "build consensus"),
        outcome=L("形成全力推进农村环境整治大好局面", "everyone pulls together on the clean-up"),
        tasks=(
            Task("study-tour",
                 L("远学浙江、近学通化：组织200余名干部考察学习", "study tours to Zhejiang and Tonghua for 200+ cadres"),
                 owner_role="leading-group", quote=Q_STUDY),
            Task("publicity", L("电视专题、“三微一端”、走村入户宣传", "publicity on TV, social media and door to door"),
                 quote=Q_PUBLICITY),
            Task("social-atmosphere", L("“三好一庭院”“临江好人”评比、文艺擂台赛、村规民约",
                                        "'three goods, one courtyard' and 'good people of Linjiang' awards, "
                                        "art contests, village rules"),
                 quote="打出 “三好一庭院”“临江好人”评比、基层文艺擂台赛、村规民约制定等一系列组合拳"),
        ),
    )


def _five_bao_actions() -> tuple[Action, ...]:
    """One action per 包, each with the responsibility (责) the article pairs it with."""
    return (
        Action(
            key="leaders-towns",
            label=L("县级领导包乡镇", "county leaders contract towns"),
            outcome=L("落实解决突出问题责任", "duty to solve pressing problems"),
            tasks=(
                Task("leader-monthly-visit", L("每月深入包保乡镇至少1次", "visit the contracted town at least once a month"),
                     owner_role="county-leader", due=Schedule("month"), cascade_level="town",
                     targets=(Target(1, "次/月", ">=", indicator="leader-visits"),), quote=Q_LEADER_VISITS),
                Task("leader-work-standards", L("落实4方面9项工作标准", "meet the 9 work standards in 4 areas"),
                     owner_role="county-leader", cascade_level="town",
                     targets=(Target(9, "项", ">=", indicator="leader-standards-met"),), quote=Q_LEADERS),
            ),
        ),
        Action(
            key="cadres-villages",
            label=L("乡镇干部包村屯", "township cadres contract villages"),
            outcome=L("落实全面振兴责任", "duty for all-round revitalisation"),
            tasks=(
                Task("village-pairing", L("乡镇领导与所辖村结对包保", "pair township leaders with their villages"),
                     owner_role="township-cadre", cascade_level="village", quote=Q_TOWNSHIP),
                Task("village-assessment-standards", L("按6方面25项考核标准推进", "work to the 25 standards in 6 areas"),
                     owner_role="township-cadre", cascade_level="village", quote=Q_TOWNSHIP_STANDARDS),
            ),
        ),
        Action(
            key="partners-villages",
            label=L("部门企业包村屯", "departments and enterprises contract villages"),
            outcome=L("落实联村帮建责任", "duty to help build the twinned village"),
            tasks=(
                Task("twinning-support",
                     L("义务劳动、项目扶持和资金、物资投入", "volunteer labour, projects, funds and materials"),
                     owner_role="department", cascade_level="village", quote=Q_PARTNERS),
            ),
        ),
        Action(
            key="members-households",
            label=L("村干部和党员包户", "village cadres and party members contract households"),
            outcome=L("落实示范带动责任", "duty to lead by example"),
            tasks=(
                Task("party-member-daily-check", L("党员每天上门督促检查", "party members check their households daily"),
                     owner_role="party-member", due=Schedule("day"), cascade_level="household",
                     targets=(Target(100, "%", ">=", indicator="daily-check-rate"),), quote=Q_DAILY),
                Task("cadre-daily-check", L("村“三委”干部每天检查卫生最差户", "village cadres check the worst households daily"),
                     owner_role="village-cadre", due=Schedule("day"), cascade_level="household",
                     targets=(Target(100, "%", ">=", indicator="daily-check-rate"),), quote=Q_HOUSEHOLDS),
            ),
        ),
        Action(
            key="households-three-guarantees",
            label=L("农户门前“三包”", "households' three guarantees"),
            outcome=L("落实自我管理责任", "duty to manage themselves"),
            tasks=tuple(
                Task(key, label, owner_role="household", cascade_level="household",
                     targets=(Target(100, "%", ">=", indicator="three-guarantee-rate"),), quote=Q_THREE_GUARANTEES)
                for key, label in (
                    ("sort-rubbish", L("包垃圾分类", "sort rubbish")),
                    ("green-beautify", L("包绿化美化", "green and beautify")),
                    ("sanitation-order", L("包卫生秩序", "keep sanitation and order")),
                )
            ),
        ),
    )


def _mechanism_actions() -> Action:
    """Section three of the article: the four mechanisms that make the responsibilities land."""
    return Action(
        key="make-it-land",
        label=L("扣紧责任落地", "make the responsibilities land"),
        outcome=L("建立农村人居环境整治强有力推进机制", "strong mechanisms to push the clean-up"),
        tasks=(
            Task("leading-group", L("高规格的组织推进机制：领导小组及办公室", "high-level leading group and its office"),
                 owner_role="leading-group", quote=Q_LEADING_GROUP),
            Task("six-transformations", L("落实“六化”建设资金", "fund the six transformations"),
                 lead=L("市委、市政府", "city party committee and government"), quote=Q_FUNDS),
            Task("sanitation-integration", L("政府购买服务实现城乡环卫一体化", "buy integrated urban-rural sanitation services"),
                 lead=L("市委、市政府", "city party committee and government"), quote=Q_SANITATION),
            Task("monthly-assessment",
                 L("一月一考核，按季度分类排名，大屏幕公示", "assess monthly, rank quarterly by class, publish"),
                 owner_role="office-director", due=Schedule("month"), quote=Q_ASSESSMENT),
            Task("annual-rewards", L("年度兑现标兵村、先进村、达标村和乡镇、街道奖补", "pay the yearly rewards"),
                 owner_role="leading-group", due=Schedule("year"), quote=Q_VILLAGE_REWARDS),
        ),
    )


def campaign() -> Campaign:
    """The clean-up as the article reports it: under way since 2018, the 干净 stage reached by publication,
    the 整洁 stage under way; no end (常态长效). The start and the stage boundary are assumed."""
    return Campaign(
        key="five-bao",
        label=L("“五包五责”农村人居环境整治", "Five contracts, five duties: rural living-environment clean-up"),
        start=dt.date(2018, 1, 1),
        end=None,
        phases=(
            Phase("clean", L("干净", "clean"), start=dt.date(2018, 1, 1), end=PUBLISHED),
            Phase("tidy", L("整洁", "tidy"), start=dt.date(2019, 7, 16), end=None),
        ),
        actions=(_consensus_action(), *_five_bao_actions(), _mechanism_actions()),
        milestones=(
            Milestone("clean-stage-reached",
                      L("“干净”目标全面实现（截至发稿）", "'clean' stage reached everywhere (as published)"),
                      date=PUBLISHED, target=Target(100, "%", ">=", indicator="clean-stage-rate")),
        ),
        reporting=(
            ReportingEvent("monthly-assessment", L("一月一考核", "monthly assessment"), Schedule("month"),
                           owner_role="office-director"),
            ReportingEvent("monthly-red-black-list", L("每月晾晒“红黑榜”", "monthly red and black lists"), Schedule("month")),
            ReportingEvent("quarterly-ranking",
                           L("按季度分类排名，电子大屏幕公示", "quarterly ranking by class on public screens"),
                           Schedule("quarter"), owner_role="office-director"),
            ReportingEvent("annual-commendation", L("年度表彰奖补", "yearly commendation and rewards"), Schedule("year"),
                           owner_role="leading-group"),
        ),
    )


# ---------------------------------------------------------------------------------------------------------------
# Indicators
# ---------------------------------------------------------------------------------------------------------------


def _count(key: str, label: tuple[str, str], unit: str, level: str = "village") -> IndicatorDef:
    return IndicatorDef(key, L(*label), unit=unit, aggregation="sum", level=level)


def _rate(key: str, label: tuple[str, str], num: str, den: str, target: float, quote: str, period: str | None = None,
          ) -> IndicatorDef:
    return IndicatorDef(key, L(*label), unit="%", numerator=num, denominator=den, factor=100.0,
                        targets=(IndicatorTarget(target, ">=", period=period, quote=quote),))


def indicators() -> tuple[IndicatorDef, ...]:
    """What the mechanism measures; targets only where the article states one (all-covered, daily, monthly)."""
    scores = (
        IndicatorDef("village-assessment-score", L("村月度考核得分", "village monthly assessment score"), unit="分",
                     aggregation="mean", level="village",
                     description=L("按《农村人居环境整治实施方案及考评细则》6方面25项标准评分（0–100分为假设）",
                                   "scored on the 25 standards in 6 areas; the 0–100 scale is our assumption")),
        IndicatorDef("town-assessment-score", L("乡镇（街）月度考核得分", "town monthly assessment score"), unit="分",
                     aggregation="mean", level="town"),
        IndicatorDef("household-three-guarantee-score", L("农户门前三包得分", "household three-guarantee score"),
                     unit="分", aggregation="mean", level="household"),
    )
    leaders = (
        IndicatorDef("leader-visits", L("县级领导人均每月到包保乡镇次数", "monthly visits per county leader to the town"),
                     unit="次", aggregation="mean", level="town",
                     targets=(IndicatorTarget(1, ">=", level="town", quote="县级领导每月深入包保乡镇至少1次"),)),
        IndicatorDef("leader-standards-met", L("落实的县级领导工作标准项数", "work standards met (of 9)"), unit="项",
                     aggregation="mean", level="town",
                     targets=(IndicatorTarget(9, ">=", level="town", quote=Q_LEADERS),)),
    )
    households = (
        _count("households", ("农户数", "households"), "户"),
        _count("households-contracted", ("有包保责任人的农户数", "households with a contracting member or cadre"), "户"),
        _rate("contract-rate", ("农户包保覆盖率", "household contract coverage"), "households-contracted", "households",
              100, Q_HOUSEHOLDS),
        _count("households-checked", ("当日上门检查的包保户数", "contracted households checked that day"), "户"),
        _rate("daily-check-rate", ("包保户每日上门检查率", "daily door-step check rate"), "households-checked",
              "households-contracted", 100, "每天上门督促检查"),
        _count("households-three-guarantees", ("落实门前三包的农户数", "households keeping the three guarantees"), "户"),
        _rate("three-guarantee-rate", ("门前三包落实率", "three-guarantee rate"), "households-three-guarantees", "households",
              100, Q_THREE_GUARANTEES),
    )
    stages = (
        _count("villages", ("行政村数", "administrative villages"), "个", level="town"),
        _count("villages-clean", ("达到“干净”目标的村数", "villages at the 'clean' stage"), "个", level="town"),
        _rate("clean-stage-rate", ("“干净”目标实现率", "share of villages at the 'clean' stage"), "villages-clean", "villages",
              100, "“干净”目标全面实现", period="2019"),
    )
    inputs = (
        _count("partner-investment", ("包保单位、企业投入资金", "funds put in by contracting bodies"), "万元"),
        _count("partner-labour", ("出动人力", "labour sent"), "人次"),
        _count("partner-projects", ("基础设施建设项目", "infrastructure projects"), "个"),
        _count("rubbish-cleared", ("清理垃圾", "rubbish cleared"), "吨"),
        _count("six-transformation-funds", ("“六化”建设资金", "six-transformation funds"), "万元", level="county"),
        _count("sanitation-service-funds", ("城乡环卫一体化购买服务资金", "integrated sanitation service funds"), "万元",
               level="county"),
        _count("rewards-paid", ("兑现奖补资金", "rewards paid"), "万元", level="county"),
    )
    return scores + leaders + households + stages + inputs


# ---------------------------------------------------------------------------------------------------------------
# Scoring: monthly assessment → quarterly ranking by class → yearly tiers and rewards; lists, plaques, points
# ---------------------------------------------------------------------------------------------------------------

VILLAGE_GROUPS = (
    PeerGroup("villages", L("行政村", "administrative villages"), "village", tags_none=("community",)),
    PeerGroup("communities", L("社区", "communities"), "village", tags_any=("community",)),
)
TOWN_GROUPS = (
    PeerGroup("towns", L("乡镇", "towns"), "town", tags_none=("street",)),
    PeerGroup("streets", L("街道", "streets"), "town", tags_any=("street",)),
)
SCREENS = L("全市所有电子大屏幕播放公示", "shown on every public electronic screen in the city")


def _tier(key: str, zh: str, en: str, reward_wan: float, min_score: float, group: str) -> Tier:
    """A yearly reward band; the article gives rewards in 万元 (10,000 yuan)."""
    return Tier(key, L(zh, en), reward=reward_wan * 10_000, min_score=min_score, peer_group=group)


def scoring() -> Scoring:
    cards = (
        Scorecard("village-monthly", L("村月度考核", "monthly village assessment"), "village", "month",
                  items=(ScoreItem("village-assessment-score", 1.0),)),
        Scorecard("town-monthly", L("乡镇（街）月度考核", "monthly town assessment"), "town", "month",
                  items=(ScoreItem("town-assessment-score", 1.0),)),
        Scorecard("household-monthly", L("农户门前三包月度评比", "monthly household three-guarantee rating"), "household",
                  "month", items=(ScoreItem("household-three-guarantee-score", 1.0),)),
    )
    rankings = (
        Ranking("village-quarterly", L("村季度分类排名", "quarterly village ranking by class"), "village-monthly",
                "quarter", VILLAGE_GROUPS, published=SCREENS),
        Ranking("town-quarterly", L("乡镇（街）季度分类排名", "quarterly town ranking by class"), "town-monthly",
                "quarter", TOWN_GROUPS, published=SCREENS),
        Ranking("village-annual", L("村年度评定", "yearly village rating"), "village-monthly", "year", VILLAGE_GROUPS),
        Ranking("town-annual", L("乡镇（街）年度评定", "yearly town rating"), "town-monthly", "year", TOWN_GROUPS),
        Ranking("household-monthly", L("农户月度评比", "monthly household rating"), "household-monthly", "month",
                (PeerGroup("households", L("农户", "households"), "household", within="village"),)),
    )
    tiers = (
        TierScheme("village-rewards", L("村级年度奖补", "yearly village rewards"), "village-annual", "threshold", (
            _tier("model", "标兵村", "model village", 20, 95.0, "villages"),
            _tier("advanced", "先进村", "advanced village", 10, 90.0, "villages"),
            _tier("standard", "达标村", "up-to-standard village", 5, 80.0, "villages"),
        ), period="year"),
        TierScheme("town-rewards", L("乡镇、街道年度奖励", "yearly town and street rewards"), "town-annual", "threshold", (
            _tier("town-class-1", "一类乡镇", "class 1 town", 40, 90.0, "towns"),
            _tier("town-class-2", "二类乡镇", "class 2 town", 20, 80.0, "towns"),
            _tier("street-class-1", "一类街道", "class 1 street", 20, 90.0, "streets"),
            _tier("street-class-2", "二类街道", "class 2 street", 10, 80.0, "streets"),
        ), period="year"),
        TierScheme("courtyard-plaque", L("“三好一庭院”挂牌摘牌", "'three goods, one courtyard' plaque on and off"),
                   "household-monthly", "threshold",
                   (Tier("plaque", L("挂牌", "plaque hung"), reward=0.0, min_score=90.0),), period="month"),
    )
    lists = (
        ListRule("red-list", L("红榜", "red list"), "red", "household-monthly", n=10, period="month",
                 consequence=L("每月晾晒表扬", "praised in public each month")),
        ListRule("black-list", L("黑榜", "black list"), "black", "household-monthly", n=10, period="month",
                 consequence=L("每月晾晒曝光", "exposed in public each month")),
    )
    points = PointsScheme(
        L("积分超市", "points supermarket"),
        rules=(
            PointsRule("three-guarantees-kept", L("当月落实门前三包", "three guarantees kept this month"), 5,
                       per=L("每月", "a month")),
            PointsRule("red-list", L("上红榜", "on the red list"), 10, per=L("每次", "each time")),
            PointsRule("black-list", L("上黑榜", "on the black list"), -10, per=L("每次", "each time")),
        ),
        redeemable=True,
        note=L("“积分超市”实物奖励；积分规则来源未给出，均为假设", "rewards in kind; the points rules are our assumptions"),
    )
    supervision = Supervision(
        L("导向型的考核督查机制", "assessment-led supervision"),
        rectification_days=30,
        methods=(L("干群评议", "appraisal by cadres and villagers"), L("明察暗访", "announced and unannounced inspections"),
                 L("电子大屏幕公示排名", "rankings on public screens")),
    )
    uses = (
        L("纳入各级干部绩效考核的重要内容", "a major part of cadres' performance appraisal at every level"),
        L("作为村级干部工资补贴的重要依据", "a main basis of village cadres' pay and allowances"),
        L("纳入镇村两级考核评价体系", "part of the town and village assessment systems"),
    )
    return Scoring(cards, rankings, tiers, lists, points, supervision, uses)


# ---------------------------------------------------------------------------------------------------------------
# Features: the other structures the article names
# ---------------------------------------------------------------------------------------------------------------


def _items(*rows: tuple[str, str, str], quote: str = "") -> tuple[FeatureItem, ...]:
    return tuple(FeatureItem(key, L(zh, en), quote=quote) for key, zh, en in rows)


def features() -> tuple[Feature, ...]:
    five_bao = Feature(
        "five-bao-five-duties", L("五包五责", "five contracts, five duties"),
        items=(
            FeatureItem("leaders-towns", L("县级领导包乡镇", "county leaders contract towns"), 26, "人",
                        L("落实解决突出问题责任", "duty to solve pressing problems"), Q_LEADERS),
            FeatureItem("cadres-villages", L("乡镇干部包村屯", "township cadres contract villages"), 86, "人",
                        L("落实全面振兴责任", "duty for all-round revitalisation"), Q_TOWNSHIP),
            FeatureItem("partners-villages", L("部门企业包村屯", "departments and enterprises contract villages"), 82, "个",
                        L("落实联村帮建责任（62个部门＋20户企业）", "duty to help build (62 departments + 20 enterprises)"),
                        Q_PARTNERS),
            FeatureItem("members-households", L("村干部和党员包户", "village cadres and party members contract households"),
                        2554, "人", L("落实示范带动责任（2099名党员＋455名村“三委”干部）",
                                       "duty to lead by example (2,099 party members + 455 village cadres)"), Q_HOUSEHOLDS),
            FeatureItem("households-front-door", L("农户门前“三包”", "households' three guarantees"), None, "",
                        L("落实自我管理责任", "duty to manage themselves"), Q_THREE_GUARANTEES),
        ),
        description=L("横向到边、纵向到底", "all the way across, all the way down"),
    )
    stages = Feature(
        "four-steps", L("“四步走”战略", "four-step strategy"),
        items=(
            FeatureItem("clean", L("干净", "clean"), description=L("已全面实现", "reached everywhere"), quote=Q_STAGES),
            FeatureItem("tidy", L("整洁", "tidy"), description=L("正在推进", "under way"), quote=Q_STAGES),
            FeatureItem("beautiful", L("美丽", "beautiful"), description=L("待推进", "to come")),
            FeatureItem("prosperous", L("富饶", "prosperous"), description=L("待推进", "to come")),
        ),
        description=L("干净→整洁→美丽→富饶", "clean → tidy → beautiful → prosperous"),
    )
    leader_standards = Feature(
        "leader-work-standards", L("县级领导包保工作标准", "county leaders' work standards"),
        items=(
            FeatureItem("areas", L("方面", "areas"), 4, "个", L("带头环境整治、扶持集体经济、解决突出问题等（第4方面来源未列出）",
                                                            "leading the clean-up, supporting the collective economy, "
                                                            "solving pressing problems, and one area the article does not name"),
                        Q_LEADERS),
            FeatureItem("standards", L("工作标准", "work standards"), 9, "项", quote=Q_LEADERS),
        ),
        description=L("见《市级领导、市直机关部门及中省直单位(企业)包保美丽乡村建设工作实施方案》",
                      "set in the city's implementation plan for leaders, departments and enterprises contracting villages"),
    )
    township_standards = Feature(
        "township-assessment-standards", L("乡镇和村屯考核标准", "town and village assessment standards"),
        items=(
            FeatureItem("areas", L("方面", "areas"), 6, "个", L("垃圾分类处理、环卫设施管理等（其余4方面来源未列出）",
                                                            "rubbish sorting and treatment, sanitation facilities, and "
                                                            "four areas the article does not name"), Q_TOWNSHIP_STANDARDS),
            FeatureItem("standards", L("考核标准", "assessment standards"), 25, "项", quote=Q_TOWNSHIP_STANDARDS),
        ),
        description=L("见《农村人居环境整治实施方案及考评细则》", "set in the clean-up plan and its assessment rules"),
    )
    three_guarantees = Feature(
        "three-guarantees", L("门前“三包”", "three guarantees in front of the door"),
        items=_items(("sort-rubbish", "包垃圾分类", "rubbish sorting"), ("green-beautify", "包绿化美化", "greening"),
                     ("sanitation-order", "包卫生秩序", "sanitation and order"), quote=Q_THREE_GUARANTEES),
    )
    six = Feature(
        "six-transformations", L("“六化”建设", "six transformations"),
        items=_items(("roads", "道路硬化", "hard roads"), ("lighting", "街道亮化", "street lighting"),
                     ("toilets", "厕所净化", "clean toilets"), ("courtyards", "庭院美化", "beautiful courtyards"),
                     ("greening", "村庄绿化", "village greening"), ("culture", "乡村文化", "rural culture"), quote=Q_FUNDS),
        description=L("两年来落实建设资金1.9亿元", "¥190 m put in over two years"),
    )
    funding = Feature(
        "funding-channels", L("多元化的资金投入机制", "many-channel funding"),
        items=(
            FeatureItem("budget", L("纳入财政预算优先保障", "priority in the budget"),
                        quote="将农村环境综合整治资金纳入财政预算优先保障。"),
            *_items(("projects", "争取项目支持一点", "a part from projects won"),
                    ("one-matter-one-discussion", "一事一议筹集一点", "a part raised by one-matter-one-discussion"),
                    ("donations", "社会各界捐助一点", "a part donated by society"),
                    quote="按照争取项目支持一点、一事一议筹集一点、社会各界捐助一点的办法"),
            FeatureItem("sanitation-services", L("政府购买服务实现城乡环卫一体化", "bought-in integrated sanitation"), 3661,
                        "万元", quote=Q_SANITATION),
        ),
    )
    five_messes = Feature(
        "five-messes", L("突出问题（“五乱”）", "the problems targeted"),
        items=_items(("litter", "垃圾乱丢", "littering"), ("sewage", "污水乱泼", "waste water thrown out"),
                     ("firewood", "柴草乱垛", "firewood piled anywhere"), ("manure", "粪污乱堆", "manure heaped anywhere"),
                     ("sheds", "庭院乱搭乱建", "sheds built anywhere in yards"),
                     quote="垃圾乱丢、污水乱泼、柴草乱垛、粪污乱堆、庭院乱搭乱建问题十分突出"),
        description=L("跳出“清了脏、脏了清”“干部干、群众看”的怪圈",
                      "break the cycle of 'clean, dirty again' and 'cadres work, villagers watch'"),
    )
    household_incentives = Feature(
        "household-incentives", L("农户激励办法", "household incentives"),
        items=_items(("red-black-list", "每月晾晒“红黑榜”", "monthly red and black lists"),
                     ("courtyard-plaque", "“三好一庭院”挂牌摘牌", "'three goods, one courtyard' plaques hung and removed"),
                     ("points-supermarket", "“积分超市”实物奖励", "points supermarket, rewards in kind"),
                     quote=Q_THREE_GUARANTEES),
    )
    party_activities = Feature(
        "party-member-activities", L("党员“亮相、示范、包户”活动", "party members show up, set the example, contract households"),
        items=_items(("show", "党员亮相", "party members show themselves"),
                     ("example", "党员示范", "party members set the example"),
                     ("contract", "党员包户", "party members contract households"),
                     quote="开展“党员亮相、党员示范、党员包户”活动"),
    )
    return (five_bao, stages, leader_standards, township_standards, three_guarantees, six, funding, five_messes,
            household_incentives, party_activities)


def principles() -> tuple[Label, ...]:
    return (
        L("市级主导", "the city leads"), L("部门主事", "departments act"), L("乡镇主责", "towns own it"),
        L("干部主力", "cadres carry it"), L("农民主体", "farmers are the subject"),
        L("横向到边、纵向到底", "all the way across, all the way down"),
    )


# ---------------------------------------------------------------------------------------------------------------
# Reference case: every figure the article publishes, and the ratios that follow
# ---------------------------------------------------------------------------------------------------------------


def _figures() -> tuple[Figure, ...]:
    f = Figure
    return (
        # the county
        f("towns", L("乡镇（街）", "towns and streets"), 13, "个", Q_COUNTY),
        f("villages", L("行政村", "administrative villages"), 70, "个", Q_COUNTY),
        f("communities", L("社区", "communities"), 22, "个", Q_COUNTY),
        f("population", L("总人口", "population"), 21.6, "万人", Q_COUNTY),
        f("rural_population", L("农村人口", "rural population"), 11.3, "万人", Q_COUNTY),
        # building consensus
        f("study_cadres", L("考察学习干部（余）", "cadres on study tours (more than)"), 200, "人", Q_STUDY, approx="at-least"),
        f("publicity_events", L("宣传活动", "publicity events"), 18, "次", Q_PUBLICITY),
        f("meetings", L("召开会议", "meetings held"), 6, "次", Q_PUBLICITY),
        f("leaflets", L("印发宣传单", "leaflets printed"), 5000, "份", Q_PUBLICITY),
        f("banners", L("标语横幅", "slogans and banners"), 224, "条", Q_PUBLICITY),
        # 1. county leaders → towns
        f("county_leaders", L("包乡镇的县级干部", "county-level leaders contracting towns"), 26, "人", Q_LEADERS),
        f("leader_towns", L("县级干部分包的乡镇（街）", "towns and streets they contract"), 13, "个", Q_LEADERS),
        f("leader_standard_areas", L("县级领导工作标准方面", "areas of the leaders' work standards"), 4, "个", Q_LEADERS),
        f("leader_standards", L("县级领导工作标准", "leaders' work standards"), 9, "项", Q_LEADERS),
        f("leader_visits_per_month", L("县级领导每月到包保乡镇至少", "leader visits to the town a month, at least"), 1, "次",
          Q_LEADER_VISITS),
        # 2. township cadres → villages
        f("assessment_areas", L("考核标准方面", "areas of the assessment standards"), 6, "个", Q_TOWNSHIP_STANDARDS),
        f("assessment_standards", L("考核标准", "assessment standards"), 25, "项", Q_TOWNSHIP_STANDARDS),
        f("township_leaders", L("与村结对的乡镇领导", "township leaders paired with villages"), 86, "人", Q_TOWNSHIP),
        # 3. departments and enterprises → villages
        f("departments", L("联建的中省直、市直部门", "twinned departments (central, provincial and city)"), 62, "个", Q_PARTNERS),
        f("enterprises", L("联建的重点企业", "twinned key enterprises"), 20, "户", Q_PARTNERS),
        f("partner_investment", L("包保单位、企业投入资金", "funds put in by contracting bodies"), 3.02, "亿元",
          Q_PARTNER_RESULTS),
        f("partner_labour", L("出动人力", "labour sent"), 18200, "人次", Q_PARTNER_RESULTS),
        f("partner_projects", L("基础设施建设项目", "infrastructure projects"), 176, "个", Q_PARTNER_RESULTS),
        f("rubbish_cleared", L("清理垃圾（余）", "rubbish cleared (more than)"), 19600, "吨",
          Q_PARTNER_RESULTS, approx="at-least"),
        # 4. party members and village cadres → households
        f("party_members", L("包户农村党员", "rural party members contracting households"), 2099, "人", Q_HOUSEHOLDS),
        f("pm_households", L("党员包保农户", "households contracted by party members"), 31490, "户", Q_HOUSEHOLDS),
        f("worst_households", L("卫生最差的农户", "worst-hygiene households"), 6288, "户", Q_HOUSEHOLDS),
        f("village_cadres", L("包保最差户的村“三委”干部", "village cadres contracting them"), 455, "人", Q_HOUSEHOLDS),
        # the mechanisms that make it land
        f("leading_group_heads", L("领导小组组长（双组长）", "leading-group heads (joint)"), 2, "人", Q_LEADING_GROUP),
        f("six_transformation_funds", L("“六化”建设资金（两年）", "six-transformation funds (two years)"), 1.9, "亿元", Q_FUNDS),
        f("sanitation_funds", L("城乡环卫一体化投入", "integrated sanitation services"), 3661, "万元", Q_SANITATION),
        # rewards
        f("reward_model_village", L("标兵村奖补", "model village reward"), 20, "万元", Q_VILLAGE_REWARDS),
        f("reward_advanced_village", L("先进村奖补", "advanced village reward"), 10, "万元", Q_VILLAGE_REWARDS),
        f("reward_standard_village", L("达标村奖补", "up-to-standard village reward"), 5, "万元", Q_VILLAGE_REWARDS),
        f("villages_rewarded", L("累计奖励行政村", "villages rewarded (cumulative)"), 44, "个", Q_VILLAGE_REWARDS),
        f("reward_town_class1", L("一类乡镇奖励", "class 1 town reward"), 40, "万元", Q_TOWN_REWARDS),
        f("reward_town_class2", L("二类乡镇奖励", "class 2 town reward"), 20, "万元", Q_TOWN_REWARDS),
        f("reward_street_class1", L("一类街道奖励", "class 1 street reward"), 20, "万元", Q_TOWN_REWARDS),
        f("reward_street_class2", L("二类街道奖励", "class 2 street reward"), 10, "万元", Q_TOWN_REWARDS),
        f("towns_rewarded", L("奖励乡镇、街道", "towns and streets rewarded"), 8, "个", Q_TOWN_REWARDS),
        f("ceremony_rewards", L("2018年底表彰大会兑现（近）", "paid at the end-2018 ceremony (nearly)"), 575, "万元",
          Q_CEREMONY, approx="nearly"),
    )


def _derived() -> tuple[Derived, ...]:
    d = Derived
    return (
        # coverage ratios
        d("hh_per_pm", L("每名党员包保农户", "households per party member"), "pm_households / party_members", "户/人"),
        d("worst_hh_per_cadre", L("每名村“三委”干部包保最差户", "worst-hygiene households per village cadre"),
          "worst_households / village_cadres", "户/人"),
        d("leaders_per_town", L("每个乡镇（街）县级领导", "county leaders per town or street"), "county_leaders / leader_towns",
          "人/个"),
        d("households_covered", L("包保农户合计", "households contracted in all"), "pm_households + worst_households", "户"),
        d("worst_share", L("最差户占包保农户比例", "worst-hygiene share of contracted households"),
          "worst_households / households_covered * 100", "%"),
        d("household_contractors", L("包户党员和村干部合计", "party members and village cadres contracting households"),
          "party_members + village_cadres", "人"),
        d("hh_per_contractor", L("每名包户人员平均农户", "households per contracting member or cadre"),
          "households_covered / household_contractors", "户/人"),
        d("rural_share", L("农村人口占比", "rural share of population"), "rural_population / population * 100", "%"),
        d("persons_per_household", L("户均农村人口", "rural people per contracted household"),
          "rural_population * 10000 / households_covered", "人/户"),
        d("villages_and_communities", L("村（社区）合计", "villages and communities"), "villages + communities", "个"),
        d("township_leaders_per_village", L("每个行政村乡镇领导", "township leaders per village"),
          "township_leaders / villages", "人/个"),
        d("partners", L("联建部门和企业合计", "twinned departments and enterprises"), "departments + enterprises", "个"),
        d("partners_per_village", L("每个行政村联建单位", "twinned bodies per village"), "partners / villages", "个/个"),
        d("enterprise_share_of_villages", L("企业数与行政村数之比", "enterprises per village"), "enterprises / villages"),
        d("party_members_per_village", L("每个行政村包户党员", "party members per village"), "party_members / villages", "人/个"),
        d("village_cadres_per_village", L("每个行政村包户村干部", "village cadres per village"), "village_cadres / villages",
          "人/个"),
        # burden implied by the visit rules
        d("leader_visits_per_town_year", L("每个乡镇每年县级领导到访（至少）", "leader visits per town a year (at least)"),
          "leaders_per_town * leader_visits_per_month * 12", "次"),
        d("door_checks_per_year", L("每年上门检查户次（每天一次）", "door-step checks a year (one a day)"),
          "households_covered * 365", "户次"),
        # investment
        d("investment_per_project", L("每个项目平均投入（全部投入/项目数）", "investment per project (all funds / projects)"),
          "partner_investment * 10000 / partner_projects", "万元"),
        d("investment_per_village", L("每个行政村平均投入", "investment per village"), "partner_investment * 10000 / villages",
          "万元"),
        d("labour_per_partner", L("每个联建单位出动人力", "labour per twinned body"), "partner_labour / partners", "人次"),
        d("rubbish_per_village", L("每个行政村清理垃圾", "rubbish cleared per village"), "rubbish_cleared / villages", "吨"),
        d("county_funds_two_years", L("“六化”和环卫一体化资金合计", "six transformations plus sanitation services"),
          "six_transformation_funds * 10000 + sanitation_funds", "万元"),
        d("sanitation_per_rural_person", L("农村人均环卫一体化投入", "sanitation services per rural person"),
          "sanitation_funds / rural_population", "元/人"),
        # rewards: bounds that can be set against the ¥5.75 m ceremony figure
        d("village_rewards_min", L("44个村奖补下限（全部达标）", "village rewards if all 44 were up-to-standard"),
          "villages_rewarded * reward_standard_village", "万元"),
        d("village_rewards_max", L("44个村奖补上限（全部标兵）", "village rewards if all 44 were models"),
          "villages_rewarded * reward_model_village", "万元"),
        d("town_rewards_min", L("8个乡镇街道奖励下限（全部二类街道）", "town rewards if all 8 were class 2 streets"),
          "towns_rewarded * reward_street_class2", "万元"),
        d("town_rewards_max", L("8个乡镇街道奖励上限（全部一类乡镇）", "town rewards if all 8 were class 1 towns"),
          "towns_rewarded * reward_town_class1", "万元"),
        d("rewards_min", L("奖补合计下限", "rewards in all, lower bound"), "village_rewards_min + town_rewards_min", "万元"),
        d("rewards_max", L("奖补合计上限", "rewards in all, upper bound"), "village_rewards_max + town_rewards_max", "万元"),
        d("ceremony_per_rewarded_unit", L("表彰大会每个受奖单位平均", "ceremony payout per rewarded village or town"),
          "ceremony_rewards / (villages_rewarded + towns_rewarded)", "万元"),
        d("ceremony_share_of_max", L("表彰大会兑现占上限比例", "ceremony payout as a share of the upper bound"),
          "ceremony_rewards / rewards_max * 100", "%"),
    )


def reference() -> ReferenceCase:
    return ReferenceCase(source=source(), figures=_figures(), derived=_derived())


def source() -> SourceRef:
    return SourceRef(
        file=SOURCE_FILE,
        title=L("临江市建立“五包五责”工作机制 推动农村人居环境彻底改善",
                "Linjiang builds the 'five contracts, five duties' mechanism to transform the rural living environment"),
        publisher="",
        date=PUBLISHED,
    )


# ---------------------------------------------------------------------------------------------------------------
# Assumptions: where the article is silent
# ---------------------------------------------------------------------------------------------------------------

def _a(key: str, zh: str, en: str, path: str, value: float | str | bool, why_zh: str, why_en: str) -> Assumption:
    return Assumption(key, L(zh, en), path, value, L(why_zh, why_en))


ASSUMPTIONS: tuple[Assumption, ...] = (
    _a("county-leader-capacity", "每名县级领导包保乡镇数上限", "towns per county leader, at most", "roles.2.capacity", 1,
       "26名领导分包13个乡镇，恰为每镇2人、每人1镇", "26 leaders on 13 towns is exactly two a town, one town each"),
    _a("party-member-capacity", "每名党员包保户数上限", "households per party member, at most", "roles.5.capacity_households",
       16, "31490÷2099≈15.002，取能容纳公布数字的最小整数", "31,490 / 2,099 ≈ 15.002; the smallest whole cap that fits"),
    _a("village-cadre-capacity", "每名村干部包保最差户上限", "worst households per village cadre, at most",
       "roles.6.capacity_households", 14, "6288÷455≈13.82，取能容纳公布数字的最小整数",
       "6,288 / 455 ≈ 13.82; the smallest whole cap that fits"),
    _a("enterprise-share", "另有联建企业的村所占比例", "share of villages with a twinned enterprise besides a department",
       "policy.rules.5.share", 0.29, "20户企业÷70个行政村≈0.29；来源未说明企业联建哪些村",
       "20 enterprises / 70 villages ≈ 0.29; the article does not say which villages they twin with"),
    _a("households-per-party-member", "每名党员包保户数（配置）", "households per party member (staffing)",
       "policy.rules.6.households_per_actor", 15, "31490÷2099≈15.0，取整", "31,490 / 2,099 ≈ 15.0, rounded"),
    _a("households-per-village-cadre", "每名村干部包保最差户数（配置）", "worst households per village cadre (staffing)",
       "policy.rules.7.households_per_actor", 14, "6288÷455≈13.8，取整", "6,288 / 455 ≈ 13.8, rounded"),
    _a("campaign-start", "整治起始日期", "start of the clean-up", "campaign.start", "2018-01-01",
       "来源只说“2018年以来”", "the article says only 'since 2018'"),
    _a("clean-stage-end", "“干净”阶段结束日期", "end of the 'clean' stage", "campaign.phases.0.end", "2019-07-15",
       "来源说截至发稿（2019-07-15）“干净”目标已全面实现", "reached 'as of now' in the article published 2019-07-15"),
    _a("tidy-stage-start", "“整洁”阶段开始日期", "start of the 'tidy' stage", "campaign.phases.1.start", "2019-07-16",
       "紧接“干净”阶段", "right after the 'clean' stage"),
    _a("model-village-score", "标兵村分数线", "model-village score threshold", "scoring.tier_schemes.0.tiers.0.min_score",
       95.0, "来源只给奖额，未给评定标准", "the article gives the rewards, not how villages qualify"),
    _a("advanced-village-score", "先进村分数线", "advanced-village score threshold", "scoring.tier_schemes.0.tiers.1.min_score",
       90.0, "同上", "as above"),
    _a("standard-village-score", "达标村分数线", "up-to-standard score threshold", "scoring.tier_schemes.0.tiers.2.min_score",
       80.0, "同上", "as above"),
    _a("town-class-1-score", "一类乡镇分数线", "class 1 town threshold", "scoring.tier_schemes.1.tiers.0.min_score", 90.0,
       "来源未给一类、二类的划分标准", "the article does not say how classes are decided"),
    _a("town-class-2-score", "二类乡镇分数线", "class 2 town threshold", "scoring.tier_schemes.1.tiers.1.min_score", 80.0,
       "同上", "as above"),
    _a("street-class-1-score", "一类街道分数线", "class 1 street threshold", "scoring.tier_schemes.1.tiers.2.min_score", 90.0,
       "同上", "as above"),
    _a("street-class-2-score", "二类街道分数线", "class 2 street threshold", "scoring.tier_schemes.1.tiers.3.min_score", 80.0,
       "同上", "as above"),
    _a("plaque-score", "“三好一庭院”挂牌分数线", "plaque threshold", "scoring.tier_schemes.2.tiers.0.min_score", 90.0,
       "来源只说挂牌摘牌，未给标准", "the article names plaques hung and removed, not the bar"),
    _a("household-board-level", "农户评比和红黑榜的张榜层级", "level within which households are ranked and listed",
       "scoring.rankings.4.peer_groups.0.within", "village",
       "来源说每月晾晒“红黑榜”，未说在哪一级张榜；按每村各自评比、张榜",
       "the article says red and black boards are aired monthly, not at which level; each village ranks and posts its own"),
    _a("red-list-size", "每村每月红榜户数", "households on a village's monthly red list", "scoring.lists.0.n", 10,
       "来源未给上榜户数", "the article does not say how many are listed"),
    _a("black-list-size", "每村每月黑榜户数", "households on a village's monthly black list", "scoring.lists.1.n", 10,
       "同上", "as above"),
    _a("points-three-guarantees", "落实门前三包每月积分", "points a month for keeping the three guarantees",
       "scoring.points.rules.0.points", 5, "来源未给积分规则", "the article gives no points rules"),
    _a("points-red-list", "上红榜积分", "points for the red list", "scoring.points.rules.1.points", 10, "同上", "as above"),
    _a("points-black-list", "上黑榜扣分", "points for the black list", "scoring.points.rules.2.points", -10, "同上", "as above"),
    _a("rectification-days", "问题整改期限（天）", "days to fix a problem found", "scoring.supervision.rectification_days",
       30, "来源只说明察暗访，未给整改期限", "the article names inspections but no deadline to fix what they find"),
    _a("preset-streets", "合成县中的街道数", "streets in the synthetic county", "preset.streets", 2,
       "来源只说13个乡镇（街），未分乡镇和街道", "the article says 13 towns and streets without the split"),
    _a("preset-groups-per-village", "合成县每村村民小组数", "groups per village in the synthetic county",
       "preset.groups_per_village", 5, "来源未给村民小组数", "the article gives no number of groups"),
)


def preset() -> CountyShape:
    """Linjiang as the source describes it, for synthetic counties: the sizes come from the published figures.

    The source gives 13 towns and streets without the split, and no group count; those two are assumptions.
    Party members cover 31,490 households and village cadres "the remaining" 6,288 worst-hygiene ones, so the
    county has the 37,778 of both (the derived ``households_covered``); staffed by the policy it needs about the
    published 2,099 party members and 455 cadres.
    """
    fig = {f.key: f.value for f in _figures()}
    return CountyShape(
        L("临江市（按公布数字合成）", "Linjiang (synthetic, from the published figures)"),
        towns=int(fig["towns"]),
        villages=int(fig["villages"] + fig["communities"]),
        communities=int(fig["communities"]),
        streets=2,
        households=int(fig["pm_households"] + fig["worst_households"]),
        groups_per_village=5,
        tags=(TagShare("household", "worst-hygiene", count=int(fig["worst_households"])),),
    )


# ---------------------------------------------------------------------------------------------------------------
# The mechanism
# ---------------------------------------------------------------------------------------------------------------


def build() -> Mechanism:
    """临江市“五包五责” as a :class:`~mechanisms.Mechanism`."""
    return Mechanism(
        key=KEY,
        name=L("五包五责", "Five contracts, five duties"),
        county=L("吉林省临江市", "Linjiang City, Jilin"),
        year=2019,
        summary=L(
            "县级领导包乡镇、乡镇干部包村屯、部门企业包村屯、村干部和党员包户、农户门前三包，"
            "各落实一项责任；一月一考核、按季度分类排名并大屏幕公示，年度按标兵村、先进村、达标村和一类、二类乡镇（街道）奖补。",
            "County leaders contract towns, township cadres and twinned departments or enterprises contract villages, "
            "party members and village cadres contract households, and each household keeps its own front door — "
            "five contracts, each with a duty. Assessed monthly, ranked quarterly by class on public screens, "
            "rewarded yearly as model, advanced or up-to-standard villages and class 1 or 2 towns and streets.",
        ),
        source=source(),
        levels=levels(),
        roles=roles(),
        coverage_rules=coverage_rules(),
        policy=policy(),
        campaign=campaign(),
        indicators=indicators(),
        scoring=scoring(),
        features=features(),
        principles=principles(),
        reference=reference(),
        preset=preset(),
        assumptions=ASSUMPTIONS,
    )
