"""Meeting notes carry a version number, so two note-takers writing at once cannot
overwrite each other unseen (a save names the version it started from).

Revision ID: 0003_notes_version
Revises: 0002_content
Create Date: 2026-11-23 22:30:00

"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0003_notes_version'
down_revision: str | None = '0002_content'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('meeting_agenda_items') as batch_op:
        batch_op.add_column(sa.Column('notes_version', sa.Integer(), server_default='0',
                                      nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('meeting_agenda_items') as batch_op:
        batch_op.drop_column('notes_version')
