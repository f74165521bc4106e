"""The JSON API at /api/v1/, with its OpenAPI schema at /api/v1/openapi.json."""

from collections.abc import Callable
from typing import Annotated, Any

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, RawPostDataException, UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from ninja import Field, NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.pagination import PageNumberPagination
from pydantic import StringConstraints

from oneworkforce import __version__

# A string from a request that reaches the database (a filter or a stored value). PostgreSQL
# refuses the NUL character in text; the pattern says so in the OpenAPI schema, so clients (and
# the schema fuzz) know such text is refused with a 422 naming the field.
_NO_NUL = r"^[^\x00]*$"
Text = Annotated[str, StringConstraints(pattern=_NO_NUL)]


class Problem(Schema):
    field: str
    message: str


class ValidationProblems(Schema):
    """The answer to a request with invalid values (HTTP 422): which field, and what is wrong."""

    detail: str
    errors: list[Problem]


class Message(Schema):
    detail: str


class Pages(PageNumberPagination):
    """Page-number pagination with bounds, so a huge page number is a 422, not a database
    overflow."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=1_000_000)
        page_size: int | None = Field(None, ge=1, le=200)


class Presented:
    """A queryset shown row by row through ``present``, for a paginated endpoint whose items
    are built in Python: the paginator counts and slices in the database, so only one page of
    rows is read and presented, however many there are."""

    def __init__(self, queryset: QuerySet[Any], present: Callable[[Any], Any]) -> None:
        self.queryset = queryset
        self.present = present

    def all(self) -> "Presented":  # what django-ninja's paginator calls before count()
        return self

    def count(self) -> int:
        return self.queryset.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice) -> list[Any]:
        return [self.present(row) for row in self.queryset[window]]


api = NinjaAPI(
    title="One Workforce API",
    version=__version__,
    description="Open data about the partnership, and each person's own records.",
    urls_namespace="api",
    docs_url="/docs",
)


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    problems = []
    for error in exc.errors:
        location = ".".join(str(part) for part in error.get("loc", []))
        message = error.get("msg", "Invalid value")
        if error.get("type") == "string_pattern_mismatch" and (
            error.get("ctx", {}).get("pattern") == _NO_NUL
        ):
            message = "Text cannot contain the NUL character"
        problems.append({"field": location, "message": message})
    return api.create_response(
        request, {"detail": "Some values are not valid.", "errors": problems}, status=422
    )


@api.exception_handler(AuthenticationError)
def authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(request, {"detail": "Sign in to use this endpoint."}, status=401)


def _unreadable_body(request: HttpRequest, message: str) -> HttpResponse:
    """A request body that cannot be read answers 422 naming the body, as every endpoint that
    takes input documents (see ``config.api``), never a server error or an HTML page."""
    return api.create_response(
        request,
        {
            "detail": "The request body cannot be read.",
            "errors": [{"field": "body", "message": message}],
        },
        status=422,
    )


# Django raises these while it reads a body (for the CSRF check of a signed-in session, or for
# the endpoint): a multipart body without a boundary, one read twice in two formats, one too
# large or with too many fields.
@api.exception_handler(MultiPartParserError)
@api.exception_handler(RawPostDataException)
@api.exception_handler(UnreadablePostError)
def malformed_body(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _unreadable_body(
        request,
        "The body is not in the format its Content-Type header names: send JSON with"
        " Content-Type: application/json.",
    )


@api.exception_handler(RequestDataTooBig)
@api.exception_handler(TooManyFieldsSent)
@api.exception_handler(TooManyFilesSent)
def oversized_body(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _unreadable_body(request, "The body is too large or has too many fields.")


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if exc.status_code == 400:  # django-ninja's answer to a body that is not JSON
        return _unreadable_body(request, "The body is not valid JSON.")
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


@api.get("/", include_in_schema=False, url_name="index")
def index(request: HttpRequest) -> dict[str, str]:
    return {
        "title": api.title,
        "version": api.version,
        "docs": request.build_absolute_uri("docs"),
        "openapi": request.build_absolute_uri("openapi.json"),
    }
