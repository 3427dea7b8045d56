#!/usr/bin/env python3
"""A scripted SMTP server that misbehaves on purpose, for client tests.

Speaks just enough SMTP with STARTTLS and AUTH (PLAIN and LOGIN) to carry a
message, except where the chosen --scenario makes it fail in one specific way.
Every line the client sends is appended to --transcript as it arrives,
prefixed with the connection number and whether it came in plaintext or over
TLS, so a test can prove what crossed the wire unencrypted. Prints its port on
standard output when ready; serves until killed.

Scenarios: normal, no-starttls, starttls-454, starttls-injection, auth-535,
auth-equals-login, rcpt-550-5.1.1, rcpt-550-5.7.1, data-550-5.1.1,
rcpt-550-bare, mail-421, silent, stall-handshake, slow-data-end, bare-250,
multiline-greeting, close-after-message, smtputf8-absent.
"""

import argparse
import base64
import os
import socket
import ssl
import sys
import threading
import time

SCENARIOS = {
    "normal", "no-starttls", "starttls-454", "starttls-injection", "auth-535",
    "auth-equals-login", "rcpt-550-5.1.1", "rcpt-550-5.7.1", "data-550-5.1.1",
    "rcpt-550-bare", "mail-421", "silent", "stall-handshake", "slow-data-end",
    "bare-250", "multiline-greeting", "close-after-message", "smtputf8-absent",
}


class Transcript:
    """Appends one line per event to a file, flushed at once."""

    def __init__(self, path):
        self.lock = threading.Lock()
        self.file = open(path, "a", encoding="utf-8", errors="backslashreplace")

    def record(self, connection, channel, text):
        with self.lock:
            self.file.write("%d %s %s\n" % (connection, channel, text))
            self.file.flush()


class Connection:
    """One client, served on its own thread."""

    def __init__(self, number, sock, args, context, transcript):
        self.number = number
        self.sock = sock
        self.args = args
        self.scenario = args.scenario
        self.context = context
        self.transcript = transcript
        self.channel = "plain"
        self.buffer = b""
        self.authenticated = False

    def send(self, text):
        self.sock.sendall(text.encode())

    def reply(self, code, *lines):
        """Sends a reply; an empty text gives a bare code line."""
        lines = lines or ("",)
        out = ""
        for index, line in enumerate(lines):
            separator = " " if index == len(lines) - 1 else "-"
            out += "%d%s%s\r\n" % (code, separator if line or separator == "-" else "", line)
        self.send(out)

    def read_line(self):
        while b"\n" not in self.buffer:
            chunk = self.sock.recv(65536)
            if not chunk:
                return None
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return line.rstrip(b"\r")

    def record(self, text):
        self.transcript.record(self.number, self.channel, text)

    def ok(self, text):
        """250 with text, or bare in the bare-250 scenario."""
        self.reply(250, "" if self.scenario == "bare-250" else text)

    def run(self):
        self.transcript.record(self.number, "event", "open")
        try:
            self.serve()
        except (OSError, ssl.SSLError) as error:
            self.transcript.record(self.number, "event", "error " + type(error).__name__)
        finally:
            self.transcript.record(self.number, "event", "closed")
            try:
                self.sock.close()
            except OSError:
                pass

    def serve(self):
        if self.scenario == "silent":
            time.sleep(3600)
            return
        if self.scenario == "multiline-greeting":
            self.reply(220, "fault.test ESMTP first line", "second line", "ready")
        else:
            self.reply(220, "fault.test ESMTP")

        while True:
            line = self.read_line()
            if line is None:
                return
            text = line.decode("utf-8", "backslashreplace")
            self.record(text)
            verb = text.split(" ", 1)[0].upper()
            if verb in ("EHLO", "HELO"):
                self.ehlo()
            elif verb == "STARTTLS":
                if not self.starttls():
                    return
            elif verb == "AUTH":
                self.auth(text)
            elif verb == "MAIL":
                if self.scenario == "mail-421":
                    self.reply(421, "4.3.2 Service shutting down")
                    return
                self.ok("2.1.0 Sender OK")
            elif verb == "RCPT":
                if self.scenario == "rcpt-550-5.1.1":
                    self.reply(550, "5.1.1 <nobody@y.test>: Recipient address rejected")
                elif self.scenario == "rcpt-550-5.7.1":
                    self.reply(550, "5.7.1 Message rejected by policy")
                elif self.scenario == "rcpt-550-bare":
                    self.reply(550, "Rejected")
                else:
                    self.ok("2.1.5 Recipient OK")
            elif verb == "DATA":
                self.data()
                if self.scenario == "close-after-message":
                    return
            elif verb == "RSET":
                self.ok("2.0.0 Reset")
            elif verb == "NOOP":
                self.ok("2.0.0 OK")
            elif verb == "QUIT":
                self.reply(221, "2.0.0 Bye")
                return
            else:
                self.reply(502, "5.5.2 Command not recognised")

    def ehlo(self):
        if self.channel == "plain":
            lines = ["fault.test"]
            if self.scenario != "no-starttls":
                lines.append("STARTTLS")
            lines.append("8BITMIME")
            self.reply(250, *lines)
            return
        if self.scenario == "auth-equals-login":
            self.reply(250, "fault.test", "AUTH=LOGIN", "8BITMIME")
        elif self.scenario == "bare-250":
            self.reply(250, "fault.test", "AUTH PLAIN LOGIN", "SMTPUTF8", "")
        elif self.scenario == "smtputf8-absent":
            self.reply(250, "fault.test", "AUTH PLAIN LOGIN")
        else:
            self.reply(250, "fault.test", "AUTH PLAIN LOGIN", "SMTPUTF8")

    def starttls(self):
        if self.channel != "plain" or self.scenario == "no-starttls":
            self.reply(502, "5.5.1 STARTTLS not available")
            return True
        if self.scenario == "starttls-454":
            self.reply(454, "4.7.0 TLS not available due to temporary reason")
            return True
        if self.scenario == "starttls-injection":
            # Replies an attacker could push before the handshake, in the same segment.
            self.send(
                "220 2.0.0 Ready to start TLS\r\n"
                "250-fault.test\r\n250 AUTH PLAIN\r\n235 2.7.0 Authentication successful\r\n"
            )
        else:
            self.reply(220, "2.0.0 Ready to start TLS")
        if self.scenario == "stall-handshake":
            time.sleep(3600)
            return False
        self.buffer = b""
        try:
            self.sock = self.context.wrap_socket(self.sock, server_side=True)
        except (ssl.SSLError, OSError) as error:
            self.transcript.record(self.number, "event", "tls-failed " + type(error).__name__)
            return False
        self.channel = "tls"
        self.transcript.record(self.number, "event", "tls-established")
        return True

    def check(self, user, password):
        return user == self.args.user.encode() and password == self.args.password.encode()

    def auth(self, text):
        words = text.split()
        mechanism = words[1].upper() if len(words) > 1 else ""
        if mechanism == "PLAIN" and len(words) > 2:
            parts = base64.b64decode(words[2]).split(b"\0")
            valid = len(parts) == 3 and self.check(parts[1], parts[2])
        elif mechanism == "LOGIN":
            self.reply(334, "VXNlcm5hbWU6")
            user = self.read_line()
            self.record(user.decode("ascii", "backslashreplace") if user else "")
            self.reply(334, "UGFzc3dvcmQ6")
            password = self.read_line()
            self.record(password.decode("ascii", "backslashreplace") if password else "")
            valid = user is not None and password is not None and self.check(
                base64.b64decode(user), base64.b64decode(password))
        else:
            self.reply(504, "5.5.4 Unrecognised authentication type")
            return
        if self.scenario == "auth-535" or not valid:
            self.reply(535, "5.7.8 Authentication credentials invalid")
        else:
            self.authenticated = True
            self.reply(235, "2.7.0 Authentication successful")

    def data(self):
        if self.scenario == "data-550-5.1.1":
            self.reply(550, "5.1.1 Mailbox unavailable")
            return
        self.reply(354, "End data with <CR><LF>.<CR><LF>")
        size = 0
        while True:
            line = self.read_line()
            if line is None:
                raise OSError("connection closed during DATA")
            if line == b".":
                break
            size += len(line) + 2
        self.transcript.record(self.number, self.channel, "<message %d octets>" % size)
        if self.scenario == "slow-data-end":
            time.sleep(3600)
        self.ok("2.0.0 Queued")


def exit_when_orphaned():
    parent = os.getppid()
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(0)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scenario", required=True, choices=sorted(SCENARIOS))
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--cert", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--user", default="outreach")
    parser.add_argument("--password", default="s3cret-pass")
    parser.add_argument("--transcript", required=True)
    args = parser.parse_args()

    threading.Thread(target=exit_when_orphaned, daemon=True).start()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(args.cert, args.key)
    transcript = Transcript(args.transcript)
    listener = socket.create_server(("127.0.0.1", args.port))
    print(listener.getsockname()[1], flush=True)
    number = 0
    while True:
        sock, _ = listener.accept()
        number += 1
        connection = Connection(number, sock, args, context, transcript)
        threading.Thread(target=connection.run, daemon=True).start()


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(0)
