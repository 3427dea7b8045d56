#!/usr/bin/env python3
"""Creates a lead and sends it one message through a running outreachd,
with grpcio stubs generated from schema/ on the fly.

    example-send.py --server 127.0.0.1:50051 --token TOKEN --email editor@example.com

Prints the lead, the send's outcome (or the status it failed with) and the
policy decision a second identical send would get.
"""

import argparse
import atexit
import os
import shutil
import sys
import tempfile

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def load_stubs():
    from grpc_tools import protoc

    out = tempfile.mkdtemp(prefix="outreach-stubs-")
    atexit.register(shutil.rmtree, out, True)
    include = os.path.join(os.path.dirname(protoc.__file__), "_proto")
    schema = os.path.join(root, "schema")
    files = [
        "outreach/v1/" + name
        for name in sorted(os.listdir(os.path.join(schema, "outreach", "v1")))
        if name.endswith(".proto")
    ]
    args = ["protoc", "-I" + schema, "-I" + include, "--python_out=" + out]
    if protoc.main(args + ["--grpc_python_out=" + out] + files) != 0:
        raise SystemExit("protoc failed")
    sys.path.insert(0, out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--server", default="127.0.0.1:50051")
    parser.add_argument("--token", required=True)
    parser.add_argument("--email", default="editor@example.com")
    parser.add_argument("--name", default="Ed Itor")
    parser.add_argument("--subject", default="Hello from Outreach")
    parser.add_argument("--body", default="Hi,\n\nthis is a test message.\n")
    args = parser.parse_args()
    load_stubs()
    import grpc
    from outreach.v1 import leads_pb2, leads_pb2_grpc, outreach_pb2, outreach_pb2_grpc
    from outreach.v1 import policy_pb2, policy_pb2_grpc

    metadata = [("authorization", "Bearer " + args.token)]
    with grpc.insecure_channel(args.server) as channel:
        lead = leads_pb2_grpc.LeadsStub(channel).Create(
            leads_pb2.CreateLeadRequest(email=args.email, name=args.name),
            metadata=metadata, timeout=30)
        print("lead:", lead.id, lead.email, leads_pb2.LeadStatus.Name(lead.status))
        try:
            sent = outreach_pb2_grpc.OutreachStub(channel).Send(
                outreach_pb2.SendRequest(
                    lead_id=lead.id, subject=args.subject, body_text=args.body),
                metadata=metadata, timeout=60)
            print("sent: attempt", sent.attempt.id, "message id", sent.attempt.message_id,
                  "- today %d/%d for you, %d/%d for the domain" % (
                      sent.daily_user_count, sent.daily_user_limit,
                      sent.daily_domain_count, sent.daily_domain_limit))
        except grpc.RpcError as error:
            print("send failed:", error.code().name, error.details())
            return 1
        decision = policy_pb2_grpc.PolicyStub(channel).Validate(
            policy_pb2.ValidateRequest(recipient_email=args.email, subject=args.subject),
            metadata=metadata, timeout=30)
        print("the same send again:", "allowed" if decision.allowed else "blocked",
              "-", decision.reason)
    return 0


if __name__ == "__main__":
    sys.exit(main())
