import ClientTools
import OutreachAPI

/// `outreach events bounce|reply`.
enum EventsCommands {
  static let all = [bounce, reply]

  static let bounce = Command(
    path: ["events", "bounce"],
    synopsis: "EMAIL --kind hard|soft [--diagnostic TEXT]",
    summary: "Report a bounce; a hard bounce suppresses the address.",
    options: [
      .value("kind", "KIND", "hard or soft"),
      .value("diagnostic", "TEXT", "the bounce's diagnostic, such as \"550 5.1.1 user unknown\""),
    ],
    details: """
      example:
        outreach events bounce gone@example.com --kind hard --diagnostic "550 5.1.1"
      """
  ) { invocation throws(CLIError) in
    var request = ReportBounceRequest()
    request.email = try invocation.positionals("EMAIL")[0]
    let kindText = try invocation.required("kind")
    guard let kind: BounceKind = EnumText.value(kindText, prefix: "BOUNCE_KIND_"),
      kind != .unspecified
    else {
      throw CLIError.usage("--kind must be hard or soft, not \"\(kindText)\"")
    }
    request.kind = kind
    request.diagnostic = invocation.arguments["diagnostic"] ?? ""
    try await invocation.unary {
      try await EventsClient(client: $0).reportBounce(request, options: $1)
    } show: { response in
      Terminal.print(
        response.suppressed
          ? "\(request.email) is now suppressed" : "recorded; \(request.email) is not suppressed")
    }
    return .success
  }

  static let reply = Command(
    path: ["events", "reply"],
    synopsis: "EMAIL (--text TEXT | --text-file FILE)",
    summary: "Report a reply; removal requests and \"not interested\" suppress the address.",
    options: [
      .value("text", "TEXT", "the reply's text"),
      .value("text-file", "FILE", "read the reply's text from FILE (- for standard input)"),
    ],
    details: """
      example:
        outreach events reply someone@example.com --text "Please remove me from your list"
      """
  ) { invocation throws(CLIError) in
    var request = ReportReplyRequest()
    request.email = try invocation.positionals("EMAIL")[0]
    switch (invocation.arguments["text"], invocation.arguments["text-file"]) {
    case (let text?, nil): request.text = text
    case (nil, let file?): request.text = try readTextFile(file)
    default: throw CLIError.usage("give one of --text or --text-file")
    }
    try await invocation.unary {
      try await EventsClient(client: $0).reportReply(request, options: $1)
    } show: { response in
      let reading = EnumText.short(response.classification, prefix: "REPLY_CLASSIFICATION_")
      Terminal.print(
        "classified as \(reading.replacingOccurrences(of: "_", with: " "));"
          + (response.suppressed
            ? " \(request.email) is now suppressed" : " \(request.email) is not suppressed"))
    }
    return .success
  }
}
