"""Actors: who acts and who is acted upon, as country + sectors, resolved from names, roles and context.

``dyadwatch.pipeline.actors_stage.ActorsStage`` runs ``resolver.ActorResolver`` over each article;
``lookup.mention_at`` / ``lookup.mentions_at`` take the events stage from a parse argument to its actor(s).
"""

from dyadwatch.actors.lookup import mention_at, mentions_at

__all__ = ["mention_at", "mentions_at"]
