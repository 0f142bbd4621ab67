"""training and mutual-aid events (家属培训/互助小组, DOMAIN.md §3.10) with sign-ups and waiting lists

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 16:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


LIVE_SIGN_UP = sa.text("status != 'cancelled'")


def upgrade() -> None:
    op.create_table('family_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('area_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('title', sa.String(length=100), nullable=False),
    sa.Column('place', sa.String(length=100), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.Column('seats_taken', sa.Integer(), nullable=False),
    sa.Column('notes', sa.String(length=500), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('cancel_reason', sa.String(length=200), nullable=False),
    sa.Column('cancelled_by', sa.Integer(), nullable=True),
    sa.Column('cancelled_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('attendance_taken_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_by', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['area_id'], ['area.id'], ),
    sa.ForeignKeyConstraint(['cancelled_by'], ['app_user.id'], ),
    sa.ForeignKeyConstraint(['created_by'], ['app_user.id'], ),
    sa.ForeignKeyConstraint(['updated_by'], ['app_user.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('client_id')
    )
    with op.batch_alter_table('family_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_family_event_area_id'), ['area_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_family_event_starts_at'), ['starts_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_family_event_status'), ['status'], unique=False)

    op.create_table('event_sign_up',
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
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('attended', sa.Boolean(), nullable=True),
    sa.Column('cancelled_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['area_id'], ['area.id'], ),
    sa.ForeignKeyConstraint(['created_by'], ['app_user.id'], ),
    sa.ForeignKeyConstraint(['event_id'], ['family_event.id'], ),
    sa.ForeignKeyConstraint(['recipient_id'], ['recipient.id'], ),
    sa.ForeignKeyConstraint(['updated_by'], ['app_user.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('client_id')
    )
    with op.batch_alter_table('event_sign_up', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_sign_up_area_id'), ['area_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_sign_up_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_sign_up_recipient_id'), ['recipient_id'], unique=False)
        # One live sign-up per caregiver and event (a partial index: cancelled ones may repeat).
        batch_op.create_index(
            'uq_event_sign_up_live',
            ['event_id', 'created_by'],
            unique=True,
            sqlite_where=LIVE_SIGN_UP,
            postgresql_where=LIVE_SIGN_UP,
        )


def downgrade() -> None:
    with op.batch_alter_table('event_sign_up', schema=None) as batch_op:
        batch_op.drop_index('uq_event_sign_up_live')
        batch_op.drop_index(batch_op.f('ix_event_sign_up_recipient_id'))
        batch_op.drop_index(batch_op.f('ix_event_sign_up_event_id'))
        batch_op.drop_index(batch_op.f('ix_event_sign_up_area_id'))

    op.drop_table('event_sign_up')
    with op.batch_alter_table('family_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_family_event_status'))
        batch_op.drop_index(batch_op.f('ix_family_event_starts_at'))
        batch_op.drop_index(batch_op.f('ix_family_event_area_id'))

    op.drop_table('family_event')
