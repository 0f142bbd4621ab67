"""Monthly and yearly reports of an area as XLSX or CSV (issue 7; DOMAIN.md §6, §8).

Statistical sheets (指标汇总, 分区统计) need export_statistics; sheets with personal data (服务对象名单, 随访明细)
need export_personal — coordinators, over the areas their scope reaches. Every file is watermarked with who
exported it and when, and every export is written to the audit log in a transaction of its own."""

from dataclasses import dataclass

from sqlmodel import Session, select

from jingkang_app.domain import audit, clock
from jingkang_app.domain.errors import FieldError, NotFound, PermissionDenied, ValidationFailed
from jingkang_app.domain.models import Area, Role
from jingkang_app.domain.permissions import POLICY, Action, Actor, Target, area_scope_paths, may_ever, require
from jingkang_app.domain.rules import fields
from jingkang_app.domain.rules.indicators import Period, parse_period
from jingkang_app.domain.services.report_lists import followups_sheet, recipients_sheet
from jingkang_app.domain.services.report_sheets import Report, areas_sheet, summary_sheet
from jingkang_app.domain.services.report_workbook import Stamp, write_csv, write_xlsx
from jingkang_app.i18n import t

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"
STATISTICAL_SHEETS = ("summary", "areas")
PERSONAL_SHEETS = ("recipients", "followups")
MONTH_ONLY_SHEETS = ("followups",)  # a year of every follow-up of a county is too large to be useful
BUILDERS = {
    "summary": summary_sheet,
    "areas": areas_sheet,
    "recipients": recipients_sheet,
    "followups": followups_sheet,
}


@dataclass(frozen=True)
class ExportFile:
    filename: str  # in the user's language, e.g. 示范县2026年11月精康工作报表.xlsx
    ascii_filename: str  # for clients that cannot read the other, e.g. jingkang-330127-2026-11.xlsx
    content_type: str
    data: bytes


def report_xlsx(
    session: Session, actor: Actor, area_id: object, period: object, *, personal: bool
) -> ExportFile:
    """The report of an area for a month or a year: the statistical sheets and, when ``personal``, the recipient
    list and (for a month) every follow-up."""
    action = Action.export_personal if personal else Action.export_statistics
    report = _report(session, actor, action, area_id, period)
    keys = [*STATISTICAL_SHEETS]
    if personal:
        keys += [k for k in PERSONAL_SHEETS if not report.period.is_year or k not in MONTH_ONLY_SHEETS]
    stamp = _stamp(report, action, personal)
    data, counts = write_xlsx((BUILDERS[key](report) for key in keys), stamp)
    _audit(report, "export.xlsx", personal, counts)
    suffix = "-personal" if personal else ""
    return ExportFile(
        f"{stamp.title}.xlsx",
        f"jingkang-{report.area.code}-{report.period.key}{suffix}.xlsx",
        XLSX_TYPE,
        data,
    )


def report_csv(session: Session, actor: Actor, area_id: object, period: object, *, sheet: str) -> ExportFile:
    """One sheet of the report (summary, areas, recipients or followups) as CSV."""
    if sheet not in STATISTICAL_SHEETS + PERSONAL_SHEETS:
        if not may_ever(actor, Action.export_statistics):
            raise PermissionDenied()
        raise ValidationFailed({"sheet": FieldError("error.invalid_choice")})
    personal = sheet in PERSONAL_SHEETS
    action = Action.export_personal if personal else Action.export_statistics
    report = _report(session, actor, action, area_id, period)
    if sheet in MONTH_ONLY_SHEETS and report.period.is_year:
        raise ValidationFailed({"period": FieldError("error.report_month_only")})
    built = BUILDERS[sheet](report)
    stamp = _stamp(report, action, personal)
    data, count = write_csv(built, stamp.watermark)
    _audit(report, "export.csv", personal, {sheet: count})
    return ExportFile(
        f"{stamp.title}-{built.title}.csv",
        f"jingkang-{report.area.code}-{report.period.key}-{sheet}.csv",
        CSV_TYPE,
        data,
    )


def _report(session: Session, actor: Actor, action: Action, area_id: object, period: object) -> Report:
    if not may_ever(actor, action):
        raise PermissionDenied()
    parsed = parse_period(period, clock.today())  # empty: this month
    if str(area_id if area_id is not None else "").strip():
        area = session.get(Area, fields.whole_number(area_id))
    else:  # the widest area the actor exports
        widest = min(area_scope_paths(actor, action), key=len)
        area = session.exec(select(Area).where(Area.path == widest)).first()
    if area is None:
        raise NotFound()
    require(actor, action, Target(area_path=area.path))
    return Report(session, actor, area, parsed)


def _exporting_role(actor: Actor, action: Action, area_path: str) -> Role:
    """The role under which the actor may export this area (the one the watermark names)."""
    return next(
        scope.role
        for scope in actor.scopes
        if action in POLICY[scope.role][1] and area_path.startswith(scope.area_path)
    )


def _period_label(period: Period, lang: str) -> str:
    if period.is_year:
        return t("export.period_year", lang, year=period.year)
    return t("export.period_month", lang, year=period.year, month=f"{period.start.month:02d}")


def _stamp(report: Report, action: Action, personal: bool) -> Stamp:
    lang, now = report.lang, clock.now()
    role = _exporting_role(report.actor, action, report.area.path)
    watermark = t(
        "export.watermark",
        lang,
        name=report.actor.name,
        role=t(f"role.{role.value}", lang),
        time=now.astimezone(clock.LOCAL_TZ).strftime("%Y-%m-%d %H:%M"),
    )
    title_key = "export.title_personal" if personal else "export.title"
    title = t(title_key, lang, area=report.area.name, period=_period_label(report.period, lang))
    return Stamp(watermark=watermark, author=report.actor.name, title=title, at=now)


def _audit(report: Report, action: str, personal: bool, counts: dict[str, int]) -> None:
    """Its own transaction: an export changes nothing else, and the entry must stay whatever the caller does."""
    area = report.area
    audit.record(
        report.session,
        report.actor,
        action,
        "export",
        area_id=area.id,
        detail={
            "area": area.name,
            "period": report.period.key,
            "personal": personal,
            "sheets": list(counts),
            "rows": counts,
        },
    )
    report.session.commit()
