"""The only writers of convenings data: keyword-only, atomic, validated, actor checked."""
