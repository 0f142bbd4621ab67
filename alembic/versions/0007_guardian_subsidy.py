"""guardian subsidy (监护补贴/以奖代补, DOMAIN.md §3.13): applications, quarterly checks, payments

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23 16:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _recorded_columns() -> list[sa.Column]:
    """The columns every field record carries (models.care.Recorded), with their foreign keys."""
    return [
        sa.Column('client_id', sa.String(length=36), nullable=False),
        sa.Column('recipient_id', sa.Integer(), nullable=False),
        sa.Column('area_id', sa.Integer(), nullable=False),
        sa.Column('captured_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('created_by', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_by', sa.Integer(), nullable=True),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('id', sa.Integer(), nullable=False),
    ]


def _recorded_constraints() -> list[sa.Constraint]:
    return [
        sa.ForeignKeyConstraint(['area_id'], ['area.id'], ),
        sa.ForeignKeyConstraint(['created_by'], ['app_user.id'], ),
        sa.ForeignKeyConstraint(['recipient_id'], ['recipient.id'], ),
        sa.ForeignKeyConstraint(['updated_by'], ['app_user.id'], ),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('client_id'),
    ]


def upgrade() -> None:
    op.create_table('guardian_subsidy',
    *_recorded_columns(),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('guardian_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('risk_class', sa.String(length=8), nullable=True),
    sa.Column('guardian_monthly_yuan', sa.Integer(), nullable=True),
    sa.Column('care_monthly_yuan', sa.Integer(), nullable=True),
    sa.Column('decided_by', sa.Integer(), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('decision_reason', sa.String(length=500), nullable=False),
    *_recorded_constraints(),
    sa.ForeignKeyConstraint(['decided_by'], ['app_user.id'], ),
    sa.ForeignKeyConstraint(['guardian_id'], ['app_user.id'], ),
    sa.UniqueConstraint('recipient_id', 'year')
    )
    with op.batch_alter_table('guardian_subsidy', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_guardian_subsidy_area_id'), ['area_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_guardian_subsidy_recipient_id'), ['recipient_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_guardian_subsidy_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_guardian_subsidy_year'), ['year'], unique=False)

    op.create_table('subsidy_check',
    *_recorded_columns(),
    sa.Column('subsidy_id', sa.Integer(), nullable=False),
    sa.Column('quarter', sa.Integer(), nullable=False),
    sa.Column('reported_moves', sa.Boolean(), nullable=False),
    sa.Column('prevented_missing', sa.Boolean(), nullable=False),
    sa.Column('reported_relapse_signs', sa.Boolean(), nullable=False),
    sa.Column('cooperated_followups', sa.Boolean(), nullable=False),
    sa.Column('passed', sa.Boolean(), nullable=False),
    sa.Column('note', sa.String(length=500), nullable=False),
    *_recorded_constraints(),
    sa.ForeignKeyConstraint(['subsidy_id'], ['guardian_subsidy.id'], ),
    sa.UniqueConstraint('subsidy_id', 'quarter')
    )
    with op.batch_alter_table('subsidy_check', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_subsidy_check_area_id'), ['area_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_subsidy_check_recipient_id'), ['recipient_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_subsidy_check_subsidy_id'), ['subsidy_id'], unique=False)

    op.create_table('subsidy_payment',
    *_recorded_columns(),
    sa.Column('subsidy_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('passed_quarters', sa.JSON(), nullable=False),
    sa.Column('months', sa.Integer(), nullable=False),
    sa.Column('monthly_yuan', sa.Integer(), nullable=False),
    sa.Column('amount_yuan', sa.Integer(), nullable=False),
    sa.Column('withheld', sa.Boolean(), nullable=False),
    sa.Column('incident_on', sa.Date(), nullable=True),
    sa.Column('paid_on', sa.Date(), nullable=False),
    sa.Column('note', sa.String(length=500), nullable=False),
    *_recorded_constraints(),
    sa.ForeignKeyConstraint(['subsidy_id'], ['guardian_subsidy.id'], ),
    sa.UniqueConstraint('subsidy_id')
    )
    with op.batch_alter_table('subsidy_payment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_subsidy_payment_area_id'), ['area_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_subsidy_payment_recipient_id'), ['recipient_id'], unique=False)


def downgrade() -> None:
    for table in ('subsidy_payment', 'subsidy_check'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(f'ix_{table}_recipient_id'))
            batch_op.drop_index(batch_op.f(f'ix_{table}_area_id'))
    with op.batch_alter_table('subsidy_check', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_subsidy_check_subsidy_id'))
    op.drop_table('subsidy_payment')
    op.drop_table('subsidy_check')

    with op.batch_alter_table('guardian_subsidy', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_guardian_subsidy_year'))
        batch_op.drop_index(batch_op.f('ix_guardian_subsidy_status'))
        batch_op.drop_index(batch_op.f('ix_guardian_subsidy_recipient_id'))
        batch_op.drop_index(batch_op.f('ix_guardian_subsidy_area_id'))
    op.drop_table('guardian_subsidy')
