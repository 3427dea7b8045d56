import RPC

extension EchoRequest {
  /// A request with the fields the client tests set.
  init(
    text: String, count: Int32 = 0, sleepMilliseconds: Int32 = 0, failCode: Int32 = 0,
    payload: [UInt8] = [], responseSize: Int32 = 0
  ) {
    self.init()
    self.text = text
    self.count = count
    self.sleepMs = sleepMilliseconds
    self.failCode = failCode
    self.payload = payload
    self.responseSize = responseSize
  }
}

/// The methods of `clienttest.Echo` (`Fixtures/client_echo.proto`).
enum EchoMethods {
  static let unary = MethodDescriptor(service: "clienttest.Echo", method: "Unary", kind: .unary)
  static let serverStream = MethodDescriptor(
    service: "clienttest.Echo", method: "ServerStream", kind: .serverStreaming)
  static let clientStream = MethodDescriptor(
    service: "clienttest.Echo", method: "ClientStream", kind: .clientStreaming)
  static let bidi = MethodDescriptor(
    service: "clienttest.Echo", method: "Bidi", kind: .bidirectionalStreaming)
}
