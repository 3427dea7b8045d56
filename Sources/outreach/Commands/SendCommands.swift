import ClientTools
import OutreachAPI
import RPC
import Wire

/// `outreach send`, `outreach validate`, `outreach health`.
enum SendCommands {
  static let all = [send, validate, health]

  static let send = Command(
    path: ["send"],
    synopsis: "--lead ID --subject TEXT --body-file FILE [--html-file FILE] [--from ADDRESS]",
    summary: "Send one email to a lead through the whole pipeline (policy, SMTP, counting).",
    options: [
      .value("lead", "ID", "the lead to write to"),
      .value("subject", "TEXT", "the subject line"),
      .value("body-file", "FILE", "the plain-text body (- for standard input)"),
      .value("html-file", "FILE", "an HTML alternative of the body"),
      .value("from", "ADDRESS", "the sender (default: the server's SMTP_FROM_EMAIL)"),
    ],
    details: """
      example:
        outreach send --lead 42 --subject "Guest post idea" --body-file pitch.txt

      A policy block exits with status 4 and prints the decision.
      """
  ) { invocation throws(CLIError) in
    _ = try invocation.positionals()
    guard let leadID = try invocation.integer("lead") else {
      throw CLIError.usage("--lead is required")
    }
    var request = SendRequest()
    request.leadId = leadID
    request.subject = try invocation.required("subject")
    request.bodyText = try readTextFile(try invocation.required("body-file"))
    if let html = invocation.arguments["html-file"] {
      request.bodyHtml = try readTextFile(html)
    }
    request.senderEmail = invocation.arguments["from"] ?? ""

    try await invocation.unary {
      try await OutreachClient(client: $0).send(request, options: $1)
    } show: { response in
      let attempt = response.attempt ?? Attempt()
      printFields([
        "attempt": String(attempt.id),
        "status": EnumText.short(attempt.status, prefix: "ATTEMPT_STATUS_"),
        "to": attempt.recipientEmail,
        "from": attempt.senderEmail,
        "subject": attempt.subject,
        "message id": attempt.messageId,
        "legal basis": attempt.legalBasis,
        "region": attempt.region,
        "sent at": attempt.sentAt,
        "user today": "\(response.dailyUserCount)/\(response.dailyUserLimit)",
        "domain today": "\(response.dailyDomainCount)/\(response.dailyDomainLimit)",
      ])
    }
    return .success
  }

  static let validate = Command(
    path: ["validate"],
    synopsis: "--to ADDRESS --subject TEXT [--from ADDRESS]",
    summary: "Run the policy checks for a prospective send without sending (audited).",
    options: [
      .value("to", "ADDRESS", "the intended recipient"),
      .value("subject", "TEXT", "the subject line"),
      .value("from", "ADDRESS", "the sender (default: the server's SMTP_FROM_EMAIL)"),
    ],
    details: """
      example:
        outreach validate --to editor@example.de --subject "Guest post idea"

      A blocked decision is an answer, not an error: it prints and exits 0.
      """
  ) { invocation throws(CLIError) in
    _ = try invocation.positionals()
    var request = ValidateRequest()
    request.recipientEmail = try invocation.required("to")
    request.subject = try invocation.required("subject")
    request.senderEmail = invocation.arguments["from"] ?? ""

    try await invocation.unary {
      try await PolicyClient(client: $0).validate(request, options: $1)
    } show: { response in
      for line in DecisionText.lines(response) { Terminal.print(line) }
    }
    return .success
  }

  static let health = Command(
    path: ["health"],
    synopsis: "[--service NAME]",
    summary: "Ask the server whether it is serving (grpc.health.v1.Health/Check).",
    options: [.value("service", "NAME", "a service name; empty means the whole server")],
    details: """
      example:
        outreach health && echo up

      Exits 0 when SERVING and 6 otherwise. No token is needed.
      """
  ) { invocation throws(CLIError) in
    _ = try invocation.positionals()
    var request = HealthCheckRequest()
    request.service = invocation.arguments["service"] ?? ""
    let response = try await invocation.unary(timeout: .seconds(10)) {
      try await HealthClient(client: $0).check(request, options: $1)
    } show: { response in
      Terminal.print(response.status.protoName ?? "UNKNOWN")
    }
    return response.status == .serving ? .success : .unavailable
  }
}

/// Enum values for people: `new` for `LEAD_STATUS_NEW`.
enum EnumText {
  /// The value's name without `prefix`, in lowercase; the number when the
  /// schema does not name it.
  static func short(_ value: some WireEnum, prefix: String) -> String {
    guard let name = value.protoName else { return String(value.rawValue) }
    return (name.hasPrefix(prefix) ? String(name.dropFirst(prefix.count)) : name).lowercased()
  }

  /// The value named by its short form (`hard` for `BOUNCE_KIND_HARD`) or
  /// its full name, in any case.
  static func value<Value: WireEnum>(_ text: String, prefix: String) -> Value? {
    let upper = String(text.uppercased().map { $0 == "-" ? "_" : $0 })
    return Value(protoName: upper.hasPrefix(prefix) ? upper : prefix + upper)
  }

  /// The short names of every value but the zero one, for help text.
  static func choices(_ enumName: String, prefix: String) -> String {
    let values = SchemaRegistry.enumShapes[enumName]?.values ?? []
    return values.filter { $0.number != 0 }.map {
      ($0.name.hasPrefix(prefix) ? String($0.name.dropFirst(prefix.count)) : $0.name).lowercased()
    }.joined(separator: "|")
  }
}
