"""Inspection use cases: start, record, attach photos, submit, review, amend."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from inspector_app.domain.amendment import AmendmentRequest
from inspector_app.domain.checklist import ChecklistTemplate, parse_template
from inspector_app.domain.errors import ValidationFailed
from inspector_app.domain.finding import FindingResult, Severity
from inspector_app.domain.inspection import (
    INSPECTION_LIFECYCLE,
    FindingFacts,
    InspectionAction,
    InspectionMode,
    InspectionStatus,
    check_description_present,
    check_submittable,
    ensure_editable,
)
from inspector_app.domain.record_facts import clean_cert_nos
from inspector_app.services.errors import NotFound
from inspector_app.store.models import (
    Campaign,
    ChecklistTemplateRecord,
    Finding,
    Inspection,
    Photo,
    Site,
)
from inspector_app.store.notice_models import Amendment
from inspector_app.store.types import utc_now
from inspector_app.store.unit_of_work import UnitOfWork


def get_template(uow: UnitOfWork, template_id: str) -> ChecklistTemplate:
    record = uow.session.get(ChecklistTemplateRecord, template_id)
    if record is None or record.deleted:
        raise NotFound("template", template_id)
    return parse_template(record.content, f"{record.code} v{record.version}")


def inspection_or_error(uow: UnitOfWork, inspection_id: str) -> Inspection:
    inspection = uow.session.get(Inspection, inspection_id)
    if inspection is None or inspection.deleted:
        raise NotFound("inspection", inspection_id)
    return inspection


def finding_or_error(uow: UnitOfWork, finding_id: str) -> tuple[Finding, Inspection]:
    finding = uow.session.get(Finding, finding_id)
    if finding is None or finding.deleted:
        raise NotFound("finding", finding_id)
    return finding, inspection_or_error(uow, finding.inspection_id)


def start_inspection(
    uow: UnitOfWork,
    *,
    template_id: str,
    site_id: str,
    mode: InspectionMode,
    team: list[str],
    started_at: datetime,
    campaign_id: str | None = None,
    note: str = "",
    cert_nos: Mapping[str, str] | None = None,
) -> str:
    """Create the inspection and one unchecked finding per checklist item.

    The template version is frozen with the inspection: later template
    versions never change what this inspection was checked against. The
    first of the team (the inspector at this laptop) is the recorder until
    someone else is chosen; `cert_nos` are the team's card numbers known so far.
    """
    template = get_template(uow, template_id)
    if uow.session.get(Site, site_id) is None:
        raise NotFound("site", site_id)
    if campaign_id is not None and uow.session.get(Campaign, campaign_id) is None:
        raise NotFound("campaign", campaign_id)
    inspection = Inspection(
        campaign_id=campaign_id,
        template_id=template_id,
        site_id=site_id,
        mode=mode,
        team=list(team),
        started_at=started_at,
        note=note,
        recorder=team[0] if team else "",
        cert_nos=clean_cert_nos(team, cert_nos or {}),
    )
    uow.session.add(inspection)
    uow.session.flush()
    for item in template.items:
        uow.session.add(
            Finding(
                inspection_id=inspection.id,
                item_code=item.code,
                category_code=item.category_code,
                title=item.text,
                severity=item.severity,
                photo_required=item.photo_required,
                result=FindingResult.UNCHECKED,
            )
        )
    uow.session.flush()
    return inspection.id


@dataclass(frozen=True)
class FindingChanges:
    """Fields an inspector may set on a finding; None leaves a field as it is."""

    result: FindingResult | None = None
    description: str | None = None
    severity: Severity | None = None
    window_no: str | None = None
    staff_badge: str | None = None
    unit_id: str | None = None
    observed_at: datetime | None = None


def update_finding(uow: UnitOfWork, finding_id: str, changes: FindingChanges) -> None:
    finding, inspection = finding_or_error(uow, finding_id)
    ensure_editable(inspection.status)
    for field in FindingChanges.__dataclass_fields__:
        value = getattr(changes, field)
        if value is not None and getattr(finding, field) != value:
            setattr(finding, field, value)
    if changes.result == FindingResult.FAIL and finding.observed_at is None:
        finding.observed_at = utc_now()


def add_adhoc_finding(
    uow: UnitOfWork,
    inspection_id: str,
    *,
    title: str,
    description: str,
    severity: Severity = Severity.GENERAL,
    window_no: str = "",
    staff_badge: str = "",
    unit_id: str | None = None,
    observed_at: datetime | None = None,
) -> str:
    """A problem no checklist item covers; it is always a failure."""
    inspection = inspection_or_error(uow, inspection_id)
    ensure_editable(inspection.status)
    if not title.strip():
        raise ValidationFailed(
            "finding.title_required",
            "请填写问题标题。",
            "Give the problem a title.",
        )
    finding = Finding(
        inspection_id=inspection_id,
        item_code=None,
        category_code="",
        title=title.strip(),
        result=FindingResult.FAIL,
        severity=severity,
        photo_required=False,
        description=description,
        window_no=window_no,
        staff_badge=staff_badge,
        unit_id=unit_id,
        observed_at=observed_at or utc_now(),
    )
    uow.session.add(finding)
    uow.session.flush()
    return finding.id


def _facts(uow: UnitOfWork, inspection_id: str) -> list[FindingFacts]:
    photo_counts = dict(
        uow.session.execute(
            select(Photo.finding_id, func.count())
            .join(Finding, Finding.id == Photo.finding_id)
            .where(Finding.inspection_id == inspection_id, Photo.deleted.is_(False))
            .group_by(Photo.finding_id)
        ).all()
    )
    findings = uow.session.scalars(
        select(Finding).where(Finding.inspection_id == inspection_id, Finding.deleted.is_(False))
    )
    return [
        FindingFacts(
            label=f"{f.item_code} {f.title}" if f.item_code else f.title,
            result=f.result,
            photo_required=f.photo_required,
            photo_count=photo_counts.get(f.id, 0),
            description=f.description,
        )
        for f in findings
    ]


def submit_inspection(uow: UnitOfWork, inspection_id: str, *, now: datetime | None = None) -> None:
    inspection = inspection_or_error(uow, inspection_id)
    new_status = INSPECTION_LIFECYCLE.apply(inspection.status, InspectionAction.SUBMIT)
    facts = _facts(uow, inspection_id)
    check_submittable(facts)
    check_description_present(facts)
    now = now or utc_now()
    inspection.status = new_status
    inspection.submitted_at = now
    if inspection.ended_at is None:
        inspection.ended_at = now


def review_inspection(
    uow: UnitOfWork,
    inspection_id: str,
    *,
    approve: bool,
    comment: str = "",
    now: datetime | None = None,
) -> None:
    """Approve, or return with a comment that the inspector will see."""
    inspection = inspection_or_error(uow, inspection_id)
    action = InspectionAction.APPROVE if approve else InspectionAction.RETURN
    new_status = INSPECTION_LIFECYCLE.apply(inspection.status, action)
    if not approve and not comment.strip():
        raise ValidationFailed(
            "inspection.return_comment_required",
            "退回时必须填写退回意见，说明需要修改的内容。",
            "Returning an inspection needs a comment saying what to fix.",
        )
    inspection.status = new_status
    inspection.review_comment = comment.strip()
    inspection.reviewed_at = now or utc_now()


AMENDABLE_FINDING_FIELDS = ("description", "window_no", "staff_badge", "severity", "result")


def amend_finding(
    uow: UnitOfWork, finding_id: str, *, field: str, new_value: str, reason: str, author: str
) -> str:
    """Correct a submitted finding: the change and its reason are both recorded."""
    finding, inspection = finding_or_error(uow, finding_id)
    if inspection.status in (InspectionStatus.DRAFT, InspectionStatus.RETURNED):
        raise ValidationFailed(
            "amendment.not_needed",
            "该检查尚未提交，可直接修改，无需更正记录。",
            "This inspection is still editable; change the value directly.",
        )
    if field not in AMENDABLE_FINDING_FIELDS:
        raise ValidationFailed(
            "amendment.field_not_amendable",
            f"字段“{field}”不能更正。",
            f"The field '{field}' cannot be amended.",
        )
    old_value = str(getattr(finding, field))
    AmendmentRequest(field, old_value, new_value, reason).validate()
    converters = {"severity": Severity, "result": FindingResult}
    setattr(finding, field, converters.get(field, str)(new_value))
    amendment = Amendment(
        entity="finding",
        record_id=finding.id,
        field=field,
        old_value=old_value,
        new_value=new_value,
        reason=reason.strip(),
        author=author,
    )
    uow.session.add(amendment)
    uow.session.flush()
    return amendment.id
