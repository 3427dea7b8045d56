"""Every message and enum of the Outreach schema, generated from schema/."""

from outreach_client._generated.grpc.health.v1.health_pb2 import (
    HealthCheckRequest,
    HealthCheckResponse,
)
from outreach_client._generated.outreach.v1.audit_pb2 import (
    AuditEntry,
    AuditOrder,
    ListAuditRequest,
)
from outreach_client._generated.outreach.v1.events_pb2 import (
    BounceKind,
    ReplyClassification,
    ReportBounceRequest,
    ReportBounceResponse,
    ReportReplyRequest,
    ReportReplyResponse,
)
from outreach_client._generated.outreach.v1.leads_pb2 import (
    CreateLeadRequest,
    GetLeadRequest,
    ImportLeadsRequest,
    ImportLeadsResponse,
    Lead,
    LeadStatus,
    ListLeadsRequest,
    ListLeadsResponse,
)
from outreach_client._generated.outreach.v1.outreach_pb2 import (
    Attempt,
    AttemptStatus,
    SendRequest,
    SendResponse,
)
from outreach_client._generated.outreach.v1.policy_pb2 import ValidateRequest, ValidateResponse
from outreach_client._generated.outreach.v1.suppressions_pb2 import (
    AddSuppressionRequest,
    CheckSuppressionRequest,
    CheckSuppressionResponse,
    ListSuppressionsRequest,
    ListSuppressionsResponse,
    RemoveSuppressionRequest,
    RemoveSuppressionResponse,
    Suppression,
    SuppressionSource,
)

__all__ = [name for name in dir() if not name.startswith("_")]
