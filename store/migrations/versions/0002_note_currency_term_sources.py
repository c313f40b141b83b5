"""convertible notes: currency of the amounts, and the release each term came from

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01 07:15:00
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("convertiblenote", schema=None) as batch_op:
        batch_op.add_column(sa.Column("currency", sqlmodel.sql.sqltypes.AutoString(length=3), nullable=True))
        batch_op.add_column(sa.Column("term_sources", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("convertiblenote", schema=None) as batch_op:
        batch_op.drop_column("term_sources")
        batch_op.drop_column("currency")
