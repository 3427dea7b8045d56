import OutreachAPI
import Policy
import RPC
import Store

/// `outreach.v1.Leads`: the people sends are addressed to, scoped to their
/// owner (admins see every lead).
struct LeadsEndpoint: LeadsService {
  /// Rows an import writes per store commit.
  static let importBatchSize = 500
  /// Rejected rows an import describes one by one; past this only
  /// `rejected` counts them, so the response stays far below the 4 MiB a
  /// stock gRPC client accepts however many rows are bad.
  static let maxReportedErrors = 1_000

  let store: Store

  func create(_ request: CreateLeadRequest, context: ServerContext) async throws -> Lead {
    let user = try Caller.user()
    let lead = try Self.newLead(email: request.email, name: request.name)
    let (record, _) = try await store.createLead(lead, ownerID: user.id)
    return Lead(record)
  }

  func get(_ request: GetLeadRequest, context: ServerContext) async throws -> Lead {
    guard let record = try await store.lead(id: request.id, visibleTo: try Caller.viewer()) else {
      throw RPCError(.notFound, "lead \(request.id) not found")
    }
    return Lead(record)
  }

  func list(_ request: ListLeadsRequest, context: ServerContext) async throws
    -> ListLeadsResponse
  {
    let page = try await store.leads(
      visibleTo: try Caller.viewer(),
      status: try RequestFields.known(request.status, field: "status").storedStatus,
      pageToken: request.pageToken, pageSize: Int(request.pageSize))
    var response = ListLeadsResponse()
    response.leads = page.items.map(Lead.init)
    response.nextPageToken = page.nextPageToken ?? ""
    return response
  }

  func `import`(_ requests: MessageStream<ImportLeadsRequest>, context: ServerContext)
    async throws -> ImportLeadsResponse
  {
    let user = try Caller.user()
    var response = ImportLeadsResponse()
    var batch: [NewLead] = []
    batch.reserveCapacity(Self.importBatchSize)

    func flush() async throws {
      guard !batch.isEmpty else { return }
      let results = try await store.importLeads(batch, ownerID: user.id)
      for (_, isNew) in results {
        if isNew { response.added += 1 } else { response.merged += 1 }
      }
      batch.removeAll(keepingCapacity: true)
    }

    var index: Int64 = 0
    for try await row in requests {
      index += 1
      do {
        batch.append(try Self.newLead(email: row.email, name: row.name))
      } catch {
        response.rejected += 1
        if response.errors.count < Self.maxReportedErrors {
          var rowError = ImportLeadsResponse.RowError()
          rowError.index = index
          rowError.line = row.line == 0 ? index : row.line
          rowError.email = String(row.email.prefix(320))
          rowError.reason = error.message
          response.errors.append(rowError)
        }
      }
      if batch.count >= Self.importBatchSize { try await flush() }
    }
    try await flush()
    return response
  }

  /// A lead from request fields: a valid address and a one-line name.
  static func newLead(email: String, name: String) throws(RPCError) -> NewLead {
    let address = try RequestFields.address(email, field: "email")
    let name = try RequestFields.singleLine(name, field: "name")
    return NewLead(email: address, name: name)
  }
}
