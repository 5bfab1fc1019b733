"""The convenings router, shared by `api/__init__.py` (convenings, delegations, follow-up) and
`api/programme.py` (proposals, timetable, agendas) so all operations live on one router."""

from ninja import Router

router = Router(tags=["convenings"])
