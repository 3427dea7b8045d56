/// The statuses `grpc.health.v1.Health` reports, as the schema numbers them.
public typealias ServingStatus = HealthCheckResponse.ServingStatus

/// Serves `grpc.health.v1.Health` from a ``HealthStatusProvider``: `Check`
/// answered on the event loop, `Watch` streaming every change of a
/// service's status.
struct HealthStatusService: HealthService {
  let provider: HealthStatusProvider

  /// `Check` runs inline rather than through the generated handler table:
  /// it never waits, and it is the call load balancers make most.
  var methodHandlers: [MethodHandler] {
    [
      .inline(HealthMethods.check) { [self] (request: HealthCheckRequest, _) in
        try currentStatus(request)
      },
      .serverStreaming(HealthMethods.watch) {
        [self] (request: HealthCheckRequest, writer: MessageWriter<HealthCheckResponse>, context) in
        try await watch(request, responses: writer, context: context)
      },
    ]
  }

  func check(
    _ request: HealthCheckRequest, context: ServerContext
  ) async throws -> HealthCheckResponse {
    try currentStatus(request)
  }

  func watch(
    _ request: HealthCheckRequest,
    responses: MessageWriter<HealthCheckResponse>,
    context: ServerContext
  ) async throws {
    var last: ServingStatus?
    for await status in provider.updates(forService: request.service) where status != last {
      last = status
      try await responses.write(Self.response(status))
    }
    // The updates end when the server drains (the call then ends OK) or
    // when this task is cancelled.
    if !provider.isDraining { throw CancellationError() }
  }

  /// The status of the service asked about; NOT_FOUND when it was never set.
  private func currentStatus(_ request: HealthCheckRequest) throws -> HealthCheckResponse {
    guard let status = provider.status(forService: request.service) else {
      throw RPCError(.notFound, "unknown service \(request.service)")
    }
    return Self.response(status)
  }

  private static func response(_ status: ServingStatus) -> HealthCheckResponse {
    var response = HealthCheckResponse()
    response.status = status
    return response
  }
}
