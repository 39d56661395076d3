"""Story tests share the photo tests' small world and the API's bearer helper."""

from tests.api.conftest import bearer  # noqa: F401  (fixture)
from tests.photos.conftest import world  # noqa: F401  (fixture)
