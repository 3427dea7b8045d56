import ClientTools
import OutreachAPI

/// `outreach leads create|get|list|import`.
enum LeadsCommands {
  static let all = [create, get, list, LeadsImport.command]

  static let create = Command(
    path: ["leads", "create"],
    synopsis: "EMAIL [--name NAME]",
    summary: "Create a lead, or show your existing lead with the same address.",
    options: [.value("name", "NAME", "the lead's name")],
    details: """
      example:
        outreach leads create editor@example.com --name "Ed Itor"
      """
  ) { invocation throws(CLIError) in
    var request = CreateLeadRequest()
    request.email = try invocation.positionals("EMAIL")[0]
    request.name = invocation.arguments["name"] ?? ""
    try await invocation.unary {
      try await LeadsClient(client: $0).create(request, options: $1)
    } show: {
      show([$0])
    }
    return .success
  }

  static let get = Command(
    path: ["leads", "get"],
    synopsis: "ID",
    summary: "Show one lead.",
    details: """
      example:
        outreach leads get 42
      """
  ) { invocation throws(CLIError) in
    let text = try invocation.positionals("ID")[0]
    guard let id = Int64(text) else { throw CLIError.usage("ID must be a number, not \"\(text)\"") }
    var request = GetLeadRequest()
    request.id = id
    try await invocation.unary {
      try await LeadsClient(client: $0).get(request, options: $1)
    } show: {
      show([$0])
    }
    return .success
  }

  static let list = Command(
    path: ["leads", "list"],
    synopsis: "[--status STATUS] [--limit N]",
    summary: "List your leads (an admin's: everyone's), oldest first, every page.",
    options: [
      .value(
        "status", "STATUS",
        "only leads with this status: "
          + EnumText.choices("outreach.v1.LeadStatus", prefix: "LEAD_STATUS_")),
      .value("limit", "N", "stop after N leads"),
    ],
    details: """
      example:
        outreach leads list --status contacted --limit 20
      """
  ) { invocation throws(CLIError) in
    _ = try invocation.positionals()
    var status = LeadStatus.unspecified
    if let text = invocation.arguments["status"] {
      guard let value: LeadStatus = EnumText.value(text, prefix: "LEAD_STATUS_") else {
        throw CLIError.usage("unknown --status \(text)")
      }
      status = value
    }
    let limit = try invocation.integer("limit").map(Int.init) ?? Int.max
    var leads: [Lead] = []
    try await invocation.forEachPage(limit: limit) { client, token, size, options in
      var request = ListLeadsRequest()
      request.status = status
      request.pageToken = token
      request.pageSize = size
      let page = try await LeadsClient(client: client).list(request, options: options)
      return (page.leads, page.nextPageToken)
    } consume: {
      leads += $0
    }
    if invocation.wantsJSON {
      for lead in leads { Terminal.print(JSONOutput.line(lead)) }
    } else {
      show(leads)
    }
    return .success
  }

  /// Prints leads as a table.
  static func show(_ leads: [Lead]) {
    var table = Table("ID", "EMAIL", "NAME", "STATUS", "OWNER", "CREATED")
    for lead in leads {
      table.append(
        String(lead.id), lead.email, lead.name, EnumText.short(lead.status, prefix: "LEAD_STATUS_"),
        String(lead.ownerUserId), lead.createdAt)
    }
    table.print()
  }
}
