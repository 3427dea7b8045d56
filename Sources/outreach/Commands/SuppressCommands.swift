import ClientTools
import OutreachAPI

/// `outreach suppress add|list|remove|check`.
enum SuppressCommands {
  static let all = [add, list, remove, check]

  static let add = Command(
    path: ["suppress", "add"],
    synopsis: "EMAIL [--reason TEXT]",
    summary: "Suppress an address; adding it again keeps the first entry.",
    options: [.value("reason", "TEXT", "why, such as \"User requested unsubscribe\"")],
    details: """
      example:
        outreach suppress add someone@example.com --reason "asked by phone"
      """
  ) { invocation throws(CLIError) in
    let email = try invocation.positionals("EMAIL")[0]
    var request = AddSuppressionRequest()
    request.email = email
    request.reason = invocation.arguments["reason"] ?? ""
    try await invocation.unary {
      try await SuppressionsClient(client: $0).add(request, options: $1)
    } show: { entry in
      Terminal.print("suppressed \(entry.email) (\(describe(entry)))")
    }
    return .success
  }

  static let list = Command(
    path: ["suppress", "list"],
    synopsis: "[--limit N]",
    summary: "List the suppression list, oldest first, every page.",
    options: [.value("limit", "N", "stop after N entries")],
    details: """
      example:
        outreach suppress list --json | jq -r .email
      """
  ) { invocation throws(CLIError) in
    _ = try invocation.positionals()
    let limit = try invocation.integer("limit").map(Int.init) ?? Int.max
    var table = Table("EMAIL", "SOURCE", "ADDED", "BY", "REASON")
    try await invocation.forEachPage(limit: limit) { client, token, size, options in
      var request = ListSuppressionsRequest()
      request.pageToken = token
      request.pageSize = size
      let page = try await SuppressionsClient(client: client).list(request, options: options)
      return (page.suppressions, page.nextPageToken)
    } consume: { entries in
      for entry in entries {
        if invocation.wantsJSON {
          Terminal.print(JSONOutput.line(entry))
        } else {
          table.append(
            entry.email, EnumText.short(entry.source, prefix: "SUPPRESSION_SOURCE_"),
            entry.createdAt,
            entry.createdByUserId == 0 ? "system" : String(entry.createdByUserId), entry.reason)
        }
      }
    }
    if !invocation.wantsJSON {
      table.print()
    }
    return .success
  }

  static let remove = Command(
    path: ["suppress", "remove"],
    synopsis: "EMAIL",
    summary: "Lift a suppression (admins only).",
    details: """
      example:
        outreach suppress remove someone@example.com
      """
  ) { invocation throws(CLIError) in
    var request = RemoveSuppressionRequest()
    request.email = try invocation.positionals("EMAIL")[0]
    try await invocation.unary {
      try await SuppressionsClient(client: $0).remove(request, options: $1)
    } show: { response in
      Terminal.print(
        response.removed ? "removed \(request.email)" : "\(request.email) was not suppressed")
    }
    return .success
  }

  static let check = Command(
    path: ["suppress", "check"],
    synopsis: "EMAIL",
    summary: "Say whether an address is suppressed, and why.",
    details: """
      example:
        outreach suppress check Someone@Example.com
      """
  ) { invocation throws(CLIError) in
    var request = CheckSuppressionRequest()
    request.email = try invocation.positionals("EMAIL")[0]
    try await invocation.unary {
      try await SuppressionsClient(client: $0).check(request, options: $1)
    } show: { response in
      guard response.suppressed else {
        return Terminal.print("\(request.email) is not suppressed")
      }
      let entry = response.suppression ?? Suppression()
      Terminal.print("\(request.email) is suppressed as \(entry.email) (\(describe(entry)))")
    }
    return .success
  }

  /// `manual, 2026-12-04T15:04:05.123Z: reason`.
  private static func describe(_ entry: Suppression) -> String {
    let source = EnumText.short(entry.source, prefix: "SUPPRESSION_SOURCE_")
    return [source, entry.createdAt, entry.reason].filter { !$0.isEmpty }.joined(separator: ", ")
  }
}
