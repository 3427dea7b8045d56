/// `grpc.health.v1.Health`: `Check` answered on the event loop, `Watch`
/// streaming every change of a service's status.
struct HealthService: RPCService {
  static let check = MethodDescriptor(
    service: "grpc.health.v1.Health", method: "Check", kind: .unary)
  static let watch = MethodDescriptor(
    service: "grpc.health.v1.Health", method: "Watch", kind: .serverStreaming)

  let provider: HealthStatusProvider

  var methodHandlers: [MethodHandler] {
    [
      .inline(Self.check) { [provider] (request: HealthCheckRequest, _) in
        guard let status = provider.status(forService: request.service) else {
          throw RPCError(.notFound, "unknown service \(request.service)")
        }
        return HealthCheckResponse(status: status)
      },
      .serverStreaming(Self.watch) {
        [provider] (request: HealthCheckRequest, writer: MessageWriter<HealthCheckResponse>, _) in
        var last: ServingStatus?
        for await status in provider.updates(forService: request.service) where status != last {
          last = status
          try await writer.write(HealthCheckResponse(status: status))
        }
        // The updates end when the server drains (the call then ends OK) or
        // when this task is cancelled.
        if !provider.isDraining { throw CancellationError() }
      },
    ]
  }
}
