"""A thin typed wrapper over the generated stubs: one method per RPC, each
sending the bearer token and a deadline, and raising OutreachError with the
status (and, for a policy block, the decision) when a call fails."""

from __future__ import annotations

from typing import Iterable, Iterator, Optional, Sequence, Tuple, TypeVar, Union

import grpc

from outreach_client import messages as m
from outreach_client._generated.grpc.health.v1 import health_pb2_grpc
from outreach_client._generated.outreach.v1 import (
    audit_pb2_grpc,
    events_pb2_grpc,
    leads_pb2_grpc,
    outreach_pb2_grpc,
    policy_pb2_grpc,
    suppressions_pb2_grpc,
)

DECISION_TRAILER = "outreach-decision-bin"
"""The trailer of a blocked send: the full decision, an encoded ValidateResponse."""

_Response = TypeVar("_Response")
LeadRow = Union[str, Tuple[str, str], m.ImportLeadsRequest]
"""An import row: an address, (address, name), or a full request."""


class OutreachError(Exception):
    """A call that ended with a status other than OK.

    Attributes:
        code: the gRPC status, such as grpc.StatusCode.PERMISSION_DENIED.
        details: the server's message, such as "Daily user cap reached …".
        decision: for a send blocked by policy, the decision (a ValidateResponse).
    """

    def __init__(
        self, code: grpc.StatusCode, details: str, decision: Optional[m.ValidateResponse] = None
    ) -> None:
        super().__init__(f"{code.name}: {details}")
        self.code = code
        self.details = details
        self.decision = decision

    @classmethod
    def from_rpc_error(cls, error: grpc.RpcError) -> "OutreachError":
        decision = None
        for key, value in (error.trailing_metadata() or ()):  # type: ignore[attr-defined]
            if key == DECISION_TRAILER:
                decision = m.ValidateResponse.FromString(value)
        return cls(error.code(), error.details() or "", decision)  # type: ignore[attr-defined]


class OutreachClient:
    """Calls an Outreach server.

    Args:
        target: ``host:port`` of the server.
        token: the bearer token (``outreachd user add NAME`` prints one).
        timeout: the deadline of each call in seconds; streams that follow
            the audit log take ``None`` for no deadline.
        root_certificates: PEM CAs to trust; with ``tls=True`` and no CAs,
            the system's.
        tls: connect with TLS.
    """

    def __init__(
        self,
        target: str = "127.0.0.1:50051",
        token: Optional[str] = None,
        timeout: Optional[float] = 10.0,
        *,
        root_certificates: Optional[bytes] = None,
        tls: bool = False,
    ) -> None:
        if tls or root_certificates is not None:
            credentials = grpc.ssl_channel_credentials(root_certificates=root_certificates)
            self._channel = grpc.secure_channel(target, credentials)
        else:
            self._channel = grpc.insecure_channel(target)
        self._metadata: Sequence[Tuple[str, str]] = (
            (("authorization", f"Bearer {token}"),) if token else ()
        )
        self.timeout = timeout
        self._outreach = outreach_pb2_grpc.OutreachStub(self._channel)
        self._policy = policy_pb2_grpc.PolicyStub(self._channel)
        self._suppressions = suppressions_pb2_grpc.SuppressionsStub(self._channel)
        self._leads = leads_pb2_grpc.LeadsStub(self._channel)
        self._events = events_pb2_grpc.EventsStub(self._channel)
        self._audit = audit_pb2_grpc.AuditStub(self._channel)
        self._health = health_pb2_grpc.HealthStub(self._channel)

    def close(self) -> None:
        self._channel.close()

    def __enter__(self) -> "OutreachClient":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _call(self, method, request, timeout: Optional[float] = None):
        try:
            return method(request, timeout=timeout or self.timeout, metadata=self._metadata)
        except grpc.RpcError as error:
            raise OutreachError.from_rpc_error(error) from None

    # Sending and policy

    def send(
        self,
        lead_id: int,
        subject: str,
        body_text: str,
        body_html: str = "",
        sender_email: str = "",
    ) -> m.SendResponse:
        """Sends one email to a lead; raises OutreachError (PERMISSION_DENIED
        with ``decision`` set) when policy blocks it."""
        request = m.SendRequest(
            lead_id=lead_id,
            subject=subject,
            body_text=body_text,
            body_html=body_html,
            sender_email=sender_email,
        )
        return self._call(self._outreach.Send, request)

    def validate(
        self, recipient_email: str, subject: str, sender_email: str = ""
    ) -> m.ValidateResponse:
        """Runs the policy checks without sending; the decision is audited."""
        request = m.ValidateRequest(
            recipient_email=recipient_email, subject=subject, sender_email=sender_email
        )
        return self._call(self._policy.Validate, request)

    # Suppressions

    def add_suppression(self, email: str, reason: str = "") -> m.Suppression:
        return self._call(self._suppressions.Add, m.AddSuppressionRequest(email=email, reason=reason))

    def list_suppressions(self, page_size: int = 0) -> Iterator[m.Suppression]:
        """Every entry, oldest first, fetching pages as the iteration goes."""
        token = ""
        while True:
            request = m.ListSuppressionsRequest(page_size=page_size, page_token=token)
            page = self._call(self._suppressions.List, request)
            yield from page.suppressions
            token = page.next_page_token
            if not token:
                return

    def remove_suppression(self, email: str) -> bool:
        """Lifts a suppression (admins only); False when it was not suppressed."""
        request = m.RemoveSuppressionRequest(email=email)
        return self._call(self._suppressions.Remove, request).removed

    def check_suppression(self, email: str) -> m.CheckSuppressionResponse:
        return self._call(self._suppressions.Check, m.CheckSuppressionRequest(email=email))

    # Leads

    def create_lead(self, email: str, name: str = "") -> m.Lead:
        return self._call(self._leads.Create, m.CreateLeadRequest(email=email, name=name))

    def get_lead(self, lead_id: int) -> m.Lead:
        return self._call(self._leads.Get, m.GetLeadRequest(id=lead_id))

    def list_leads(self, status: int = 0, page_size: int = 0) -> Iterator[m.Lead]:
        """Every visible lead, oldest first; ``status`` is a LeadStatus value."""
        token = ""
        while True:
            request = m.ListLeadsRequest(page_size=page_size, page_token=token, status=status)
            page = self._call(self._leads.List, request)
            yield from page.leads
            token = page.next_page_token
            if not token:
                return

    def import_leads(
        self, rows: Iterable[LeadRow], timeout: Optional[float] = None
    ) -> m.ImportLeadsResponse:
        """Streams rows to Leads.Import and returns the counts and rejections."""

        def requests() -> Iterator[m.ImportLeadsRequest]:
            for row in rows:
                if isinstance(row, m.ImportLeadsRequest):
                    yield row
                elif isinstance(row, str):
                    yield m.ImportLeadsRequest(email=row)
                else:
                    yield m.ImportLeadsRequest(email=row[0], name=row[1])

        return self._call(self._leads.Import, requests(), timeout=timeout)

    # Events

    def report_bounce(
        self, email: str, kind: int = m.BounceKind.BOUNCE_KIND_HARD, diagnostic: str = ""
    ) -> m.ReportBounceResponse:
        request = m.ReportBounceRequest(email=email, kind=kind, diagnostic=diagnostic)
        return self._call(self._events.ReportBounce, request)

    def report_reply(self, email: str, text: str) -> m.ReportReplyResponse:
        request = m.ReportReplyRequest(email=email, text=text)
        return self._call(self._events.ReportReply, request)

    # Audit

    def list_audit(
        self,
        *,
        user_id: int = 0,
        recipient_email: str = "",
        policy_result: str = "",
        since: str = "",
        until: str = "",
        oldest_first: bool = False,
        limit: int = 0,
        follow: bool = False,
    ) -> Iterator[m.AuditEntry]:
        """Audit entries, newest first unless ``oldest_first`` (or ``follow``)."""
        request = m.ListAuditRequest(
            user_id=user_id,
            recipient_email=recipient_email,
            policy_result=policy_result,
            since=since,
            until=until,
            order=m.AuditOrder.AUDIT_ORDER_OLDEST_FIRST if oldest_first or follow else 0,
            limit=limit,
            follow=follow,
        )
        timeout = None if follow else self.timeout
        try:
            yield from self._audit.List(request, timeout=timeout, metadata=self._metadata)
        except grpc.RpcError as error:
            raise OutreachError.from_rpc_error(error) from None

    # Health

    def health(self, service: str = "") -> int:
        """The serving status, a HealthCheckResponse.ServingStatus value (1 is SERVING)."""
        request = m.HealthCheckRequest(service=service)
        return self._call(self._health.Check, request).status
