// A server that serves only grpc.health.v1.Health on 127.0.0.1, for
// side-by-side benchmarks and the transport's process-level tests:
// `rpc-bench-server [--loops N] --port PORT`. Port 0 picks a free port; the
// bound one is printed as `listening port=N` on standard error.
import Glibc
import Logging
import RPC

var port = 50051
var loops: Int?
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
  switch argument {
  case "--port":
    port = arguments.popFirst().flatMap { Int($0) } ?? port
  case "--loops":
    loops = arguments.popFirst().flatMap { Int($0) }
  default:
    FileHandleError.exit("usage: rpc-bench-server [--loops N] --port PORT")
  }
}

var configuration = RPCServer.Configuration(listenAddresses: ["127.0.0.1:\(port)"])
if let loops { configuration.loopCount = loops }
configuration.logger = Logger(label: "rpc-bench-server", level: .notice)
let server = RPCServer(configuration: configuration)
try server.start()
StandardErrorSink.shared.write("rpc-bench-server listening port=\(server.listeningPorts[0])\n")
try await server.run()

/// Exits with a usage message on standard error.
enum FileHandleError {
  static func exit(_ message: String) -> Never {
    StandardErrorSink.shared.write(message + "\n")
    Glibc.exit(2)
  }
}
