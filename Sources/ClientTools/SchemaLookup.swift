import OutreachAPI

/// Finds services, methods, messages and enums of the schema by full name
/// or by an unambiguous short one (`Policy`, `Policy/Validate`, `Lead`).
public enum SchemaLookup {
  /// What a name refers to.
  public enum Item: Sendable {
    case service(ServiceShape)
    case method(ServiceShape, MethodShape)
    case message(String)
    case enumeration(String)
  }

  /// The item `name` refers to.
  /// - Throws: ``UsageError`` when nothing or more than one thing matches.
  public static func find(_ name: String) throws(UsageError) -> Item {
    let trimmed = name.hasPrefix("/") ? String(name.dropFirst()) : name
    if let slash = trimmed.firstIndex(of: "/") ?? methodDot(in: trimmed) {
      let serviceName = String(trimmed[..<slash])
      let methodName = String(trimmed[trimmed.index(after: slash)...])
      let service = try unique(
        services.filter { matches($0.fullName, serviceName) }, kind: "service", name: serviceName,
        \.fullName)
      let method = try unique(
        service.methods.filter { $0.descriptor.method.lowercased() == methodName.lowercased() },
        kind: "method", name: trimmed, \.descriptor.fullName)
      return .method(service, method)
    }

    var candidates: [(String, Item)] = []
    for service in services where matches(service.fullName, trimmed) {
      candidates.append((service.fullName, .service(service)))
    }
    for message in SchemaRegistry.messageShapes.keys where matches(message, trimmed) {
      candidates.append((message, .message(message)))
    }
    for enumeration in SchemaRegistry.enumShapes.keys where matches(enumeration, trimmed) {
      candidates.append((enumeration, .enumeration(enumeration)))
    }
    if let exact = candidates.first(where: { $0.0 == trimmed }) { return exact.1 }
    return try unique(candidates, kind: "service, message or enum", name: trimmed, \.0).1
  }

  /// Every service, by full name.
  public static var services: [ServiceShape] {
    SchemaRegistry.services.sorted { $0.fullName < $1.fullName }
  }

  /// `outreach.v1.Policy.Validate` written with a dot: the last dot when what
  /// precedes it is a service.
  private static func methodDot(in name: String) -> String.Index? {
    guard let dot = name.lastIndex(of: ".") else { return nil }
    let prefix = String(name[..<dot])
    return services.contains { $0.fullName == prefix } ? dot : nil
  }

  /// Whether `fullName` is `name` or ends with `.name`, ignoring case.
  private static func matches(_ fullName: String, _ name: String) -> Bool {
    let full = fullName.lowercased()
    let wanted = name.lowercased()
    return full == wanted || full.hasSuffix("." + wanted)
  }

  private static func unique<T>(
    _ found: [T], kind: String, name: String, _ fullName: (T) -> String
  ) throws(UsageError) -> T {
    guard found.count == 1 else {
      if found.isEmpty {
        throw UsageError("no \(kind) named \(name); `outreach describe` lists them")
      }
      let names = found.map(fullName).sorted().joined(separator: ", ")
      throw UsageError("\(name) is ambiguous: \(names)")
    }
    return found[0]
  }
}
