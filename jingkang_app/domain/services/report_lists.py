"""The lists of personal data in a report (服务对象名单, 随访明细; DOMAIN.md §8: coordinators only, watermarked,
audited). A year's recipient list of a whole county is 100,000 rows, so each list is one query that selects
plain columns (no ORM objects), counts per recipient in SQL (GROUP BY) and is read in batches (``yield_per``)."""

from collections.abc import Iterator

from sqlalchemy.orm import aliased
from sqlmodel import Session, col, func, select

from jingkang_app.domain.models import Area, Followup, Recipient, RehabAttendance, RehabService
from jingkang_app.domain.services.report_sheets import Column, Report, Sheet, coded
from jingkang_app.i18n import t

BATCH = 2_000  # rows fetched at a time (a server-side cursor on PostgreSQL)


def _recipients_in(area_path: str):
    """Ids of the recipients living in the area (villages under its path)."""
    villages = select(Area.id).where(col(Area.path).startswith(area_path))
    return select(Recipient.id).where(col(Recipient.area_id).in_(villages))


def recipients_sheet(report: Report) -> Sheet:
    """Personal data: one row per recipient of the area, whatever their status, with their follow-ups and
    attended rehab sessions in the period."""
    lang, start, end = report.lang, report.period.start, report.period.end
    in_area = _recipients_in(report.area.path)
    followups = (
        select(Followup.recipient_id, func.count().label("n"))
        .where(
            col(Followup.recipient_id).in_(in_area),
            Followup.followup_date >= start,
            Followup.followup_date <= end,
        )
        .group_by(Followup.recipient_id)
        .subquery()
    )
    attended = (
        select(RehabAttendance.recipient_id, func.count().label("n"))
        .join(RehabService, RehabService.id == RehabAttendance.service_id)
        .where(
            col(RehabAttendance.attended),
            col(RehabAttendance.recipient_id).in_(in_area),
            RehabService.service_date >= start,
            RehabService.service_date <= end,
        )
        .group_by(RehabAttendance.recipient_id)
        .subquery()
    )
    village, township = aliased(Area), aliased(Area)
    query = (
        select(
            Recipient.name,
            Recipient.id_number,
            township.name,
            village.name,
            Recipient.status,
            Recipient.risk_level,
            Recipient.classification,
            Recipient.last_followup_date,
            Recipient.next_followup_date,
            func.coalesce(followups.c.n, 0),
            func.coalesce(attended.c.n, 0),
            Recipient.open_alert,
        )
        .join(village, village.id == Recipient.area_id)
        .outerjoin(township, township.id == village.parent_id)
        .outerjoin(followups, followups.c.recipient_id == Recipient.id)
        .outerjoin(attended, attended.c.recipient_id == Recipient.id)
        .where(col(village.path).startswith(report.area.path))
        .order_by(village.code, Recipient.name_initials, Recipient.id)
    )
    yes, no = t("export.yes", lang), t("export.no", lang)

    def rows() -> Iterator[tuple]:
        for name, id_number, town, vill, status, risk, klass, last, nxt, n_fu, n_rehab, alert in _stream(
            report.session, query
        ):
            status_label = coded("status", status, lang)
            klass_label = coded("followup.classification", klass, lang)
            yield (
                name,
                id_number,
                town,
                vill,
                status_label,
                risk,
                klass_label,
                last,
                nxt,
                n_fu,
                n_rehab,
                yes if alert else no,
            )

    columns = (
        Column(t("export.column.name", lang), width=10),
        Column(t("export.column.id_number", lang), width=21),
        Column(t("export.column.township", lang), width=12),
        Column(t("export.column.village", lang), width=12),
        Column(t("export.column.status", lang), width=8),
        Column(t("export.column.risk_level", lang), "number"),
        Column(t("export.column.classification", lang)),
        Column(t("export.column.last_followup", lang), "date"),
        Column(t("export.column.next_followup", lang), "date"),
        Column(t("export.column.followups_in_period", lang), "number"),
        Column(t("export.column.rehab_in_period", lang), "number"),
        Column(t("export.column.open_alert", lang), width=10),
    )
    return Sheet("recipients", t("export.sheet.recipients", lang), columns, rows())


def followups_sheet(report: Report) -> Sheet:
    """Personal data, a month only: one row per follow-up of the area's recipients in the month."""
    lang = report.lang
    village, township = aliased(Area), aliased(Area)
    query = (
        select(
            Followup.followup_date,
            township.name,
            village.name,
            Recipient.name,
            Recipient.id_number,
            Followup.form,
            Followup.risk_level,
            Followup.classification,
            Followup.doctor_name,
        )
        .join(Recipient, Recipient.id == Followup.recipient_id)
        .join(village, village.id == Recipient.area_id)
        .outerjoin(township, township.id == village.parent_id)
        .where(
            col(village.path).startswith(report.area.path),
            Followup.followup_date >= report.period.start,
            Followup.followup_date <= report.period.end,
        )
        .order_by(Followup.followup_date, village.code, Followup.id)
    )

    def rows() -> Iterator[tuple]:
        for day, town, vill, name, id_number, form, risk, klass, doctor in _stream(report.session, query):
            form_label = coded("followup.form", form, lang)
            klass_label = coded("followup.classification", klass, lang)
            yield (day, town, vill, name, id_number, form_label, risk, klass_label, doctor)

    columns = (
        Column(t("export.column.followup_date", lang), "date"),
        Column(t("export.column.township", lang)),
        Column(t("export.column.village", lang)),
        Column(t("export.column.name", lang), width=10),
        Column(t("export.column.id_number", lang), width=21),
        Column(t("export.column.form", lang), width=10),
        Column(t("export.column.risk", lang), "number"),
        Column(t("export.column.followup_classification", lang)),
        Column(t("export.column.doctor", lang), width=10),
    )
    return Sheet("followups", t("export.sheet.followups", lang), columns, rows())


def _stream(session: Session, query) -> Iterator[tuple]:
    yield from session.exec(query, execution_options={"yield_per": BATCH})
