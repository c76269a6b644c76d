"""Install the shipped registry and checklist templates into a store.

Reference records get ids derived from their codes (uuid5), so every laptop
and the server agree on them without talking. They are shared data, not
local edits, so they bypass the outbox.
"""

from __future__ import annotations

from sqlalchemy import select

from inspector_app.domain.checklist import ChecklistTemplate, to_schema_dict
from inspector_app.domain.reference_ids import reference_id
from inspector_app.domain.registry import RegistrySeed
from inspector_app.store.models import ChecklistTemplateRecord, Site, Unit, Window
from inspector_app.store.unit_of_work import UnitOfWork


def install_templates(uow: UnitOfWork, templates: list[ChecklistTemplate]) -> list[str]:
    ids = []
    for template in templates:
        record_id = reference_id("template", template.code, str(template.version))
        if uow.session.get(ChecklistTemplateRecord, record_id) is None:
            uow.session.add(
                ChecklistTemplateRecord(
                    id=record_id,
                    code=template.code,
                    version=template.version,
                    name=template.name,
                    content=to_schema_dict(template),
                )
            )
        ids.append(record_id)
    return ids


def install_registry(uow: UnitOfWork, seed: RegistrySeed) -> None:
    existing_units = set(uow.session.scalars(select(Unit.code)))
    for unit in seed.units:
        if unit.code not in existing_units:
            uow.session.add(
                Unit(
                    id=reference_id("unit", unit.code),
                    code=unit.code,
                    name=unit.name,
                    short_name=unit.short,
                )
            )
    uow.session.flush()
    existing_sites = set(uow.session.scalars(select(Site.code)))
    for site in seed.sites:
        if site.code in existing_sites:
            continue
        site_id = reference_id("site", site.code)
        uow.session.add(
            Site(
                id=site_id,
                code=site.code,
                name=site.name,
                district=site.district,
                address=site.address,
                managing_unit_id=(
                    reference_id("unit", site.managing_unit_code)
                    if site.managing_unit_code
                    else None
                ),
            )
        )
        uow.session.flush()
        for window in site.windows:
            uow.session.add(
                Window(
                    id=reference_id("window", site.code, window.number),
                    site_id=site_id,
                    number=window.number,
                    name=window.name,
                    unit_id=reference_id("unit", window.unit_code),
                )
            )


def install_shipped(uow: UnitOfWork) -> list[str]:
    """The templates and registry in resources/; returns the template ids in file order."""
    from inspector_app.resources import shipped_registry, shipped_templates

    template_ids = install_templates(uow, shipped_templates())
    install_registry(uow, shipped_registry())
    return template_ids
