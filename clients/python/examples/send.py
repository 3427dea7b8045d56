"""Sends one email through Outreach: creates (or finds) the lead, checks
policy, then sends.

    OUTREACH_SERVER=127.0.0.1:50051 OUTREACH_TOKEN=… python examples/send.py editor@example.com

Exits 0 when the message was sent, 1 when policy blocked it or the call failed.
"""

import os
import sys

from outreach_client import OutreachClient, OutreachError


def main() -> int:
    recipient = sys.argv[1] if len(sys.argv) > 1 else "editor@example.com"
    subject = sys.argv[2] if len(sys.argv) > 2 else "Guest post idea"
    target = os.environ.get("OUTREACH_SERVER", "127.0.0.1:50051")
    token = os.environ.get("OUTREACH_TOKEN")

    with OutreachClient(target, token=token, timeout=30) as client:
        try:
            lead = client.create_lead(recipient)
            decision = client.validate(recipient, subject)
            print(f"policy: {decision.reason} ({decision.legal_basis}, {decision.region})")
            sent = client.send(lead.id, subject, "Hello! Would a guest post interest you?")
        except OutreachError as error:
            print(error, file=sys.stderr)
            if error.decision is not None:
                print(f"decision: {error.decision.reason}", file=sys.stderr)
            return 1
    attempt = sent.attempt
    print(f"sent attempt {attempt.id} to {attempt.recipient_email} <{attempt.message_id}>")
    print(f"today: {sent.daily_user_count}/{sent.daily_user_limit} sends")
    return 0


if __name__ == "__main__":
    sys.exit(main())
