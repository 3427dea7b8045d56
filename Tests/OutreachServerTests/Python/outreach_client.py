#!/usr/bin/env python3
"""A grpcio client for the Outreach API, with stubs generated at run time.

Generates Python modules from schema/ with grpcio-tools into a temporary
folder, then runs one command against a server on loopback and prints the
result as one JSON object on standard output:

    outreach_client.py PORT TOKEN validate RECIPIENT SENDER SUBJECT
    outreach_client.py PORT TOKEN send LEAD_ID SUBJECT BODY

For validate the JSON holds each response field with its value and its
protobuf type, so a test can check the response shape. A failed call prints
its code, its message and its trailing metadata (binary values in hex).
"""

import atexit
import json
import os
import shutil
import sys
import tempfile

SCHEMA = os.path.join(os.path.dirname(__file__), "..", "..", "..", "schema")


def load_stubs():
    from grpc_tools import protoc

    out = tempfile.mkdtemp(prefix="outreach-stubs-")
    atexit.register(shutil.rmtree, out, True)
    include = os.path.join(os.path.dirname(protoc.__file__), "_proto")
    files = [
        os.path.join("outreach", "v1", name)
        for name in sorted(os.listdir(os.path.join(SCHEMA, "outreach", "v1")))
        if name.endswith(".proto")
    ]
    status = protoc.main(
        ["protoc", "-I" + SCHEMA, "-I" + include, "--python_out=" + out, "--grpc_python_out=" + out]
        + files
    )
    if status != 0:
        raise SystemExit("protoc failed with status %d" % status)
    sys.path.insert(0, out)


def field_shape(message):
    from google.protobuf.descriptor import FieldDescriptor

    names = {value: name for name, value in vars(FieldDescriptor).items() if name.startswith("TYPE_")}
    return {
        field.name: {"value": getattr(message, field.name), "type": names[field.type]}
        for field in message.DESCRIPTOR.fields
    }


def failure(error):
    trailers = {}
    for key, value in error.trailing_metadata() or ():
        trailers[key] = value.hex() if key.endswith("-bin") else value
    return {"code": error.code().name, "message": error.details(), "trailers": trailers}


def main():
    port, token, command = sys.argv[1], sys.argv[2], sys.argv[3]
    load_stubs()
    import grpc
    from outreach.v1 import outreach_pb2, outreach_pb2_grpc, policy_pb2, policy_pb2_grpc

    metadata = [("authorization", "Bearer " + token)]
    with grpc.insecure_channel("127.0.0.1:%s" % port) as channel:
        grpc.channel_ready_future(channel).result(timeout=30)
        if command == "validate":
            recipient, sender, subject = sys.argv[4:7]
            stub = policy_pb2_grpc.PolicyStub(channel)
            try:
                response = stub.Validate(
                    policy_pb2.ValidateRequest(
                        recipient_email=recipient, sender_email=sender, subject=subject
                    ),
                    metadata=metadata,
                    timeout=30,
                )
            except grpc.RpcError as error:
                print(json.dumps(failure(error)))
                return
            print(json.dumps({"code": "OK", "fields": field_shape(response)}))
        elif command == "send":
            lead, subject, body = sys.argv[4:7]
            stub = outreach_pb2_grpc.OutreachStub(channel)
            try:
                response = stub.Send(
                    outreach_pb2.SendRequest(lead_id=int(lead), subject=subject, body_text=body),
                    metadata=metadata,
                    timeout=30,
                )
            except grpc.RpcError as error:
                print(json.dumps(failure(error)))
                return
            print(json.dumps({"code": "OK", "attempt_id": response.attempt.id}))
        else:
            raise SystemExit("unknown command " + command)


if __name__ == "__main__":
    main()
