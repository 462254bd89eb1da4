"""The alerts as an Atom 1.0 feed (RFC 4287): one entry per change alert, so an analyst subscribes in a feed
reader instead of polling a dashboard. Rendering only: the alerts come from ``resources.all_alerts``."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

ATOM = "http://www.w3.org/2005/Atom"


def _text(parent: ET.Element, tag: str, text: str, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    el.text = text
    return el


def _summary(alert: dict[str, Any]) -> str:
    window = alert.get("window") or {}
    lines = [
        alert["message"],
        f"window: {window.get('start')} to {window.get('end') or 'now'} (by {alert.get('by')}); "
        f"baseline {alert['baseline']:+.2f}; statistic: {alert['statistic']}",
        f"data version: coder {alert['data_version']['coder_version']}, "
        f"store revision {alert['data_version']['store_revision']}",
        "events behind it:",
    ]
    for e in alert.get("events", []):
        lines.append(f"- {e.get('event_date')} {e.get('source_country') or '?'} {e.get('plover')} "
                     f"{e.get('target_country') or '-'} ({e.get('n_mentions')} reports, {e.get('n_sources')} "
                     f"outlets): {' '.join(str(e.get('evidence_text') or '').split())}")
    return "\n".join(lines)


def alerts_feed(data: dict[str, Any], base_url: str) -> bytes:
    """The Atom document for ``{"alerts": [...], "data_version": {...}}``; links point at the page."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    base = base_url.rstrip("/")
    _text(feed, "title", "dyadwatch: change alerts per dyad")
    _text(feed, "id", f"{base}/v1/alerts.atom")
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "href": f"{base}/v1/alerts.atom"})
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "alternate", "href": f"{base}/"})
    _text(feed, "updated", datetime.now(UTC).replace(microsecond=0).isoformat())
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", "dyadwatch")
    for alert in data.get("alerts", []):
        dyad = alert["dyad"]
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        key = f"{dyad['a']}-{dyad['b']}-{alert['period']}-{alert['column']}"
        _text(entry, "id", f"urn:dyadwatch:alert:{quote(key)}")
        _text(entry, "title", f"{dyad['a_name'] or dyad['a']} – {dyad['b_name'] or dyad['b']}: {alert['column']} "
              f"{alert['direction']} from {alert['period']} ({alert['change']:+.2f})")
        _text(entry, "updated", f"{alert['period']}T00:00:00Z")
        ET.SubElement(entry, f"{{{ATOM}}}link", {
            "rel": "alternate", "href": f"{base}/#/dyad/{quote(dyad['a'])}/{quote(dyad['b'])}/{alert['period']}"})
        _text(entry, "summary", _summary(alert))
    return bytes(ET.tostring(feed, encoding="utf-8", xml_declaration=True))
