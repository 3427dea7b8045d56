import Logging
import Mail
import OutreachAPI
import Policy
import RPC
import Store

/// The outreach services on one RPC server, over one store and one mail
/// sender: what `outreachd serve` runs, and what tests start in-process.
final class OutreachApplication: Sendable {
  let store: Store
  let server: RPCServer
  let deliveries = DeliveryTracker()
  private let logger: Logger

  /// Assembles the services; call ``start()`` or ``run()`` next.
  /// - Parameters:
  ///   - rpc: the transport's configuration (addresses, TLS, logger).
  ///   - defaultSender: the sender of requests that name none.
  init(
    store: Store, mail: any MailSender, defaultSender: EmailAddress?,
    rpc: RPCServer.Configuration, logger: Logger
  ) {
    self.store = store
    self.logger = logger
    server = RPCServer(configuration: rpc)
    let senders = SenderAddresses(defaultSender: defaultSender)
    let services: [any RPCService] = [
      PolicyEndpoint(store: store, senders: senders),
      LeadsEndpoint(store: store),
      SuppressionsEndpoint(store: store),
      EventsEndpoint(store: store),
      AuditEndpoint(store: store),
      SendPipeline(
        store: store, mail: mail, senders: senders, deliveries: deliveries,
        logger: logger),
    ]
    let guarded = CallGuard(store: store, logger: logger)
    for service in services {
      server.register(guarded.protect(service.methodHandlers))
    }
  }

  /// The bound port of each listen address, in order.
  var ports: [Int] { server.listeningPorts }

  /// Binds the listeners and starts serving.
  func start() throws {
    try server.start()
  }

  /// Serves until SIGTERM or SIGINT (or ``shutdown()``), then drains: calls
  /// in flight finish, deliveries settle.
  func run() async throws {
    try await server.run()
    await deliveries.waitUntilIdle()
  }

  /// Stops serving and waits for calls and deliveries in flight.
  func shutdown() async {
    await server.shutdown()
    await deliveries.waitUntilIdle()
  }

  /// Cuts the grace period of a shutdown under way short: calls still
  /// running are cancelled now. Deliveries already handed to the mail server
  /// are still settled before ``shutdown()`` returns.
  func endGracePeriod() {
    server.endGracePeriod()
  }
}
