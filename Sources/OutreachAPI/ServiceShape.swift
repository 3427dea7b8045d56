import RPC

/// A service as the schema declares it, for tools that list and call
/// methods chosen at run time.
public struct ServiceShape: Sendable {
  /// The full name, such as `outreach.v1.Policy`.
  public let fullName: String
  /// The methods in declaration order.
  public let methods: [MethodShape]

  /// Creates a shape.
  public init(fullName: String, methods: [MethodShape]) {
    self.fullName = fullName
    self.methods = methods
  }
}

/// One method of a ``ServiceShape``.
public struct MethodShape: Sendable {
  /// The descriptor calls route by.
  public let descriptor: MethodDescriptor
  /// The full name of the request message.
  public let input: String
  /// The full name of the response message.
  public let output: String

  /// Creates a shape.
  public init(_ descriptor: MethodDescriptor, input: String, output: String) {
    self.descriptor = descriptor
    self.input = input
    self.output = output
  }
}
