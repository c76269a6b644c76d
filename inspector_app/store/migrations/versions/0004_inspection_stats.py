"""Per-inspection counts kept by triggers, for a fast home list.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# A finding counts as recorded when it has a result, as a problem when it failed,
# and only while neither it nor (for photos) its finding is tombstoned.
TRIGGERS = [
    """CREATE TRIGGER stats_inspection_insert AFTER INSERT ON inspection BEGIN
        INSERT OR IGNORE INTO inspection_stats (inspection_id, recorded, problems, photos)
        VALUES (NEW.id, 0, 0, 0);
    END""",
    """CREATE TRIGGER stats_finding_insert AFTER INSERT ON finding BEGIN
        INSERT OR IGNORE INTO inspection_stats (inspection_id, recorded, problems, photos)
        VALUES (NEW.inspection_id, 0, 0, 0);
        UPDATE inspection_stats SET
            recorded = recorded + (NEW.deleted = 0 AND NEW.result != 'unchecked'),
            problems = problems + (NEW.deleted = 0 AND NEW.result = 'fail')
        WHERE inspection_id = NEW.inspection_id;
    END""",
    """CREATE TRIGGER stats_finding_update AFTER UPDATE OF result, deleted ON finding BEGIN
        UPDATE inspection_stats SET
            recorded = recorded - (OLD.deleted = 0 AND OLD.result != 'unchecked')
                                + (NEW.deleted = 0 AND NEW.result != 'unchecked'),
            problems = problems - (OLD.deleted = 0 AND OLD.result = 'fail')
                                + (NEW.deleted = 0 AND NEW.result = 'fail'),
            photos = photos + (OLD.deleted != NEW.deleted) * (1 - 2 * NEW.deleted) *
                (SELECT count(*) FROM photo WHERE finding_id = NEW.id AND deleted = 0)
        WHERE inspection_id = NEW.inspection_id;
    END""",
    """CREATE TRIGGER stats_photo_insert AFTER INSERT ON photo BEGIN
        UPDATE inspection_stats SET photos = photos + 1
        WHERE NEW.deleted = 0 AND inspection_id =
            (SELECT inspection_id FROM finding WHERE id = NEW.finding_id AND deleted = 0);
    END""",
    """CREATE TRIGGER stats_photo_update AFTER UPDATE OF deleted ON photo BEGIN
        UPDATE inspection_stats SET photos = photos + (OLD.deleted - NEW.deleted)
        WHERE inspection_id =
            (SELECT inspection_id FROM finding WHERE id = NEW.finding_id AND deleted = 0);
    END""",
]

BACKFILL = """
INSERT INTO inspection_stats (inspection_id, recorded, problems, photos)
SELECT i.id,
    (SELECT count(*) FROM finding f WHERE f.inspection_id = i.id AND f.deleted = 0
        AND f.result != 'unchecked'),
    (SELECT count(*) FROM finding f WHERE f.inspection_id = i.id AND f.deleted = 0
        AND f.result = 'fail'),
    (SELECT count(*) FROM photo p JOIN finding f ON f.id = p.finding_id
        WHERE f.inspection_id = i.id AND f.deleted = 0 AND p.deleted = 0)
FROM inspection i
"""


def upgrade() -> None:
    op.create_table(
        "inspection_stats",
        sa.Column("inspection_id", sa.String(length=36), nullable=False),
        sa.Column("recorded", sa.Integer(), nullable=False),
        sa.Column("problems", sa.Integer(), nullable=False),
        sa.Column("photos", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["inspection_id"], ["inspection.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("inspection_id"),
    )
    op.execute(BACKFILL)
    for trigger in TRIGGERS:
        op.execute(trigger)


def downgrade() -> None:
    for name in (
        "stats_photo_update",
        "stats_photo_insert",
        "stats_finding_update",
        "stats_finding_insert",
        "stats_inspection_insert",
    ):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("inspection_stats")
