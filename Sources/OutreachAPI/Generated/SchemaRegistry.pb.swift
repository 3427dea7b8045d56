// Generated from schema/ by schemac. Do not edit.

import RPC
import Wire

/// Every message, enum and service of the schema, by full protobuf name, for
/// tools that choose a type at run time.
public enum SchemaRegistry {
  /// Every message type by full name.
  public static let messageTypes: [String: any WireMessage.Type] = [
    "grpc.health.v1.HealthCheckRequest": HealthCheckRequest.self,
    "grpc.health.v1.HealthCheckResponse": HealthCheckResponse.self,
    "outreach.v1.AddSuppressionRequest": AddSuppressionRequest.self,
    "outreach.v1.Attempt": Attempt.self,
    "outreach.v1.AuditEntry": AuditEntry.self,
    "outreach.v1.CheckSuppressionRequest": CheckSuppressionRequest.self,
    "outreach.v1.CheckSuppressionResponse": CheckSuppressionResponse.self,
    "outreach.v1.CreateLeadRequest": CreateLeadRequest.self,
    "outreach.v1.GetLeadRequest": GetLeadRequest.self,
    "outreach.v1.ImportLeadsRequest": ImportLeadsRequest.self,
    "outreach.v1.ImportLeadsResponse": ImportLeadsResponse.self,
    "outreach.v1.ImportLeadsResponse.RowError": ImportLeadsResponse.RowError.self,
    "outreach.v1.Lead": Lead.self,
    "outreach.v1.ListAuditRequest": ListAuditRequest.self,
    "outreach.v1.ListLeadsRequest": ListLeadsRequest.self,
    "outreach.v1.ListLeadsResponse": ListLeadsResponse.self,
    "outreach.v1.ListSuppressionsRequest": ListSuppressionsRequest.self,
    "outreach.v1.ListSuppressionsResponse": ListSuppressionsResponse.self,
    "outreach.v1.RemoveSuppressionRequest": RemoveSuppressionRequest.self,
    "outreach.v1.RemoveSuppressionResponse": RemoveSuppressionResponse.self,
    "outreach.v1.ReportBounceRequest": ReportBounceRequest.self,
    "outreach.v1.ReportBounceResponse": ReportBounceResponse.self,
    "outreach.v1.ReportReplyRequest": ReportReplyRequest.self,
    "outreach.v1.ReportReplyResponse": ReportReplyResponse.self,
    "outreach.v1.SendRequest": SendRequest.self,
    "outreach.v1.SendResponse": SendResponse.self,
    "outreach.v1.Suppression": Suppression.self,
    "outreach.v1.ValidateRequest": ValidateRequest.self,
    "outreach.v1.ValidateResponse": ValidateResponse.self,
  ]

  /// The fields of every message by full name, in field-number order.
  public static let messageShapes: [String: MessageShape] = [
    "grpc.health.v1.HealthCheckRequest": MessageShape(
      fullName: "grpc.health.v1.HealthCheckRequest",
      fields: [
        FieldShape(1, "service", "string")
      ]),
    "grpc.health.v1.HealthCheckResponse": MessageShape(
      fullName: "grpc.health.v1.HealthCheckResponse",
      fields: [
        FieldShape(1, "status", "grpc.health.v1.HealthCheckResponse.ServingStatus")
      ]),
    "outreach.v1.AddSuppressionRequest": MessageShape(
      fullName: "outreach.v1.AddSuppressionRequest",
      fields: [
        FieldShape(1, "email", "string"),
        FieldShape(2, "reason", "string"),
      ]),
    "outreach.v1.Attempt": MessageShape(
      fullName: "outreach.v1.Attempt",
      fields: [
        FieldShape(1, "id", "int64"),
        FieldShape(2, "status", "outreach.v1.AttemptStatus"),
        FieldShape(3, "lead_id", "int64"),
        FieldShape(4, "recipient_email", "string"),
        FieldShape(5, "sender_email", "string"),
        FieldShape(6, "subject", "string"),
        FieldShape(7, "legal_basis", "string"),
        FieldShape(8, "region", "string"),
        FieldShape(9, "message_id", "string"),
        FieldShape(10, "created_at", "string"),
        FieldShape(11, "sent_at", "string"),
      ]),
    "outreach.v1.AuditEntry": MessageShape(
      fullName: "outreach.v1.AuditEntry",
      fields: [
        FieldShape(1, "id", "int64"),
        FieldShape(2, "user_id", "int64"),
        FieldShape(3, "lead_email", "string"),
        FieldShape(4, "sender_email", "string"),
        FieldShape(5, "subject", "string"),
        FieldShape(6, "policy_result", "string"),
        FieldShape(7, "reason", "string"),
        FieldShape(8, "legal_basis", "string"),
        FieldShape(9, "timestamp", "string"),
        FieldShape(10, "region", "string"),
        FieldShape(11, "action", "string"),
        FieldShape(12, "attempt_id", "int64"),
      ]),
    "outreach.v1.CheckSuppressionRequest": MessageShape(
      fullName: "outreach.v1.CheckSuppressionRequest",
      fields: [
        FieldShape(1, "email", "string")
      ]),
    "outreach.v1.CheckSuppressionResponse": MessageShape(
      fullName: "outreach.v1.CheckSuppressionResponse",
      fields: [
        FieldShape(1, "suppressed", "bool"),
        FieldShape(2, "suppression", "outreach.v1.Suppression"),
      ]),
    "outreach.v1.CreateLeadRequest": MessageShape(
      fullName: "outreach.v1.CreateLeadRequest",
      fields: [
        FieldShape(1, "email", "string"),
        FieldShape(2, "name", "string"),
      ]),
    "outreach.v1.GetLeadRequest": MessageShape(
      fullName: "outreach.v1.GetLeadRequest",
      fields: [
        FieldShape(1, "id", "int64")
      ]),
    "outreach.v1.ImportLeadsRequest": MessageShape(
      fullName: "outreach.v1.ImportLeadsRequest",
      fields: [
        FieldShape(1, "email", "string"),
        FieldShape(2, "name", "string"),
        FieldShape(3, "line", "int64"),
      ]),
    "outreach.v1.ImportLeadsResponse": MessageShape(
      fullName: "outreach.v1.ImportLeadsResponse",
      fields: [
        FieldShape(1, "added", "int64"),
        FieldShape(2, "merged", "int64"),
        FieldShape(3, "rejected", "int64"),
        FieldShape(4, "errors", "outreach.v1.ImportLeadsResponse.RowError", .repeated),
      ]),
    "outreach.v1.ImportLeadsResponse.RowError": MessageShape(
      fullName: "outreach.v1.ImportLeadsResponse.RowError",
      fields: [
        FieldShape(1, "index", "int64"),
        FieldShape(2, "line", "int64"),
        FieldShape(3, "email", "string"),
        FieldShape(4, "reason", "string"),
      ]),
    "outreach.v1.Lead": MessageShape(
      fullName: "outreach.v1.Lead",
      fields: [
        FieldShape(1, "id", "int64"),
        FieldShape(2, "email", "string"),
        FieldShape(3, "name", "string"),
        FieldShape(4, "status", "outreach.v1.LeadStatus"),
        FieldShape(5, "domain", "string"),
        FieldShape(6, "owner_user_id", "int64"),
        FieldShape(7, "created_at", "string"),
        FieldShape(8, "updated_at", "string"),
      ]),
    "outreach.v1.ListAuditRequest": MessageShape(
      fullName: "outreach.v1.ListAuditRequest",
      fields: [
        FieldShape(1, "user_id", "int64"),
        FieldShape(2, "recipient_email", "string"),
        FieldShape(3, "policy_result", "string"),
        FieldShape(4, "since", "string"),
        FieldShape(5, "until", "string"),
        FieldShape(6, "order", "outreach.v1.AuditOrder"),
        FieldShape(7, "limit", "int32"),
        FieldShape(8, "follow", "bool"),
      ]),
    "outreach.v1.ListLeadsRequest": MessageShape(
      fullName: "outreach.v1.ListLeadsRequest",
      fields: [
        FieldShape(1, "page_size", "int32"),
        FieldShape(2, "page_token", "string"),
        FieldShape(3, "status", "outreach.v1.LeadStatus"),
      ]),
    "outreach.v1.ListLeadsResponse": MessageShape(
      fullName: "outreach.v1.ListLeadsResponse",
      fields: [
        FieldShape(1, "leads", "outreach.v1.Lead", .repeated),
        FieldShape(2, "next_page_token", "string"),
      ]),
    "outreach.v1.ListSuppressionsRequest": MessageShape(
      fullName: "outreach.v1.ListSuppressionsRequest",
      fields: [
        FieldShape(1, "page_size", "int32"),
        FieldShape(2, "page_token", "string"),
      ]),
    "outreach.v1.ListSuppressionsResponse": MessageShape(
      fullName: "outreach.v1.ListSuppressionsResponse",
      fields: [
        FieldShape(1, "suppressions", "outreach.v1.Suppression", .repeated),
        FieldShape(2, "next_page_token", "string"),
      ]),
    "outreach.v1.RemoveSuppressionRequest": MessageShape(
      fullName: "outreach.v1.RemoveSuppressionRequest",
      fields: [
        FieldShape(1, "email", "string")
      ]),
    "outreach.v1.RemoveSuppressionResponse": MessageShape(
      fullName: "outreach.v1.RemoveSuppressionResponse",
      fields: [
        FieldShape(1, "removed", "bool")
      ]),
    "outreach.v1.ReportBounceRequest": MessageShape(
      fullName: "outreach.v1.ReportBounceRequest",
      fields: [
        FieldShape(1, "email", "string"),
        FieldShape(2, "kind", "outreach.v1.BounceKind"),
        FieldShape(3, "diagnostic", "string"),
      ]),
    "outreach.v1.ReportBounceResponse": MessageShape(
      fullName: "outreach.v1.ReportBounceResponse",
      fields: [
        FieldShape(1, "suppressed", "bool"),
        FieldShape(2, "suppression", "outreach.v1.Suppression"),
      ]),
    "outreach.v1.ReportReplyRequest": MessageShape(
      fullName: "outreach.v1.ReportReplyRequest",
      fields: [
        FieldShape(1, "email", "string"),
        FieldShape(2, "text", "string"),
      ]),
    "outreach.v1.ReportReplyResponse": MessageShape(
      fullName: "outreach.v1.ReportReplyResponse",
      fields: [
        FieldShape(1, "classification", "outreach.v1.ReplyClassification"),
        FieldShape(2, "suppressed", "bool"),
        FieldShape(3, "suppression", "outreach.v1.Suppression"),
      ]),
    "outreach.v1.SendRequest": MessageShape(
      fullName: "outreach.v1.SendRequest",
      fields: [
        FieldShape(1, "lead_id", "int64"),
        FieldShape(2, "subject", "string"),
        FieldShape(3, "body_text", "string"),
        FieldShape(4, "body_html", "string"),
        FieldShape(5, "sender_email", "string"),
      ]),
    "outreach.v1.SendResponse": MessageShape(
      fullName: "outreach.v1.SendResponse",
      fields: [
        FieldShape(1, "attempt", "outreach.v1.Attempt"),
        FieldShape(2, "daily_user_count", "int32"),
        FieldShape(3, "daily_user_limit", "int32"),
        FieldShape(4, "daily_domain_count", "int32"),
        FieldShape(5, "daily_domain_limit", "int32"),
      ]),
    "outreach.v1.Suppression": MessageShape(
      fullName: "outreach.v1.Suppression",
      fields: [
        FieldShape(1, "email", "string"),
        FieldShape(2, "reason", "string"),
        FieldShape(3, "source", "outreach.v1.SuppressionSource"),
        FieldShape(4, "created_at", "string"),
        FieldShape(5, "created_by_user_id", "int64"),
      ]),
    "outreach.v1.ValidateRequest": MessageShape(
      fullName: "outreach.v1.ValidateRequest",
      fields: [
        FieldShape(1, "recipient_email", "string"),
        FieldShape(2, "sender_email", "string"),
        FieldShape(3, "subject", "string"),
      ]),
    "outreach.v1.ValidateResponse": MessageShape(
      fullName: "outreach.v1.ValidateResponse",
      fields: [
        FieldShape(1, "allowed", "bool"),
        FieldShape(2, "reason", "string"),
        FieldShape(3, "legal_basis", "string"),
        FieldShape(4, "daily_user_count", "int32"),
        FieldShape(5, "daily_user_limit", "int32"),
        FieldShape(6, "daily_domain_count", "int32"),
        FieldShape(7, "daily_domain_limit", "int32"),
        FieldShape(8, "region", "string"),
      ]),
  ]

  /// The values of every enum by full name.
  public static let enumShapes: [String: EnumShape] = [
    "grpc.health.v1.HealthCheckResponse.ServingStatus": EnumShape(
      fullName: "grpc.health.v1.HealthCheckResponse.ServingStatus",
      values: [
        ("UNKNOWN", 0),
        ("SERVING", 1),
        ("NOT_SERVING", 2),
        ("SERVICE_UNKNOWN", 3),
      ]),
    "outreach.v1.AttemptStatus": EnumShape(
      fullName: "outreach.v1.AttemptStatus",
      values: [
        ("ATTEMPT_STATUS_UNSPECIFIED", 0),
        ("ATTEMPT_STATUS_PENDING", 1),
        ("ATTEMPT_STATUS_SENT", 2),
        ("ATTEMPT_STATUS_FAILED", 3),
        ("ATTEMPT_STATUS_UNKNOWN", 4),
      ]),
    "outreach.v1.AuditOrder": EnumShape(
      fullName: "outreach.v1.AuditOrder",
      values: [
        ("AUDIT_ORDER_NEWEST_FIRST", 0),
        ("AUDIT_ORDER_OLDEST_FIRST", 1),
      ]),
    "outreach.v1.BounceKind": EnumShape(
      fullName: "outreach.v1.BounceKind",
      values: [
        ("BOUNCE_KIND_UNSPECIFIED", 0),
        ("BOUNCE_KIND_HARD", 1),
        ("BOUNCE_KIND_SOFT", 2),
      ]),
    "outreach.v1.LeadStatus": EnumShape(
      fullName: "outreach.v1.LeadStatus",
      values: [
        ("LEAD_STATUS_UNSPECIFIED", 0),
        ("LEAD_STATUS_NEW", 1),
        ("LEAD_STATUS_CONTACTED", 2),
        ("LEAD_STATUS_BOUNCED", 3),
        ("LEAD_STATUS_UNSUBSCRIBED", 4),
        ("LEAD_STATUS_NOT_INTERESTED", 5),
      ]),
    "outreach.v1.ReplyClassification": EnumShape(
      fullName: "outreach.v1.ReplyClassification",
      values: [
        ("REPLY_CLASSIFICATION_UNSPECIFIED", 0),
        ("REPLY_CLASSIFICATION_ORDINARY", 1),
        ("REPLY_CLASSIFICATION_OUT_OF_OFFICE", 2),
        ("REPLY_CLASSIFICATION_REMOVAL_REQUEST", 3),
        ("REPLY_CLASSIFICATION_NOT_INTERESTED", 4),
      ]),
    "outreach.v1.SuppressionSource": EnumShape(
      fullName: "outreach.v1.SuppressionSource",
      values: [
        ("SUPPRESSION_SOURCE_UNSPECIFIED", 0),
        ("SUPPRESSION_SOURCE_MANUAL", 1),
        ("SUPPRESSION_SOURCE_HARD_BOUNCE", 2),
        ("SUPPRESSION_SOURCE_UNSUBSCRIBE", 3),
        ("SUPPRESSION_SOURCE_NOT_INTERESTED", 4),
      ]),
  ]

  /// Every service with its methods.
  public static let services: [ServiceShape] = [
    ServiceShape(
      fullName: "grpc.health.v1.Health",
      methods: [
        MethodShape(
          HealthMethods.check,
          input: "grpc.health.v1.HealthCheckRequest",
          output: "grpc.health.v1.HealthCheckResponse"),
        MethodShape(
          HealthMethods.watch,
          input: "grpc.health.v1.HealthCheckRequest",
          output: "grpc.health.v1.HealthCheckResponse"),
      ]),
    ServiceShape(
      fullName: "outreach.v1.Audit",
      methods: [
        MethodShape(
          AuditMethods.list,
          input: "outreach.v1.ListAuditRequest",
          output: "outreach.v1.AuditEntry")
      ]),
    ServiceShape(
      fullName: "outreach.v1.Events",
      methods: [
        MethodShape(
          EventsMethods.reportBounce,
          input: "outreach.v1.ReportBounceRequest",
          output: "outreach.v1.ReportBounceResponse"),
        MethodShape(
          EventsMethods.reportReply,
          input: "outreach.v1.ReportReplyRequest",
          output: "outreach.v1.ReportReplyResponse"),
      ]),
    ServiceShape(
      fullName: "outreach.v1.Leads",
      methods: [
        MethodShape(
          LeadsMethods.create,
          input: "outreach.v1.CreateLeadRequest",
          output: "outreach.v1.Lead"),
        MethodShape(
          LeadsMethods.get,
          input: "outreach.v1.GetLeadRequest",
          output: "outreach.v1.Lead"),
        MethodShape(
          LeadsMethods.list,
          input: "outreach.v1.ListLeadsRequest",
          output: "outreach.v1.ListLeadsResponse"),
        MethodShape(
          LeadsMethods.`import`,
          input: "outreach.v1.ImportLeadsRequest",
          output: "outreach.v1.ImportLeadsResponse"),
      ]),
    ServiceShape(
      fullName: "outreach.v1.Outreach",
      methods: [
        MethodShape(
          OutreachMethods.send,
          input: "outreach.v1.SendRequest",
          output: "outreach.v1.SendResponse")
      ]),
    ServiceShape(
      fullName: "outreach.v1.Policy",
      methods: [
        MethodShape(
          PolicyMethods.validate,
          input: "outreach.v1.ValidateRequest",
          output: "outreach.v1.ValidateResponse")
      ]),
    ServiceShape(
      fullName: "outreach.v1.Suppressions",
      methods: [
        MethodShape(
          SuppressionsMethods.add,
          input: "outreach.v1.AddSuppressionRequest",
          output: "outreach.v1.Suppression"),
        MethodShape(
          SuppressionsMethods.list,
          input: "outreach.v1.ListSuppressionsRequest",
          output: "outreach.v1.ListSuppressionsResponse"),
        MethodShape(
          SuppressionsMethods.remove,
          input: "outreach.v1.RemoveSuppressionRequest",
          output: "outreach.v1.RemoveSuppressionResponse"),
        MethodShape(
          SuppressionsMethods.check,
          input: "outreach.v1.CheckSuppressionRequest",
          output: "outreach.v1.CheckSuppressionResponse"),
      ]),
  ]
}
