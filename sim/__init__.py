"""Collagen-induction simulator: microneedling of acne scars in a skin cross-section.

Pure NumPy/SciPy; no user-interface code. Entry points: :func:`simulate`,
:func:`simulate_many`, :class:`Scenario` and the parameter registry
:data:`REGISTRY`.
"""

from sim.model import Result, simulate, simulate_many
from sim.registry import REGISTRY, ParamSpec
from sim.scenario import Scenario, scenario_from

__all__ = [
    "REGISTRY",
    "ParamSpec",
    "Result",
    "Scenario",
    "scenario_from",
    "simulate",
    "simulate_many",
]
