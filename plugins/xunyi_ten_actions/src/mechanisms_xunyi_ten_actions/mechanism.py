"""旬邑县“十大提升行动” (Xunyi County, Shaanxi, 2024) as a mechanism.

Source: 《旬邑县巩固拓展脱贫攻坚成果同乡村振兴有效衔接“十大提升行动”实施方案》 (旬巩衔组发〔2024〕1号,
29 March 2024), seed file ``001_7ee8fce85c601369.txt``.

Unlike the other four mechanisms, Xunyi's is above all a *campaign*: ten actions, each with sub-tasks, lead
bodies, deadlines and numeric targets, three phases and a fixed reporting cadence. The contact network
(county leaders on towns and villages, departments on their 包抓村, resident teams, grid workers) is stated
in a few sentences and mostly without numbers, so its staffing figures are assumptions a user may override.

The module is laid out in the order of the model: levels and scopes, roles, coverage rules, staffing
policy, indicators, campaign (phases, the ten actions, a coordination action, milestones, reporting),
scoring, features, reference case, assumptions. Every ``quote`` is a verbatim sentence (or clause) of the
source, checked by the plugin's tests.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

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
    Ranking,
    ReferenceCase,
    RelativeDeadline,
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

KEY = "xunyi-ten-actions"
SEED_FILE = "001_7ee8fce85c601369.txt"
YEAR = 2024


def _d(month: int, day: int) -> dt.date:
    """A date of the campaign year (every date in the source is in 2024)."""
    return dt.date(YEAR, month, day)


# --------------------------------------------------------------------------------------------------------------
# Levels and scopes
# --------------------------------------------------------------------------------------------------------------

LEVELS: tuple[Level, ...] = (
    Level("county", L("县", "county")),
    Level("town", L("镇（街道）", "town or street")),
    Level("village", L("行政村（社区）", "administrative village or community")),
    Level("group", L("村民小组（网格）", "village group (grid)")),
    Level("household", L("农户", "household")),
)

RESIDENT_VILLAGES = Scope(
    tags_any=("resident-team",),
    label=L(
        "有驻村工作队的村：脱贫村、易地扶贫搬迁安置村（社区）、乡村振兴任务重的村、党组织软弱涣散村",
        "villages with a resident team: formerly poor villages, relocation villages (communities), villages with "
        "heavy revitalisation tasks, villages with weak party organisations",
    ),
)
MONITORED = Scope(tags_any=("monitored",), label=L("防返贫监测对象", "households monitored against return to poverty"))


# --------------------------------------------------------------------------------------------------------------
# Roles — who carries responsibility, where, how often
# --------------------------------------------------------------------------------------------------------------


def _roles() -> tuple[Role, ...]:
    """The actors of 四、工作要求 and of the actions' sub-tasks, each with the sentence that names them."""
    return (
        Role(
            "county-leader",
            L("县级领导包联镇村", "county leader for contact towns and villages"),
            "town",
            ("leader",),
            duties=(
                L(
                    "对照包联镇村任务，深入联系点开展检查指导",
                    "check and guide at the contact points of the towns and villages they contact",
                ),
                L("现场协调解决问题", "resolve problems on site"),
            ),
            visits=Frequency(
                1, "month", label=L("到联系点检查指导（频次为假设）", "checks at the contact point (frequency assumed)")
            ),
            quote="各县级领导对照包联镇村任务,深入联系点开展检查指导,现场协调解决问题",
        ),
        Role(
            "leading-group",
            L(
                "县巩固衔接领导小组（县委、县政府主要领导和分管领导）",
                "county consolidation-and-linkage leading group (principal and deputy county leaders)",
            ),
            "county",
            ("leader",),
            duties=(
                L(
                    "建立“月通报、季调度、半年点评、年终总结”和“常态化督导”机制",
                    "run monthly bulletins, quarterly dispatch, half-year review, year-end summary and routine supervision",
                ),
                L(
                    "分管领导于5月底、8月底、11月底召开季调度会",
                    "deputy leaders hold the quarterly dispatch at the end of May, August and November",
                ),
                L(
                    "主要领导6月底召开半年点评会、年终召开总结会",
                    "principal leaders hold the half-year review in late June and the year-end summary",
                ),
                L("审定衔接资金储备项目", "approve the reserve projects of the linkage funds"),
            ),
            quote="县巩固衔接领导小组建立“月通报、季调度、半年点评、年终总结”和“常态化督导”责任落实机制",
        ),
        Role(
            "lead-department",
            L("牵头部门（“一把手”为第一责任人）", "lead department (its head is the first responsible person)"),
            "county",
            ("department",),
            duties=(
                L("研究制定具体方案，明确工作重点和推进措施", "draw up the specific plan, its priorities and measures"),
                L("亲自上手，安排部署、分析研判，解决重点难点", "take charge personally: deploy, analyse, solve the hard points"),
                L("做好业务指导，每月列出任务清单，指导逐项对标提升", "guide the work and list the tasks every month"),
            ),
            quote="各牵头部门“一把手”要认真履行“第一责任人”责任,研究制定具体方案,明确工作重点和推进措施",
        ),
        Role(
            "department",
            L("县级部门包抓村", "county department for its contact village"),
            "village",
            ("department",),
            duties=(
                L("主要负责同志每月至少1次深入包抓村", "the head visits the contact village at least once a month"),
                L("现场查看工作进展，指导逐项落实任务", "see progress on site and guide each task"),
                L("实行目标责任管理，严格按照时间节点推进", "manage by objectives and keep to the deadlines"),
            ),
            visits=Frequency(1, "month", label=L("主要负责同志每月至少1次深入包抓村", "head of department at least monthly")),
            quote="各部门主要负责同志要每月至少1次深入包抓村,现场查看工作进展情况,指导逐项落实任务",
        ),
        Role(
            "township",
            L("镇（街道）党委政府", "town (street) party committee and government"),
            "town",
            ("cadre",),
            duties=(
                L(
                    "充分发挥村干部、驻村干部、网格员等力量，常态化推进任务落实",
                    "mobilise village cadres, resident cadres and grid workers to carry the tasks",
                ),
                L("对驻村干部管理负总责", "bear overall responsibility for the resident cadres"),
                L("每月报送1次重点人群住房安全动态监测结果", "report the housing-safety monitoring of key groups monthly"),
                L("对危房改造“四清”签字背书", "sign off the 'four clears' of dilapidated-house renovation"),
            ),
            quote="各镇(街道)要充分发挥村干部、驻村干部、网格员等力量,常态化推进任务落实",
        ),
        Role(
            "village-cadre",
            L("村干部（村“两委”）", "village cadre (village committees)"),
            "village",
            ("village-cadre",),
            duties=(
                L(
                    "按季度采集脱贫人口及监测对象收入支出信息",
                    "collect the income and spending of the formerly poor and monitored quarterly",
                ),
                L("村级评议危房改造和帮扶对象", "review applicants at village level"),
                L("常态化推进任务落实", "carry the tasks day to day"),
            ),
            quote="督促各镇(街道)组织村干部、驻村干部按季度采集脱贫人口及监测对象2024年收入支出信息",
        ),
        Role(
            "resident-cadre",
            L("驻村第一书记和工作队员", "resident first secretary and work-team member"),
            "village",
            ("resident-cadre",),
            scope=RESIDENT_VILLAGES,
            min_per_unit=2,
            duties=(
                L("逐户宣传讲解防返贫监测和帮扶政策", "explain the monitoring and assistance policies door to door"),
                L("按季度采集收支信息", "collect income and spending quarterly"),
                L("全面熟练掌握村情、户情", "know the village and every household"),
                L("做到“人到身到心到”", "be present in person, in body and in mind"),
            ),
            quote="对全县所有脱贫村、易地扶贫搬迁安置村(社区)、乡村振兴任务重的村、党组织软弱涣散村,"
            "规范选派政治素质硬、业务能力强的第一书记、驻村队员",
        ),
        Role(
            "dispatching-unit",
            L("驻村干部派出单位", "unit that dispatches the resident team"),
            "village",
            ("department", "city-department", "enterprise"),
            scope=RESIDENT_VILLAGES,
            duties=(
                L("主要负责同志每半年到村调研指导1次", "its head visits the village once every half year"),
                L("每半年听取1次选派人员工作情况汇报", "hear the resident cadres' report once every half year"),
                L("每年至少召开1次驻村帮扶专题会议", "hold at least one meeting on the resident team a year"),
                L(
                    "落实年休假、生活补助、保险、交通补助、健康体检等关爱制度",
                    "provide leave, allowances, insurance, travel and health checks",
                ),
            ),
            visits=Frequency(1, "half", label=L("主要负责同志每半年到村1次", "head of unit once every half year")),
            quote="各派出单位主要负责同志每半年到村调研指导1次,每半年听取1次选派人员工作情况汇报,每年至少召开1次驻村帮扶专题会议",
        ),
        Role(
            "resident-inspector",
            L("驻村干部督导检查", "inspector of resident cadres"),
            "village",
            ("inspector",),
            scope=RESIDENT_VILLAGES,
            duties=(
                L("每月开展2次驻村干部督导检查", "inspect the resident cadres twice a month"),
                L("每季度下发1次督导检查情况通报", "issue an inspection bulletin every quarter"),
                L(
                    "每年考核1次：出色者评优奖励，不胜任者及时召回",
                    "assess once a year: reward the outstanding, recall the unfit",
                ),
            ),
            visits=Frequency(2, "month", label=L("每月2次驻村干部督导检查", "two inspections a month")),
            quote="每月开展2次驻村干部督导检查,每季度下发1次督导检查情况通报,每年进行1次考核",
        ),
        Role(
            "inspection-group",
            L(
                "督查小组（县委县政府督查室、县巩固衔接督查巡查办）",
                "inspection group (county supervision office and consolidation inspection office)",
            ),
            "town",
            ("inspector",),
            duties=(
                L(
                    "每月至少1次深入镇（街道）、部门专项检查，形成督查报告并通报",
                    "inspect towns and departments at least monthly, report and publish the bulletin",
                ),
                L(
                    "不定期深入一线督查，建立问题台账，下发整改清单，实行销号管理",
                    "inspect unannounced, keep a problem ledger, issue rectification lists and close items out",
                ),
            ),
            visits=Frequency(1, "month", label=L("每月至少1次专项检查", "at least one inspection a month")),
            quote="县委、县政府督查室、县巩固衔接督查巡查办组成督查小组,每月至少1次深入镇(街道)、部门对工作落实情况进行专项检查",
        ),
        Role(
            "grid-worker",
            L("网格员", "grid worker"),
            "group",
            ("grid-worker",),
            duties=(
                L("逐户宣传讲解防返贫监测申报和帮扶政策", "explain the monitoring and assistance policies door to door"),
                L("参与对所有农户的集中全覆盖排查", "take part in screening every household"),
                L("常态化入户采集核实务工信息", "collect and check employment information at home visits"),
                L("灾时逐村逐户排查", "check village by village, household by household after a disaster"),
            ),
            quote="督促驻村干部及网格员逐户做好宣传讲解,确保所有监测户知晓帮扶政策、农户知晓防返贫监测申报政策",
        ),
        Role(
            "pairing-cadre",
            L("结对帮扶责任人", "paired assistance cadre"),
            "household",
            ("cadre",),
            scope=MONITORED,
            duties=(
                L("对监测对象和因灾易致贫返贫人口全过程跟踪监测", "follow monitored and disaster-hit households throughout"),
                L("落实针对性帮扶计划", "carry out the household's assistance plan"),
            ),
            quote="县乡村振兴局为因灾易致贫、返贫人口建立绿色通道,先行纳入救助帮扶,后履行识别认定程序,并落实结对帮扶责任人全过程跟踪监测",
        ),
        Role(
            "water-manager",
            L("农村供水管水员（饮水安全巡访）", "rural water keeper (drinking-water patrols)"),
            "village",
            ("water-manager",),
            duties=(
                L("按照“日巡访、周汇总”做好饮水安全巡访", "patrol drinking water daily, summarise weekly"),
                L("发现问题建立问题清单和整改台账", "list problems and track their rectification"),
            ),
            visits=Frequency(1, "day", label=L("日巡访", "daily patrol")),
            quote="按照“日巡访、周汇总”方式,安排人员做好饮水安全巡访",
        ),
    )


# --------------------------------------------------------------------------------------------------------------
# Coverage rules — the source's 全覆盖 / 逐户 / 所有 claims
# --------------------------------------------------------------------------------------------------------------


def _coverage_rules() -> tuple[CoverageRule, ...]:
    return (
        CoverageRule(
            "households-screened",
            L("所有农户集中全覆盖排查、逐户宣传（网格员）", "every household screened and briefed (grid worker)"),
            "grid-worker",
            "household",
            quote="对所有农户开展集中全覆盖排查",
        ),
        CoverageRule(
            "monitored-paired",
            L("每个监测对象落实结对帮扶责任人", "every monitored household has a paired cadre"),
            "pairing-cadre",
            "household",
            scope=MONITORED,
            quote="并落实结对帮扶责任人全过程跟踪监测",
        ),
        CoverageRule(
            "resident-villages-staffed",
            L("所有应派驻村均有第一书记和驻村队员", "every resident-team village has a first secretary and members"),
            "resident-cadre",
            "village",
            scope=RESIDENT_VILLAGES,
            min_actors=2,
            quote="规范选派政治素质硬、业务能力强的第一书记、驻村队员",
        ),
        CoverageRule(
            "resident-villages-dispatched",
            L("每个驻村工作队有派出单位", "every resident team has its dispatching unit"),
            "dispatching-unit",
            "village",
            scope=RESIDENT_VILLAGES,
            quote="各派出单位主要负责同志每半年到村调研指导1次",
        ),
        CoverageRule(
            "resident-villages-inspected",
            L("驻村干部督导检查覆盖所有驻村工作队", "every resident team is inspected"),
            "resident-inspector",
            "village",
            scope=RESIDENT_VILLAGES,
            quote="每月开展2次驻村干部督导检查",
        ),
        CoverageRule(
            "towns-led",
            L("每个镇（街道）有县级领导包联", "every town has a contact county leader"),
            "county-leader",
            "town",
            quote="各县级领导对照包联镇村任务,深入联系点开展检查指导",
        ),
        CoverageRule(
            "towns-inspected",
            L("督查小组深入每个镇（街道）", "the inspection group reaches every town"),
            "inspection-group",
            "town",
            quote="每月至少1次深入镇(街道)、部门对工作落实情况进行专项检查",
        ),
        CoverageRule(
            "villages-water-patrolled",
            L("全县179个行政村饮水安全巡访和排查", "drinking water patrolled in all 179 villages"),
            "water-manager",
            "village",
            quote="分别于4月份、10月份组织对全县179个行政村集中开展农村饮水安全敲门入户大排查行动",
        ),
    )


# --------------------------------------------------------------------------------------------------------------
# Staffing policy — how the mechanism staffs any county (numbers the source does not give are assumptions)
# --------------------------------------------------------------------------------------------------------------


def _policy() -> AssignmentPolicy:
    return AssignmentPolicy(
        rules=(
            StaffingRule("county-leader", "leader", per_unit=1, name=L("县级领导", "County leader")),
            StaffingRule("leading-group", "leader", per_unit=1, name=L("县巩固衔接领导小组", "Leading group")),
            StaffingRule("lead-department", "department", per_unit=10, name=L("牵头部门", "Lead department")),
            StaffingRule("department", "department", per_unit=1, units_per_actor=3, name=L("包抓部门", "Contact department")),
            StaffingRule("township", "cadre", per_unit=1, name=L("镇（街道）", "Town")),
            StaffingRule("village-cadre", "village-cadre", per_unit=1, name=L("村干部", "Village cadre")),
            StaffingRule("resident-cadre", "resident-cadre", per_unit=3, name=L("驻村干部", "Resident cadre")),
            StaffingRule("dispatching-unit", "department", per_unit=1, name=L("派出单位", "Dispatching unit")),
            StaffingRule(
                "resident-inspector", "inspector", per_unit=1, units_per_actor=10, name=L("驻村督导组", "Resident-team inspector")
            ),
            StaffingRule("inspection-group", "inspector", per_unit=1, units_per_actor=5, name=L("督查小组", "Inspection group")),
            StaffingRule("grid-worker", "grid-worker", per_unit=1, name=L("网格员", "Grid worker")),
            StaffingRule("pairing-cadre", "cadre", households_per_actor=5, name=L("帮扶责任人", "Paired cadre")),
            StaffingRule("water-manager", "water-manager", per_unit=1, name=L("管水员", "Water keeper")),
        ),
        note=L(
            "每镇1名包联县级领导；10个牵头部门（每项行动1个）；每村1个包抓部门，每部门至多3个村；每村1名村干部；"
            "每个驻村工作队3人；每组1名网格员；每5户监测对象1名结对帮扶责任人；每村1名管水员。除驻村队“第一书记+队员”外，"
            "人数均为假设，可用 --set 覆盖。",
            "One contact county leader a town; ten lead departments (one an action); one contact department a village, "
            "a department holding up to three; one village cadre a village; resident teams of three; one grid worker a group; "
            "one paired cadre per five monitored households; one water keeper a village. Apart from a resident team's "
            "first secretary plus members, these numbers are assumptions, overridable with --set.",
        ),
    )


# --------------------------------------------------------------------------------------------------------------
# Indicators — one for every numeric target of the source
# --------------------------------------------------------------------------------------------------------------


def _ind(key: str, label: Label, unit: str, *targets: IndicatorTarget, **kw: Any) -> IndicatorDef:
    return IndicatorDef(key, label, unit=unit, targets=targets, **kw)


def _tgt(value: float, quote: str, comparison: str = ">=", period: str | None = "2024") -> IndicatorTarget:
    return IndicatorTarget(value, comparison=comparison, period=period, quote=quote)  # type: ignore[arg-type]


_Q_SUBSIDY = (
    "落实分类资助参保政策(特困人员、孤儿及事实无人扶养儿童给予380元全额资助;低保对象给予215元定额资助;监测对象给予215元定额资助)"
)
_Q_WATER_TEST = "对全县210个检测点每月进行1次21项检测,全年进行2次32项全分析检测、2次46项全分析检测"
_Q_FARMS = "全年培育家庭农场3家、农民专业合作社5家,创建市级以上专业合作社3家、家庭农场3家,培育高素质农民300名"
_Q_PUBLIC_JOBS = "其中,就业乡村公岗580人,护林员43人,护河员502人,光伏公岗527人"
_Q_EXPENDITURE = "各项目实施单位要确保项目资金支出率达到4月底30%以上、6月底50%以上、9月底75%以上、12月底100%"
_Q_PLANS = "完成3个省级重点帮扶村,12个省市级乡村振兴示范村,以及省市级“千万工程”示范村规划编制任务"


def _monitoring_indicators() -> tuple[IndicatorDef, ...]:
    return (
        _ind(
            "policy-awareness-rate",
            L("监测户帮扶政策知晓率", "monitored households aware of the assistance policy"),
            "%",
            _tgt(100, "确保所有监测户知晓帮扶政策、农户知晓防返贫监测申报政策", period=None),
            aggregation="mean",
        ),
        _ind(
            "screening-coverage",
            L("农户集中排查覆盖率", "households covered by the concentrated screening"),
            "%",
            _tgt(100, "对所有农户开展集中全覆盖排查"),
            aggregation="mean",
        ),
        _ind(
            "identification-days",
            L("风险线索到识别认定天数", "days from risk clue to identification"),
            "天",
            _tgt(15, "从发现风险线索到完成监测对象识别认定不超过15天", "<=", None),
            direction="lower",
            aggregation="max",
        ),
        _ind(
            "entry-days",
            L("识别到系统录入天数", "days from identification to system entry"),
            "天",
            _tgt(10, "识别后10天内完成信息系统录入", "<=", None),
            direction="lower",
            aggregation="max",
        ),
    )


def _consolidation_indicators() -> tuple[IndicatorDef, ...]:
    return (
        _ind(
            "dropouts",
            L("义务教育阶段辍学学生数", "compulsory-education dropouts"),
            "人",
            _tgt(0, "实现全县义务教育阶段学生零辍学", "<=", None),
            direction="lower",
        ),
        _ind(
            "clinic-blank-spots",
            L("乡村医疗卫生机构和人员“空白点”", "villages without clinic or doctor"),
            "个",
            _tgt(0, "实行乡村医疗卫生机构和人员“空白点”动态清零", "<=", None),
            direction="lower",
        ),
        _ind("insured-persons", L("参保的脱贫人口和监测对象", "formerly poor and monitored people insured"), "人"),
        _ind("insurable-persons", L("脱贫人口和监测对象总数", "formerly poor and monitored people"), "人"),
        _ind(
            "insurance-enrolment-rate",
            L("脱贫人口和监测对象参保率", "insurance enrolment of the formerly poor and monitored"),
            "%",
            _tgt(100, "确保2024年全县脱贫人口、防返贫监测对象100%参保"),
            numerator="insured-persons",
            denominator="insurable-persons",
            factor=100.0,
        ),
        _ind(
            "subsidy-extreme-poor",
            L("特困人员、孤儿及事实无人扶养儿童参保资助", "premium subsidy: extreme poor, orphans, unsupported children"),
            "元/人",
            _tgt(380, _Q_SUBSIDY, "==", None),
            direction="target",
            aggregation="mean",
        ),
        _ind(
            "subsidy-dibao",
            L("低保对象参保资助", "premium subsidy: minimum-living-allowance recipients"),
            "元/人",
            _tgt(215, _Q_SUBSIDY, "==", None),
            direction="target",
            aggregation="mean",
        ),
        _ind(
            "subsidy-monitored",
            L("监测对象参保资助", "premium subsidy: monitored people"),
            "元/人",
            _tgt(215, _Q_SUBSIDY, "==", None),
            direction="target",
            aggregation="mean",
        ),
        _ind(
            "houses-rebuilt",
            L("危房改造竣工户数", "dilapidated houses rebuilt"),
            "户",
            _tgt(60, "对2024年确定的60户危改户"),
            level="county",
        ),
        _ind(
            "houses-accepted",
            L("危房改造验收并兑付补助户数", "rebuilt houses accepted and subsidy paid"),
            "户",
            _tgt(60, "11月底完成验收并兑付补助资金"),
            level="county",
        ),
        _ind(
            "villages-water-checked",
            L("饮水安全敲门入户排查村数", "villages checked door to door for drinking water"),
            "个",
            _tgt(179, "分别于4月份、10月份组织对全县179个行政村集中开展农村饮水安全敲门入户大排查行动", period="2024-04"),
            _tgt(179, "分别于4月份、10月份组织对全县179个行政村集中开展农村饮水安全敲门入户大排查行动", period="2024-10"),
        ),
        _ind(
            "water-projects-completed",
            L("供水巩固提升工程", "water-supply consolidation projects"),
            "处",
            _tgt(13, "加快实施底庙镇店子河村、张洪镇秦家村等13处供水巩固提升工程"),
            level="county",
        ),
        _ind(
            "water-test-points",
            L("每月完成21项检测的检测点", "test points with the monthly 21-item test"),
            "个",
            _tgt(210, _Q_WATER_TEST, period=None),
        ),
        _ind(
            "self-supplied-sources-tested",
            L("完成32项全分析的自备水源工程", "self-supplied water works given the 32-item analysis"),
            "处",
            _tgt(71, "对全县71处自备水源供水工程,全年进行1次32项全分析检测"),
        ),
    )


def _industry_indicators() -> tuple[IndicatorDef, ...]:
    return (
        _ind(
            "high-standard-farmland",
            L("新增高标准农田", "new high-standard farmland"),
            "亩",
            _tgt(42000, "新增高标准农田4.2万亩"),
        ),
        _ind(
            "demo-orchards",
            L("新建“万元果”示范园", "new 'ten-thousand-yuan fruit' demonstration orchards"),
            "个",
            _tgt(300, "新建高产高效“万元果”示范园300个"),
        ),
        _ind("orchards-renovated", L("改造果园", "orchards renovated"), "亩", _tgt(2000, "改造果园2000亩")),
        _ind("shared-villages", L("共享村落", "shared villages"), "个", _tgt(3, "发展共享村落3个、共享庭院160家")),
        _ind("shared-courtyards", L("共享庭院", "shared courtyards"), "家", _tgt(160, "发展共享村落3个、共享庭院160家")),
        _ind(
            "heritage-towns",
            L("省级非遗示范名镇", "provincial intangible-heritage model towns"),
            "个",
            _tgt(1, "打造省级非遗示范名镇1个"),
        ),
        _ind(
            "courtyard-economy-households",
            L("“庭院经济”示范户", "courtyard-economy model households"),
            "户",
            _tgt(200, "打造“庭院经济”示范户200个"),
        ),
        _ind(
            "villages-collective-100k",
            L("集体经济年收入10万元以上村", "villages with collective income of ¥100k or more"),
            "个",
            level="village",
        ),
        _ind("villages-total", L("行政村数", "administrative villages"), "个", level="village"),
        _ind(
            "collective-100k-share",
            L("集体经济年收入10万元以上村占比", "share of villages with collective income ≥ ¥100k"),
            "%",
            _tgt(40, "村级集体经济年收入10万元村达到40%以上"),
            numerator="villages-collective-100k",
            denominator="villages-total",
            factor=100.0,
        ),
        _ind("family-farms-new", L("新培育家庭农场", "new family farms"), "家", _tgt(3, _Q_FARMS)),
        _ind("cooperatives-new", L("新培育农民专业合作社", "new farmers' cooperatives"), "家", _tgt(5, _Q_FARMS)),
        _ind(
            "cooperatives-city-level",
            L("新创建市级以上专业合作社", "new city-level-or-above cooperatives"),
            "家",
            _tgt(3, _Q_FARMS),
        ),
        _ind(
            "family-farms-city-level",
            L("新创建市级以上家庭农场", "new city-level-or-above family farms"),
            "家",
            _tgt(3, _Q_FARMS),
        ),
        _ind("high-quality-farmers", L("培育高素质农民", "high-quality farmers trained"), "名", _tgt(300, _Q_FARMS)),
        _ind(
            "new-microcredit",
            L("新增脱贫人口小额信贷", "new micro-credit to the formerly poor"),
            "万元",
            description=L("目标：不低于去年（来源未给数值）", "target: no less than last year (no figure in the source)"),
        ),
        _ind(
            "loan-overdue-rate",
            L("小额信贷逾期率", "micro-credit overdue rate"),
            "%",
            _tgt(0.5, "力争贷款逾期率始终控制在0.5%以内", "<=", None),
            direction="lower",
            aggregation="mean",
        ),
    )


def _employment_indicators() -> tuple[IndicatorDef, ...]:
    return (
        _ind(
            "migrant-workers",
            L("脱贫劳动力务工规模", "formerly poor labourers in work"),
            "人",
            _tgt(19000, "全年脱贫劳动力务工规模不少于1.9万人"),
        ),
        _ind("public-jobs-rural", L("就业乡村公岗安置", "rural public-welfare jobs"), "人", _tgt(580, _Q_PUBLIC_JOBS)),
        _ind("forest-rangers", L("护林员", "forest rangers"), "人", _tgt(43, _Q_PUBLIC_JOBS)),
        _ind("river-keepers", L("护河员", "river keepers"), "人", _tgt(502, _Q_PUBLIC_JOBS)),
        _ind("pv-public-jobs", L("光伏公岗", "photovoltaic public-welfare jobs"), "人", _tgt(527, _Q_PUBLIC_JOBS)),
        _ind(
            "cross-province-transport-subsidy",
            L("跨省转移就业交通补助", "travel subsidy for work outside the province"),
            "元/人·年",
            _tgt(500, "持续落实省外务工人口每人每年一次性500元的跨省转移就业交通补助政策", "==", None),
            direction="target",
            aggregation="mean",
        ),
        _ind(
            "trained-workers",
            L("脱贫劳动力技能培训", "formerly poor labourers given skills training"),
            "人",
            _tgt(1400, "全年组织开展脱贫劳动力技能培训不少于1400人"),
        ),
    )


def _resident_relocation_fund_indicators() -> tuple[IndicatorDef, ...]:
    return (
        _ind(
            "resident-inspections",
            L("驻村干部督导检查次数", "inspections of resident cadres"),
            "次/月",
            _tgt(2, "每月开展2次驻村干部督导检查", period=None),
        ),
        _ind(
            "resident-team-score",
            L("驻村工作队年度考核得分", "resident team's yearly assessment score"),
            "分",
            level="village",
            aggregation="mean",
        ),
        _ind(
            "employed-per-labour-household",
            L("有劳动力搬迁户就业人数", "people employed per relocated household with labour"),
            "人/户",
            _tgt(1, "确保有劳动力的搬迁群众实现1户1人以上就业", period=None),
            level="household",
            aggregation="min",
        ),
        _ind("fund-spent", L("衔接资金项目已支出", "linkage funds spent"), "万元"),
        _ind("fund-allocated", L("衔接资金项目下达", "linkage funds allocated"), "万元"),
        _ind(
            "fund-expenditure-rate",
            L("项目资金支出率", "fund expenditure rate"),
            "%",
            _tgt(30, _Q_EXPENDITURE, period="2024-04"),
            _tgt(50, _Q_EXPENDITURE, period="2024-06"),
            _tgt(75, _Q_EXPENDITURE, period="2024-09"),
            _tgt(100, _Q_EXPENDITURE, period="2024-12"),
            numerator="fund-spent",
            denominator="fund-allocated",
            factor=100.0,
        ),
        _ind(
            "project-start-rate",
            L("项目开工率", "project start rate"),
            "%",
            aggregation="mean",
            description=L("县乡村振兴局检查考核的三项指标之一", "one of the three checked rates"),
        ),
        _ind(
            "project-completion-rate",
            L("项目完工率", "project completion rate"),
            "%",
            aggregation="mean",
            description=L("县乡村振兴局检查考核的三项指标之一", "one of the three checked rates"),
        ),
        _ind(
            "reimbursement-rate",
            L("项目报账率", "project reimbursement rate"),
            "%",
            aggregation="mean",
            description=L("县乡村振兴局检查考核的三项指标之一", "one of the three checked rates"),
        ),
    )


def _social_construction_indicators() -> tuple[IndicatorDef, ...]:
    return (
        _ind(
            "boc-assistance-funds",
            L("中行定点帮扶资金", "Bank of China assistance funds"),
            "万元",
            _tgt(1000, "全年向各类产业主体投入帮扶资金不低于1000万元"),
        ),
        _ind(
            "boc-trainees",
            L("中行远程培训人次", "Bank of China remote-training attendances"),
            "人次",
            _tgt(5000, "全年培训人数不低于5000人次"),
        ),
        _ind(
            "enterprise-village-projects",
            L("企业与村集体合作产业项目企业数", "enterprises building projects with village collectives"),
            "家",
            _tgt(5, "全年促成5家以上企业与村集体合作建设产业项目"),
        ),
        _ind(
            "enterprise-donors",
            L("公益捐赠企业", "enterprises donating"),
            "家",
            _tgt(20, "全年组织20家以上企业通过公益捐赠助力乡村振兴"),
        ),
        _ind(
            "typical-villages",
            L("“万企兴万村”典型村", "typical villages of 'ten thousand firms'"),
            "个",
            _tgt(1, "推荐“万企兴万村”行动典型村、典型项目(企业)各1个"),
        ),
        _ind(
            "typical-projects",
            L("“万企兴万村”典型项目（企业）", "typical projects (firms) of 'ten thousand firms'"),
            "个",
            _tgt(1, "推荐“万企兴万村”行动典型村、典型项目(企业)各1个"),
        ),
        _ind(
            "key-village-plans",
            L("省级重点帮扶村规划编制", "plans for provincial key-assistance villages"),
            "个",
            _tgt(3, _Q_PLANS),
        ),
        _ind(
            "model-village-plans",
            L("省市级乡村振兴示范村规划编制", "plans for provincial/city revitalisation model villages"),
            "个",
            _tgt(12, _Q_PLANS),
        ),
        _ind(
            "beautiful-model-villages",
            L("美丽宜居示范村", "beautiful, liveable model villages"),
            "个",
            _tgt(23, "全年建成美丽宜居示范村23个"),
        ),
        _ind("sanitary-toilets", L("改建卫生厕所", "sanitary toilets rebuilt"), "座", _tgt(2600, "全年改建卫生厕所2600座")),
        _ind(
            "thousand-project-villages",
            L("省市级“千万工程”示范村", "provincial/city 'Thousand Villages' model villages"),
            "个",
            _tgt(5, "争创省市级“千万工程”示范村5个"),
        ),
        _ind(
            "arena-contest-score",
            L("“拼搏赶超”擂台赛得分", "score in the quarterly 'strive and overtake' contest"),
            "分",
            aggregation="mean",
        ),
        _ind(
            "ten-actions-assessment-score",
            L("“十大提升行动”考核得分", "ten-actions assessment score"),
            "分",
            level="town",
            aggregation="mean",
            description=L("“部门、镇(街道)自查、县级督导考核”的结果", "result of self-checks and the county assessment"),
        ),
    )


def _indicators() -> tuple[IndicatorDef, ...]:
    return (
        _monitoring_indicators()
        + _consolidation_indicators()
        + _industry_indicators()
        + _employment_indicators()
        + _resident_relocation_fund_indicators()
        + _social_construction_indicators()
    )


# --------------------------------------------------------------------------------------------------------------
# Campaign — phases, the ten actions with their sub-tasks, milestones, reporting
# --------------------------------------------------------------------------------------------------------------


def _t(value: float, unit: str, indicator: str | None, label: Label | None = None, comparison: str = ">=") -> Target:
    return Target(value, unit=unit, comparison=comparison, indicator=indicator, label=label)  # type: ignore[arg-type]


def _task(key: str, label: Label, quote: str, **kw: Any) -> Task:
    return Task(key, label, quote=quote, **kw)


_RURAL_REVIVAL = L("县乡村振兴局", "county rural revitalisation bureau")
_HRSS = L("县人社局", "county human resources and social security bureau")


def _phases() -> tuple[Phase, ...]:
    return (
        Phase("mobilise", L("宣传动员阶段（4月3日前）", "mobilisation (to 3 April)"), _d(3, 1), _d(4, 3)),
        Phase(
            "implement",
            L("集中实施阶段（4月4日—10月31日）", "concentrated implementation (4 April – 31 October)"),
            _d(4, 4),
            _d(10, 31),
        ),
        Phase(
            "consolidate",
            L("巩固提升阶段（11月1日—12月31日）", "consolidation (1 November – 31 December)"),
            _d(11, 1),
            _d(12, 31),
        ),
        Phase("routine", L("转入常态化", "routine work thereafter"), dt.date(YEAR + 1, 1, 1), None),
    )


def _action_monitoring() -> Action:
    return Action(
        "monitoring",
        L("（一）防返贫监测帮扶提升行动", "(1) Monitoring and assistance against return to poverty"),
        lead=_RURAL_REVIVAL,
        outcome=L("不发生规模性返贫致贫", "no large-scale return to poverty"),
        tasks=(
            _task(
                "monitoring-training",
                L(
                    "对业务人员、村干部、驻村干部及网格员开展政策业务培训",
                    "train staff, village and resident cadres and grid workers",
                ),
                "深入镇村一线对业务人员、村干部、驻村干部及网格员,开展政策业务培训",
                lead=_RURAL_REVIVAL,
            ),
            _task(
                "policy-door-to-door",
                L("制定“明白纸”，逐户宣传讲解", "issue plain-language sheets and explain them door to door"),
                "督促驻村干部及网格员逐户做好宣传讲解",
                owner_role="grid-worker",
                cascade_level="household",
                targets=(_t(100, "%", "policy-awareness-rate"),),
            ),
            _task(
                "full-screening",
                L("对所有农户集中全覆盖排查", "screen every household"),
                "对所有农户开展集中全覆盖排查",
                owner_role="grid-worker",
                cascade_level="household",
                targets=(_t(100, "%", "screening-coverage"),),
            ),
            _task(
                "identify-and-enter",
                L(
                    "风险线索15天内识别认定，识别后10天内录入系统并制定帮扶计划",
                    "identify within 15 days of the clue, enter within 10 days, plan assistance",
                ),
                "从发现风险线索到完成监测对象识别认定不超过15天,识别后10天内完成信息系统录入,制定针对性帮扶计划",
                owner_role="township",
                within=(
                    RelativeDeadline("identified", "clue", 15, L("发现风险线索→识别认定", "risk clue → identified")),
                    RelativeDeadline("entered", "identified", 10, L("识别认定→系统录入", "identified → entered in the system")),
                ),
                targets=(_t(15, "天", "identification-days", comparison="<="), _t(10, "天", "entry-days", comparison="<=")),
            ),
            _task(
                "risk-elimination",
                L(
                    "按“农户提、镇村审、行业核、县级查”稳定消除风险",
                    "close risks: household applies, town and village review, sector checks, county verifies",
                ),
                "按照“农户提、镇村审、行业核、县级查”的方式稳定消除风险",
                owner_role="township",
            ),
            _task(
                "joint-meeting",
                L("每月下旬召开防返贫监测帮扶联席会议", "monthly joint meeting in the last ten days of the month"),
                "县乡村振兴局每月下旬组织相关部门召开全县防止返贫动态监测帮扶工作联席会议",
                lead=_RURAL_REVIVAL,
                owner_role="lead-department",
                due=Schedule("month", label=L("每月下旬", "last ten days of each month")),
            ),
            _task(
                "income-collection",
                L("按季度采集脱贫人口及监测对象收支信息", "collect income and spending quarterly"),
                "督促各镇(街道)组织村干部、驻村干部按季度采集脱贫人口及监测对象2024年收入支出信息",
                owner_role="village-cadre",
                due=Schedule("quarter"),
                cascade_level="household",
            ),
            _task(
                "income-targets",
                L(
                    "更新2024年增收目标和帮扶措施，增速不低于全省和全国",
                    "update income goals: growth no lower than province and nation",
                ),
                "确保脱贫户人均可支配收入增速不低于全省和全国平均增速",
                owner_role="township",
            ),
            _task(
                "disaster-plans",
                L("建立灾情监测预警体系，编制应急预案", "disaster warning system and emergency plans"),
                "编制应对山洪、气象灾害等应急预案,做好物资储备和技术准备",
                lead=L("县应急管理局", "county emergency management bureau"),
            ),
            _task(
                "disaster-report",
                L("县应急管理局每月报送当月受灾户情况", "monthly report of disaster-hit households"),
                "县应急管理局每月向县乡村振兴局报送当月受灾户情况",
                lead=L("县应急管理局", "county emergency management bureau"),
                due=Schedule("month"),
            ),
            _task(
                "disaster-green-channel",
                L("因灾人口绿色通道：先纳入帮扶，后识别认定", "green channel: assist first, identify afterwards"),
                "县乡村振兴局为因灾易致贫、返贫人口建立绿色通道,先行纳入救助帮扶,后履行识别认定程序",
                lead=_RURAL_REVIVAL,
                owner_role="pairing-cadre",
            ),
        ),
    )


def _action_consolidation() -> Action:
    edu = L("县教育部门", "county education bureau")
    return Action(
        "consolidation",
        L("（二）脱贫成果巩固提升行动", "(2) Consolidating the results of poverty alleviation"),
        lead=L(
            "县教育、卫健、医保、住建、水利、民政等行业部门（来源按任务分列，未单列牵头部门）",
            "county education, health, medical insurance, housing, water and civil affairs bureaus "
            "(the source names no single lead)",
        ),
        tasks=(
            _task(
                "zero-dropout",
                L(
                    "控辍保学，一生一案、一月一报，实现零辍学",
                    "keep pupils in school: a plan per pupil, a report a month, zero dropouts",
                ),
                "采取一生一案,落实一月一报,实现全县义务教育阶段学生零辍学",
                lead=edu,
                due=Schedule("month"),
                targets=(_t(0, "人", "dropouts", comparison="<="),),
            ),
            _task(
                "student-aid",
                L("家庭经济困难学生资助不漏一人", "no needy student left without aid"),
                "确保家庭经济困难学生资助不漏一人,应享尽享、应助尽助",
                lead=edu,
            ),
            _task(
                "nutrition-subsidy",
                L("及时足额拨付营养膳食补助金", "pay the school-meal subsidy fully and on time"),
                "严格执行农村义务教育学生营养改善计划,及时足额拨付营养膳食补助金",
                lead=edu,
            ),
            _task(
                "major-disease-treatment",
                L("对30种大病住院患者规范化治疗", "standard treatment of 30 major diseases"),
                "对30种大病住院患者进行规范化治疗",
                targets=(_t(30, "种", None, L("大病病种", "major diseases covered"), "=="),),
            ),
            _task(
                "chronic-disease-contracts",
                L("四种主要慢病家庭医生签约，签约率不低于其他重点人群", "family-doctor contracts for four chronic diseases"),
                "开展脱贫人口高血压、糖尿病、结核病、严重精神障碍等四种主要慢病患者家庭医生签约服务,签约率不得低于其他重点人群",
            ),
            _task(
                "one-stop-settlement",
                L("住院先诊疗后付费“一站式”结算", "treat first, pay later, one-stop settlement"),
                "对脱贫人口、农村低保对象、特困人员和易返贫致贫人口落实住院先诊疗后付费“一站式”结算报销政策",
            ),
            _task(
                "clinic-blank-spots",
                L("乡村医疗卫生机构和人员“空白点”动态清零", "no village without clinic or doctor"),
                "实行乡村医疗卫生机构和人员“空白点”动态清零",
                targets=(_t(0, "个", "clinic-blank-spots", comparison="<="),),
            ),
            _task(
                "insurance-enrolment",
                L("脱贫人口、监测对象100%参保", "100% insurance enrolment"),
                "确保2024年全县脱贫人口、防返贫监测对象100%参保",
                deadline=_d(12, 31),
                owner_role="township",
                targets=(_t(100, "%", "insurance-enrolment-rate"),),
            ),
            _task(
                "insurance-subsidy",
                L("分类资助参保：380元全额、215元、215元定额", "premium subsidies ¥380 / ¥215 / ¥215"),
                _Q_SUBSIDY,
                targets=(
                    _t(380, "元", "subsidy-extreme-poor", comparison="=="),
                    _t(215, "元", "subsidy-dibao", comparison="=="),
                    _t(215, "元", "subsidy-monitored", comparison="=="),
                ),
            ),
            _task(
                "medical-cost-alerts",
                L("高额医疗费用负担患者监测预警并纳入医疗救助", "alerts on high medical costs, medical assistance"),
                "重点做好农村低收入人口和脱贫人口中高额医疗费用负担患者监测预警",
            ),
            _task(
                "housing-monitoring",
                L("每月报送1次重点人群住房安全动态监测结果", "monthly housing-safety monitoring report"),
                "每月报送1次重点人群住房安全动态监测结果",
                owner_role="township",
                due=Schedule("month"),
            ),
            _task(
                "housing-cd-ledger",
                L(
                    "C、D级住房建台账、鉴定、纳入改造，解决一户销号一户",
                    "C/D-grade houses: ledger, appraisal, renovation, close out one by one",
                ),
                "实行销号管理制度,解决一户,销号一户,确保所有保障对象住房安全",
                owner_role="township",
            ),
            _task(
                "house-rebuild",
                L("60户危改户10月底前全部竣工", "60 dilapidated houses finished by end of October"),
                "确保10月底前全部竣工",
                deadline=_d(10, 31),
                targets=(_t(60, "户", "houses-rebuilt"),),
            ),
            _task(
                "house-acceptance",
                L("11月底完成验收并兑付补助资金", "accepted and subsidy paid by end of November"),
                "11月底完成验收并兑付补助资金",
                deadline=_d(11, 30),
                targets=(_t(60, "户", "houses-accepted"),),
            ),
            _task(
                "water-daily-patrol",
                L("饮水安全日巡访", "daily drinking-water patrol"),
                "按照“日巡访、周汇总”方式,安排人员做好饮水安全巡访",
                owner_role="water-manager",
                due=Schedule("day"),
                cascade_level="village",
            ),
            _task(
                "water-weekly-summary",
                L("饮水安全巡访周汇总", "weekly summary of water patrols"),
                "按照“日巡访、周汇总”方式",
                owner_role="township",
                due=Schedule("week"),
            ),
            _task(
                "water-door-to-door",
                L(
                    "4月、10月对179个行政村饮水安全敲门入户大排查",
                    "door-to-door water checks in all 179 villages in April and October",
                ),
                "分别于4月份、10月份组织对全县179个行政村集中开展农村饮水安全敲门入户大排查行动",
                due=Schedule("month", months=(4, 10)),
                cascade_level="village",
                targets=(_t(179, "个", "villages-water-checked"),),
            ),
            _task(
                "water-projects",
                L("实施13处供水巩固提升工程", "13 water-supply consolidation projects"),
                "加快实施底庙镇店子河村、张洪镇秦家村等13处供水巩固提升工程",
                targets=(_t(13, "处", "water-projects-completed"),),
            ),
            _task(
                "water-test-monthly",
                L("210个检测点每月1次21项检测", "21-item test at 210 points every month"),
                _Q_WATER_TEST,
                due=Schedule("month"),
                targets=(_t(210, "个", "water-test-points"),),
            ),
            _task(
                "water-test-full",
                L("检测点全年2次32项、2次46项全分析", "twice-yearly 32-item and 46-item full analyses"),
                _Q_WATER_TEST,
                due=Schedule("half", label=L("全年各2次", "twice a year each")),
                targets=(_t(210, "个", "water-test-points"),),
            ),
            _task(
                "water-test-self-supplied",
                L("71处自备水源工程全年1次32项全分析", "yearly 32-item analysis of 71 self-supplied works"),
                "对全县71处自备水源供水工程,全年进行1次32项全分析检测",
                due=Schedule("year"),
                targets=(_t(71, "处", "self-supplied-sources-tested"),),
            ),
            _task(
                "water-keepers",
                L("健全管水员制度，给予补贴并培训", "water keepers: subsidies and training"),
                "健全完善农村供水管水员制度,通过村集体经营收益、光伏发电收入补贴等方式,对农村供水管水员给予相应补贴",
            ),
            _task(
                "dibao-expansion",
                L("低保扩围增效，兜住兜准兜好基本生活", "widen and sharpen the minimum living allowance"),
                "强化低保扩围增效,规范完善低保准入条件,完善低保家庭经济状况评估认定,兜住兜准兜好困难群众基本生活",
            ),
            _task(
                "temporary-assistance",
                L("对非本地户籍常住人口及时临时救助", "temporary assistance, also for non-local residents"),
                "对非本地户籍常住人口遭遇突发困难的及时给予临时救助",
            ),
            _task(
                "low-income-monitoring",
                L("民政、人社、医保、残联数据共享，分层分类救助低收入人口", "data sharing and tiered help for low-income people"),
                "实现民政、人社、医保、残联等相关部门数据共享制度化、常态化,筛查比对重点对象,及时查访核实,分层分类实施救助",
            ),
            _task(
                "care-home-intake",
                L("吸引分散供养特困人员入住县中心敬老院", "move extreme-poor people into the county care home"),
                "吸引更多人员入住县中心敬老院",
            ),
            _task(
                "disability-subsidies",
                L("残疾人两项补贴筛查比对，符合条件及时纳入", "screen the two disability subsidies"),
                "加强残疾人两项补贴数据筛查比对,动员残疾人及时办证",
            ),
        ),
    )


def _action_industry() -> Action:
    return Action(
        "industry",
        L("（三）产业发展提升行动", "(3) Industrial development"),
        lead=L(
            "县农业农村、果业等部门（来源未单列牵头部门）",
            "county agriculture and fruit bureaus (the source names no single lead)",
        ),
        tasks=(
            _task(
                "farmland",
                L("新增高标准农田4.2万亩", "42,000 mu of new high-standard farmland"),
                "新增高标准农田4.2万亩",
                targets=(_t(42000, "亩", "high-standard-farmland"),),
            ),
            _task(
                "demo-orchards",
                L("新建“万元果”示范园300个", "300 new 'ten-thousand-yuan fruit' orchards"),
                "新建高产高效“万元果”示范园300个",
                targets=(_t(300, "个", "demo-orchards"),),
            ),
            _task(
                "orchard-renovation",
                L("改造果园2000亩", "renovate 2,000 mu of orchards"),
                "改造果园2000亩",
                targets=(_t(2000, "亩", "orchards-renovated"),),
            ),
            _task(
                "livestock-bases",
                L("建设黄马甲千万羽蛋鸡基地、温氏生猪饲料厂", "10-million-hen layer base and Wens feed mill"),
                "加快推进黄马甲千万羽蛋鸡养殖基地、温氏生猪饲料厂建设",
            ),
            _task(
                "rural-tourism",
                L("共享村落3个、共享庭院160家、省级非遗示范名镇1个", "3 shared villages, 160 shared courtyards, 1 heritage town"),
                "发展共享村落3个、共享庭院160家",
                targets=(_t(3, "个", "shared-villages"), _t(160, "家", "shared-courtyards"), _t(1, "个", "heritage-towns")),
            ),
            _task(
                "courtyard-economy",
                L("打造“庭院经济”示范户200个", "200 courtyard-economy model households"),
                "打造“庭院经济”示范户200个",
                targets=(_t(200, "户", "courtyard-economy-households"),),
            ),
            _task(
                "collective-economy",
                L("集体经济年收入10万元村达到40%以上", "≥ 40% of villages with collective income ≥ ¥100k"),
                "村级集体经济年收入10万元村达到40%以上",
                cascade_level="village",
                targets=(_t(40, "%", "collective-100k-share"),),
            ),
            _task(
                "one-village-one-product",
                L("特色产业品牌，打造“一村一品”", "specialty brands: one product a village"),
                "统筹推进彩贴剪纸、花子馍、老玉米糁、杂粮、紫苏油、土蜂蜜、老豆腐等特色产业品牌建设,打造“一村一品”",
            ),
            _task(
                "new-entities",
                L(
                    "培育家庭农场3家、合作社5家，创建市级以上合作社3家、家庭农场3家，培育高素质农民300名",
                    "3 family farms, 5 cooperatives, 3+3 city-level entities, 300 high-quality farmers",
                ),
                _Q_FARMS,
                targets=(
                    _t(3, "家", "family-farms-new"),
                    _t(5, "家", "cooperatives-new"),
                    _t(3, "家", "cooperatives-city-level"),
                    _t(3, "家", "family-farms-city-level"),
                    _t(300, "名", "high-quality-farmers"),
                ),
            ),
            _task(
                "microcredit-volume",
                L("小额信贷应贷尽贷，新增规模不低于去年", "lend to all eligible; new lending no less than last year"),
                "确保新增贷款规模不低于去年",
            ),
            _task(
                "microcredit-overdue",
                L("贷款逾期率控制在0.5%以内", "overdue rate within 0.5%"),
                "力争贷款逾期率始终控制在0.5%以内",
                targets=(_t(0.5, "%", "loan-overdue-rate", comparison="<="),),
            ),
            _task(
                "overdue-ledger",
                L("逾期超过半年的贷款台账销号管理", "ledger and close-out of loans overdue over six months"),
                "对逾期超过半年的贷款建立台账销号管理,做到应偿尽偿",
            ),
        ),
    )


def _action_employment() -> Action:
    return Action(
        "employment",
        L("（四）稳岗就业提升行动", "(4) Stable employment"),
        lead=_HRSS,
        tasks=(
            _task(
                "migrant-workers",
                L("脱贫劳动力务工规模不少于1.9万人", "at least 19,000 formerly poor labourers in work"),
                "全年脱贫劳动力务工规模不少于1.9万人",
                lead=_HRSS,
                targets=(_t(19000, "人", "migrant-workers"),),
            ),
            _task(
                "employment-campaigns",
                L("春风行动、就业援助月、金秋招聘月等专项活动", "Spring Breeze, Employment Aid Month, Autumn Recruitment Month"),
                "开展春风行动、就业援助月、金秋招聘月等就业专项活动",
                lead=_HRSS,
            ),
            _task(
                "employment-info",
                L("常态化入户采集核实务工信息，建立实名制台账", "collect employment information at home, named ledger"),
                "常态化入户采集核实务工信息,及时掌握务工情况,建立完善实名制务工台账",
                owner_role="grid-worker",
                cascade_level="household",
            ),
            _task(
                "employment-report",
                L("县人社局每月25日前报送县乡村振兴局", "monthly employment report by the 25th"),
                "县人社局汇总后每月25日前报送县乡村振兴局",
                lead=_HRSS,
                due=Schedule("month", day=25),
            ),
            _task(
                "employment-system",
                L(
                    "更新“务工监测”模块，三级台账账账相符、账实相符",
                    "update the employment module; ledgers agree at three levels",
                ),
                "确保县镇村三级脱贫人口务工台账数据账账相符、账实相符",
                lead=_RURAL_REVIVAL,
            ),
            _task(
                "public-jobs",
                L(
                    "乡村公岗安置不少于上年度：公岗580、护林员43、护河员502、光伏公岗527",
                    "public-welfare jobs: 580 rural, 43 forest, 502 river, 527 photovoltaic",
                ),
                _Q_PUBLIC_JOBS,
                targets=(
                    _t(580, "人", "public-jobs-rural"),
                    _t(43, "人", "forest-rangers"),
                    _t(502, "人", "river-keepers"),
                    _t(527, "人", "pv-public-jobs"),
                ),
            ),
            _task(
                "transport-subsidy",
                L("省外务工每人每年一次性500元交通补助", "¥500 a year travel subsidy for work outside the province"),
                "持续落实省外务工人口每人每年一次性500元的跨省转移就业交通补助政策",
                lead=_HRSS,
                targets=(_t(500, "元", "cross-province-transport-subsidy", comparison="=="),),
            ),
            _task(
                "skills-training",
                L("脱贫劳动力技能培训不少于1400人", "skills training for at least 1,400"),
                "全年组织开展脱贫劳动力技能培训不少于1400人",
                lead=_HRSS,
                targets=(_t(1400, "人", "trained-workers"),),
            ),
        ),
    )


def _action_resident() -> Action:
    return Action(
        "resident-teams",
        L("（五）驻村帮扶提升行动", "(5) Resident village teams"),
        lead=L(
            "县委组织部、县乡村振兴局（来源未单列牵头部门）",
            "county organisation department and rural revitalisation bureau (not named by the source)",
        ),
        tasks=(
            _task(
                "resident-selection",
                L("规范选派第一书记、驻村队员", "select first secretaries and team members"),
                "规范选派政治素质硬、业务能力强的第一书记、驻村队员",
                owner_role="dispatching-unit",
                cascade_level="village",
            ),
            _task(
                "resident-inspection",
                L("每月开展2次驻村干部督导检查", "inspect resident cadres twice a month"),
                "每月开展2次驻村干部督导检查",
                owner_role="resident-inspector",
                due=Schedule("month", label=L("每月2次", "twice a month")),
                targets=(_t(2, "次", "resident-inspections"),),
            ),
            _task(
                "resident-bulletin",
                L("每季度下发1次督导检查情况通报", "quarterly inspection bulletin"),
                "每季度下发1次督导检查情况通报",
                owner_role="resident-inspector",
                due=Schedule("quarter"),
            ),
            _task(
                "resident-assessment",
                L("每年进行1次考核，出色者评优奖励，不胜任者召回", "yearly assessment: reward or recall"),
                "每年进行1次考核,对表现出色的给予评优奖励,对不胜任的及时召回",
                owner_role="resident-inspector",
                due=Schedule("year"),
            ),
            _task(
                "resident-training",
                L("举办全县驻村干部业务专题培训班", "county training course for resident cadres"),
                "举办全县驻村干部业务专题培训班",
            ),
            _task(
                "dispatching-visit",
                L("派出单位主要负责同志每半年到村调研指导1次", "head of dispatching unit visits every half year"),
                "各派出单位主要负责同志每半年到村调研指导1次",
                owner_role="dispatching-unit",
                due=Schedule("half"),
                cascade_level="village",
            ),
            _task(
                "dispatching-hearing",
                L("每半年听取1次选派人员工作汇报", "hear the team's report every half year"),
                "每半年听取1次选派人员工作情况汇报",
                owner_role="dispatching-unit",
                due=Schedule("half"),
            ),
            _task(
                "dispatching-meeting",
                L("每年至少召开1次驻村帮扶专题会议", "at least one meeting on the team a year"),
                "每年至少召开1次驻村帮扶专题会议",
                owner_role="dispatching-unit",
                due=Schedule("year"),
            ),
            _task(
                "resident-care",
                L("落实年休假、生活补助、意外伤害保险、交通补助、健康体检", "leave, allowance, insurance, travel, health checks"),
                "全面落实驻村干部年休假、生活补助、人身意外伤害保险、交通补助、健康体检等关爱制度",
                owner_role="dispatching-unit",
            ),
        ),
    )


def _action_relocation() -> Action:
    return Action(
        "relocation",
        L("（六）易地搬迁后续扶持提升行动", "(6) Follow-up support after relocation"),
        tasks=(
            _task(
                "relocated-employment",
                L("有劳动力的搬迁户1户1人以上就业", "at least one person employed per relocated household with labour"),
                "确保有劳动力的搬迁群众实现1户1人以上就业",
                owner_role="township",
                cascade_level="household",
                targets=(_t(1, "人/户", "employed-per-labour-household"),),
            ),
            _task(
                "resettlement-facilities",
                L("安置点水、电、路、气、垃圾处置等配套设施排查管护", "check and maintain the sites' utilities"),
                "加强安置点水、电、路、气、垃圾处置等配套设施情况排查管护",
            ),
            _task(
                "resettlement-services",
                L(
                    "健全安置村（社区）党组织，选派第一书记和工作队",
                    "party organisation, first secretary and team in resettlement communities",
                ),
                "各派出单位按要求选派第一书记和工作队",
                owner_role="dispatching-unit",
            ),
        ),
    )


def _action_funds() -> Action:
    joint = L(
        "县乡村振兴、农业、财政、果业、发改等部门专项督查组",
        "joint group of the rural revitalisation, agriculture, finance, fruit and development bureaus",
    )
    return Action(
        "funds",
        L("（七）财政衔接资金项目使用管理提升行动", "(7) Management of fiscal linkage funds and projects"),
        lead=_RURAL_REVIVAL,
        tasks=(
            _task(
                "project-library",
                L(
                    "按“村申请、镇初审、部门审核、领导小组审定”建好储备项目库",
                    "reserve project library: village, town, department, leading group",
                ),
                "按照“村申请、镇初审、部门审核、领导小组审定”的程序,建好储备项目库",
                owner_role="leading-group",
            ),
            _task(
                "project-library-adjust",
                L("每半年动态调整储备项目", "adjust the reserve projects every half year"),
                "每半年对储备项目进行一次动态调整",
                lead=_RURAL_REVIVAL,
                due=Schedule("half"),
            ),
            _task(
                "fund-data-check",
                L("每月集中排查系统项目资金数据，月底前修正", "monthly data check, fixed by month-end"),
                "每月组织开展系统项目资金数据集中排查,督促各责任单位月底前修正完善数据信息",
                lead=_RURAL_REVIVAL,
                due=Schedule("month"),
            ),
            _task(
                "project-rates-check",
                L("围绕开工率、完工率、报账率检查考核", "check start, completion and reimbursement rates"),
                "县乡村振兴局要联合各相关单位,围绕各项目开工率、完工率、报账率三项指标进行检查考核",
                lead=_RURAL_REVIVAL,
            ),
            _task(
                "fund-expenditure",
                L(
                    "项目资金支出率4月底30%、6月底50%、9月底75%、12月底100%",
                    "spend 30/50/75/100% by end of April/June/September/December",
                ),
                _Q_EXPENDITURE,
                deadline=_d(12, 31),
                targets=(_t(100, "%", "fund-expenditure-rate"),),
            ),
            _task(
                "asset-review",
                L("对2013年至2023年底扶贫资产全面“回头看”", "review all poverty-alleviation assets of 2013–2023"),
                "对2013年至2023年底使用各级财政扶贫资金、财政涉农统筹整合资金、行业扶贫资金、苏陕协作资金和社会扶贫资金、地方债券支持脱贫攻坚资金等资产进行全面“回头看”",
                lead=_RURAL_REVIVAL,
            ),
            _task(
                "asset-ledger",
                L("按县、部门、镇、村四级建好资产台账并确权移交", "four-level asset ledger; confirm ownership, hand over"),
                "按照县、部门、镇、村四级建好扶贫项目资产台账,明确产权归属",
                lead=_RURAL_REVIVAL,
            ),
            _task(
                "asset-upkeep",
                L("经营性资产明确管护责任人，签订管护协议", "upkeep of productive assets: keeper and agreement"),
                "建立经营性资产后续管护机制,明确管护责任人,签订管护协议",
            ),
            _task(
                "joint-inspection",
                L("6月、9月、11月专项督导检查", "joint inspections in June, September and November"),
                "分别于6月、9月、11月围绕2024年财政衔接资金支持项目和扶贫资产管护工作",
                lead=joint,
                due=Schedule("month", months=(6, 9, 11)),
            ),
        ),
    )


def _action_social() -> Action:
    return Action(
        "social-assistance",
        L("（八）社会帮扶提升行动", "(8) Social assistance"),
        lead=L(
            "中国银行（定点帮扶）、泰兴市（对口协作）、县工商联等（来源未单列牵头部门）",
            "Bank of China (designated assistance), Taixing City (paired cooperation), "
            "county federation of industry (not named as lead)",
        ),
        tasks=(
            _task(
                "boc-funds",
                L("中行全年投入帮扶资金不低于1000万元", "Bank of China funds ≥ ¥10 million"),
                "全年向各类产业主体投入帮扶资金不低于1000万元",
                lead=L("中国银行", "Bank of China"),
                targets=(_t(1000, "万元", "boc-assistance-funds"),),
            ),
            _task(
                "boc-training",
                L("中行线上远程培训不低于5000人次", "Bank of China remote training ≥ 5,000 attendances"),
                "全年培训人数不低于5000人次",
                lead=L("中国银行", "Bank of China"),
                targets=(_t(5000, "人次", "boc-trainees"),),
            ),
            _task(
                "taixing-plan",
                L("编制2024年泰旬协作工作要点", "2024 Taixing–Xunyi cooperation points"),
                "编制2024年泰旬协作工作要点",
            ),
            _task(
                "taixing-visits",
                L("上半年完成互访，签订年度结对帮扶协议", "mutual visits and the yearly agreement in the first half"),
                "力争上半年完成互访活动,签订两地年度结对帮扶协议",
                deadline=_d(6, 30),
            ),
            _task(
                "taixing-parks",
                L("泰兴园区与旬邑医药健康产业园合作共建", "Taixing parks co-build the Xunyi medicine and health park"),
                "深化泰兴经济开发区、泰兴黄桥经济开发区、泰兴市农产品加工园区与旬邑医药健康产业园合作共建",
            ),
            _task(
                "taixing-model-village",
                L("“四方双结对、共建示范村”协作试点", "'four parties, double pairing' model village pilot"),
                "通过“四方双结对、共建示范村”协作试点,建设具有泰旬协作特色的乡村振兴示范村",
            ),
            _task(
                "enterprise-projects",
                L("促成5家以上企业与村集体合作建设产业项目", "≥ 5 enterprises build projects with village collectives"),
                "全年促成5家以上企业与村集体合作建设产业项目",
                targets=(_t(5, "家", "enterprise-village-projects"),),
            ),
            _task(
                "enterprise-donors",
                L("组织20家以上企业公益捐赠", "≥ 20 enterprises donate"),
                "全年组织20家以上企业通过公益捐赠助力乡村振兴",
                targets=(_t(20, "家", "enterprise-donors"),),
            ),
            _task(
                "typical-cases",
                L("推荐“万企兴万村”典型村、典型项目（企业）各1个", "one typical village and one typical project"),
                "推荐“万企兴万村”行动典型村、典型项目(企业)各1个",
                targets=(_t(1, "个", "typical-villages"), _t(1, "个", "typical-projects")),
            ),
            _task(
                "mass-organisations",
                L("工会、共青团、妇联专项帮扶", "trade union, youth league and women's federation assistance"),
                "开展工会、共青团、妇联等专项帮扶行动",
            ),
        ),
    )


def _action_construction() -> Action:
    return Action(
        "rural-construction",
        L("（九）乡村建设提升行动", "(9) Rural construction"),
        lead=L(
            "县住建、自然资源、农业农村等部门（来源未单列牵头部门）",
            "county housing, natural resources and agriculture bureaus (not named by the source)",
        ),
        tasks=(
            _task(
                "village-planning",
                L("所有村庄编制“多规合一”实用性村庄规划", "a practical multi-plan-in-one plan for every village"),
                "加快推进所有村庄编制“多规合一”实用性村庄规划",
                cascade_level="village",
            ),
            _task(
                "key-village-plans",
                L("完成3个省级重点帮扶村、12个省市级示范村规划编制", "plans for 3 key-assistance and 12 model villages"),
                _Q_PLANS,
                targets=(_t(3, "个", "key-village-plans"), _t(12, "个", "model-village-plans")),
            ),
            _task(
                "beautiful-villages",
                L("建成美丽宜居示范村23个", "23 beautiful, liveable model villages"),
                "全年建成美丽宜居示范村23个",
                targets=(_t(23, "个", "beautiful-model-villages"),),
            ),
            _task(
                "toilets",
                L("改建卫生厕所2600座，改一户、成一户", "2,600 sanitary toilets, each one working"),
                "全年改建卫生厕所2600座,确保改一户、成一户",
                targets=(_t(2600, "座", "sanitary-toilets"),),
            ),
            _task(
                "sewage-and-waste", L("统筹农村生活污水和垃圾治理", "rural sewage and rubbish"), "统筹推进农村生活污水和垃圾治理"
            ),
            _task(
                "four-good-roads",
                L("通过“四好农村路”全国示范县创建", "pass the national 'four good rural roads' model county"),
                "通过“四好农村路”全国示范县创建",
            ),
            _task(
                "risk-screening",
                L(
                    "常态化排查交通、消防、经营性自建房等风险隐患",
                    "routine risk checks: traffic, fire, self-built commercial buildings",
                ),
                "常态化开展乡村交通、消防、经营性自建房等重点领域风险隐患排查治理",
            ),
            _task(
                "thousand-project-villages",
                L("争创省市级“千万工程”示范村5个", "5 provincial/city 'Thousand Villages' model villages"),
                "争创省市级“千万工程”示范村5个",
                targets=(_t(5, "个", "thousand-project-villages"),),
            ),
            _task(
                "arena-contest",
                L("每季度举办乡村振兴“拼搏赶超”擂台赛", "quarterly 'strive and overtake' contest"),
                "每季度举办乡村振兴“拼搏赶超”擂台赛",
                due=Schedule("quarter"),
            ),
        ),
    )


def _action_governance() -> Action:
    return Action(
        "governance",
        L("（十）乡村治理提升行动", "(10) Rural governance"),
        lead=L(
            "县委组织部、政法委、宣传部等（来源未单列牵头部门）",
            "county organisation, political-legal and publicity departments (not named by the source)",
        ),
        tasks=(
            _task(
                "party-building",
                L("建强农村基层党组织，培育村党组织带头人后备力量", "strengthen village party branches and their successors"),
                "建好建强农村基层党组织,健全村党组织领导的村级组织体系",
            ),
            _task(
                "rural-culture",
                L("开展乡村治理、文明家园创建、道德模范评选", "governance, civilised-home and moral-model activities"),
                "组织开展乡村治理、文明家园创建、道德模范评选等活动",
            ),
            _task(
                "customs-reform",
                L(
                    "移风易俗：治理高价彩礼、人情攀比、厚葬薄养",
                    "reform customs: bride prices, gift competition, lavish funerals",
                ),
                "逐步推动解决高价彩礼、人情攀比、厚葬薄养等现实难题",
            ),
            _task(
                "safe-villages",
                L(
                    "坚持“枫桥经验”，推广积分制、清单制、数字化、接诉即办",
                    "Fengqiao experience; points, lists, digital, respond-on-call",
                ),
                "推广积分制、清单制、数字化、接诉即办等治理方式",
            ),
            _task(
                "anti-gambling-fraud",
                L("打击农村赌博，防范电信网络诈骗", "fight rural gambling and telecom fraud"),
                "持续开展打击整治农村赌博违法犯罪专项行动,加强电信网络诈骗宣传防范",
            ),
        ),
    )


def _action_coordination() -> Action:
    """Tasks of 三、实施步骤 and 四、工作要求 that belong to no single action; kept apart so the ten stay ten."""
    return Action(
        "coordination",
        L("统筹推进（实施步骤与工作要求，非十大行动之一）", "Coordination (steps and requirements; not one of the ten actions)"),
        tasks=(
            _task(
                "mobilisation-meetings",
                L("各镇（街道）、各部门召开动员大会", "mobilisation meetings in every town and department"),
                "各镇(街道)、各部门召开“十大提升行动”动员大会,全面安排部署",
                owner_role="township",
                deadline=_d(4, 3),
                cascade_level="town",
            ),
            _task(
                "specific-plans",
                L("牵头部门研究制定具体方案", "lead departments draw up specific plans"),
                "研究制定具体方案,明确工作重点和推进措施",
                owner_role="lead-department",
                deadline=_d(4, 3),
            ),
            _task(
                "monthly-task-lists",
                L("牵头部门每月列出任务清单", "lead departments list the tasks monthly"),
                "各牵头部门要做好业务指导,每月列出任务清单,指导逐项对标提升",
                owner_role="lead-department",
                due=Schedule("month"),
            ),
            _task(
                "department-village-visits",
                L("部门主要负责同志每月至少1次深入包抓村", "department heads visit the contact village monthly"),
                "各部门主要负责同志要每月至少1次深入包抓村",
                owner_role="department",
                due=Schedule("month"),
                cascade_level="village",
            ),
            _task(
                "county-leader-checks",
                L("县级领导深入联系点检查指导", "county leaders check their contact points"),
                "各县级领导对照包联镇村任务,深入联系点开展检查指导,现场协调解决问题",
                owner_role="county-leader",
                cascade_level="town",
            ),
            _task(
                "self-check",
                L("部门、镇（街道）自查", "self-checks of departments and towns"),
                "采取“部门、镇(街道)自查、县级督导考核”的方式",
                owner_role="township",
                deadline=_d(12, 31),
                cascade_level="town",
            ),
            _task(
                "county-assessment",
                L("县级督导考核，结果作为年终成效考核重要依据", "county assessment, feeding the year-end assessment"),
                "考核结果作为年终成效考核重要依据",
                owner_role="leading-group",
                deadline=_d(12, 31),
            ),
        ),
    )


def _milestones() -> tuple[Milestone, ...]:
    def spend(key: str, month: int, day: int, pct: float, zh: str, en: str) -> Milestone:
        return Milestone(key, L(zh, en), _d(month, day), _t(pct, "%", "fund-expenditure-rate"))

    return (
        spend("spend-30", 4, 30, 30, "4月底项目资金支出率30%以上", "≥ 30% of project funds spent by end of April"),
        spend("spend-50", 6, 30, 50, "6月底项目资金支出率50%以上", "≥ 50% spent by end of June"),
        spend("spend-75", 9, 30, 75, "9月底项目资金支出率75%以上", "≥ 75% spent by end of September"),
        spend("spend-100", 12, 31, 100, "12月底项目资金支出率100%", "100% spent by end of December"),
        Milestone(
            "houses-completed",
            L("10月底前60户危改户全部竣工", "60 houses finished by end of October"),
            _d(10, 31),
            _t(60, "户", "houses-rebuilt"),
        ),
        Milestone(
            "houses-accepted",
            L("11月底完成验收并兑付补助资金", "accepted and paid by end of November"),
            _d(11, 30),
            _t(60, "户", "houses-accepted"),
        ),
    )


def _reporting() -> tuple[ReportingEvent, ...]:
    return (
        ReportingEvent(
            "monthly-bulletin",
            L("月通报：督查小组每月至少1次专项检查，形成督查报告并通报", "monthly bulletin from the inspection group's report"),
            Schedule("month"),
            owner_role="inspection-group",
        ),
        ReportingEvent(
            "quarterly-dispatch",
            L("季调度：5月底、8月底、11月底由分管领导召开调度会", "quarterly dispatch at the end of May, August, November"),
            Schedule("month", months=(5, 8, 11)),
            owner_role="leading-group",
        ),
        ReportingEvent(
            "half-year-review",
            L("半年点评：6月底主要领导召开半年点评会", "half-year review at the end of June"),
            Schedule("month", months=(6,)),
            owner_role="leading-group",
        ),
        ReportingEvent(
            "year-end-summary",
            L("年终总结：主要领导召开总结会，表彰先进，鞭策后进", "year-end summary: commend the advanced, spur the lagging"),
            Schedule("year"),
            owner_role="leading-group",
        ),
    )


def _campaign() -> Campaign:
    return Campaign(
        "ten-actions-2024",
        L("“十大提升行动”（2024年3月—12月）", "Ten improvement actions (March – December 2024)"),
        start=_d(3, 1),
        end=_d(12, 31),
        phases=_phases(),
        actions=(
            _action_monitoring(),
            _action_consolidation(),
            _action_industry(),
            _action_employment(),
            _action_resident(),
            _action_relocation(),
            _action_funds(),
            _action_social(),
            _action_construction(),
            _action_governance(),
            _action_coordination(),
        ),
        milestones=_milestones(),
        reporting=_reporting(),
    )


# --------------------------------------------------------------------------------------------------------------
# Scoring — assessment, commendation, resident-team appraisal, contests, supervision with 销号
# --------------------------------------------------------------------------------------------------------------


def _scoring() -> Scoring:
    towns = PeerGroup("towns", L("镇（街道）", "towns and street"), "town")
    return Scoring(
        scorecards=(
            Scorecard(
                "ten-actions-assessment",
                L("“十大提升行动”成效考核（自查+县级督导考核）", "ten-actions assessment (self-check + county assessment)"),
                "town",
                period="year",
                items=(ScoreItem("ten-actions-assessment-score", 1.0),),
            ),
            Scorecard(
                "project-checks",
                L("衔接资金项目检查考核（开工率、完工率、报账率）", "linkage-project check (start, completion, reimbursement)"),
                "town",
                period="quarter",
                items=(
                    ScoreItem("project-start-rate", 1.0),
                    ScoreItem("project-completion-rate", 1.0),
                    ScoreItem("reimbursement-rate", 1.0),
                ),
            ),
            Scorecard(
                "resident-team-assessment",
                L("驻村干部年度考核", "yearly assessment of resident cadres"),
                "village",
                period="year",
                items=(ScoreItem("resident-team-score", 1.0),),
            ),
            Scorecard(
                "arena-contest",
                L("乡村振兴“拼搏赶超”擂台赛", "'strive and overtake' contest"),
                "village",
                period="quarter",
                items=(ScoreItem("arena-contest-score", 1.0),),
            ),
        ),
        rankings=(
            Ranking(
                "year-end",
                L("年终“十大提升行动”考核排名", "year-end ranking"),
                "ten-actions-assessment",
                period="year",
                peer_groups=(towns,),
                published=L("年终总结会通报", "announced at the year-end summary meeting"),
            ),
            Ranking(
                "resident-teams",
                L("驻村工作队年度考核", "resident teams, yearly"),
                "resident-team-assessment",
                period="year",
                peer_groups=(
                    PeerGroup(
                        "resident-villages",
                        L("驻村工作队所在村", "resident-team villages"),
                        "village",
                        tags_any=("resident-team",),
                    ),
                ),
            ),
            Ranking(
                "arena",
                L("擂台赛季度排名", "quarterly contest ranking"),
                "arena-contest",
                period="quarter",
                peer_groups=(PeerGroup("model-villages", L("示范村", "model villages"), "village", tags_any=("model-village",)),),
                published=L("擂台赛", "the contest"),
            ),
        ),
        tier_schemes=(
            TierScheme(
                "year-end-commendation",
                L("年终表彰先进", "year-end commendation"),
                "year-end",
                by="rank",
                tiers=(Tier("advanced", L("先进", "advanced"), max_rank=3),),
            ),
            TierScheme(
                "resident-appraisal",
                L("驻村干部评优与召回", "resident cadres: commendation or recall"),
                "resident-teams",
                tiers=(
                    Tier("outstanding", L("表现出色（评优奖励）", "outstanding (commended)"), min_score=90.0),
                    Tier(
                        "competent", L("称职（低于此线为不胜任，及时召回）", "competent (below: unfit, recalled)"), min_score=60.0
                    ),
                ),
            ),
        ),
        lists=(
            ListRule(
                "lagging",
                L("后进（年终鞭策）", "lagging (spurred at year end)"),
                "black",
                "year-end",
                n=1,
                period="year",
                consequence=L("年终总结会鞭策后进", "named and spurred at the year-end summary"),
            ),
        ),
        supervision=Supervision(
            L("常态化督导：问题台账、整改清单、销号管理", "routine supervision: problem ledger, rectification list, close-out"),
            rectification_days=30,
            categories=(
                AccountabilityCategory(
                    "slackening", L("松劲懈怠", "slackening"), L("坚决防止出现松劲懈怠心理", "guard firmly against slackening")
                ),
                AccountabilityCategory(
                    "resting",
                    L("“歇歇脚”", "'resting one's feet'"),
                    L("防止“歇歇脚”现象", "guard against stopping to rest after success"),
                ),
            ),
            lists=(L("问题台账", "problem ledger"), L("整改清单", "rectification list")),
            methods=(
                L(
                    "月通报：督查小组每月至少1次专项检查，督查报告送主要领导和分管领导审阅并通报",
                    "monthly inspection and bulletin, report read by the county leaders",
                ),
                L("不定期深入一线督查检查，实行销号管理", "unannounced front-line inspections with close-out"),
                L(
                    "项目实施单位自查、县级联合检查（6月、9月、11月）",
                    "self-checks and joint county inspections (June, September, November)",
                ),
                L("部门、镇（街道）自查、县级督导考核", "self-checks and county assessment in the consolidation phase"),
                L("每月2次驻村干部督导检查，每季度通报", "two inspections of resident cadres a month, quarterly bulletin"),
                L("危房“解决一户，销号一户”；逾期贷款台账销号", "close out each house once fixed; ledger of overdue loans"),
            ),
        ),
        uses=(
            L("考核结果作为年终成效考核重要依据", "the assessment feeds the year-end effectiveness assessment"),
            L("驻村干部表现出色的给予评优奖励，不胜任的及时召回", "resident cadres: commendation or recall"),
        ),
    )


# --------------------------------------------------------------------------------------------------------------
# Features — named structures the model has no field for
# --------------------------------------------------------------------------------------------------------------


def _items(*pairs: tuple[str, str, str]) -> tuple[FeatureItem, ...]:
    """Feature items from (key, zh, en) triples."""
    return tuple(FeatureItem(k, L(zh, en)) for k, zh, en in pairs)


def _features() -> tuple[Feature, ...]:
    return (
        Feature(
            "risk-elimination-steps",
            L("稳定消除风险程序", "steps to close a household's risk"),
            _items(
                ("household", "农户提", "household applies"),
                ("town-village", "镇村审", "town and village review"),
                ("sector", "行业核", "sector bureaus verify"),
                ("county", "县级查", "county checks"),
            ),
            description=L("“农户提、镇村审、行业核、县级查”", "four steps, quoted from the source"),
        ),
        Feature(
            "dropout-mechanisms",
            L("控辍保学工作机制", "keeping pupils in school"),
            _items(
                ("double-line", "“双线”", "double line"),
                ("four-links", "“四联”", "four links"),
                ("five-guarantees", "“五包”", "five guarantees"),
                ("seven-heads", "“七长”", "seven heads"),
            ),
            description=L("来源只列名称，未展开", "the source names them without detail"),
        ),
        Feature(
            "student-aid-procedure",
            L("学生资助程序", "student-aid procedure"),
            _items(
                ("survey", "学校摸底", "school survey"),
                ("apply", "学生申请", "student applies"),
                ("review", "学校评议", "school review"),
                ("publicise", "学校公示", "school publicises"),
                ("approve", "县教育部门审核", "county education bureau approves"),
            ),
        ),
        Feature(
            "chronic-diseases",
            L("四种主要慢病（家庭医生签约）", "four chronic diseases (family-doctor contracts)"),
            _items(
                ("hypertension", "高血压", "hypertension"),
                ("diabetes", "糖尿病", "diabetes"),
                ("tuberculosis", "结核病", "tuberculosis"),
                ("mental", "严重精神障碍", "severe mental disorder"),
            ),
        ),
        Feature(
            "insurance-subsidies",
            L("分类资助参保", "premium subsidies by group"),
            (
                FeatureItem(
                    "extreme-poor",
                    L("特困人员、孤儿及事实无人扶养儿童（全额资助）", "extreme poor, orphans, unsupported children (full)"),
                    380,
                    "元",
                    quote=_Q_SUBSIDY,
                ),
                FeatureItem(
                    "dibao", L("低保对象（定额资助）", "minimum-allowance recipients (fixed)"), 215, "元", quote=_Q_SUBSIDY
                ),
                FeatureItem("monitored", L("监测对象（定额资助）", "monitored people (fixed)"), 215, "元", quote=_Q_SUBSIDY),
            ),
        ),
        Feature(
            "medical-security-tiers",
            L("三重保障制度", "three-tier medical security"),
            _items(
                ("basic", "基本医疗保险", "basic medical insurance"),
                ("major", "大病保险", "major-illness insurance"),
                ("assistance", "医疗救助", "medical assistance"),
            ),
        ),
        Feature(
            "housing-four-clears",
            L("危房改造“四清一责任”", "dilapidated housing: four clears and one responsibility"),
            _items(
                ("problem", "问题清", "problem clear"),
                ("appraisal", "鉴定清", "appraisal clear"),
                ("renovation", "改造清", "renovation clear"),
                ("acceptance", "验收清", "acceptance clear"),
                ("responsibility", "各镇(街道)签字背书夯实责任", "towns sign off the responsibility"),
            ),
        ),
        Feature(
            "housing-procedure",
            L("危房改造审批程序", "dilapidated-housing approval"),
            _items(
                ("apply", "农户申请", "household applies"),
                ("village", "村级评议", "village review"),
                ("town", "镇(街道)审核", "town checks"),
                ("county", "县级审批", "county approves"),
            ),
        ),
        Feature(
            "water-testing",
            L("农村饮水水质检测", "rural drinking-water testing"),
            (
                FeatureItem(
                    "monthly-21", L("210个检测点每月1次21项检测", "210 points, 21 items monthly"), 210, "个", quote=_Q_WATER_TEST
                ),
                FeatureItem(
                    "full-32", L("检测点全年2次32项全分析", "32-item full analysis twice a year"), 2, "次", quote=_Q_WATER_TEST
                ),
                FeatureItem(
                    "full-46", L("检测点全年2次46项全分析", "46-item full analysis twice a year"), 2, "次", quote=_Q_WATER_TEST
                ),
                FeatureItem(
                    "self-supplied-32",
                    L("71处自备水源全年1次32项全分析", "71 self-supplied works, one 32-item analysis a year"),
                    71,
                    "处",
                    quote="对全县71处自备水源供水工程,全年进行1次32项全分析检测",
                ),
            ),
        ),
        Feature(
            "industry-system",
            L("“六主导四特色”产业体系与“两带三区多点”布局", "'six leading, four specialty' industries, 'two belts, three zones'"),
            (
                FeatureItem(
                    "leading", L("主导产业", "leading industries"), 6, "个", quote="着力构建“六主导四特色”现代农业产业体系"
                ),
                FeatureItem(
                    "specialty", L("特色产业", "specialty industries"), 4, "个", quote="着力构建“六主导四特色”现代农业产业体系"
                ),
            ),
            description=L("来源未列各产业名称", "the source does not name the industries"),
        ),
        Feature(
            "industry-chains",
            L("六条产业链", "six industry chains"),
            _items(
                ("grain", "粮食链", "grain"),
                ("apple", "苹果链", "apples"),
                ("livestock", "养殖链", "livestock"),
                ("vegetable", "蔬菜链", "vegetables"),
                ("herbs", "药材链", "medicinal herbs"),
                ("integration", "融合链", "integration"),
            ),
        ),
        Feature(
            "village-specialties",
            L("“一村一品”特色产品", "one product a village"),
            _items(
                ("paper-cut", "彩贴剪纸", "coloured paper-cuts"),
                ("flower-buns", "花子馍", "flower buns"),
                ("corn-grits", "老玉米糁", "corn grits"),
                ("coarse-grains", "杂粮", "coarse grains"),
                ("perilla-oil", "紫苏油", "perilla oil"),
                ("honey", "土蜂蜜", "local honey"),
                ("tofu", "老豆腐", "traditional tofu"),
            ),
        ),
        Feature(
            "public-jobs",
            L("乡村公益性岗位", "rural public-welfare jobs"),
            tuple(
                FeatureItem(k, L(zh, en), v, "人", quote=_Q_PUBLIC_JOBS)
                for k, zh, en, v in (
                    ("rural", "就业乡村公岗", "rural public jobs", 580),
                    ("forest", "护林员", "forest rangers", 43),
                    ("river", "护河员", "river keepers", 502),
                    ("pv", "光伏公岗", "photovoltaic jobs", 527),
                )
            ),
        ),
        Feature(
            "employment-subsidies",
            L("就业补贴政策", "employment subsidies"),
            (
                FeatureItem(
                    "cross-province",
                    L("跨省转移就业交通补助（每人每年一次性）", "cross-province travel subsidy (once a year)"),
                    500,
                    "元",
                    quote="持续落实省外务工人口每人每年一次性500元的跨省转移就业交通补助政策",
                ),
                *_items(
                    ("cross-city", "跨市县交通补贴", "cross-city/county travel subsidy"),
                    ("start-up", "一次性创业补贴", "one-off start-up subsidy"),
                    ("job-search", "一次求职补贴", "job-search subsidy"),
                ),
            ),
        ),
        Feature(
            "resident-team-villages",
            L("选派驻村工作队的村", "villages that get a resident team"),
            _items(
                ("formerly-poor", "脱贫村", "formerly poor villages"),
                ("relocation", "易地扶贫搬迁安置村(社区)", "relocation villages (communities)"),
                ("heavy-tasks", "乡村振兴任务重的村", "villages with heavy revitalisation tasks"),
                ("weak-party", "党组织软弱涣散村", "villages with weak party organisations"),
            ),
        ),
        Feature(
            "resident-management",
            L("驻村干部管理机制", "management of resident cadres"),
            _items(
                ("town", "镇党委负总责", "town party committee bears overall responsibility"),
                ("village", "村‘两委’联动协同", "village committees cooperate"),
                ("dispatching", "派出部门责任捆绑", "dispatching units share the responsibility"),
            ),
            description=L("做到“人到身到心到”", "present in person, in body and in mind"),
        ),
        Feature(
            "resident-care",
            L("驻村干部关爱制度", "care for resident cadres"),
            _items(
                ("leave", "年休假", "annual leave"),
                ("allowance", "生活补助", "living allowance"),
                ("insurance", "人身意外伤害保险", "accident insurance"),
                ("transport", "交通补助", "travel allowance"),
                ("health", "健康体检", "health check"),
            ),
        ),
        Feature(
            "project-procedure",
            L("衔接资金储备项目程序", "reserve-project procedure"),
            _items(
                ("village", "村申请", "village applies"),
                ("town", "镇初审", "town pre-checks"),
                ("department", "部门审核", "department reviews"),
                ("leading-group", "领导小组审定", "leading group approves"),
            ),
        ),
        Feature(
            "asset-management",
            L("扶贫资产后续管护", "upkeep of poverty-alleviation assets"),
            _items(
                ("consolidate", "巩固一批", "consolidate some"),
                ("upgrade", "升级一批", "upgrade some"),
                ("revitalise", "盘活一批", "put some back to use"),
                ("adjust", "调整一批", "adjust some"),
            ),
            description=L(
                "按县、部门、镇、村四级建台账，“谁主管、谁负责”，纳入农村集体“三资”管理平台",
                "four-level ledgers; whoever is in charge is responsible; managed on the collective-assets platform",
            ),
        ),
        Feature(
            "asset-fund-sources",
            L("“回头看”的扶贫资产资金来源（2013—2023年底）", "funds whose assets are reviewed (2013 – end of 2023)"),
            _items(
                ("fiscal", "各级财政扶贫资金", "fiscal poverty funds"),
                ("integrated", "财政涉农统筹整合资金", "integrated agricultural funds"),
                ("sector", "行业扶贫资金", "sector poverty funds"),
                ("su-shaan", "苏陕协作资金", "Jiangsu–Shaanxi cooperation funds"),
                ("social", "社会扶贫资金", "social poverty funds"),
                ("bonds", "地方债券支持脱贫攻坚资金", "local bonds for poverty alleviation"),
            ),
        ),
        Feature(
            "social-partners",
            L("社会帮扶力量", "social assistance partners"),
            _items(
                ("boc", "中国银行定点帮扶", "Bank of China designated assistance"),
                ("taixing", "泰兴市对口协作", "paired cooperation with Taixing, Jiangsu"),
                ("private-firms", "“万企兴万村”民营企业", "private firms ('ten thousand firms for ten thousand villages')"),
                ("mass-organisations", "工会、共青团、妇联", "trade union, youth league, women's federation"),
            ),
        ),
        Feature(
            "environment-campaign",
            L("农村人居环境专项整治", "living-environment campaigns"),
            _items(
                ("three-clear", "三清", "three clean-ups"),
                ("two-demolish", "两拆", "two demolitions"),
                ("two-reform", "两改", "two reforms"),
                ("one-change", "一转变", "one change"),
                ("greening", "“送树进村·增萌添彩·绿美家园”三年行动", "three-year tree-planting campaign"),
            ),
        ),
        Feature(
            "model-pattern",
            L("“十镇五十村百点”示范格局", "'ten towns, fifty villages, a hundred sites'"),
            tuple(
                FeatureItem(k, L(zh, en), v, u, quote="打造“十镇五十村百点”新格局")
                for k, zh, en, v, u in (
                    ("towns", "示范镇", "model towns", 10, "个"),
                    ("villages", "示范村", "model villages", 50, "个"),
                    ("sites", "示范点", "model sites", 100, "个"),
                )
            ),
        ),
        Feature(
            "governance-methods",
            L("乡村治理方式", "governance methods"),
            _items(
                ("points", "积分制", "points system"),
                ("lists", "清单制", "list system"),
                ("digital", "数字化", "digital"),
                ("on-call", "接诉即办", "respond on call"),
            ),
            description=L("来源推广这些方式，但未给积分规则", "the source promotes them but gives no points rules"),
        ),
        Feature(
            "cadence",
            L(
                "“月通报、季调度、半年点评、年终总结”和“常态化督导”",
                "monthly bulletin, quarterly dispatch, half-year review, year-end summary, routine supervision",
            ),
            _items(
                ("monthly", "月通报", "monthly bulletin"),
                ("quarterly", "季调度", "quarterly dispatch"),
                ("half-year", "半年点评", "half-year review"),
                ("year-end", "年终总结", "year-end summary"),
                ("routine", "常态化督导", "routine supervision"),
            ),
        ),
    )


def _principles() -> tuple[Label, ...]:
    return (
        L("坚持“守底线、增动力、促振兴”协同推进", "hold the bottom line, add momentum, promote revitalisation — together"),
        L("以学习运用“千万工程”经验为引领", "guided by the 'Thousand Villages, Ten Thousand Villages' experience"),
        L(
            "实行挂牌作战、网格式管理，倒排工期、责任到人",
            "fight under a named banner, manage by grid, schedule backwards, make every task someone's",
        ),
        L("以“钉钉子”精神抓落地、抓推进", "drive every task home like a nail"),
        L("“谁主管、谁负责”", "whoever is in charge is responsible"),
    )


# --------------------------------------------------------------------------------------------------------------
# Reference case — every published figure with its sentence, and what follows from them
# --------------------------------------------------------------------------------------------------------------


def _figures() -> tuple[Figure, ...]:
    f = Figure
    return (
        f("ten_actions", L("提升行动项数", "improvement actions"), 10, "项", "高效实施“十大提升行动”"),
        f("phases", L("实施阶段数", "phases"), 3, "个", "此后转入常态化,共分为三个阶段"),
        # (一) monitoring
        f(
            "identify_days",
            L("风险线索到识别认定时限", "days from clue to identification"),
            15,
            "天",
            "从发现风险线索到完成监测对象识别认定不超过15天",
        ),
        f("entry_days", L("识别后录入系统时限", "days from identification to entry"), 10, "天", "识别后10天内完成信息系统录入"),
        f("disaster_levels", L("灾情联动层级", "levels of the disaster response"), 3, "级", "建立县、镇、村三级联动灾情应对机制"),
        # (二) consolidation
        f("dropout_target", L("义务教育辍学目标", "dropout target"), 0, "人", "实现全县义务教育阶段学生零辍学"),
        f(
            "major_diseases",
            L("规范化治疗大病种类", "major diseases under standard treatment"),
            30,
            "种",
            "对30种大病住院患者进行规范化治疗",
        ),
        f(
            "chronic_diseases",
            L("签约服务的主要慢病种类", "chronic diseases under family-doctor contracts"),
            4,
            "种",
            "开展脱贫人口高血压、糖尿病、结核病、严重精神障碍等四种主要慢病患者家庭医生签约服务",
        ),
        f("infant_age_max", L("托育指导的婴幼儿年龄上限", "upper age for infant-care guidance"), 3, "岁", "0—3岁婴幼儿托育指导"),
        f(
            "insurance_target_pct",
            L("脱贫人口、监测对象参保率目标", "insurance enrolment target"),
            100,
            "%",
            "确保2024年全县脱贫人口、防返贫监测对象100%参保",
        ),
        f(
            "subsidy_extreme_poor",
            L("特困人员等全额资助", "full premium subsidy: extreme poor, orphans"),
            380,
            "元",
            "特困人员、孤儿及事实无人扶养儿童给予380元全额资助",
        ),
        f(
            "subsidy_dibao",
            L("低保对象定额资助", "fixed premium subsidy: allowance recipients"),
            215,
            "元",
            "低保对象给予215元定额资助",
        ),
        f("subsidy_monitored", L("监测对象定额资助", "fixed premium subsidy: monitored"), 215, "元", "监测对象给予215元定额资助"),
        f(
            "medical_tiers",
            L("医疗保障制度层数", "tiers of medical security"),
            3,
            "重",
            "统筹发挥基本医疗保险、大病保险、医疗救助三重保障制度梯次减负功能",
        ),
        f(
            "housing_reports_per_month",
            L("住房安全监测每月报送次数", "housing-safety reports a month"),
            1,
            "次/月",
            "每月报送1次重点人群住房安全动态监测结果",
        ),
        f("houses_to_rebuild", L("2024年危改户", "dilapidated houses to rebuild in 2024"), 60, "户", "对2024年确定的60户危改户"),
        f(
            "villages",
            L("全县行政村（饮水安全入户排查）", "administrative villages (all checked door to door for water)"),
            179,
            "个",
            "分别于4月份、10月份组织对全县179个行政村集中开展农村饮水安全敲门入户大排查行动",
        ),
        f(
            "water_projects",
            L("供水巩固提升工程", "water-supply consolidation projects"),
            13,
            "处",
            "加快实施底庙镇店子河村、张洪镇秦家村等13处供水巩固提升工程",
        ),
        f("test_points", L("水质检测点", "water test points"), 210, "个", "对全县210个检测点每月进行1次21项检测"),
        f("monthly_tests", L("每月检测次数", "tests a month per point"), 1, "次/月", "对全县210个检测点每月进行1次21项检测"),
        f("monthly_items", L("每月检测项数", "items in the monthly test"), 21, "项", "对全县210个检测点每月进行1次21项检测"),
        f(
            "full32_times",
            L("32项全分析每年次数", "32-item analyses a year"),
            2,
            "次",
            "全年进行2次32项全分析检测、2次46项全分析检测",
        ),
        f("full32_items", L("全分析检测项数（32项）", "items in the 32-item analysis"), 32, "项", "全年进行2次32项全分析检测"),
        f("full46_times", L("46项全分析每年次数", "46-item analyses a year"), 2, "次", "2次46项全分析检测"),
        f("full46_items", L("全分析检测项数（46项）", "items in the 46-item analysis"), 46, "项", "2次46项全分析检测"),
        f(
            "self_supplied_sources",
            L("自备水源供水工程", "self-supplied water works"),
            71,
            "处",
            "对全县71处自备水源供水工程,全年进行1次32项全分析检测",
        ),
        f(
            "self_supplied_tests",
            L("自备水源每年全分析次数", "analyses a year per self-supplied work"),
            1,
            "次",
            "全年进行1次32项全分析检测",
        ),
        # (三) industry
        f("farmland_mu", L("新增高标准农田", "new high-standard farmland"), 42000, "亩", "新增高标准农田4.2万亩"),
        f("demo_orchards", L("“万元果”示范园", "demonstration orchards"), 300, "个", "新建高产高效“万元果”示范园300个"),
        f("orchard_renovation_mu", L("改造果园", "orchards renovated"), 2000, "亩", "改造果园2000亩"),
        f(
            "layer_hens",
            L("蛋鸡养殖基地规模（千万羽）", "layer-hen base (ten million birds)"),
            10_000_000,
            "羽",
            "加快推进黄马甲千万羽蛋鸡养殖基地",
        ),
        f("leading_industries", L("主导产业", "leading industries"), 6, "个", "着力构建“六主导四特色”现代农业产业体系"),
        f("specialty_industries", L("特色产业", "specialty industries"), 4, "个", "着力构建“六主导四特色”现代农业产业体系"),
        f("shared_villages", L("共享村落", "shared villages"), 3, "个", "发展共享村落3个、共享庭院160家"),
        f("shared_courtyards", L("共享庭院", "shared courtyards"), 160, "家", "发展共享村落3个、共享庭院160家"),
        f("heritage_towns", L("省级非遗示范名镇", "provincial heritage model towns"), 1, "个", "打造省级非遗示范名镇1个"),
        f(
            "courtyard_households",
            L("“庭院经济”示范户", "courtyard-economy model households"),
            200,
            "户",
            "打造“庭院经济”示范户200个",
        ),
        f(
            "collective_income_wan",
            L("村集体经济年收入门槛", "collective-income threshold"),
            10,
            "万元",
            "村级集体经济年收入10万元村达到40%以上",
        ),
        f(
            "collective_share_pct",
            L("达到门槛的村占比目标", "share of villages to reach it"),
            40,
            "%",
            "村级集体经济年收入10万元村达到40%以上",
        ),
        f("family_farms", L("培育家庭农场", "family farms"), 3, "家", "全年培育家庭农场3家"),
        f("cooperatives", L("培育农民专业合作社", "farmers' cooperatives"), 5, "家", "农民专业合作社5家"),
        f(
            "city_cooperatives",
            L("创建市级以上专业合作社", "city-level cooperatives"),
            3,
            "家",
            "创建市级以上专业合作社3家、家庭农场3家",
        ),
        f(
            "city_family_farms",
            L("创建市级以上家庭农场", "city-level family farms"),
            3,
            "家",
            "创建市级以上专业合作社3家、家庭农场3家",
        ),
        f("high_quality_farmers", L("培育高素质农民", "high-quality farmers"), 300, "名", "培育高素质农民300名"),
        f("overdue_max_pct", L("贷款逾期率上限", "maximum loan overdue rate"), 0.5, "%", "力争贷款逾期率始终控制在0.5%以内"),
        # (四) employment
        f(
            "migrant_workers",
            L("脱贫劳动力务工规模", "formerly poor labourers in work"),
            19000,
            "人",
            "全年脱贫劳动力务工规模不少于1.9万人",
        ),
        f(
            "report_day",
            L("务工信息月报截止日", "day of month for the employment report"),
            25,
            "日",
            "县人社局汇总后每月25日前报送县乡村振兴局",
        ),
        f("public_jobs_rural", L("就业乡村公岗", "rural public jobs"), 580, "人", "就业乡村公岗580人"),
        f("forest_rangers", L("护林员", "forest rangers"), 43, "人", "护林员43人"),
        f("river_keepers", L("护河员", "river keepers"), 502, "人", "护河员502人"),
        f("pv_jobs", L("光伏公岗", "photovoltaic public jobs"), 527, "人", "光伏公岗527人"),
        f(
            "transport_subsidy",
            L("跨省转移就业交通补助", "cross-province travel subsidy"),
            500,
            "元/人·年",
            "持续落实省外务工人口每人每年一次性500元的跨省转移就业交通补助政策",
        ),
        f("trained", L("脱贫劳动力技能培训", "skills training"), 1400, "人", "全年组织开展脱贫劳动力技能培训不少于1400人"),
        # (五) resident teams
        f(
            "resident_inspections_per_month",
            L("驻村干部督导检查每月次数", "resident-cadre inspections a month"),
            2,
            "次/月",
            "每月开展2次驻村干部督导检查",
        ),
        f(
            "resident_bulletins_per_quarter",
            L("督导检查通报每季度次数", "inspection bulletins a quarter"),
            1,
            "次/季",
            "每季度下发1次督导检查情况通报",
        ),
        f(
            "resident_assessments_per_year",
            L("驻村干部每年考核次数", "resident-cadre assessments a year"),
            1,
            "次/年",
            "每年进行1次考核",
        ),
        f(
            "dispatch_visits_per_half",
            L("派出单位负责同志每半年到村次数", "dispatching heads' visits per half year"),
            1,
            "次/半年",
            "各派出单位主要负责同志每半年到村调研指导1次",
        ),
        f(
            "dispatch_hearings_per_half",
            L("每半年听取汇报次数", "reports heard per half year"),
            1,
            "次/半年",
            "每半年听取1次选派人员工作情况汇报",
        ),
        f(
            "resident_meetings_per_year",
            L("驻村帮扶专题会议每年至少次数", "resident-team meetings a year (minimum)"),
            1,
            "次/年",
            "每年至少召开1次驻村帮扶专题会议",
        ),
        # (六) relocation
        f(
            "employed_per_household",
            L("有劳动力搬迁户就业人数下限", "employed per relocated household with labour"),
            1,
            "人/户",
            "确保有劳动力的搬迁群众实现1户1人以上就业",
        ),
        # (七) funds
        f("spend_apr_pct", L("4月底支出率", "spent by end of April"), 30, "%", _Q_EXPENDITURE),
        f("spend_jun_pct", L("6月底支出率", "spent by end of June"), 50, "%", _Q_EXPENDITURE),
        f("spend_sep_pct", L("9月底支出率", "spent by end of September"), 75, "%", _Q_EXPENDITURE),
        f("spend_dec_pct", L("12月底支出率", "spent by end of December"), 100, "%", _Q_EXPENDITURE),
        f(
            "project_check_rates",
            L("项目检查考核指标数", "rates checked on projects"),
            3,
            "项",
            "围绕各项目开工率、完工率、报账率三项指标进行检查考核",
        ),
        f(
            "asset_review_from",
            L("资产“回头看”起始年", "asset review from"),
            2013,
            "年",
            "对2013年至2023年底使用各级财政扶贫资金",
        ),
        f("asset_review_to", L("资产“回头看”截止年", "asset review to"), 2023, "年", "对2013年至2023年底使用各级财政扶贫资金"),
        f(
            "asset_ledger_levels",
            L("资产台账层级", "levels of asset ledgers"),
            4,
            "级",
            "按照县、部门、镇、村四级建好扶贫项目资产台账",
        ),
        # (八) social assistance
        f(
            "boc_funds_wan",
            L("中行帮扶资金", "Bank of China funds"),
            1000,
            "万元",
            "全年向各类产业主体投入帮扶资金不低于1000万元",
        ),
        f(
            "boc_trainees",
            L("中行远程培训人次", "Bank of China training attendances"),
            5000,
            "人次",
            "全年培训人数不低于5000人次",
        ),
        f(
            "enterprise_projects",
            L("与村集体合作建设产业项目的企业", "enterprises with village projects"),
            5,
            "家",
            "全年促成5家以上企业与村集体合作建设产业项目",
        ),
        f(
            "enterprise_donors",
            L("公益捐赠企业", "donating enterprises"),
            20,
            "家",
            "全年组织20家以上企业通过公益捐赠助力乡村振兴",
        ),
        f(
            "typical_villages",
            L("“万企兴万村”典型村", "typical villages"),
            1,
            "个",
            "推荐“万企兴万村”行动典型村、典型项目(企业)各1个",
        ),
        f(
            "typical_projects",
            L("“万企兴万村”典型项目（企业）", "typical projects (firms)"),
            1,
            "个",
            "推荐“万企兴万村”行动典型村、典型项目(企业)各1个",
        ),
        # (九) rural construction
        f("key_village_plans", L("省级重点帮扶村规划", "plans: provincial key-assistance villages"), 3, "个", _Q_PLANS),
        f("model_village_plans", L("省市级乡村振兴示范村规划", "plans: provincial/city model villages"), 12, "个", _Q_PLANS),
        f(
            "greening_years",
            L("绿美家园行动年限", "years of the greening campaign"),
            3,
            "年",
            "“送树进村·增萌添彩·绿美家园”三年行动",
        ),
        f(
            "beautiful_villages",
            L("美丽宜居示范村", "beautiful, liveable model villages"),
            23,
            "个",
            "全年建成美丽宜居示范村23个",
        ),
        f("toilets", L("改建卫生厕所", "sanitary toilets"), 2600, "座", "全年改建卫生厕所2600座"),
        f(
            "thousand_project_villages",
            L("省市级“千万工程”示范村", "'Thousand Villages' model villages"),
            5,
            "个",
            "争创省市级“千万工程”示范村5个",
        ),
        f("model_towns", L("示范镇", "model towns"), 10, "个", "打造“十镇五十村百点”新格局"),
        f("model_villages", L("示范村", "model villages"), 50, "个", "打造“十镇五十村百点”新格局"),
        f("model_sites", L("示范点", "model sites"), 100, "个", "打造“十镇五十村百点”新格局"),
        # 四、工作要求
        f(
            "dept_visits_per_month",
            L("部门主要负责同志每月深入包抓村至少次数", "department heads' visits a month (minimum)"),
            1,
            "次/月",
            "各部门主要负责同志要每月至少1次深入包抓村",
        ),
        f(
            "inspections_per_month",
            L("督查小组每月专项检查至少次数", "inspection-group checks a month (minimum)"),
            1,
            "次/月",
            "每月至少1次深入镇(街道)、部门对工作落实情况进行专项检查",
        ),
    )


def _derived() -> tuple[Derived, ...]:
    d = Derived
    return (
        d(
            "public_jobs_total",
            L("乡村公岗合计", "public-welfare jobs, total"),
            "public_jobs_rural + forest_rangers + river_keepers + pv_jobs",
            "人",
        ),
        d("public_jobs_rural_share", L("就业乡村公岗占比", "share: rural public jobs"), "public_jobs_rural / public_jobs_total"),
        d("forest_rangers_share", L("护林员占比", "share: forest rangers"), "forest_rangers / public_jobs_total"),
        d("river_keepers_share", L("护河员占比", "share: river keepers"), "river_keepers / public_jobs_total"),
        d("pv_jobs_share", L("光伏公岗占比", "share: photovoltaic jobs"), "pv_jobs / public_jobs_total"),
        d(
            "public_jobs_per_worker",
            L("公岗占务工规模比例", "public jobs relative to labourers in work"),
            "public_jobs_total / migrant_workers",
        ),
        d(
            "trained_per_worker",
            L("技能培训占务工规模比例", "trainees relative to labourers in work"),
            "trained / migrant_workers",
        ),
        d(
            "clue_to_entry_days",
            L("风险线索到系统录入最长天数", "days from clue to system entry (max)"),
            "identify_days + entry_days",
            "天",
        ),
        d("spend_step_jan_apr", L("1—4月支出进度", "spending January–April"), "spend_apr_pct", "%"),
        d("spend_step_may_jun", L("5—6月支出增量", "spending in May–June"), "spend_jun_pct - spend_apr_pct", "%"),
        d("spend_step_jul_sep", L("7—9月支出增量", "spending in July–September"), "spend_sep_pct - spend_jun_pct", "%"),
        d("spend_step_oct_dec", L("10—12月支出增量", "spending in October–December"), "spend_dec_pct - spend_sep_pct", "%"),
        d(
            "subsidy_fixed_to_full",
            L("定额资助与全额资助之比", "fixed subsidy relative to full subsidy"),
            "subsidy_dibao / subsidy_extreme_poor",
        ),
        d(
            "subsidy_full_minus_fixed",
            L("全额与定额资助差额", "full minus fixed subsidy"),
            "subsidy_extreme_poor - subsidy_dibao",
            "元",
        ),
        d(
            "water_village_checks",
            L("全年村级饮水入户排查村次", "village door-to-door water checks a year"),
            "villages * 2",
            "村次",
        ),
        d(
            "monthly_tests_per_year",
            L("检测点常规检测全年点次", "routine tests a year (point-tests)"),
            "test_points * monthly_tests * 12",
            "点次",
        ),
        d(
            "full_analyses_per_year",
            L("全分析检测全年次数（检测点+自备水源）", "full analyses a year (points + self-supplied)"),
            "test_points * (full32_times + full46_times) + self_supplied_sources * self_supplied_tests",
            "次",
        ),
        d(
            "item_determinations_per_year",
            L("全年检测项次", "item determinations a year"),
            "test_points * (monthly_tests * 12 * monthly_items + full32_times * full32_items + full46_times * full46_items)"
            " + self_supplied_sources * self_supplied_tests * full32_items",
            "项次",
        ),
        d(
            "collective_villages_min",
            L("集体收入10万元以上村数下限（179村×40%）", "villages needed at ≥ ¥100k (179 × 40%)"),
            "villages * collective_share_pct / 100",
            "个",
        ),
        d("farmland_ha", L("新增高标准农田（公顷）", "new farmland in hectares"), "farmland_mu / 15", "公顷"),
        d("orchard_renovation_ha", L("改造果园（公顷）", "renovated orchards in hectares"), "orchard_renovation_mu / 15", "公顷"),
        d(
            "industries_total",
            L("主导和特色产业合计", "leading plus specialty industries"),
            "leading_industries + specialty_industries",
            "个",
        ),
        d("new_entities", L("新培育家庭农场和合作社", "new family farms and cooperatives"), "family_farms + cooperatives", "家"),
        d(
            "city_level_entities",
            L("新创建市级以上合作社和家庭农场", "new city-level cooperatives and farms"),
            "city_cooperatives + city_family_farms",
            "家",
        ),
        d("boc_funds_yuan", L("中行帮扶资金（元）", "Bank of China funds in yuan"), "boc_funds_wan * 10000", "元"),
        d(
            "resident_inspections_per_year",
            L("驻村干部督导检查全年次数", "resident-cadre inspections a year"),
            "resident_inspections_per_month * 12",
            "次",
        ),
        d(
            "dispatch_visits_per_year",
            L("派出单位负责同志全年到村次数", "dispatching heads' visits a year"),
            "dispatch_visits_per_half * 2",
            "次",
        ),
        d(
            "dept_visits_per_year",
            L("部门主要负责同志全年到包抓村至少次数", "department heads' visits a year (minimum)"),
            "dept_visits_per_month * 12",
            "次",
        ),
        d(
            "asset_review_years",
            L("资产“回头看”覆盖年数", "years covered by the asset review"),
            "asset_review_to - asset_review_from + 1",
            "年",
        ),
        d(
            "plans_total",
            L("重点帮扶村和示范村规划合计", "key-assistance and model village plans"),
            "key_village_plans + model_village_plans",
            "个",
        ),
        d("villages_per_model_town", L("每个示范镇的示范村", "model villages per model town"), "model_villages / model_towns"),
        d("sites_per_model_village", L("每个示范村的示范点", "model sites per model village"), "model_sites / model_villages"),
        d("toilets_per_village", L("每个行政村平均改厕", "toilets per administrative village"), "toilets / villages", "座"),
        d(
            "beautiful_village_share",
            L("美丽宜居示范村占行政村比例", "model villages as a share of villages"),
            "beautiful_villages / villages",
        ),
    )


def _reference() -> ReferenceCase:
    return ReferenceCase(source=_source(), figures=_figures(), derived=_derived())


def _source() -> SourceRef:
    return SourceRef(
        file=SEED_FILE,
        title=L(
            "旬邑县巩固拓展脱贫攻坚成果同乡村振兴有效衔接“十大提升行动”实施方案（旬巩衔组发〔2024〕1号）",
            "Xunyi County implementation plan for the ten improvement actions linking consolidated poverty-alleviation "
            "results with rural revitalisation (Xun Gong Xian Zu Fa [2024] No. 1)",
        ),
        publisher="旬邑县巩固拓展脱贫攻坚成果同乡村振兴有效衔接领导小组",
        date=_d(3, 29),
    )


# --------------------------------------------------------------------------------------------------------------
# Assumptions — every number the source leaves open, with where it lives
# --------------------------------------------------------------------------------------------------------------


def _index(items: tuple[Any, ...], key: str, attr: str = "key") -> int:
    return next(i for i, x in enumerate(items) if getattr(x, attr) == key)


def _assumptions(
    roles: tuple[Role, ...], policy: AssignmentPolicy, scoring: Scoring, campaign: Campaign
) -> tuple[Assumption, ...]:
    def rule(role: str, field: str) -> str:
        return f"policy.rules.{_index(policy.rules, role, 'role')}.{field}"

    silent = L("来源未给数字", "the source gives no number")
    rows = [
        (
            "county-leaders-per-town",
            L("每镇包联县级领导人数", "county leaders per town"),
            rule("county-leader", "per_unit"),
            1,
            L("来源只说“包联镇村”，未给人数；取每镇1名", "the source says leaders contact towns and villages, not how many"),
        ),
        (
            "county-leader-visits-per-month",
            L("县级领导每月到联系点次数", "county leader visits a month"),
            f"roles.{_index(roles, 'county-leader')}.visits.times",
            1,
            L(
                "来源未给频次；取与部门主要负责同志相同的每月1次",
                "no frequency in the source; we use the departments' monthly visit",
            ),
        ),
        (
            "lead-departments",
            L("牵头部门数", "lead departments"),
            rule("lead-department", "per_unit"),
            10,
            L("每项行动1个牵头部门；来源未列名单", "one per action; the source lists none"),
        ),
        (
            "villages-per-department",
            L("每个部门包抓村数上限", "contact villages per department"),
            rule("department", "units_per_actor"),
            3,
            silent,
        ),
        (
            "village-cadres-per-village",
            L("每村村干部人数", "village cadres per village"),
            rule("village-cadre", "per_unit"),
            1,
            silent,
        ),
        (
            "resident-team-size",
            L("每个驻村工作队人数", "resident-team size"),
            rule("resident-cadre", "per_unit"),
            3,
            L(
                "来源只说“第一书记、驻村队员”；按全国选派驻村工作队一般不少于3人取3",
                "the source says a first secretary and members; national practice is a team of at least three",
            ),
        ),
        (
            "teams-per-resident-inspector",
            L("每个驻村督导组负责的工作队数", "resident teams per inspector"),
            rule("resident-inspector", "units_per_actor"),
            10,
            silent,
        ),
        (
            "towns-per-inspection-group",
            L("每个督查小组负责的镇数", "towns per inspection group"),
            rule("inspection-group", "units_per_actor"),
            5,
            silent,
        ),
        (
            "grid-workers-per-group",
            L("每个村民小组网格员人数", "grid workers per group"),
            rule("grid-worker", "per_unit"),
            1,
            L("来源未给网格划分；取一组一网格", "the source gives no grid size; one grid a group"),
        ),
        (
            "households-per-pairing-cadre",
            L("每名帮扶责任人结对监测户数", "monitored households per paired cadre"),
            rule("pairing-cadre", "households_per_actor"),
            5,
            silent,
        ),
        (
            "water-managers-per-village",
            L("每村管水员人数", "water keepers per village"),
            rule("water-manager", "per_unit"),
            1,
            silent,
        ),
    ]
    card = _index(scoring.scorecards, "project-checks")
    for i, (k, zh, en) in enumerate(
        (
            ("start", "开工率", "start rate"),
            ("completion", "完工率", "completion rate"),
            ("reimbursement", "报账率", "reimbursement rate"),
        )
    ):
        rows.append(
            (
                f"weight-{k}-rate",
                L(f"项目检查考核{zh}权重", f"weight of the {en}"),
                f"scoring.scorecards.{card}.items.{i}.weight",
                1.0,
                L("来源只列三项指标，未给权重；取等权", "three rates without weights; equal weights"),
            )
        )
    commend = _index(scoring.tier_schemes, "year-end-commendation")
    appraisal = _index(scoring.tier_schemes, "resident-appraisal")
    rows += [
        (
            "advanced-count",
            L("年终表彰先进的名次线", "rank line for year-end commendation"),
            f"scoring.tier_schemes.{commend}.tiers.0.max_rank",
            3,
            L("来源只说“表彰先进”", "the source says only 'commend the advanced'"),
        ),
        (
            "lagging-count",
            L("年终鞭策后进的单位数", "units spurred as lagging"),
            f"scoring.lists.{_index(scoring.lists, 'lagging')}.n",
            1,
            L("来源只说“鞭策后进”", "the source says only 'spur the lagging'"),
        ),
        (
            "resident-outstanding-score",
            L("驻村干部“表现出色”分数线", "score for 'outstanding' resident cadres"),
            f"scoring.tier_schemes.{appraisal}.tiers.0.min_score",
            90.0,
            L("来源未给考核分数线", "no score lines in the source"),
        ),
        (
            "resident-competent-score",
            L("驻村干部称职分数线（以下召回）", "competence line (below: recall)"),
            f"scoring.tier_schemes.{appraisal}.tiers.1.min_score",
            60.0,
            L("来源未给考核分数线", "no score lines in the source"),
        ),
        (
            "rectification-days",
            L("问题整改期限（天）", "days to rectify a problem"),
            "scoring.supervision.rectification_days",
            30,
            L("来源说建立问题台账、销号管理，未给期限", "ledger and close-out, but no deadline in the source"),
        ),
    ]
    actions = campaign.actions
    coordination = _index(actions, "coordination")
    rows.append(
        (
            "specific-plans-deadline",
            L("牵头部门具体方案完成日期", "date the lead departments' specific plans are due"),
            f"campaign.actions.{coordination}.tasks.{_index(actions[coordination].tasks, 'specific-plans')}.deadline",
            "2024-04-03",
            L("来源未给时限；取宣传动员阶段（全面安排部署）结束日", "no date in the source; the end of the mobilisation phase"),
        )
    )
    return tuple(Assumption(k, label, path, v, reason) for k, label, path, v, reason in rows)


# --------------------------------------------------------------------------------------------------------------
# The mechanism
# --------------------------------------------------------------------------------------------------------------


def build() -> Mechanism:
    """Assemble the mechanism; every part is built by its section's function above."""
    roles = _roles()
    policy = _policy()
    scoring = _scoring()
    campaign = _campaign()
    return Mechanism(
        key=KEY,
        name=L(
            "“十大提升行动”（巩固拓展脱贫攻坚成果同乡村振兴有效衔接）",
            "Ten improvement actions (linking consolidated poverty-alleviation results with rural revitalisation)",
        ),
        county=L("陕西省咸阳市旬邑县", "Xunyi County, Xianyang, Shaanxi"),
        year=YEAR,
        summary=L(
            "2024年3月至12月的集中行动：十项提升行动各有子任务、牵头单位、时限和量化目标；"
            "宣传动员、集中实施、巩固提升三个阶段后转入常态化；"
            "县级领导包联镇村、部门“一把手”为第一责任人并每月至少1次深入包抓村，村干部、驻村干部、网格员常态化落实；"
            "“月通报、季调度、半年点评、年终总结”和“常态化督导”，问题台账销号管理。",
            "A campaign from March to December 2024: ten improvement actions, each with sub-tasks, lead bodies, deadlines "
            "and numeric targets; mobilisation, concentrated implementation and consolidation phases, then routine work. "
            "County leaders contact towns and villages; department heads are first responsible persons and visit their "
            "contact village at least monthly; village cadres, resident cadres and grid workers carry the work. Monthly "
            "bulletins, quarterly dispatch, half-year review, year-end summary and routine supervision with a problem "
            "ledger closed item by item.",
        ),
        source=_source(),
        levels=LEVELS,
        roles=roles,
        coverage_rules=_coverage_rules(),
        policy=policy,
        campaign=campaign,
        indicators=_indicators(),
        scoring=scoring,
        features=_features(),
        principles=_principles(),
        reference=_reference(),
        preset=_preset(),
        assumptions=_assumptions(roles, policy, scoring, campaign) + _preset_assumptions(),
    )


def _preset() -> CountyShape:
    """Xunyi's 179 villages, for synthetic counties, with its 23 beautiful (model) villages. The source addresses
    "各镇" and 城关街道 without counting the towns, and gives no household or monitored-household count: those are
    assumptions (10 towns and 1 street, 250 households a village, 3% of households monitored), as is five groups a
    village."""
    fig = {f.key: f.value for f in _figures()}
    villages = int(fig["villages"])
    return CountyShape(
        L("旬邑县（按公布数字合成）", "Xunyi (synthetic, from the published figures)"),
        towns=11,
        streets=1,
        villages=villages,
        households=250 * villages,
        groups_per_village=5,
        tags=(TagShare("village", "model-village", count=int(fig["beautiful_villages"])),
              TagShare("household", "monitored", share=0.03)),
    )


def _preset_assumptions() -> tuple[Assumption, ...]:
    def a(key: str, zh: str, en: str, path: str, value: float, why_zh: str, why_en: str) -> Assumption:
        return Assumption(key, L(zh, en), path, value, L(why_zh, why_en))

    return (
        a("preset-towns", "合成县乡镇（街道）数", "towns and streets in the synthetic county", "preset.towns", 11,
          "原文只称“各镇”和城关街道，未给个数", "the document addresses 'each town' and one street without a count"),
        a("preset-households", "合成县农户数", "households in the synthetic county", "preset.households", 44750,
          "原文未给户数；按每村250户估计", "no household count is given; 250 a village"),
        a("preset-monitored-share", "合成县监测户比例", "share of households monitored", "preset.tags.1.share", 0.03,
          "原文未给监测对象户数", "the document gives no count of monitored households"),
        a("preset-groups-per-village", "合成县每村村民小组数", "groups per village in the synthetic county",
          "preset.groups_per_village", 5, "原文未给村民小组数", "the document gives no number of groups"),
    )
