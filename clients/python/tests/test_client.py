"""The Python client against a real outreachd started for these tests."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest
import zipfile
from pathlib import Path

import grpc

from outreach_client import OutreachClient, OutreachError, messages

PACKAGE = Path(__file__).resolve().parent.parent
REPOSITORY = PACKAGE.parent.parent
BINARIES = Path(os.environ.get("OUTREACH_BIN_DIR", REPOSITORY / ".build" / "debug"))


class Server:
    """An outreachd on an ephemeral loopback port with a fresh database."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="outreach-python-"))
        self.environment = dict(os.environ, OUTREACH_DB=str(self.folder / "outreach.db"))
        self.user_token = self._add_user("alice")
        self.admin_token = self._add_user("root", "--admin")
        self.log = self.folder / "outreachd.log"
        environment = dict(
            self.environment,
            OUTREACH_LISTEN="127.0.0.1:0",
            OUTREACH_MAIL_DROP=str(self.folder / "mail"),
            SMTP_FROM_EMAIL="outreach@sender.test",
        )
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(
                [str(BINARIES / "outreachd")], env=environment, stdout=subprocess.DEVNULL, stderr=log
            )
        self.port = self._wait_for_port()
        self.target = f"127.0.0.1:{self.port}"

    def _add_user(self, name: str, *flags: str) -> str:
        result = subprocess.run(
            [str(BINARIES / "outreachd"), "user", "add", name, *flags],
            env=self.environment,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        return result.stdout.strip()

    def _wait_for_port(self) -> int:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and self.process.poll() is None:
            match = re.search(r"outreach\.ports=(\d+)", self.log.read_text(errors="replace"))
            if match:
                return int(match.group(1))
            time.sleep(0.05)
        self.stop()
        raise RuntimeError("outreachd did not start:\n" + self.log.read_text(errors="replace"))

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


class OutreachClientTests(unittest.TestCase):
    server: Server

    @classmethod
    def setUpClass(cls) -> None:
        cls.server = Server()

    @classmethod
    def tearDownClass(cls) -> None:
        cls.server.stop()

    def setUp(self) -> None:
        self.client = OutreachClient(self.server.target, token=self.server.user_token, timeout=30)
        self.addCleanup(self.client.close)

    def test_health_needs_no_token(self) -> None:
        with OutreachClient(self.server.target) as anonymous:
            self.assertEqual(anonymous.health(), messages.HealthCheckResponse.SERVING)

    def test_lead_validate_and_send(self) -> None:
        lead = self.client.create_lead("editor@example.de", "Ed")
        self.assertEqual(self.client.get_lead(lead.id).email, "editor@example.de")
        decision = self.client.validate("editor@example.de", "Guest post")
        self.assertTrue(decision.allowed)
        self.assertEqual((decision.legal_basis, decision.region), ("consent", "EU"))
        sent = self.client.send(lead.id, "Guest post", "Hello")
        self.assertEqual(sent.attempt.status, messages.AttemptStatus.ATTEMPT_STATUS_SENT)
        self.assertEqual(sent.attempt.recipient_email, "editor@example.de")
        contacted = list(self.client.list_leads(status=messages.LeadStatus.LEAD_STATUS_CONTACTED))
        self.assertIn(lead.id, [each.id for each in contacted])

    def test_blocked_send_carries_the_decision(self) -> None:
        lead = self.client.create_lead("blocked@example.com")
        self.client.add_suppression("BLOCKED@example.com", "asked by phone")
        self.assertTrue(self.client.check_suppression("blocked@example.com").suppressed)
        with self.assertRaises(OutreachError) as caught:
            self.client.send(lead.id, "Hi", "Hello")
        self.assertEqual(caught.exception.code, grpc.StatusCode.PERMISSION_DENIED)
        self.assertIn("suppressed", caught.exception.details)
        self.assertIsNotNone(caught.exception.decision)
        self.assertFalse(caught.exception.decision.allowed)
        self.assertIn("asked by phone", caught.exception.decision.reason)

    def test_errors_name_their_status(self) -> None:
        with self.assertRaises(OutreachError) as missing:
            self.client.get_lead(987654)
        self.assertEqual(missing.exception.code, grpc.StatusCode.NOT_FOUND)
        with OutreachClient(self.server.target, token="wrong") as stranger:
            with self.assertRaises(OutreachError) as refused:
                stranger.validate("a@example.com", "Hi")
        self.assertEqual(refused.exception.code, grpc.StatusCode.UNAUTHENTICATED)
        with self.assertRaises(OutreachError) as not_admin:
            self.client.remove_suppression("a@example.com")
        self.assertEqual(not_admin.exception.code, grpc.StatusCode.PERMISSION_DENIED)

    def test_admin_lifts_a_suppression(self) -> None:
        self.client.add_suppression("lift@example.com")
        with OutreachClient(self.server.target, token=self.server.admin_token) as admin:
            self.assertTrue(admin.remove_suppression("lift@example.com"))
            self.assertNotIn("lift@example.com", [s.email for s in admin.list_suppressions()])

    def test_import_streams_rows(self) -> None:
        rows = ["one@example.org", ("two@example.org", "Two"), "ONE@example.org", "broken"]
        report = self.client.import_leads(rows)
        self.assertEqual((report.added, report.merged, report.rejected), (2, 1, 1))
        self.assertEqual(report.errors[0].line, 4)

    def test_events_and_audit(self) -> None:
        reply = self.client.report_reply("reply@example.net", "Please remove me from your list")
        self.assertTrue(reply.suppressed)
        bounce = self.client.report_bounce("bounce@example.net")
        self.assertTrue(bounce.suppressed)
        self.client.validate("audited@example.net", "Audit me")
        entries = list(self.client.list_audit(recipient_email="audited@example.net"))
        self.assertEqual([e.action for e in entries], ["validate"])

    def test_example_sends(self) -> None:
        environment = dict(
            os.environ, OUTREACH_SERVER=self.server.target, OUTREACH_TOKEN=self.server.user_token
        )
        result = subprocess.run(
            [sys.executable, str(PACKAGE / "examples" / "send.py"), "example@example.fr"],
            env=environment,
            capture_output=True,
            text=True,
            timeout=120,
        )
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("sent attempt", result.stdout)
        self.assertIn("consent", result.stdout)


class PackageBuildTests(unittest.TestCase):
    def test_wheel_is_built_with_stubs_generated_from_the_schema(self) -> None:
        with tempfile.TemporaryDirectory() as folder:
            # Build from a copy of what git tracks (or would: ignored files are
            # left out), as a clean clone would have it.
            source = Path(folder) / "python"
            tracked = subprocess.run(
                ["git", "ls-files", "--cached", "--others", "--exclude-standard", "."], cwd=PACKAGE, capture_output=True, text=True, check=True
            ).stdout.split()
            self.assertFalse([name for name in tracked if "_generated" in name or "_pb2" in name])
            for name in tracked:
                (source / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(PACKAGE / name, source / name)
            result = subprocess.run(
                [sys.executable, "-m", "pip", "wheel", "--no-build-isolation", "--no-deps",
                 "-q", "-w", str(Path(folder) / "dist"), str(source)],
                env=dict(os.environ, OUTREACH_SCHEMA_DIR=str(REPOSITORY / "schema")),
                capture_output=True,
                text=True,
                timeout=300,
            )
            self.assertEqual(result.returncode, 0, result.stderr)
            wheel = next((Path(folder) / "dist").glob("outreach_client-*.whl"))
            names = zipfile.ZipFile(wheel).namelist()
            for module in ["leads_pb2.py", "leads_pb2_grpc.py", "health_pb2_grpc.py"]:
                self.assertTrue(any(name.endswith(module) for name in names), module)


if __name__ == "__main__":
    unittest.main()
