"""assistant: the product API — PlanAssistant (ask -> Answer), dialogue, composer, CLI."""
from assistant.answer import Answer
from assistant.core import PlanAssistant
from assistant.errors import PlanQAError
from index.hit import Hit

__all__ = ["Answer", "Hit", "PlanAssistant", "PlanQAError"]
