"""Memory per idle HTTP/2 connection and time to open 1,000 of them.

Usage: connections.py [--count N] NAME=CMD...  (CMD gets a port appended and
must listen on 127.0.0.1). For each server: start it, wait for the port,
open N connections that each send the HTTP/2 preface and wait for the
server's SETTINGS (the time this takes is "open"), then read the server's
resident memory before and after (per-connection = delta / N). Every server
is stopped by its PID.
"""
import argparse
import os
import resource
import selectors
import shlex
import socket
import subprocess
import time

PREFACE = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n" + bytes([0, 0, 0, 4, 0, 0, 0, 0, 0])


def resident_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def wait_for_port(port, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return True
        except OSError:
            time.sleep(0.05)
    return False


def open_connections(port, count):
    """Opens `count` connections and waits until each got the server's first frame."""
    selector = selectors.DefaultSelector()
    sockets = []
    started = time.monotonic()
    for _ in range(count):
        sock = socket.create_connection(("127.0.0.1", port))
        sock.sendall(PREFACE)
        sock.setblocking(False)
        selector.register(sock, selectors.EVENT_READ)
        sockets.append(sock)
    pending = count
    deadline = time.monotonic() + 60
    while pending and time.monotonic() < deadline:
        for key, _ in selector.select(timeout=1):
            data = key.fileobj.recv(65536)
            selector.unregister(key.fileobj)
            pending -= 1 if data else 1
    return sockets, time.monotonic() - started, pending


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--port", type=int, default=50251)
    parser.add_argument("servers", nargs="+")
    args = parser.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(soft, args.count + 256)), hard))

    print(f"| server | open {args.count} conns (ms) | RSS idle (KiB) | RSS with conns (KiB) | per conn (KiB) |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for index, spec in enumerate(args.servers):
        name, command = spec.split("=", 1)
        port = args.port + index
        argv = shlex.split(command) + [str(port)]
        if not os.path.exists(argv[0]):
            print(f"| {name} | skipped: {argv[0]} missing | | | |")
            continue
        server = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            if not wait_for_port(port):
                print(f"| {name} | did not listen | | | |")
                continue
            time.sleep(0.5)
            before = resident_kib(server.pid)
            sockets, elapsed, missing = open_connections(port, args.count)
            time.sleep(1.0)
            after = resident_kib(server.pid)
            per = (after - before) / args.count
            note = f" ({missing} without SETTINGS)" if missing else ""
            print(f"| {name} | {elapsed * 1000:.0f}{note} | {before} | {after} | {per:.1f} |")
            for sock in sockets:
                sock.close()
        finally:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


if __name__ == "__main__":
    main()
