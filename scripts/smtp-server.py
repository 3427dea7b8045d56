#!/usr/bin/env python3
"""A local SMTP submission server for development and tests.

Listens on loopback with STARTTLS and AUTH both required (aiosmtpd), and
stores every accepted message as one file in a folder. Prints the port it
listens on, alone on one line of standard output, once it accepts
connections; runs until SIGINT or SIGTERM.

    smtp-server.py --port 0 --cert server.pem --key server.key \\
        --user outreach --password secret --maildir ./mail
"""

import argparse
import asyncio
import itertools
import os
import signal
import ssl
import sys
import threading
import logging
import time

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class FolderHandler:
    """Writes each message to <maildir>/<time>-<n>.eml, atomically."""

    def __init__(self, maildir):
        self.maildir = maildir
        self.counter = itertools.count(1)

    async def handle_DATA(self, server, session, envelope):
        name = "%d-%06d.eml" % (time.time_ns(), next(self.counter))
        temporary = os.path.join(self.maildir, "." + name + ".tmp")
        with open(temporary, "wb") as file:
            file.write(envelope.original_content)
        os.replace(temporary, os.path.join(self.maildir, name))
        return "250 2.0.0 OK: queued as " + name


def make_authenticator(user, password):
    def authenticate(server, session, envelope, mechanism, auth_data):
        valid = (
            isinstance(auth_data, LoginPassword)
            and auth_data.login == user.encode()
            and auth_data.password == password.encode()
        )
        return AuthResult(success=valid, handled=False)

    return authenticate


def exit_when_orphaned():
    """Stops the process once its parent is gone, so a crashed test run
    leaves no server behind."""
    parent = os.getppid()
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(0)


async def serve(args):
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(args.cert, args.key)
    os.makedirs(args.maildir, exist_ok=True)
    handler = FolderHandler(args.maildir)
    authenticator = make_authenticator(args.user, args.password)

    def factory():
        return SMTP(
            handler,
            hostname=args.hostname,
            tls_context=context,
            require_starttls=True,
            auth_required=True,
            auth_require_tls=True,
            authenticator=authenticator,
            enable_SMTPUTF8=True,
        )

    loop = asyncio.get_running_loop()
    server = await loop.create_server(factory, host=args.host, port=args.port)
    stop = asyncio.Event()
    for number in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(number, stop.set)
    print(server.sockets[0].getsockname()[1], flush=True)
    await stop.wait()
    server.close()
    await server.wait_closed()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--hostname", default="localhost", help="name in the greeting")
    parser.add_argument("--cert", required=True, help="PEM certificate chain")
    parser.add_argument("--key", required=True, help="PEM private key")
    parser.add_argument("--user", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--maildir", required=True, help="folder receiving .eml files")
    parser.add_argument(
        "--exit-with-parent", action="store_true", help="stop when the parent process exits"
    )
    args = parser.parse_args()
    # aiosmtpd logs a warning about its own deprecated attribute on every AUTH.
    logging.getLogger("mail.log").setLevel(logging.ERROR)
    if args.exit_with_parent:
        threading.Thread(target=exit_when_orphaned, daemon=True).start()
    try:
        asyncio.run(serve(args))
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
