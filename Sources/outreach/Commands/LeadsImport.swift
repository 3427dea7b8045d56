import ClientTools
import Foundation
import OutreachAPI
import RPC
import Synchronization

/// `outreach leads import FILE.csv`: streams a CSV file's rows to
/// `Leads.Import` and reports what became of each.
enum LeadsImport {
  static let command = Command(
    path: ["leads", "import"],
    synopsis: "FILE.csv",
    summary: "Import leads from a CSV file with a header row naming an email column.",
    details: """
      The header names the columns in any order; `email` is required, `name`
      is used when present, others are ignored. Quoted fields may hold commas,
      quotes ("") and line breaks. UTF-8 with or without a byte-order mark;
      CRLF or LF line ends. Rows that do not fit the header are reported with
      their line and not sent. A progress bar shows on a terminal.

      example:
        outreach leads import prospects.csv
        outreach leads import prospects.csv --json | jq .rejected
      """
  ) { invocation throws(CLIError) in
    let path = try invocation.positionals("FILE.csv")[0]
    let plan = try ImportPlan(file: path, bytes: try readInputFile(path))
    let connection = try invocation.connect()
    let progress = ImportProgress(total: plan.requests.count)
    let requests = plan.requests
    let response = try await connection.perform {
      try await LeadsClient(client: connection.client).import(
        options: connection.callOptions(defaultTimeout: nil)
      ) { writer in
        for request in requests {
          try await writer.write(request)
          progress.advance()
        }
      }
    }
    progress.finish()

    let report = plan.merged(with: response)
    if invocation.wantsJSON {
      Terminal.print(JSONOutput.line(report))
      return .success
    }
    Terminal.print(
      "\(path): \(report.added) added, \(report.merged) merged, \(report.rejected) rejected")
    for error in report.errors {
      let email = error.email.isEmpty ? "" : " \(error.email):"
      Terminal.print("  line \(error.line):\(email) \(error.reason)")
    }
    let unlisted = report.rejected - Int64(report.errors.count)
    if unlisted > 0 {
      Terminal.print("  and \(unlisted) more rejected row(s) the server did not list")
    }
    return .success
  }
}

/// The rows of a CSV file as import requests, and the rows the file itself
/// rules out.
struct ImportPlan {
  /// One request per row that fits the header, in file order.
  private(set) var requests: [ImportLeadsRequest] = []
  /// The rows that were not sent, with their line and reason.
  private(set) var localErrors: [ImportLeadsResponse.RowError] = []

  /// Reads the header and rows.
  /// - Throws: ``CLIError`` for a file that is not UTF-8 text or has no
  ///   usable header.
  init(file: String, bytes: [UInt8]) throws(CLIError) {
    let document: CSVDocument
    do {
      document = try CSVDocument(bytes: bytes)
    } catch {
      throw CLIError.badInput("\(file) \(error.message)")
    }
    guard let first = document.rows.first else {
      throw CLIError.badInput("\(file) is empty: expected a header row such as email,name")
    }
    guard case .record(_, let header) = first else {
      throw CLIError.badInput("\(file): the header row cannot be read")
    }
    let names = header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
    guard let emailColumn = names.firstIndex(of: "email") else {
      throw CLIError.badInput(
        "\(file): the header row has no email column (it has: \(names.joined(separator: ", ")))")
    }
    let nameColumn = names.firstIndex(of: "name")

    for row in document.rows.dropFirst() {
      switch row {
      case .malformed(let line, let reason):
        reject(line: line, email: "", reason: reason)
      case .record(let line, let fields) where fields.count != header.count:
        let email = emailColumn < fields.count ? fields[emailColumn] : ""
        reject(
          line: line, email: email,
          reason: "the row has \(fields.count) field(s) but the header has \(header.count)")
      case .record(let line, let fields):
        var request = ImportLeadsRequest()
        request.email = fields[emailColumn].trimmingCharacters(in: .whitespaces)
        request.name = nameColumn.map { fields[$0].trimmingCharacters(in: .whitespaces) } ?? ""
        request.line = Int64(line)
        requests.append(request)
      }
    }
  }

  private mutating func reject(line: Int, email: String, reason: String) {
    var error = ImportLeadsResponse.RowError()
    error.line = Int64(line)
    error.email = String(email.prefix(320))
    error.reason = reason
    localErrors.append(error)
  }

  /// The server's counts with the rows ruled out here added, every
  /// rejection in line order.
  func merged(with response: ImportLeadsResponse) -> ImportLeadsResponse {
    var report = response
    report.rejected += Int64(localErrors.count)
    report.errors = (response.errors + localErrors).sorted { $0.line < $1.line }
    return report
  }
}

/// A progress bar on standard error, drawn only when it is a terminal.
final class ImportProgress: Sendable {
  private let total: Int
  private let isShown = Terminal.errorIsTerminal
  /// Rows sent, and when the bar was last drawn.
  private let state = Mutex<(sent: Int, drawnAt: ContinuousClock.Instant?)>((0, nil))

  init(total: Int) {
    self.total = total
  }

  /// Counts one row sent, redrawing at most ten times a second.
  func advance() {
    guard isShown else { return }
    let now = ContinuousClock.now
    let line: String? = state.withLock { state in
      state.sent += 1
      if let drawnAt = state.drawnAt, now - drawnAt < .milliseconds(100),
        state.sent < total
      {
        return nil
      }
      state.drawnAt = now
      return Self.bar(sent: state.sent, total: total)
    }
    if let line { Terminal.writeError("\r" + line) }
  }

  /// Clears the bar.
  func finish() {
    guard isShown, state.withLock({ $0.drawnAt != nil }) else { return }
    Terminal.writeError("\r\u{1B}[2K")
  }

  private static func bar(sent: Int, total: Int) -> String {
    let width = 30
    let filled = total == 0 ? width : sent * width / total
    return "importing [" + String(repeating: "#", count: filled)
      + String(repeating: "-", count: width - filled) + "] \(sent)/\(total) rows"
  }
}
