"""A grpcio server of clienttest.Echo for the Swift client's tests.

Generates its stubs from client_echo.proto into a temporary directory,
listens on the given address (TLS when --cert/--key are given), writes the
bound port to --port-file, and appends call events ("started <text>",
"cancelled <text>") to --events-file. Exits when its parent process dies,
so a crashed test run leaves nothing behind.
"""

import argparse
import os
import signal
import sys
import tempfile
import threading
import time
from concurrent import futures

import grpc
from grpc_tools import protoc

HERE = os.path.dirname(os.path.abspath(__file__))


def load_stubs():
    out = tempfile.mkdtemp(prefix="client-echo-stubs-")
    include = os.path.join(os.path.dirname(protoc.__file__), "_proto")
    status = protoc.main([
        "grpc_tools.protoc", f"-I{HERE}", f"-I{include}", f"--python_out={out}",
        f"--grpc_python_out={out}", os.path.join(HERE, "client_echo.proto"),
    ])
    if status != 0:
        sys.exit(f"protoc failed with {status}")
    sys.path.insert(0, out)
    import client_echo_pb2
    import client_echo_pb2_grpc
    return client_echo_pb2, client_echo_pb2_grpc


pb2, pb2_grpc = load_stubs()
events_lock = threading.Lock()
events_file = None


def record(event):
    if events_file is None:
        return
    with events_lock, open(events_file, "a") as handle:
        handle.write(event + "\n")


def status_code(number):
    for code in grpc.StatusCode:
        if code.value[0] == number:
            return code
    return grpc.StatusCode.UNKNOWN


def echo_metadata(context):
    """Returns echo-* request metadata as headers and trailer-* trailers."""
    initial, trailing = [], []
    for key, value in context.invocation_metadata():
        if key.startswith("echo-"):
            initial.append((key, value))
            trailing.append(("trailer-" + key[len("echo-"):], value))
    context.send_initial_metadata(initial)
    context.set_trailing_metadata(trailing)


def fail_if_asked(request, context):
    if request.fail_code:
        context.set_trailing_metadata([
            ("error-detail", "quota"),
            ("error-detail-bin", bytes([0, 1, 2, 254, 255])),
        ])
        context.abort(status_code(request.fail_code), "failed: " + request.text)


def sleep_observing_cancel(request, context, milliseconds):
    deadline = time.monotonic() + milliseconds / 1000
    while time.monotonic() < deadline:
        if not context.is_active():
            record("cancelled " + request.text)
            return False
        time.sleep(0.01)
    return True


def response_for(request, context, index=0):
    payload = request.payload
    if request.response_size:
        payload = bytes(request.response_size)
    return pb2.EchoResponse(text=request.text, index=index, payload=payload, peer=context.peer())


class Echo(pb2_grpc.EchoServicer):
    def Unary(self, request, context):
        record("started " + request.text)
        remaining = context.time_remaining()
        if remaining is not None:
            record(f"remaining {request.text} {int(remaining)}")
        echo_metadata(context)
        if request.sleep_ms and not sleep_observing_cancel(request, context, request.sleep_ms):
            return pb2.EchoResponse()
        fail_if_asked(request, context)
        return response_for(request, context)

    def ServerStream(self, request, context):
        record("started " + request.text)
        echo_metadata(context)
        for index in range(request.count):
            if request.sleep_ms and not sleep_observing_cancel(request, context, request.sleep_ms):
                return
            yield response_for(request, context, index)
            record(f"sent {request.text} {index}")
        fail_if_asked(request, context)

    def ClientStream(self, request_iterator, context):
        echo_metadata(context)
        texts = []
        for request in request_iterator:
            fail_if_asked(request, context)
            texts.append(request.text)
        return pb2.EchoResponse(text=",".join(texts), index=len(texts), peer=context.peer())

    def Bidi(self, request_iterator, context):
        echo_metadata(context)
        for index, request in enumerate(request_iterator):
            fail_if_asked(request, context)
            yield response_for(request, context, index)


def watch_parent(parent):
    while True:
        if os.getppid() != parent:
            os._exit(0)
        time.sleep(0.5)


def main():
    global events_file
    parser = argparse.ArgumentParser()
    parser.add_argument("--address", default="127.0.0.1:0")
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--events-file")
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--max-streams", type=int, default=0)
    arguments = parser.parse_args()
    events_file = arguments.events_file

    threading.Thread(target=watch_parent, args=(os.getppid(),), daemon=True).start()
    options = []
    if arguments.max_streams:
        options.append(("grpc.max_concurrent_streams", arguments.max_streams))
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=32), options=options)
    pb2_grpc.add_EchoServicer_to_server(Echo(), server)
    if arguments.cert:
        with open(arguments.cert, "rb") as cert, open(arguments.key, "rb") as key:
            credentials = grpc.ssl_server_credentials([(key.read(), cert.read())])
        port = server.add_secure_port(arguments.address, credentials)
    else:
        port = server.add_insecure_port(arguments.address)
    server.start()

    temporary = arguments.port_file + ".tmp"
    with open(temporary, "w") as handle:
        handle.write(str(port))
    os.rename(temporary, arguments.port_file)

    stopped = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopped.set())
    while not stopped.wait(0.05):
        pass
    server.stop(grace=0.25).wait()
    os._exit(0)


if __name__ == "__main__":
    main()
