"""Relations analytics over the store: real events from many reports, cause -> response links, dyad series,
the strain index, change alerts, charts and exports.

Everything returns pandas DataFrames (``as_polars=True`` where offered gives Polars, if installed)::

    from dyadwatch.store import open_store
    from dyadwatch.analytics import update_groups, dyad_series, dyad_alerts

    with open_store("dyadwatch.duckdb") as store:
        update_groups(store)                       # after each ingest (``dyadwatch ingest`` does it)
        series = dyad_series(store, "USA", "CHN", by="month")
        for alert in dyad_alerts(store, "USA", "CHN"):
            print(alert.message())
"""

from dyadwatch.analytics.changes import Alert, alerts_for, detect_changes, dyad_alerts
from dyadwatch.analytics.exports import export_events, export_frame, gdelt_rows, plover_records, read_gdelt
from dyadwatch.analytics.grouping import (
    GroupingReport,
    group_links,
    groups,
    members,
    rebuild_groups,
    update_groups,
)
from dyadwatch.analytics.series import dyad_events, dyad_series, to_polars
from dyadwatch.analytics.strain import event_weight, strain_index, strain_of

__all__ = [
    "Alert",
    "GroupingReport",
    "alerts_for",
    "detect_changes",
    "dyad_alerts",
    "dyad_events",
    "dyad_series",
    "event_weight",
    "export_events",
    "export_frame",
    "gdelt_rows",
    "group_links",
    "groups",
    "members",
    "plover_records",
    "read_gdelt",
    "rebuild_groups",
    "strain_index",
    "strain_of",
    "to_polars",
    "update_groups",
]
