"""The JSON API at /api/v1/: every app's router mounted on the one API that ``core.api`` defines
(with its shared schemas and error answers). Mounting lives here, in the project's
configuration, so that ``core`` imports no feature app."""

from __future__ import annotations

from oneworkforce.careers.api import careers_router, jobs_router
from oneworkforce.core.api import ValidationProblems, api
from oneworkforce.decisions.api import router as decisions_router
from oneworkforce.deployments.api import router as deployments_router
from oneworkforce.intelligence.api import router as intelligence_router
from oneworkforce.learning.api import router as learning_router
from oneworkforce.partners.api import router as partners_router
from oneworkforce.placements.api import router as placements_router
from oneworkforce.talent.api import router as talent_router

api.add_router("/", partners_router)
api.add_router("/decisions", decisions_router)
api.add_router("/intelligence", intelligence_router)
api.add_router("/learning", learning_router)
api.add_router("/deployments", deployments_router)
api.add_router("/talent", talent_router)
api.add_router("/jobs", jobs_router)
api.add_router("/careers", careers_router)
api.add_router("/placements", placements_router)


def _document_refusals() -> None:
    """Every endpoint that takes input (parameters or a body) documents the 422 it answers to
    input it cannot accept, so that answer is within the OpenAPI schema like any other."""
    for router in api._get_bound_routers():
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                takes_input = operation.models or set(operation.methods) - {"GET", "HEAD"}
                if takes_input and 422 not in operation.response_models:
                    operation.response_models[422] = operation._create_response_model(
                        ValidationProblems
                    )


_document_refusals()
