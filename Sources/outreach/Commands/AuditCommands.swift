import ClientTools
import OutreachAPI

/// `outreach audit list`.
enum AuditCommands {
  static let all = [list]

  static let list = Command(
    path: ["audit", "list"],
    synopsis: "[--user ID] [--to EMAIL] [--result approved|blocked] [--since TIME] "
      + "[--until TIME] [--oldest-first] [--limit N] [--follow]",
    summary: "Show policy decisions from the audit log, newest first.",
    options: [
      .value("user", "ID", "only this user's entries (admins)"),
      .value("to", "EMAIL", "only entries for this recipient"),
      .value("result", "RESULT", "only approved or only blocked entries"),
      .value(
        "since", "TIME", "only entries at or after TIME (RFC 3339, such as 2026-12-04T00:00:00Z)"),
      .value("until", "TIME", "only entries before TIME"),
      .flag("oldest-first", "oldest entries first"),
      .value("limit", "N", "at most N entries"),
      .flag("follow", "keep printing new entries as they are written (implies --oldest-first)"),
    ],
    details: """
      example:
        outreach audit list --result blocked --limit 20
        outreach audit list --follow --json
      """
  ) { invocation throws(CLIError) in
    _ = try invocation.positionals()
    var request = ListAuditRequest()
    request.userId = try invocation.integer("user") ?? 0
    request.recipientEmail = invocation.arguments["to"] ?? ""
    if let result = invocation.arguments["result"] {
      guard ["approved", "blocked"].contains(result.lowercased()) else {
        throw CLIError.usage("--result must be approved or blocked, not \"\(result)\"")
      }
      request.policyResult = result.lowercased()
    }
    request.since = invocation.arguments["since"] ?? ""
    request.until = invocation.arguments["until"] ?? ""
    request.follow = invocation.arguments.has("follow")
    request.order =
      invocation.arguments.has("oldest-first") || request.follow ? .oldestFirst : .newestFirst
    request.limit = Int32(clamping: try invocation.integer("limit") ?? 0)

    let connection = try invocation.connect()
    let json = invocation.wantsJSON
    let count = try await connection.perform {
      try await AuditClient(client: connection.client).list(
        request,
        options: connection.callOptions(defaultTimeout: request.follow ? nil : .seconds(60))
      ) { entries in
        var count = 0
        if !json { Terminal.print(AuditRow.header) }
        for try await entry in entries {
          Terminal.print(json ? JSONOutput.line(entry) : AuditRow.line(entry))
          count += 1
        }
        return count
      }
    }
    if !json && count == 0 {
      Terminal.printError("no matching audit entries")
    }
    return .success
  }
}

/// Audit entries as fixed-width rows, printed as they arrive.
enum AuditRow {
  private static let widths = [25, 6, 9, 9, 32, 20]

  static let header = format(["TIME", "USER", "ACTION", "RESULT", "RECIPIENT", "BASIS", "REASON"])

  static func line(_ entry: AuditEntry) -> String {
    format([
      entry.timestamp, String(entry.userId), entry.action, entry.policyResult, entry.leadEmail,
      entry.legalBasis, entry.reason,
    ])
  }

  private static func format(_ cells: [String]) -> String {
    cells.enumerated().map { column, cell in
      guard column < widths.count else { return cell }
      let text = cell.count >= widths[column] ? String(cell.prefix(widths[column] - 1)) : cell
      return text + String(repeating: " ", count: widths[column] - text.count)
    }.joined(separator: " ")
  }
}
