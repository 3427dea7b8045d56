"""Python client for the Outreach server.

    from outreach_client import OutreachClient

    with OutreachClient("127.0.0.1:50051", token="…") as client:
        decision = client.validate("editor@example.com", "Guest post idea")

The message classes generated from schema/ are in ``outreach_client.messages``.
"""

from outreach_client.client import OutreachClient, OutreachError
from outreach_client import messages

__all__ = ["OutreachClient", "OutreachError", "messages"]
