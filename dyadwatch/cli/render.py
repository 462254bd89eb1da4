"""The CLI's renderers live in ``dyadwatch.rendering`` (below the CLI and the server, which both render the same
event dicts); re-exported here for the CLI modules."""

from dyadwatch.rendering import EVENT_COLUMNS, events_table, flatten_event, rows_table, write_events, write_rows

__all__ = ["EVENT_COLUMNS", "events_table", "flatten_event", "rows_table", "write_events", "write_rows"]
