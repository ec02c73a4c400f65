"""``guarantor serve``: the live system over a ledger, as an HTTP API and a dashboard.

``create_app(settings)`` builds a FastAPI application (install with ``pip install 'guarantor-spec[server]'``);
see ``docs/server.md`` for roles, signed votes, the API and the dashboard.
"""

from guarantor.server.admin import Issued, add_principal, init_server, revoke_tokens
from guarantor.server.app import create_app
from guarantor.server.client import new_nonce, signed_body
from guarantor.server.settings import Settings

__all__ = [
    "Issued",
    "Settings",
    "add_principal",
    "create_app",
    "init_server",
    "new_nonce",
    "revoke_tokens",
    "signed_body",
]
