"""The kinds of notice people may choose to get by email, registered by the apps that send them
(this app sits below them and never imports them)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class NoticeKind:
    code: str  # e.g. "helpdesk.invited"
    label: str  # what a person reads on the preferences page
    group: str  # the part of CityPeers it comes from


_KINDS: dict[str, NoticeKind] = {}


def register_kind(code: str, label: str, group: str) -> None:
    _KINDS[code] = NoticeKind(code, label, group)


def registered_kinds() -> list[NoticeKind]:
    return sorted(_KINDS.values(), key=lambda k: (k.group, k.label))


def is_registered(code: str) -> bool:
    return code in _KINDS
