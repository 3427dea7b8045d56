#!/usr/bin/env python3
"""Python smtplib baseline: a new verified STARTTLS + AUTH session per message.

    smtplib_bench.py --port P --ca-file CA --user U --password W --count N
"""

import argparse
import smtplib
import ssl
import time
from email.message import EmailMessage
from email.utils import formatdate, make_msgid


def message(index):
    """The same message smtp-bench sends."""
    msg = EmailMessage()
    msg["From"] = "Outreach Bench <bench@outreach.test>"
    msg["To"] = "lead%d@example.test" % index
    msg["Subject"] = "Benchmark message %d" % index
    msg["Date"] = formatdate(usegmt=True)
    msg["Message-ID"] = make_msgid(domain="outreach.test")
    msg.set_content("The quick brown fox jumps over the lazy dog.\n" * 20)
    return msg


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="localhost")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--ca-file", required=True)
    parser.add_argument("--user", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--count", type=int, default=200)
    args = parser.parse_args()
    context = ssl.create_default_context(cafile=args.ca_file)

    def send(index):
        with smtplib.SMTP(args.host, args.port, timeout=30) as client:
            client.starttls(context=context)
            client.login(args.user, args.password)
            client.send_message(message(index))

    def report(label, seconds):
        print("%-36s%6d msgs %8.3f s %9.1f msg/s  failures=0" % (
            label, args.count, seconds, args.count / seconds))

    send(0)
    started = time.perf_counter()
    for index in range(args.count):
        send(index)
    report("python smtplib new session/message", time.perf_counter() - started)

    # For context: the same client on one session, which shows the server's own ceiling.
    with smtplib.SMTP(args.host, args.port, timeout=30) as client:
        client.starttls(context=context)
        client.login(args.user, args.password)
        started = time.perf_counter()
        for index in range(args.count):
            client.send_message(message(index))
        report("python smtplib one reused session", time.perf_counter() - started)


if __name__ == "__main__":
    main()
