"""charts: a chat's weekly digest may carry a chart; an outbox row may carry a PNG

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 08:45:00.000000
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('chat') as batch:
        batch.add_column(sa.Column('digest_charts', sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table('outbox') as batch:
        batch.add_column(sa.Column('photo', sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('outbox') as batch:
        batch.drop_column('photo')
    with op.batch_alter_table('chat') as batch:
        batch.drop_column('digest_charts')
