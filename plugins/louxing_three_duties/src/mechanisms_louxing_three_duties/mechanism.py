"""娄底市娄星区“三责”：全面明责、日常督责、精准问责 (Louxing District, Loudi, Hunan, 2021).

The source is a 湖南日报 report of 2021-11-27 (seed ``004_c9698b375b654721.txt``). It
describes a discipline-driven rural-revitalisation mechanism in three duties:

1. 明责 — make duties clear: two responsibility-decomposition tables (37 tasks to 25
   district departments and 8 towns/streets, 77 list items), a supervision list (16 items
   plus 4 on village projects), 37 district leaders on 46 key/model villages, 62 resident
   teams of 157 people covering 65 villages in full;
2. 督责 — supervise duties: 4 special inspection groups ("四不两直"), routine supervision
   against the list, online/offline "double publicity" of village affairs (943,000 items),
   irregular style inspections (2 bulletins, 7 problems);
3. 问责 — hold to account: 不作为/慢作为/假作为/乱作为, the three lists (问题清单, 整改清单,
   责任清单) as a closed loop, and the "三干五零" model for village projects.

The seed file is in traditional characters with stray readings in parentheses
("當(dāng)前位置"); every ``quote`` below is a verbatim substring of it, readings included.
Labels are in simplified Chinese. Where the source is silent (visit frequencies, team
size, rectification time, campaign dates other than 8 November) the value is ours and is
listed in ``assumptions`` so ``show`` prints it and ``--set`` overrides it.
"""

from __future__ import annotations

import datetime as dt

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
    Mechanism,
    Milestone,
    Phase,
    ReferenceCase,
    ReportingEvent,
    Role,
    Schedule,
    Scope,
    Scoring,
    SourceRef,
    StaffingRule,
    Supervision,
    Target,
    Task,
)
from mechanisms.labels import L
from mechanisms.shape import CountyShape, Label, TagShare

KEY = "louxing-three-duties"
SEED_FILE = "004_c9698b375b654721.txt"
YEAR = 2021

# ---------------------------------------------------------------------------
# Source sentences, verbatim (traditional characters, readings as in the file).
# Kept in one place so the test can check each is a substring of the seed file.
# ---------------------------------------------------------------------------

Q = {
    "date": "時(shí)間: 2021-11-27 09:28",
    "province": "作為全省14個(gè)實(shí)施鄉(xiāng)村振興戰(zhàn)略示范創(chuàng)建縣之一",
    "work_mechanism": (
        "按照黨委統(tǒng)一領(lǐng)導(dǎo)、政府統(tǒng)籌協(xié)調(diào)、"
        "紀(jì)委監(jiān)督保障、部門分工負(fù)責(zé)的工作機(jī)制。"
    ),
    "three_duties": "通過(guò)全面明責(zé)、日常督責(zé)、精準(zhǔn)問(wèn)責(zé)等工作機(jī)制",
    "duty_clear": "劃好重點(diǎn),全面明責(zé)強(qiáng)責(zé)任",
    "duty_supervise": "突出難點(diǎn),多措督責(zé)強(qiáng)推動(dòng)",
    "duty_account": "找準(zhǔn)痛點(diǎn),精準(zhǔn)問(wèn)責(zé)強(qiáng)作為",
    "meeting": "11月8日,婁星區(qū)召開全區(qū)鄉(xiāng)村振興工作調(diào)度會(huì),向年度任務(wù)目標(biāo)發(fā)起沖刺。",
    "sprint": "由區(qū)領(lǐng)導(dǎo)掛帥帶隊(duì),分階段開展集中攻堅(jiān)行動(dòng)",
    "three_lists": "全面厘清問(wèn)題清單、整改清單、責(zé)任清單,確保壓力傳導(dǎo)到位、問(wèn)題整改到位、工作落實(shí)到位",
    "failures": "強(qiáng)化干部作為,嚴(yán)明獎(jiǎng)懲,對(duì)不作為、慢作為、假作為、亂作為的,一律嚴(yán)肅追責(zé)。",
    "two_lists": "“兩個(gè)清單”明責(zé)任。",
    "tables": (
        "成立區(qū)委實(shí)施鄉(xiāng)村振興戰(zhàn)略領(lǐng)導(dǎo)小組,制定《婁星區(qū)鞏固拓展脫貧攻堅(jiān)成果責(zé)任分解表》"
        "《婁星區(qū)全面推進(jìn)鄉(xiāng)村振興戰(zhàn)略工作責(zé)任分解表》,將37項(xiàng)工作任務(wù)分解到25個(gè)區(qū)直職能部門和8個(gè)"
        "鄉(xiāng)鎮(zhèn)街道,分列77項(xiàng)責(zé)任清單、任務(wù)清單,明確各級(jí)各部門工作責(zé)任。"
    ),
    "supervision_list": (
        "堅(jiān)持以問(wèn)題為導(dǎo)向,確定監(jiān)督清單16項(xiàng)和4項(xiàng)村級(jí)工程項(xiàng)目建設(shè)領(lǐng)域治理內(nèi)容,"
        "對(duì)照清單開展精準(zhǔn)監(jiān)督、靠前監(jiān)督、跟進(jìn)監(jiān)督,嚴(yán)明工作紀(jì)律。"
    ),
    "leaders": (
        "全區(qū)37名區(qū)級(jí)領(lǐng)導(dǎo)掛點(diǎn)46個(gè)鄉(xiāng)村振興重點(diǎn)幫扶村"
        "和示范創(chuàng)建村,聯(lián)點(diǎn)指導(dǎo)工作"
    ),
    "departments_all": "區(qū)直機(jī)關(guān)事業(yè)單位全面參與鄉(xiāng)村振興駐村幫扶工作。",
    "teams": (
        "全區(qū)共派駐鄉(xiāng)村振興駐村幫扶工作隊(duì)62支157人,對(duì)全區(qū)65個(gè)鄉(xiāng)村振興重點(diǎn)村、已脫貧村、"
        "全國(guó)紅色美麗鄉(xiāng)村、省市區(qū)級(jí)鄉(xiāng)村振興示范創(chuàng)建村、軟弱渙散村、易地扶貧搬遷安置村等"
        "實(shí)現(xiàn)駐村幫扶全覆蓋,嚴(yán)格落實(shí)“四個(gè)不摘”要求。"
    ),
    "groups": (
        "今年11月,區(qū)鄉(xiāng)村振興攻堅(jiān)指揮部成立4個(gè)督查組,由區(qū)級(jí)領(lǐng)導(dǎo)帶隊(duì),區(qū)紀(jì)委監(jiān)委、區(qū)委作風(fēng)辦、"
        "區(qū)鄉(xiāng)村振興局、區(qū)駐村辦、區(qū)財(cái)政局、區(qū)發(fā)改局、區(qū)兩辦督查室參與,以“四不兩直”的方式"
        "“拉網(wǎng)式”督查,集中火力發(fā)現(xiàn)和解決鄉(xiāng)村振興工作中的難點(diǎn)、堵點(diǎn)問(wèn)題。"
    ),
    "routine": "區(qū)紀(jì)委監(jiān)委對(duì)照鄉(xiāng)村振興監(jiān)督清單深入開展常態(tài)化監(jiān)督檢查",
    "two_micro": (
        "“兩微辦”開展線上線下監(jiān)督,深入推進(jìn)“互聯(lián)網(wǎng)+村級(jí)小微權(quán)力監(jiān)督”工作,"
        "督促各村(社區(qū))黨務(wù)、村務(wù)線上線下“雙公開”。"
    ),
    "published": (
        "截至10月底,全區(qū)共采集和公開“村級(jí)財(cái)務(wù)、村級(jí)項(xiàng)目建設(shè)、辦事結(jié)果”等數(shù)據(jù)信息94.3萬(wàn)條。"
    ),
    "style": (
        "區(qū)駐村辦會(huì)同區(qū)委督查室、區(qū)政府督查室和區(qū)鄉(xiāng)村振興局對(duì)鎮(zhèn)、村干部、派駐工作隊(duì)作風(fēng)建設(shè)"
        "開展不定期督查,印發(fā)督查通報(bào)2期,通報(bào)問(wèn)題7個(gè)。"
    ),
    "style_aims": "不斷壓實(shí)駐村幫扶責(zé)任,強(qiáng)化入戶走訪,摸排易返貧致貧重點(diǎn)人群",
    "trail": (
        "走進(jìn)雙江鄉(xiāng)洪家山森林公園,24.8公里環(huán)線,"
        "將60多處景點(diǎn)串聯(lián)起來(lái),形成了一個(gè)完整的旅游閉環(huán)。"
    ),
    "growth": "游客人數(shù)比以往同期增長(zhǎng)30%,這要得益于區(qū)里推出的‘三干五零’模式",
    "model": "找準(zhǔn)工作痛點(diǎn),推行“三干五零”模式",
    "three_gan": (
        "即夯實(shí)鄉(xiāng)村主體責(zé)任,干部帶頭干;發(fā)揮群眾主體作用,群眾自愿干;激發(fā)干事創(chuàng)業(yè)活力,干群一起干。"
    ),
    "five_zero": (
        "通過(guò)嚴(yán)把群眾“意愿關(guān)”、項(xiàng)目“設(shè)計(jì)關(guān)”、資金“成本關(guān)”、建設(shè)“質(zhì)量關(guān)”、干部“績(jī)效關(guān)”,"
        "實(shí)現(xiàn)工程建設(shè)零利潤(rùn)、占用土地零(資金)補(bǔ)償、出工出力零報(bào)酬、優(yōu)化環(huán)境零阻工、群眾滿意零上訪。"
    ),
    "villagers_decide": "“村里的事情村民定,自己的事情主動(dòng)干”",
    "discipline": "通過(guò)“兩微辦”平臺(tái),采取線上接受群眾舉報(bào),線下暗訪交辦問(wèn)題等方式,筑牢紀(jì)律屏障。",
    "expose": (
        "區(qū)紀(jì)委監(jiān)委以案明紀(jì),通報(bào)曝光鄉(xiāng)村振興領(lǐng)域村級(jí)工程項(xiàng)目中套取資金用于違規(guī)開支、"
        "隱瞞村集體收入不入賬等問(wèn)題典型案例,發(fā)布督查通報(bào),警示教育基層黨員干部"
    ),
    "zero_tolerance": "持續(xù)釋放對(duì)鄉(xiāng)村振興領(lǐng)域腐敗和作風(fēng)問(wèn)題“零容忍”的強(qiáng)烈信號(hào)。",
    "rules": (
        "制定出臺(tái)《婁星區(qū)鄉(xiāng)村振興工作領(lǐng)導(dǎo)機(jī)制》《婁星區(qū)鄉(xiāng)村振興工作調(diào)度機(jī)制》"
        "《婁星區(qū)鄉(xiāng)村振興工作督查機(jī)制》《婁星區(qū)鄉(xiāng)村振興區(qū)派駐村第一書記和工作隊(duì)管理辦法》等系列文件"
    ),
    "ten_bans": (
        "擬定《婁星區(qū)關(guān)于推進(jìn)清廉項(xiàng)目建設(shè)“十個(gè)嚴(yán)禁”》,"
        "不斷規(guī)范村級(jí)工程項(xiàng)目建設(shè),打造“陽(yáng)光工程”“廉潔工程”。"
    ),
}


# ---------------------------------------------------------------------------
# Roles: who answers for what, on which level
# ---------------------------------------------------------------------------

KEY_VILLAGES = Scope(tags_any=("key-village",), label=L("乡村振兴重点帮扶村和示范创建村", "key and model villages"))
RESIDENT_VILLAGES = Scope(tags_any=("resident-team",), label=L("驻村帮扶村（65个）", "villages with a resident team"))


def _roles() -> tuple[Role, ...]:
    """Ten roles: the 明责 holders (leaders, departments, towns, villages, resident teams) and the 督责 bodies."""
    return (
        Role(
            "district-leader",
            L("区级领导挂点联点", "district leader for a key village"),
            "village",
            ("leader",),
            scope=KEY_VILLAGES,
            min_per_unit=1,
            capacity=2,
            duties=(
                L("挂点乡村振兴重点帮扶村和示范创建村，联点指导工作", "take a key or model village and guide its work"),
                L("带队开展分阶段集中攻坚行动、专项督查", "lead the phased sprints and the special inspections"),
            ),
            visits=Frequency(1, "month", label=L("每月至少到挂点村一次（假设）", "at least monthly (assumed)")),
            quote=Q["leaders"],
        ),
        Role(
            "department",
            L("区直职能部门（责任单位）", "district department (duty holder)"),
            "county",
            ("department",),
            duties=(
                L("承担责任分解表分解的工作任务，按责任清单、任务清单履责", "carry the tasks of the decomposition tables"),
                L("全面参与乡村振兴驻村帮扶工作，选派驻村工作队", "take part in resident assistance and send teams"),
            ),
            quote=Q["tables"],
        ),
        Role(
            "township",
            L("乡镇（街道）党委政府", "town or street leadership"),
            "town",
            ("cadre",),
            duties=(
                L("承担分解到乡镇街道的任务与责任清单", "carry the tasks and lists decomposed to the town"),
                L("接受专项督查和作风督查", "be inspected by the special and style inspections"),
            ),
            quote=Q["tables"],
        ),
        Role(
            "village-cadre",
            L("村（社区）干部", "village cadres"),
            "village",
            ("village-cadre",),
            duties=(
                L("党务、村务线上线下“双公开”", "publish party and village affairs online and offline"),
                L("“三干五零”：干部带头干", "lead village projects under the 'three gan, five zero' model"),
            ),
            quote=Q["two_micro"],
        ),
        Role(
            "resident-team",
            L("乡村振兴驻村帮扶工作队", "resident assistance team"),
            "village",
            ("work-team",),
            scope=RESIDENT_VILLAGES,
            min_per_unit=1,
            capacity=2,
            duties=(
                L("驻村帮扶，落实“四个不摘”", "stay in the village and keep the 'four not removed'"),
                L("强化入户走访，摸排易返贫致贫重点人群", "visit households and find those at risk of poverty"),
            ),
            quote=Q["teams"],
        ),
        Role(
            "resident-cadre",
            L("驻村工作队员（含第一书记）", "resident team member (incl. first secretary)"),
            "village",
            ("resident-cadre",),
            scope=RESIDENT_VILLAGES,
            min_per_unit=1,
            capacity=1,
            duties=(L("驻村帮扶、入户走访", "stay in the village and visit households"),),
            visits=Frequency(
                20, "month", unit="day", label=L("每月在村不少于20天（假设）", "20 days a month in the village (assumed)")
            ),
            quote=Q["teams"],
        ),
        Role(
            "inspection-group",
            L("乡村振兴专项督查组", "special inspection group"),
            "town",
            ("inspector",),
            duties=(
                L("由区级领导带队，以“四不两直”方式“拉网式”督查", "led by a district leader, unannounced dragnet inspection"),
                L("发现和解决难点、堵点问题", "find and solve the hard and blocked problems"),
            ),
            quote=Q["groups"],
        ),
        Role(
            "discipline-commission",
            L("区纪委监委", "district discipline commission"),
            "county",
            ("inspector",),
            duties=(
                L("对照监督清单常态化监督检查", "routine supervision against the supervision list"),
                L("以案明纪，通报曝光典型案例", "expose typical cases"),
                L("查处群众身边的腐败和作风问题，精准问责", "investigate petty corruption and hold to account"),
            ),
            quote=Q["routine"],
        ),
        Role(
            "two-micro-office",
            L("“两微办”（互联网+村级小微权力监督）", "'two-micro' office (online village-power oversight)"),
            "county",
            ("inspector",),
            duties=(
                L("线上线下监督，督促各村（社区）“双公开”", "supervise every village's double publicity"),
                L("线上接受群众举报，线下暗访交办问题", "take reports online, assign problems found by visits offline"),
            ),
            quote=Q["two_micro"],
        ),
        Role(
            "style-inspection",
            L("作风督查（区驻村办会同督查室、乡村振兴局）", "work-style inspection"),
            "county",
            ("inspector",),
            duties=(
                L("对镇、村干部和派驻工作队作风建设开展不定期督查", "irregular inspection of town and village cadres and teams"),
                L("印发督查通报", "issue inspection bulletins"),
            ),
            quote=Q["style"],
        ),
    )


def _coverage_rules() -> tuple[CoverageRule, ...]:
    """The source's coverage claims: 全覆盖 of resident villages, every key village contacted, every town and village reached."""
    return (
        CoverageRule(
            "resident-full-coverage",
            L("驻村帮扶全覆盖（65个村）", "every assisted village has a resident team"),
            "resident-team",
            "village",
            RESIDENT_VILLAGES,
            quote=Q["teams"],
        ),
        CoverageRule(
            "key-village-leader",
            L("重点村、示范村均有区级领导挂点", "every key village has a district leader"),
            "district-leader",
            "village",
            KEY_VILLAGES,
            quote=Q["leaders"],
        ),
        CoverageRule(
            "town-duties",
            L("任务分解到每个乡镇街道", "every town carries decomposed tasks"),
            "township",
            "town",
            quote=Q["tables"],
        ),
        CoverageRule(
            "inspection-dragnet",
            L("督查组“拉网式”覆盖每个乡镇街道", "dragnet inspection of every town"),
            "inspection-group",
            "town",
            quote=Q["groups"],
        ),
        CoverageRule(
            "dual-publicity",
            L("各村（社区）“双公开”", "every village publishes its affairs"),
            "village-cadre",
            "village",
            quote=Q["two_micro"],
        ),
        CoverageRule(
            "dual-publicity-supervised",
            L("“两微办”监督到每个村（社区）", "every village under online oversight"),
            "two-micro-office",
            "village",
            quote=Q["two_micro"],
        ),
    )


def _policy() -> AssignmentPolicy:
    """Staffing any county the Louxing way; counts come from the source where it gives them."""
    rules = (
        StaffingRule("district-leader", "leader", name=L("区级领导", "District leader")),
        StaffingRule("department", "department", per_unit=25, name=L("区直部门", "District department")),
        StaffingRule("township", "cadre", name=L("乡镇街道", "Town leadership")),
        StaffingRule("village-cadre", "village-cadre", name=L("村干部", "Village cadre")),
        StaffingRule("resident-team", "work-team", name=L("驻村工作队", "Resident team")),
        StaffingRule("resident-cadre", "resident-cadre", per_unit=3, name=L("驻村队员", "Resident member")),
        StaffingRule("inspection-group", "inspector", units_per_actor=2, name=L("督查组", "Inspection group")),
        StaffingRule("discipline-commission", "inspector", name=L("区纪委监委", "Discipline commission")),
        StaffingRule("two-micro-office", "inspector", name=L("两微办", "Two-micro office")),
        StaffingRule("style-inspection", "inspector", name=L("作风督查", "Style inspection")),
    )
    note = L(
        "每个重点村、示范村一名区级领导（娄星实为37名领导挂46个村，约1.24村/人）；全区25个区直部门承担任务；"
        "每个乡镇街道、每个村一名责任人；每个驻村帮扶村一支工作队、3名队员（娄星62支157人，约2.5人/队）；"
        "每个督查组督查2个乡镇街道（8个乡镇街道、4个督查组）；纪委监委、两微办、作风督查各一。",
        "One district leader per key or model village (Louxing had 37 for 46, about 1.24 each); 25 district "
        "departments carry tasks; one duty holder per town and per village; one resident team of 3 per assisted "
        "village (Louxing: 62 teams, 157 people, about 2.5 a team); one inspection group per 2 towns (8 towns, "
        "4 groups); one discipline commission, two-micro office and style inspection for the district.",
    )
    return AssignmentPolicy(rules, note)


# ---------------------------------------------------------------------------
# Indicators
# ---------------------------------------------------------------------------


def _count(key: str, zh: str, en: str, unit: str, level: str | None = "county", **kw: object) -> IndicatorDef:
    return IndicatorDef(key, L(zh, en), unit=unit, aggregation="sum", level=level, **kw)  # type: ignore[arg-type]


def _rate(key: str, zh: str, en: str, num: str, den: str, quote: str, period: str | None = None) -> IndicatorDef:
    return IndicatorDef(
        key,
        L(zh, en),
        unit="%",
        numerator=num,
        denominator=den,
        factor=100.0,
        targets=(IndicatorTarget(100.0, ">=", period=period, quote=quote),),
    )


def _zero(key: str, zh: str, en: str, unit: str, quote: str) -> IndicatorDef:
    """One of the 五零: a village-project quantity that must stay at zero."""
    return IndicatorDef(
        key,
        L(zh, en),
        unit=unit,
        direction="lower",
        aggregation="sum",
        level="village",
        targets=(IndicatorTarget(0.0, "<=", quote=quote),),
    )


def _indicators() -> tuple[IndicatorDef, ...]:
    """Counts and rates the source states or implies a target for (全覆盖, 整改到位, 年度任务, 五零)."""
    five = Q["five_zero"]
    return (
        _count(
            "tasks-decomposed",
            "分解的工作任务",
            "tasks decomposed",
            "项",
            targets=(IndicatorTarget(37.0, ">=", quote=Q["tables"]),),
        ),
        _count(
            "list-items",
            "责任清单、任务清单项数",
            "responsibility and task list items",
            "项",
            targets=(IndicatorTarget(77.0, ">=", quote=Q["tables"]),),
        ),
        _count(
            "supervision-items",
            "监督清单项数（含村级工程项目）",
            "supervision list items (incl. village projects)",
            "项",
            targets=(IndicatorTarget(20.0, ">=", quote=Q["supervision_list"]),),
        ),
        _count("tasks-completed", "完成的工作任务", "tasks completed", "项"),
        _rate(
            "task-completion-rate",
            "年度任务完成率",
            "annual task completion",
            "tasks-completed",
            "tasks-decomposed",
            Q["meeting"],
            period=str(YEAR),
        ),
        _count("key-villages", "重点帮扶村和示范创建村数", "key and model villages", "个", level="village"),
        _count(
            "key-villages-contacted", "有区级领导挂点的重点村数", "key villages with a district leader", "个", level="village"
        ),
        _rate(
            "key-village-contact-rate",
            "重点村挂点覆盖率",
            "key villages contacted",
            "key-villages-contacted",
            "key-villages",
            Q["leaders"],
        ),
        _count("villages-to-assist", "应驻村帮扶村数", "villages to be assisted", "个", level="village"),
        _count("villages-with-team", "已派驻工作队村数", "villages with a resident team", "个", level="village"),
        _rate(
            "resident-coverage-rate",
            "驻村帮扶覆盖率",
            "resident-assistance coverage",
            "villages-with-team",
            "villages-to-assist",
            Q["teams"],
        ),
        _count("published-items", "采集公开数据信息条数", "items of village data published", "条", level="village"),
        _count("problems-found", "督查发现问题数", "problems found", "个"),
        _count("problems-rectified", "已整改问题数", "problems rectified", "个"),
        _rate("rectification-rate", "问题整改率", "problems rectified", "problems-rectified", "problems-found", Q["three_lists"]),
        _count("bulletins-issued", "督查通报期数", "inspection bulletins issued", "期"),
        _zero("project-profit", "工程建设利润", "profit on village project works", "万元", five),
        _zero("land-compensation", "占用土地资金补偿", "cash compensation for land used", "万元", five),
        _zero("labour-pay", "出工出力报酬", "pay for villagers' labour", "万元", five),
        _zero("work-obstructions", "阻工次数", "obstructions of works", "次", five),
        _zero("petitions", "群众上访次数", "petitions by villagers", "次", five),
    )


# ---------------------------------------------------------------------------
# Campaign: the 2021 work, with the 8 November sprint
# ---------------------------------------------------------------------------

START = dt.date(YEAR, 1, 1)
SPRINT = dt.date(YEAR, 11, 8)
END = dt.date(YEAR, 12, 31)


def _make_duties_clear() -> Action:
    return Action(
        "make-duties-clear",
        L("划好重点，全面明责强责任", "make duties clear"),
        lead=L("区委实施乡村振兴战略领导小组", "district leading group on rural revitalisation"),
        outcome=L("明确各级各部门工作责任", "every level and department knows its duties"),
        tasks=(
            Task(
                "dispatch-meeting",
                L("召开全区乡村振兴工作调度会，向年度任务目标发起冲刺", "district dispatch meeting opens the sprint"),
                lead=L("娄星区委、区政府", "district party committee and government"),
                deadline=SPRINT,
                quote=Q["meeting"],
            ),
            Task(
                "responsibility-tables",
                L(
                    "“两个清单”明责任：37项任务分解到25个部门和8个乡镇街道，分列77项清单",
                    "two lists: 37 tasks to 25 departments and 8 towns as 77 list items",
                ),
                owner_role="department",
                lead=L("区委实施乡村振兴战略领导小组", "district leading group"),
                cascade_level="town",
                targets=(Target(37, "项", indicator="tasks-decomposed"), Target(77, "项", indicator="list-items")),
                quote=Q["tables"],
            ),
            Task(
                "supervision-list",
                L(
                    "强化监督严纪律：确定监督清单16项和4项村级工程项目治理内容",
                    "supervision list: 16 items and 4 on village projects",
                ),
                owner_role="discipline-commission",
                targets=(Target(20, "项", indicator="supervision-items"),),
                quote=Q["supervision_list"],
            ),
            Task(
                "leader-contact",
                L("37名区级领导挂点46个重点帮扶村和示范创建村", "37 district leaders take 46 key villages"),
                owner_role="district-leader",
                cascade_level="village",
                targets=(Target(100, "%", indicator="key-village-contact-rate"),),
                quote=Q["leaders"],
            ),
            Task(
                "resident-assistance",
                L(
                    "派驻队伍强帮扶：62支工作队157人驻村帮扶65个村全覆盖",
                    "62 resident teams of 157 people cover 65 villages in full",
                ),
                owner_role="resident-team",
                cascade_level="village",
                targets=(Target(100, "%", indicator="resident-coverage-rate"),),
                quote=Q["teams"],
            ),
        ),
    )


def _supervise_duties() -> Action:
    return Action(
        "supervise-duties",
        L("突出难点，多措督责强推动", "supervise duties"),
        lead=L("区乡村振兴攻坚指挥部、区纪委监委", "district sprint headquarters, discipline commission"),
        outcome=L("发现和解决难点、堵点问题", "hard and blocked problems found and solved"),
        tasks=(
            Task(
                "special-inspection",
                L("专项督查促攻坚：4个督查组“四不两直”“拉网式”督查", "special inspection: 4 groups, unannounced dragnet"),
                owner_role="inspection-group",
                cascade_level="town",
                deadline=dt.date(YEAR, 11, 30),
                targets=(Target(4, "个", label=L("督查组", "inspection groups")),),
                quote=Q["groups"],
            ),
            Task(
                "routine-supervision",
                L("日常督查促公开：对照监督清单常态化监督检查", "routine supervision against the list"),
                owner_role="discipline-commission",
                due=Schedule("month", label=L("每月（假设）", "monthly (assumed)")),
                quote=Q["routine"],
            ),
            Task(
                "dual-publicity",
                L("党务、村务线上线下“双公开”", "double publicity of party and village affairs"),
                owner_role="village-cadre",
                cascade_level="village",
                targets=(Target(943000, "条", indicator="published-items"),),
                quote=Q["published"],
            ),
            Task(
                "style-inspection",
                L("作风督查促规范：不定期督查镇村干部和工作队作风", "irregular work-style inspections"),
                owner_role="style-inspection",
                quote=Q["style"],
            ),
        ),
    )


def _hold_to_account() -> Action:
    return Action(
        "hold-to-account",
        L("找准痛点，精准问责强作为", "hold to account"),
        lead=L("区纪委监委", "district discipline commission"),
        outcome=L("对不作为、慢作为、假作为、乱作为一律严肃追责", "every failure to act is held to account"),
        tasks=(
            Task(
                "rectify-problems",
                L("厘清问题清单、整改清单、责任清单，问题整改到位", "three lists: every problem rectified"),
                owner_role="discipline-commission",
                targets=(Target(100, "%", indicator="rectification-rate"),),
                quote=Q["three_lists"],
            ),
            Task(
                "strict-discipline",
                L("从严执纪强问责：线上接受举报，线下暗访交办", "strict discipline: reports online, visits offline"),
                owner_role="two-micro-office",
                quote=Q["discipline"],
            ),
            Task(
                "expose-cases",
                L("通报曝光强震慑：通报曝光典型案例、发布督查通报", "expose typical cases"),
                owner_role="discipline-commission",
                quote=Q["expose"],
            ),
            Task(
                "build-rules",
                L(
                    "建章立制强规范：出台领导、调度、督查机制和驻村管理办法，拟定“十个严禁”",
                    "rules: leadership, dispatch, inspection, team management; the 'ten bans'",
                ),
                lead=L("娄星区", "Louxing District"),
                targets=(Target(10, "条", label=L("十个严禁", "ten bans")),),
                quote=Q["ten_bans"],
            ),
            Task(
                "three-gan-five-zero",
                L("推行“三干五零”模式", "the 'three gan, five zero' model for village projects"),
                owner_role="village-cadre",
                cascade_level="village",
                targets=tuple(
                    Target(0, comparison="<=", indicator=k)
                    for k in ("project-profit", "land-compensation", "labour-pay", "work-obstructions", "petitions")
                ),
                quote=Q["model"],
            ),
        ),
    )


def _campaign() -> Campaign:
    """The 2021 year of work: routine duties, then the sprint from the 8 November dispatch meeting."""
    return Campaign(
        "rural-revitalisation-2021",
        L("2021年乡村振兴“三责”", "2021 rural revitalisation under the three duties"),
        start=START,
        end=END,
        phases=(
            Phase(
                "routine", L("全面明责、日常督责", "duties made clear, routine supervision"), START, SPRINT - dt.timedelta(days=1)
            ),
            Phase("sprint", L("分阶段集中攻坚、冲刺年度目标", "phased sprint toward the annual targets"), SPRINT, END),
        ),
        actions=(_make_duties_clear(), _supervise_duties(), _hold_to_account()),
        milestones=(
            Milestone(
                "published-by-october",
                L("截至10月底采集公开94.3万条（已达成）", "943,000 items published by end of October (reached)"),
                dt.date(YEAR, 10, 31),
                Target(943000, "条", indicator="published-items"),
            ),
            Milestone(
                "annual-targets",
                L("年度任务目标全部完成", "annual targets met"),
                END,
                Target(100, "%", indicator="task-completion-rate"),
            ),
        ),
        reporting=(
            ReportingEvent(
                "dispatch",
                L("乡村振兴工作调度（调度机制）", "dispatch meeting (dispatch mechanism)"),
                Schedule("month", label=L("每月（假设）", "monthly (assumed)")),
            ),
            ReportingEvent(
                "inspection-bulletin",
                L("督查通报", "inspection bulletin"),
                Schedule("quarter", label=L("每季度（假设）", "quarterly (assumed)")),
                owner_role="style-inspection",
            ),
        ),
    )


# ---------------------------------------------------------------------------
# Scoring: no scorecards in the source — the accountability loop
# ---------------------------------------------------------------------------


def _scoring() -> Scoring:
    """The 问责 loop: four failures, three lists, problem → rectification → close-out."""
    categories = (
        AccountabilityCategory("inaction", L("不作为", "not acting"), L("该办不办、推诿扯皮", "duties left undone")),
        AccountabilityCategory(
            "slow", L("慢作为", "acting slowly"), L("拖延办理、逾期未完成", "duties done late or past deadline")
        ),
        AccountabilityCategory("false", L("假作为", "acting falsely"), L("弄虚作假、敷衍应付", "results faked or only on paper")),
        AccountabilityCategory(
            "wrong", L("乱作为", "acting wrongly"), L("违规违纪、套取资金等", "acting against rules, e.g. diverting funds")
        ),
    )
    supervision = Supervision(
        L("“三个清单”闭环问责：问题→整改→销号", "three-list loop: problem → rectification → close-out"),
        rectification_days=30,
        categories=categories,
        lists=(L("问题清单", "problem list"), L("整改清单", "rectification list"), L("责任清单", "responsibility list")),
        methods=(
            L("对照监督清单精准监督、靠前监督、跟进监督", "precise, forward and follow-up supervision against the list"),
            L("“四不两直”“拉网式”专项督查", "unannounced dragnet special inspection"),
            L("纪委监委常态化监督检查", "routine supervision by the discipline commission"),
            L("“两微办”线上线下监督，线上接受举报、线下暗访交办", "two-micro office: online reports, offline visits"),
            L("不定期作风督查，印发督查通报", "irregular style inspection with bulletins"),
            L("以案明纪，通报曝光典型案例", "exposure of typical cases"),
        ),
    )
    return Scoring(supervision=supervision, uses=(L("强化干部作为，严明奖惩", "cadre conduct: rewards and penalties"),))


# ---------------------------------------------------------------------------
# Features: the other named structures, each item from the source
# ---------------------------------------------------------------------------


def _item(key: str, zh: str, en: str, quote: str, value: float | None = None, unit: str = "") -> FeatureItem:
    return FeatureItem(key, L(zh, en), value=value, unit=unit, quote=quote)


def _features() -> tuple[Feature, ...]:
    return (
        Feature(
            "three-duties",
            L("三责", "three duties"),
            (
                _item("make-clear", "全面明责", "make duties clear", Q["duty_clear"]),
                _item("supervise", "多措督责", "supervise duties", Q["duty_supervise"]),
                _item("account", "精准问责", "hold to account", Q["duty_account"]),
            ),
        ),
        Feature(
            "decomposition-tables",
            L("两张责任分解表", "two responsibility-decomposition tables"),
            (
                _item(
                    "consolidation",
                    "娄星区巩固拓展脱贫攻坚成果责任分解表",
                    "consolidating poverty-alleviation gains",
                    "《婁星區(qū)鞏固拓展脫貧攻堅(jiān)成果責(zé)任分解表》",
                ),
                _item(
                    "revitalisation",
                    "娄星区全面推进乡村振兴战略工作责任分解表",
                    "advancing rural revitalisation",
                    "《婁星區(qū)全面推進(jìn)鄉(xiāng)村振興戰(zhàn)略工作責(zé)任分解表》",
                ),
            ),
        ),
        Feature(
            "supervision-list",
            L("监督清单", "supervision list"),
            (
                _item(
                    "linkage",
                    "巩固拓展脱贫攻坚成果同乡村振兴有效衔接监督清单",
                    "linkage supervision items",
                    "確定監(jiān)督清單16項(xiàng)",
                    16,
                    "项",
                ),
                _item(
                    "village-projects",
                    "村级工程项目建设领域治理内容",
                    "village-project governance items",
                    "4項(xiàng)村級(jí)工程項(xiàng)目建設(shè)領(lǐng)域治理內(nèi)容",
                    4,
                    "项",
                ),
            ),
        ),
        Feature(
            "resident-village-types",
            L("驻村帮扶覆盖的村类", "kinds of village with a resident team"),
            tuple(
                _item(k, zh, en, q)
                for k, zh, en, q in (
                    ("key", "乡村振兴重点村", "key villages", "65個(gè)鄉(xiāng)村振興重點(diǎn)村"),
                    ("lifted", "已脱贫村", "villages lifted out of poverty", "已脫貧村"),
                    ("red-beautiful", "全国红色美丽乡村", "national red beautiful villages", "全國(guó)紅色美麗鄉(xiāng)村"),
                    (
                        "model",
                        "省市区级乡村振兴示范创建村",
                        "provincial, city and district model villages",
                        "省市區(qū)級(jí)鄉(xiāng)村振興示范創(chuàng)建村",
                    ),
                    ("weak", "软弱涣散村", "villages with weak party organisations", "軟弱渙散村"),
                    ("relocation", "易地扶贫搬迁安置村", "relocation resettlement villages", "易地扶貧搬遷安置村"),
                )
            ),
        ),
        Feature(
            "inspection-group-bodies",
            L("督查组参与单位", "bodies in the inspection groups"),
            tuple(
                _item(k, zh, en, q)
                for k, zh, en, q in (
                    ("discipline", "区纪委监委", "discipline commission", "區(qū)紀(jì)委監(jiān)委、區(qū)委作風(fēng)辦"),
                    ("style-office", "区委作风办", "work-style office", "區(qū)委作風(fēng)辦"),
                    ("revitalisation", "区乡村振兴局", "rural revitalisation bureau", "區(qū)鄉(xiāng)村振興局、區(qū)駐村辦"),
                    ("resident-office", "区驻村办", "resident-team office", "區(qū)駐村辦、區(qū)財(cái)政局"),
                    ("finance", "区财政局", "finance bureau", "區(qū)財(cái)政局"),
                    ("development", "区发改局", "development and reform bureau", "區(qū)發(fā)改局"),
                    ("inspection-offices", "区两办督查室", "inspection offices of party and government", "區(qū)兩辦督查室"),
                )
            ),
            description=L("由区级领导带队", "each led by a district leader"),
        ),
        Feature(
            "three-in-place",
            L("三个到位", "three 'in place'"),
            (
                _item("pressure", "压力传导到位", "pressure passed down", "壓力傳導(dǎo)到位"),
                _item("rectification", "问题整改到位", "problems rectified", "問(wèn)題整改到位"),
                _item("delivery", "工作落实到位", "work delivered", "工作落實(shí)到位"),
            ),
        ),
        Feature(
            "three-gan-five-zero",
            L("“三干五零”模式", "'three gan, five zero' model"),
            (
                _item("cadres-lead", "干部带头干", "cadres lead the work", "干部帶頭干"),
                _item("people-volunteer", "群众自愿干", "villagers work of their own will", "群眾自愿干"),
                _item("together", "干群一起干", "cadres and villagers work together", "干群一起干"),
                _item("zero-profit", "工程建设零利润", "zero profit on works", "工程建設(shè)零利潤(rùn)"),
                _item(
                    "zero-compensation", "占用土地零（资金）补偿", "zero cash compensation for land", "占用土地零(資金)補(bǔ)償"
                ),
                _item("zero-pay", "出工出力零报酬", "zero pay for labour", "出工出力零報(bào)酬"),
                _item("zero-obstruction", "优化环境零阻工", "zero obstruction of works", "優(yōu)化環(huán)境零阻工"),
                _item("zero-petition", "群众满意零上访", "zero petitions", "群眾滿意零上訪"),
            ),
            description=L("村里的事情村民定，自己的事情主动干", "villagers decide village matters and do their own work"),
        ),
        Feature(
            "five-checks",
            L("五关（实现“五零”的关口）", "five checks (toward the five zeros)"),
            (
                _item("will", "群众“意愿关”", "villagers' will", "群眾“意愿關(guān)”"),
                _item("design", "项目“设计关”", "project design", "項(xiàng)目“設(shè)計(jì)關(guān)”"),
                _item("cost", "资金“成本关”", "funding cost", "資金“成本關(guān)”"),
                _item("quality", "建设“质量关”", "construction quality", "建設(shè)“質(zhì)量關(guān)”"),
                _item("performance", "干部“绩效关”", "cadre performance", "干部“績(jī)效關(guān)”"),
            ),
        ),
        Feature(
            "publicity-content",
            L("“双公开”数据内容", "what double publicity publishes"),
            (
                _item("finance", "村级财务", "village finances", "村級(jí)財(cái)務(wù)"),
                _item("projects", "村级项目建设", "village project construction", "村級(jí)項(xiàng)目建設(shè)"),
                _item("results", "办事结果", "results of services", "辦事結(jié)果"),
            ),
        ),
        Feature(
            "typical-cases",
            L("通报曝光的典型问题", "typical problems exposed"),
            (
                _item(
                    "diverted-funds", "套取资金用于违规开支", "funds diverted to improper spending", "套取資金用于違規(guī)開支"
                ),
                _item(
                    "hidden-income",
                    "隐瞒村集体收入不入账",
                    "village collective income hidden off the books",
                    "隱瞞村集體收入不入賬",
                ),
            ),
        ),
        Feature(
            "rules",
            L("建章立制文件", "rules and regulations"),
            (
                _item(
                    "leadership",
                    "娄星区乡村振兴工作领导机制",
                    "leadership mechanism",
                    "《婁星區(qū)鄉(xiāng)村振興工作領(lǐng)導(dǎo)機(jī)制》",
                ),
                _item(
                    "dispatch",
                    "娄星区乡村振兴工作调度机制",
                    "dispatch mechanism",
                    "《婁星區(qū)鄉(xiāng)村振興工作調(diào)度機(jī)制》",
                ),
                _item(
                    "inspection",
                    "娄星区乡村振兴工作督查机制",
                    "inspection mechanism",
                    "《婁星區(qū)鄉(xiāng)村振興工作督查機(jī)制》",
                ),
                _item(
                    "team-management",
                    "娄星区乡村振兴区派驻村第一书记和工作队管理办法",
                    "rules for first secretaries and resident teams",
                    "《婁星區(qū)鄉(xiāng)村振興區(qū)派駐村第一書記和工作隊(duì)管理辦法》",
                ),
                _item(
                    "ten-bans",
                    "关于推进清廉项目建设“十个严禁”（拟定）",
                    "ten bans for clean projects (draft)",
                    "清廉項(xiàng)目建設(shè)“十個(gè)嚴(yán)禁”",
                    10,
                    "条",
                ),
            ),
        ),
    )


def _principles() -> tuple[Label, ...]:
    return (
        L(
            "党委统一领导、政府统筹协调、纪委监督保障、部门分工负责",
            "party leads, government coordinates, discipline commission supervises, departments share the work",
        ),
        L("全面明责、日常督责、精准问责", "duties made clear, supervised daily, held to account precisely"),
        L("坚持以问题为导向", "problem-oriented"),
        L("严格落实“四个不摘”要求", "the 'four not removed' after leaving poverty"),
        L("对腐败和作风问题“零容忍”", "zero tolerance of corruption and poor work style"),
        L("村里的事情村民定，自己的事情主动干", "villagers decide village matters and do their own work"),
        L("打造“阳光工程”“廉洁工程”", "open and clean village projects"),
    )


# ---------------------------------------------------------------------------
# Reference case: every published figure and what follows from it
# ---------------------------------------------------------------------------


def _figures() -> tuple[Figure, ...]:
    f = Figure
    return (
        f("demo_counties", L("全省实施乡村振兴战略示范创建县", "demonstration counties in Hunan"), 14, "个", Q["province"]),
        f("tasks", L("分解的工作任务", "tasks decomposed"), 37, "项", Q["tables"]),
        f("departments", L("承担任务的区直职能部门", "district departments with tasks"), 25, "个", Q["tables"]),
        f("towns", L("承担任务的乡镇街道", "towns and streets with tasks"), 8, "个", Q["tables"]),
        f("list_items", L("责任清单、任务清单项数", "responsibility and task list items"), 77, "项", Q["tables"]),
        f("lists", L("“两个清单”", "the 'two lists'"), 2, "个", Q["two_lists"]),
        f("supervision_items", L("监督清单项数", "supervision list items"), 16, "项", Q["supervision_list"]),
        f("project_items", L("村级工程项目建设领域治理内容", "village-project governance items"), 4, "项", Q["supervision_list"]),
        f("leaders", L("挂点的区级领导", "district leaders with a contact village"), 37, "名", Q["leaders"]),
        f("key_villages", L("重点帮扶村和示范创建村", "key and model villages contacted"), 46, "个", Q["leaders"]),
        f("teams", L("驻村帮扶工作队", "resident assistance teams"), 62, "支", Q["teams"]),
        f("team_members", L("驻村帮扶工作队员", "resident team members"), 157, "人", Q["teams"]),
        f("team_villages", L("驻村帮扶全覆盖的村", "villages covered by resident teams"), 65, "个", Q["teams"]),
        f("four_not_removed", L("“四个不摘”要求", "the 'four not removed' requirements"), 4, "项", Q["teams"]),
        f("inspection_groups", L("专项督查组", "special inspection groups"), 4, "个", Q["groups"]),
        f(
            "published_items",
            L("截至10月底采集公开的数据信息", "items published by end of October"),
            943000,
            "条",
            Q["published"],
        ),
        f("bulletins", L("作风督查通报", "style-inspection bulletins"), 2, "期", Q["style"]),
        f("bulletin_problems", L("通报问题", "problems named in bulletins"), 7, "个", Q["style"]),
        f("trail_km", L("洪家山森林公园环线长度", "Hongjiashan forest-park loop"), 24.8, "公里", Q["trail"]),
        f(
            "scenic_spots",
            L("环线串联景点（60多处，取下限）", "scenic spots on the loop (60+, lower bound)"),
            60,
            "处",
            Q["trail"],
            approx="at-least",
        ),
        f("visitor_growth", L("游客人数同比增长", "visitor growth year on year"), 30, "%", Q["growth"]),
        f("ten_bans", L("清廉项目建设“十个严禁”", "the 'ten bans' for clean projects"), 10, "条", Q["ten_bans"]),
    )


def _derived() -> tuple[Derived, ...]:
    d = Derived
    return (
        d(
            "duty_bodies",
            L("承担任务的单位（部门+乡镇街道）", "bodies with tasks (departments + towns)"),
            "departments + towns",
            "个",
        ),
        d("tasks_per_body", L("每个责任单位平均任务数", "tasks per duty body"), "tasks / (departments + towns)", "项"),
        d(
            "items_per_body",
            L("每个责任单位平均清单项数", "list items per duty body"),
            "list_items / (departments + towns)",
            "项",
        ),
        d("items_per_task", L("每项任务平均清单项数", "list items per task"), "list_items / tasks", "项"),
        d(
            "supervision_total",
            L("监督清单与村级工程治理内容合计", "supervision items in all"),
            "supervision_items + project_items",
            "项",
        ),
        d(
            "project_item_share",
            L("村级工程项目治理内容占比", "share of village-project items"),
            "project_items / (supervision_items + project_items)",
        ),
        d(
            "villages_per_leader",
            L("每名区级领导平均挂点村数", "key villages per district leader"),
            "key_villages / leaders",
            "个",
        ),
        d(
            "villages_over_leaders",
            L("挂点村数多于领导人数", "key villages beyond one per leader"),
            "key_villages - leaders",
            "个",
        ),
        d("people_per_team", L("每支工作队平均人数", "people per resident team"), "team_members / teams", "人"),
        d("villages_per_team", L("每支工作队平均帮扶村数", "villages per resident team"), "team_villages / teams", "个"),
        d(
            "people_per_village",
            L("每个帮扶村平均驻村人数", "resident members per village"),
            "team_members / team_villages",
            "人",
        ),
        d(
            "key_to_team_villages",
            L("挂点村数与驻村帮扶村数之比", "key villages to team villages"),
            "key_villages / team_villages",
        ),
        d("towns_per_group", L("每个督查组平均督查乡镇街道数", "towns per inspection group"), "towns / inspection_groups", "个"),
        d(
            "problems_per_bulletin",
            L("每期督查通报平均通报问题数", "problems per bulletin"),
            "bulletin_problems / bulletins",
            "个",
        ),
        d("spots_per_km", L("环线每公里景点数（下限）", "scenic spots per km (lower bound)"), "scenic_spots / trail_km", "处"),
    )


def _reference() -> ReferenceCase:
    return ReferenceCase(_source(), _figures(), _derived())


def _source() -> SourceRef:
    return SourceRef(
        file=SEED_FILE,
        title=L("娄底市娄星区：聚焦“三责”振兴乡村", "Louxing District, Loudi: rural revitalisation through the three duties"),
        publisher="湖南日报（红星网转载；周俊 何邵林 蒋加强）",
        date=dt.date(2021, 11, 27),
    )


# ---------------------------------------------------------------------------
# Assumptions: where the source is silent
# ---------------------------------------------------------------------------


def _index(items: tuple[Action, ...] | tuple[Task, ...], key: str) -> int:
    return next(i for i, x in enumerate(items) if x.key == key)


def _assumptions(roles: tuple[Role, ...], policy: AssignmentPolicy, campaign: Campaign) -> tuple[Assumption, ...]:
    """Each value here must equal the mechanism's value at ``path`` (check_mechanism verifies it)."""
    role = {r.key: f"roles.{i}" for i, r in enumerate(roles)}
    rule = {s.role: f"policy.rules.{i}" for i, s in enumerate(policy.rules)}
    sup = _index(campaign.actions, "supervise-duties")
    routine = _index(campaign.actions[sup].tasks, "routine-supervision")
    a = Assumption
    return (
        a(
            "rectification-days",
            L("问题整改时限（天）", "days to rectify a problem"),
            "scoring.supervision.rectification_days",
            30,
            L("来源只说“问题整改到位”，未给时限；取30天", "the source asks for rectification but sets no deadline; 30 days"),
        ),
        a(
            "leader-capacity",
            L("每名区级领导最多挂点村数", "most key villages per district leader"),
            f"{role['district-leader']}.capacity",
            2,
            L("37名领导挂46个村，平均1.24个；取每人至多2个", "37 leaders on 46 villages (1.24 each); at most 2 each"),
        ),
        a(
            "leader-visits",
            L("区级领导每月到挂点村次数", "district leader visits a month"),
            f"{role['district-leader']}.visits.times",
            1,
            L("来源只说“联点指导”，未给频次；取每月至少一次", "the source gives no frequency; at least monthly"),
        ),
        a(
            "team-capacity",
            L("每支工作队最多帮扶村数", "most villages per resident team"),
            f"{role['resident-team']}.capacity",
            2,
            L("62支队覆盖65个村，个别队帮扶2个村", "62 teams for 65 villages: a few teams hold two"),
        ),
        a(
            "resident-days",
            L("驻村队员每月在村天数", "days a month a team member stays in the village"),
            f"{role['resident-cadre']}.visits.times",
            20,
            L("来源只说“驻村”，未给天数；取每月20天", "the source says 'stationed' without days; 20 a month"),
        ),
        a(
            "team-size",
            L("每村派驻队员人数（配置）", "resident members staffed per village"),
            f"{rule['resident-cadre']}.per_unit",
            3,
            L("157人/62支≈2.5人，向上取整为3人", "157 people / 62 teams ≈ 2.5, rounded up to 3"),
        ),
        a(
            "towns-per-group",
            L("每个督查组督查乡镇街道数（配置）", "towns per inspection group (staffing)"),
            f"{rule['inspection-group']}.units_per_actor",
            2,
            L("8个乡镇街道/4个督查组；来源未说明分工", "8 towns / 4 groups; the source gives no split"),
        ),
        a(
            "routine-cadence",
            L("常态化监督检查周期", "routine supervision cadence"),
            f"campaign.actions.{sup}.tasks.{routine}.due.every",
            "month",
            L("来源只说“常态化”；取每月", "the source says 'routine' only; monthly"),
        ),
        a(
            "dispatch-cadence",
            L("工作调度周期", "dispatch cadence"),
            "campaign.reporting.0.schedule.every",
            "month",
            L("来源有调度机制、11月8日调度会，未给周期；取每月", "a dispatch mechanism and one meeting on 8 Nov; monthly"),
        ),
        a(
            "bulletin-cadence",
            L("督查通报周期", "bulletin cadence"),
            "campaign.reporting.1.schedule.every",
            "quarter",
            L("不定期督查，已发2期；取每季度", "irregular; 2 issued by late November; quarterly"),
        ),
        a(
            "campaign-start",
            L("年度工作起始日", "start of the year's work"),
            "campaign.start",
            START.isoformat(),
            L("来源为2021年度工作，未给起始日；取1月1日", "the 2021 work has no start date; 1 January"),
        ),
        a(
            "routine-start",
            L("常态推进阶段起始日", "start of the routine phase"),
            "campaign.phases.0.start",
            START.isoformat(),
            L("同年度起始日", "same as the year's start"),
        ),
        a(
            "campaign-end",
            L("年度工作截止日", "end of the year's work"),
            "campaign.end",
            END.isoformat(),
            L("“年度任务目标”，取12月31日", "'annual targets': 31 December"),
        ),
        a(
            "sprint-end",
            L("冲刺阶段截止日", "end of the sprint"),
            "campaign.phases.1.end",
            END.isoformat(),
            L("冲刺年度目标，取12月31日", "sprint toward the annual targets: 31 December"),
        ),
    )


# ---------------------------------------------------------------------------


def build() -> Mechanism:
    """The Louxing three-duties mechanism, as the 2021 report states it."""
    roles = _roles()
    policy = _policy()
    campaign = _campaign()
    return Mechanism(
        key=KEY,
        name=L("“三责”：全面明责、日常督责、精准问责", "Three duties: make clear, supervise, hold to account"),
        county=L("湖南省娄底市娄星区", "Louxing District, Loudi, Hunan"),
        year=YEAR,
        summary=L(
            "责任分解表把37项任务分解到25个区直部门和8个乡镇街道（77项清单）；37名区级领导挂点46个重点村、"
            "示范村，62支157人的驻村工作队覆盖65个村；4个督查组“四不两直”督查，纪委监委对照监督清单常态监督，"
            "“两微办”督促“双公开”；对不作为、慢作为、假作为、乱作为按问题、整改、责任三个清单闭环问责。",
            "Decomposition tables give 37 tasks to 25 district departments and 8 towns (77 list items); 37 district "
            "leaders take 46 key and model villages and 62 resident teams of 157 people cover 65 villages; 4 "
            "inspection groups inspect unannounced, the discipline commission supervises against its list, the "
            "two-micro office enforces double publicity; not acting, acting slowly, falsely or wrongly is held to "
            "account through the problem, rectification and responsibility lists.",
        ),
        source=_source(),
        roles=roles,
        coverage_rules=_coverage_rules(),
        policy=policy,
        campaign=campaign,
        indicators=_indicators(),
        scoring=_scoring(),
        features=_features(),
        principles=_principles(),
        reference=_reference(),
        preset=_preset(),
        assumptions=_assumptions(roles, policy, campaign) + _preset_assumptions(),
    )


def _preset() -> CountyShape:
    """Louxing's eight towns and streets and the 65 villages its resident teams cover, 46 of them key villages,
    for synthetic counties. The source gives no household count and does not say how many of the eight are streets:
    those are assumptions (300 households a village; 3 streets), as is five groups a village."""
    fig = {f.key: f.value for f in _reference().figures}
    villages = int(fig["team_villages"])
    return CountyShape(
        L("娄星区（按公布数字合成）", "Louxing (synthetic, from the published figures)"),
        towns=int(fig["towns"]),
        streets=3,
        villages=villages,
        households=300 * villages,
        groups_per_village=5,
        tags=(TagShare("village", "resident-team", count=villages),
              TagShare("village", "key-village", count=int(fig["key_villages"]))),
    )


def _preset_assumptions() -> tuple[Assumption, ...]:
    return (
        Assumption("preset-streets", L("合成县中的街道数", "streets in the synthetic county"), "preset.streets", 3,
                   L("原文只说8个乡镇街道，未分乡镇和街道", "the report says 8 towns and streets without the split")),
        Assumption("preset-households", L("合成县农户数", "households in the synthetic county"), "preset.households",
                   19500, L("原文未给户数；按每村300户估计", "the report gives no household count; 300 a village")),
        Assumption("preset-groups-per-village", L("合成县每村村民小组数", "groups per village in the synthetic county"),
                   "preset.groups_per_village", 5, L("原文未给村民小组数", "the report gives no number of groups")),
    )
