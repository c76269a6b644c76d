"""Which responsible unit answers each problem of an inspection: a notice's addressee.

Shared by the printed notice (services/documents.py) and the drafts
(services/notice_drafts.py), so a draft lists exactly the problems its PDF prints.
"""

from __future__ import annotations

from collections import defaultdict

from inspector_app.documents.content import Issuer
from inspector_app.domain.errors import ValidationFailed
from inspector_app.domain.finding import FindingResult
from inspector_app.services.queries import FindingView, InspectionSheet, load_inspection_sheet
from inspector_app.store.models import Site, Unit
from inspector_app.store.photos import PhotoStore
from inspector_app.store.unit_of_work import UnitOfWork


def notice_units(
    uow: UnitOfWork, photos: PhotoStore, inspection_id: str, *, issuer: Issuer
) -> dict[str, list[str]]:
    """The responsible units an inspection's notices go to, each with its problems'
    finding ids in the notice's order: the same routing as `notice_contents`."""
    sheet = load_inspection_sheet(uow, photos, inspection_id)
    grouped = problems_by_unit(uow, sheet, issuer, None)
    ordered = sorted(grouped.items(), key=lambda kv: sheet.units.get(kv[0], ""))
    return {owner: [f.id for f in findings] for owner, findings in ordered}


def problems_by_unit(
    uow: UnitOfWork, sheet: InspectionSheet, issuer: Issuer, unit_id: str | None
) -> dict[str, list[FindingView]]:
    """The inspection's problems by the unit that must answer them (see notice_contents)."""
    site = uow.session.get(Site, sheet.site_id)
    site = uow.session.get(Site, sheet.site_id)
    issuer_units = {uid for uid, name in sheet.units.items() if name == issuer.name}
    managing = site.managing_unit_id if site else None
    problems = [f for f in sheet.findings if f.result == FindingResult.FAIL]
    by_unit: dict[str, list] = defaultdict(list)
    unassigned, own = [], []
    for finding in problems:
        owner = finding.unit_id or managing
        if owner in issuer_units:
            owner = managing if managing not in issuer_units else None
            if owner is None:
                own.append(finding)
                continue
        if owner is None:
            unassigned.append(finding)
        else:
            by_unit[owner].append(finding)
    if unassigned:
        listed = _listed(unassigned)
        raise ValidationFailed(
            "notice.unit_missing",
            f"以下问题未指定责任单位，无法生成整改通知书：{listed}。",
            f"These problems have no responsible unit, so no notice can be made: {listed}.",
        )
    if own and (unit_id is None or unit_id in issuer_units):  # another unit's notice is fine
        listed = _listed(own)
        raise ValidationFailed(
            "notice.addressed_to_issuer",
            f"以下问题的责任单位是签发机关{issuer.name}本身，且{sheet.site_name}没有其他管理单位，"
            f"整改通知书不能发给本机关：{listed}。请为这些问题指定实际承担整改的单位，"
            f"或由本机关内部整改。",
            f"These problems belong to the issuing authority {issuer.name} itself and "
            f"{sheet.site_name} has no other managing unit, so no notice can be addressed "
            f"to them: {listed}. Name the unit that must rectify them, or handle them "
            f"internally.",
        )
    if unit_id is not None:
        if uow.session.get(Unit, unit_id) is None:
            raise ValidationFailed(
                "notice.unknown_unit",
                f"找不到责任单位 {unit_id}。",
                f"No responsible unit with id {unit_id} exists.",
            )
        if unit_id in issuer_units:
            raise ValidationFailed(
                "notice.addressed_to_issuer",
                f"整改通知书不能发给签发机关{issuer.name}本身；本机关窗口的问题由"
                f"{sheet.units.get(managing or '', '大厅管理单位')}负责整改。",
                f"A notice cannot be addressed to its issuer {issuer.name}; problems at its "
                f"own windows go to the hall's managing unit.",
            )
        if unit_id not in by_unit:
            raise ValidationFailed(
                "notice.no_problems_for_unit",
                f"本次检查没有责任单位为 {sheet.units.get(unit_id, unit_id)} 的问题。",
                f"This inspection has no problems for unit {unit_id}.",
            )
        by_unit = {unit_id: by_unit[unit_id]}
    return by_unit


def _listed(findings: list[FindingView]) -> str:
    def one(f: FindingView) -> str:
        where = f"（{f.window_no}号窗口）" if f.window_no else ""
        return f"{f.item_code or ''} {f.title}".strip() + where

    return "；".join(one(f) for f in findings)
