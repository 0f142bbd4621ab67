"""due-list index: who is due, and in which order, from one index (bench/duelist.py)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 13:40:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DUE_LIST_COLUMNS = [
    'area_id',
    'status',
    'open_alert',
    'risk_level',
    'next_followup_date',
    'next_visit_date',
    'followup_withdrawn_on',
    'id',
]


def upgrade() -> None:
    with op.batch_alter_table('recipient', schema=None) as batch_op:
        batch_op.drop_index('ix_recipient_area_due')
        batch_op.create_index('ix_recipient_due_list', DUE_LIST_COLUMNS, unique=False)


def downgrade() -> None:
    with op.batch_alter_table('recipient', schema=None) as batch_op:
        batch_op.drop_index('ix_recipient_due_list')
        batch_op.create_index('ix_recipient_area_due', ['area_id', 'next_followup_date'], unique=False)
