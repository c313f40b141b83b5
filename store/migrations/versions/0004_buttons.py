"""buttons: the outbox row carries its inline keyboard; per-miner mutes

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 08:30:00.000000
"""
from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

import store.models

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('outbox', sa.Column('reply_markup', sa.JSON(), nullable=True))
    op.create_table('minermute',
    sa.Column('chat_id', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('ticker', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
    sa.Column('until', store.models.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('chat_id', 'ticker')
    )


def downgrade() -> None:
    op.drop_table('minermute')
    with op.batch_alter_table('outbox') as batch:
        batch.drop_column('reply_markup')
