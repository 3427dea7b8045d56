"""A stock grpcio client exercising the RPC server: one check per run.

Usage: echo_client.py PORT CHECK. Generates the echo stubs from echo.proto
into a temporary directory, runs CHECK against 127.0.0.1:PORT, prints
"ok CHECK" and exits 0, or prints what differed and exits 1.
"""
import os
import queue
import sys
import tempfile
import threading
import time

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_tools import protoc

HERE = os.path.dirname(os.path.abspath(__file__))


def load_stubs():
    out = tempfile.mkdtemp(prefix="echo-stubs-")
    code = protoc.main(["protoc", f"-I{HERE}", f"--python_out={out}", f"--grpc_python_out={out}",
                        os.path.join(HERE, "echo.proto")])
    if code != 0:
        raise SystemExit(f"protoc failed with {code}")
    sys.path.insert(0, out)
    import echo_pb2
    import echo_pb2_grpc
    return echo_pb2, echo_pb2_grpc


def expect(condition, message):
    if not condition:
        print(f"FAILED: {message}")
        sys.exit(1)


def expect_code(call, code, details=None):
    try:
        result = call()
    except grpc.RpcError as error:
        expect(error.code() == code, f"expected {code}, got {error.code()}: {error.details()}")
        if details is not None:
            expect(error.details() == details, f"details {error.details()!r} != {details!r}")
        return error
    expect(False, f"expected {code}, the call returned {result!r}")


def tls_checks(port, check):
    """Checks against a TLS listener; ECHO_TLS_CA names the CA to trust."""
    with open(os.environ["ECHO_TLS_CA"], "rb") as ca:
        root = ca.read()
    if check == "tls":
        channel = grpc.secure_channel(f"127.0.0.1:{port}", grpc.ssl_channel_credentials(root))
        grpc.channel_ready_future(channel).result(timeout=30)
        health = health_pb2_grpc.HealthStub(channel)
        reply = health.Check(health_pb2.HealthCheckRequest(), timeout=30)
        expect(reply.status == health_pb2.HealthCheckResponse.SERVING, f"health {reply.status}")
        channel.close()
    else:
        import socket
        import ssl
        context = ssl.create_default_context(cadata=root.decode())
        context.set_alpn_protocols(["http/1.1"])
        with socket.create_connection(("127.0.0.1", int(port)), timeout=30) as raw:
            try:
                with context.wrap_socket(raw, server_hostname="127.0.0.1") as tls:
                    tls.sendall(b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")
                    data = tls.recv(1024)
                    expect(data == b"", f"a client without h2 got {data!r}")
            except (ssl.SSLError, ConnectionError):
                pass
    print(f"ok {check}")


def main():
    port, check = sys.argv[1], sys.argv[2]
    if check.startswith("tls"):
        return tls_checks(port, check)
    pb, rpc = load_stubs()
    channel = grpc.insecure_channel(f"127.0.0.1:{port}")
    grpc.channel_ready_future(channel).result(timeout=30)
    stub = rpc.EchoStub(channel)
    message = pb.EchoMessage

    if check == "unary":
        reply = stub.Unary(message(text="hello"), timeout=30)
        expect(reply.text == "hello", f"unary reply {reply.text!r}")
    elif check == "server_streaming":
        replies = [r.text for r in stub.Expand(message(text="alpha beta gamma"), timeout=30)]
        expect(replies == ["alpha", "beta", "gamma"], f"stream replies {replies!r}")
    elif check == "client_streaming":
        reply = stub.Collect(iter([message(text=t) for t in ["x", "y", "z"]]), timeout=30)
        expect(reply.text == "x y z", f"collected {reply.text!r}")
    elif check == "bidirectional":
        outbox = queue.Queue()

        def requests():
            while True:
                item = outbox.get()
                if item is None:
                    return
                yield message(text=item)

        replies = stub.Chat(requests(), timeout=30)
        for word in ["one", "two", "three"]:
            outbox.put(word)
            got = next(replies).text
            expect(got == word, f"chat answered {got!r} to {word!r}")
        outbox.put(None)
        expect(list(replies) == [], "chat sent extra replies")
    elif check == "deadline":
        started = time.monotonic()
        expect_code(lambda: stub.Sleep(message(text="20000"), timeout=0.3),
                    grpc.StatusCode.DEADLINE_EXCEEDED)
        expect(time.monotonic() - started < 10, "the deadline took too long to fire")
    elif check == "metadata":
        reply, call = stub.Unary.with_call(
            message(text="meta"), timeout=30,
            metadata=[("echo-plain", "plain value"), ("echo-data-bin", b"\x00\x01\xfe\xff")])
        initial = dict(call.initial_metadata())
        trailing = dict(call.trailing_metadata())
        expect(initial.get("echo-plain") == "plain value", f"initial metadata {initial!r}")
        expect(trailing.get("echo-plain") == "plain value", f"trailing metadata {trailing!r}")
        expect(trailing.get("echo-data-bin") == b"\x00\x01\xfe\xff", f"binary trailer {trailing!r}")
    elif check == "error":
        error = expect_code(lambda: stub.Unary(message(text="fail:9:bad thing, café 100%"), timeout=30),
                            grpc.StatusCode.FAILED_PRECONDITION, "bad thing, café 100%")
        trailing = dict(error.trailing_metadata())
        expect(trailing.get("failure-detail") == "requested", f"trailers {trailing!r}")
        expect(trailing.get("failure-detail-bin") == b"\x00\x01\x02\xfe\xff", f"trailers {trailing!r}")
    elif check == "cancellation":
        future = stub.Sleep.future(message(text="60000"), timeout=90)
        # The test creates the marker once the handler is running.
        marker = os.environ["ECHO_CANCEL_MARKER"]
        deadline = time.monotonic() + 60
        while not os.path.exists(marker) and time.monotonic() < deadline:
            time.sleep(0.02)
        future.cancel()
        expect(future.cancelled(), "the call did not cancel")
        # Give the RST_STREAM time to leave before the process exits.
        time.sleep(0.5)
    elif check == "unknown_method":
        call = channel.unary_unary("/rpctest.v1.Echo/Missing")
        expect_code(lambda: call(b"", timeout=30), grpc.StatusCode.UNIMPLEMENTED)
    elif check == "large_messages":
        big = "x" * (3 * 1024 * 1024)
        reply = stub.Unary(message(text=big), timeout=60)
        expect(reply.text == big, "the 3 MiB echo differs")
        expect_code(lambda: stub.Unary(message(text="y" * (5 * 1024 * 1024)), timeout=60),
                    grpc.StatusCode.RESOURCE_EXHAUSTED)
    elif check == "concurrent":
        futures = [stub.Unary.future(message(text=str(i)), timeout=60) for i in range(300)]
        texts = [f.result().text for f in futures]
        expect(texts == [str(i) for i in range(300)], "concurrent replies differ")
    elif check == "health":
        health = health_pb2_grpc.HealthStub(channel)
        reply = health.Check(health_pb2.HealthCheckRequest(), timeout=30)
        expect(reply.status == health_pb2.HealthCheckResponse.SERVING, f"health {reply.status}")
        expect_code(lambda: health.Check(health_pb2.HealthCheckRequest(service="nope"), timeout=30),
                    grpc.StatusCode.NOT_FOUND)
        watch = health.Watch(health_pb2.HealthCheckRequest(service=""), timeout=30)
        first = next(watch)
        expect(first.status == health_pb2.HealthCheckResponse.SERVING, f"watch {first.status}")
        watch.cancel()
    else:
        raise SystemExit(f"unknown check {check}")
    channel.close()
    print(f"ok {check}")


if __name__ == "__main__":
    main()
