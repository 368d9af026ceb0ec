"""The rule catalogue as data (spec §8): one row per rule — id, severity, Chinese title, basis,
and the function that yields its findings. Adding a rule is adding a row."""
from __future__ import annotations

from . import cells, crossyear, meta, narrative, numbers, rates, table3, table24
from .findings import ERROR, INFO, WARNING, Finding, Rule

__all__ = ["Finding", "Rule", "RULES", "RULE_BY_ID"]

RULES: tuple[Rule, ...] = (
    # -- reading ------------------------------------------------------------------------------
    Rule("MISSING", ERROR, "格式要求的单元格未能读取", "spec §3–§6：2021格式表二10格、表三175格、表四15格", cells.check_missing),
    Rule("W-BLANK", WARNING, "单元格为空白或“/”“-”", "spec §8.4 W-BLANK；PRACTICE [S20][S21]", cells.check_blank),
    # -- table 三 (spec §8.1, §8.5) ---------------------------------------------------------
    Rule("T3-BAL", ERROR, "表三 第一项+第二项 = 第三项+第四项", "表内勾稽关系注释（CONFIRMED, spec §4.1）", table3.check_balance),
    Rule("T3-ROWSUM", ERROR, "表三 各行 总计 = 各类申请人之和", "DERIVED（总计列）, spec §8.1", table3.check_rowsum),
    Rule("T3-LEAFSUM", ERROR, "表三 （七）总计 = 各项办理结果之和", "DERIVED（（七）总计行）, spec §8.1", table3.check_leafsum),
    Rule("T3-NONNEG", ERROR, "表三 数值为非负整数", "DERIVED, spec §8.1", table3.check_nonneg),
    Rule("T3-COMPLETE", WARNING, "表三 只填总计、申请人各列空白", "PRACTICE [S21], spec §8.1", table3.check_complete),
    Rule("T3-CF-BOUND", ERROR, "表三 结转下年度 ≤ 本年新收+上年结转", "DERIVED（由T3-BAL及（七）总计≥0）, spec §8.1", table3.check_carry_bound),
    Rule("T3-SPLIT", WARNING, "表三 疑似拆格（两位数被拆成两格）", "PRACTICE, spec §8.5", table3.check_split),
    Rule("T3-XYEAR", WARNING, "表三 上年结转 = 上年报告的结转下年度", "PRACTICE“跨年度结转”[S25b], spec §8.1", crossyear.check_carry_over),
    # -- table 四 (spec §8.2) ---------------------------------------------------------------
    Rule("T4-SUM-G", ERROR, "表四 各组 总计 = 维持+纠正+其他+尚未审结", "DERIVED, spec §8.2", table24.check_appeal_sums),
    Rule("T4-NONNEG", ERROR, "表四 数值为非负整数", "DERIVED, spec §8.2", table24.check_appeal_nonneg),
    Rule("T4-NARR", WARNING, "正文称无行政复议、行政诉讼而表四有案件", "PRACTICE（种子报告措辞）, spec §8.2", numbers.check_no_appeals),
    # -- table 二 (spec §8.3) ---------------------------------------------------------------
    Rule("T2-NONNEG", ERROR, "表二 数值非负（收费金额可为小数）", "DERIVED, spec §8.3", table24.check_active_nonneg),
    Rule("T2-INFORCE-LB", WARNING, "表二 现行有效件数 ≥ 本年制发−本年废止", "DERIVED, spec §8.3", table24.check_in_force_lower_bound),
    Rule("T2-ROLL", INFO, "表二 现行有效件数与上年衔接", "heuristic（UNCONFIRMED）, spec §8.3", crossyear.check_in_force_roll),
    # -- 信息处理费 (spec §8.4, §8.5, §12) -------------------------------------------------------
    Rule("W-FEE-1", WARNING, "第六部分未说明信息处理费情况", "2021格式模板“收取信息处理费情况在此处报告”, spec §8.4", narrative.check_fee_statement),
    Rule("W-FEE-2", WARNING, "表三有逾期未缴费而正文称未发出收费通知", "DERIVED（国办函〔2020〕109号）, spec §8.4", narrative.check_fee_notice),
    Rule("W-FEE-3", WARNING, "表二有收费金额而第六部分为“无”", "spec §8.5", narrative.check_fee_amount),
    # -- narrative against tables (spec §8.4, §8.5) -----------------------------------------
    Rule("W-NARR-REQ", WARNING, "正文申请件数与表三不符", "PRACTICE [S23], spec §8.4（新收、上年结转、结转下年度）", numbers.check_request_numbers),
    Rule("W-NARR-NUM", WARNING, "正文其他件数与表格不符", "spec §8.5（办结/答复、行政复议、行政诉讼）", numbers.check_other_numbers),
    Rule("W-NARR-SUM", WARNING, "正文所述合计与分项之和不符", "spec §8.5", numbers.check_stated_sums),
    Rule("W-CONTRA", WARNING, "正文表述与表三矛盾", "spec §8.5（“未收到申请”而新收>0；“均已办结”而结转>0）", numbers.check_contradictions),
    Rule("W-YEAR", WARNING, "正文叙述年份与报告年度不符", "spec §8.5", narrative.check_year),
    Rule("N-PLACEHOLDER", ERROR, "正文留有未填写的模板内容（【请填写】、XX件）", "国办公开办函〔2021〕30号“内容准确全面”“敷衍塞责”, spec §13", narrative.check_placeholders),
    Rule("W-SEC5", WARNING, "第五部分内容缺失或过少", "条例第五十条第（四）项, spec §8.5", narrative.check_problems_section),
    # -- whole document (spec §8.4) -----------------------------------------------------------
    Rule("W-META", WARNING, "报告机关、年度未能识别或来源不一致", "条例第四十九条、第五十条；spec §6", meta.check_meta),
    Rule("W-DEADLINE", WARNING, "发布日期晚于法定期限", "条例第四十九条, spec §1.3", meta.check_deadline),
    Rule("W-CITE", INFO, "引用已失效的条例或格式通知", "spec §1.1, §1.2, §13 #7", narrative.check_citations),
    Rule("W-PERIOD", INFO, "统计期限不是报告年度的自然年", "spec §2.4；DB51/T 2660—2019 2.1", narrative.check_period),
    Rule("W-SECTIONS", WARNING, "六个部分不全或顺序不对", "条例第五十条；2021格式, spec §2.1", meta.check_sections),
    Rule("W-VERSION", WARNING, "报告年度与表格格式版本不符", "spec §1.2, §9", meta.check_version),
    Rule("W-CLONE", WARNING, "与上年报告内容雷同", "国办公开办函〔2021〕30号“内容雷同”, spec §8.4, §13 #3", crossyear.check_clone),
    # -- derived figures --------------------------------------------------------------------
    Rule("M-RATES", INFO, "实质公开率、行政复议纠错率", "spec §8.5（派生指标，非规则）", rates.check_rates),
    # -- degraded copies read by the arithmetic (read/solve.py) -----------------------------
    Rule("R-UNDETERMINED", WARNING, "降质文本中有多种读法（或没有读法）满足勾稽关系的单元格，未填写",
         "不凭猜测取值：无法确定的单元格留空并说明原因（issue 12）", cells.check_undetermined),
    Rule("R-INFERRED", INFO, "由格式的勾稽关系推算得出的单元格", "国办公开办函〔2021〕30号 表三、表四的勾稽关系（spec §8）",
         cells.check_inferred),
)

RULE_BY_ID = {r.id: r for r in RULES}
assert len(RULE_BY_ID) == len(RULES), "duplicate rule id"
