"""AI/HPC deals: one row per deal with its sources and history; the chat's /notify deals setting

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 08:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

import store.models

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "deal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticker", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("counterparty", sa.Text(), nullable=True),
        sa.Column("counterparty_phrase", sa.Text(), nullable=True),
        sa.Column("backstop", sa.Text(), nullable=True),
        sa.Column("mw", sa.Float(), nullable=True),
        sa.Column("mw_gross", sa.Float(), nullable=True),
        sa.Column("contract_value_usd", sa.Float(), nullable=True),
        sa.Column("term_years", sa.Integer(), nullable=True),
        sa.Column("site", sa.Text(), nullable=True),
        sa.Column("gpu_count", sa.Integer(), nullable=True),
        sa.Column("gpu_model", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("link", sa.Text(), nullable=False),
        sa.Column("sources", sa.JSON(), nullable=False),
        sa.Column("history", sa.JSON(), nullable=False),
        sa.Column("announced_at", store.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", store.models.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_deal_ticker"), "deal", ["ticker"], unique=False)
    op.create_index(op.f("ix_deal_announced_at"), "deal", ["announced_at"], unique=False)
    with op.batch_alter_table("chat", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("notify_deals", sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default="on")
        )


def downgrade() -> None:
    with op.batch_alter_table("chat", schema=None) as batch_op:
        batch_op.drop_column("notify_deals")
    op.drop_index(op.f("ix_deal_announced_at"), table_name="deal")
    op.drop_index(op.f("ix_deal_ticker"), table_name="deal")
    op.drop_table("deal")
