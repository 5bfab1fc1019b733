"""Writes for workshops. Every change to workshops data goes through a function in this package:
`workshops` (plan and move a workshop, experts), `cohort` (propose, lock, invite, respond),
`sessions` (sessions, pre-work, captured statements), `insights` and `webinars`."""
