/// Resolves names and checks the rules of the supported proto3 subset,
/// turning parsed files into a ``SchemaModel``.
struct Checker {
  /// A declared type, found by its full protobuf name.
  private struct Declaration {
    enum Kind {
      case message
      case enumeration(defaultCase: String)
    }

    var kind: Kind
    var file: String
    var swiftName: String
    var location: SourceLocation
  }

  /// The protobuf range reserved for the implementation.
  static let implementationReserved = 19000...19999

  private let files: [FileSyntax]
  /// Whether services become Swift declarations, and so may collide.
  private let includesServices: Bool
  private var declarations: [String: Declaration] = [:]
  private var errors: [SchemaError] = []

  /// - Parameters:
  ///   - files: The parsed schema files.
  ///   - includesServices: Whether service declarations are generated, so
  ///     that their Swift names must not collide.
  init(files: [FileSyntax], includesServices: Bool = true) {
    self.files = files.sorted { $0.path < $1.path }
    self.includesServices = includesServices
  }

  /// Checks every file and builds the model.
  /// - Throws: ``SchemaErrors`` listing every problem found.
  mutating func check() throws(SchemaErrors) -> SchemaModel {
    var swiftNames: [String: SourceLocation] = [:]
    for file in files {
      registerImports(file)
      let prefix = file.package.isEmpty ? "" : file.package + "."
      for message in file.messages {
        register(message, prefix: prefix, swiftPrefix: "", file: file.path)
        claim(message.name, at: message.location, in: &swiftNames)
      }
      for enumeration in file.enums {
        register(enumeration, prefix: prefix, swiftPrefix: "", file: file.path)
        claim(enumeration.name, at: enumeration.location, in: &swiftNames)
      }
      for service in file.services where includesServices {
        for suffix in ["Service", "Client", "Methods"] {
          claim(service.name + suffix, at: service.location, in: &swiftNames)
        }
      }
    }

    var model = SchemaModel(files: [])
    for file in files {
      model.files.append(checkFile(file))
    }
    checkRecursion(model)
    guard errors.isEmpty else {
      throw SchemaErrors(
        errors.sorted {
          ($0.location.file, $0.location.line, $0.location.column)
            < ($1.location.file, $1.location.line, $1.location.column)
        })
    }
    return model
  }

  private mutating func fail(_ location: SourceLocation, _ message: String) {
    errors.append(SchemaError(location, message))
  }

  /// Records a top-level Swift name, failing when two schema names collide.
  private mutating func claim(
    _ name: String, at location: SourceLocation, in names: inout [String: SourceLocation]
  ) {
    if let earlier = names[name] {
      fail(location, "Swift name \(name) is already generated for \(earlier)")
    } else {
      names[name] = location
    }
  }

  private mutating func registerImports(_ file: FileSyntax) {
    let known = Set(files.map(\.path))
    for (path, location) in file.imports where !known.contains(path) {
      fail(location, "imported file \"\(path)\" is not in the schema directory")
    }
  }

  private mutating func register(
    _ message: MessageSyntax, prefix: String, swiftPrefix: String, file: String
  ) {
    let fullName = prefix + message.name
    let swiftName = swiftPrefix + message.name
    declare(
      fullName,
      Declaration(kind: .message, file: file, swiftName: swiftName, location: message.location))
    for nested in message.messages {
      register(nested, prefix: fullName + ".", swiftPrefix: swiftName + ".", file: file)
    }
    for nested in message.enums {
      register(nested, prefix: fullName + ".", swiftPrefix: swiftName + ".", file: file)
    }
  }

  private mutating func register(
    _ enumeration: EnumSyntax, prefix: String, swiftPrefix: String, file: String
  ) {
    let cases = enumCaseNames(enumeration)
    declare(
      prefix + enumeration.name,
      Declaration(
        kind: .enumeration(defaultCase: cases.first ?? "unrecognized(0)"), file: file,
        swiftName: swiftPrefix + enumeration.name, location: enumeration.location))
    // Enum values are siblings of their enum, as in C++.
    for value in enumeration.values {
      let valueName = prefix + value.name
      if let earlier = declarations[valueName] {
        fail(value.location, "\(value.name) is already defined at \(earlier.location)")
      }
    }
  }

  private mutating func declare(_ fullName: String, _ declaration: Declaration) {
    if let earlier = declarations[fullName] {
      fail(declaration.location, "\(fullName) is already defined at \(earlier.location)")
    } else {
      declarations[fullName] = declaration
    }
  }

  // MARK: Files

  private mutating func checkFile(_ file: FileSyntax) -> FileModel {
    let scope = file.package
    let prefix = scope.isEmpty ? "" : scope + "."
    var model = FileModel(
      path: file.path, package: file.package, messages: [], enums: [], services: [])
    model.messages = file.messages.map { checkMessage($0, scope: prefix + $0.name, in: file) }
    model.enums = file.enums.map { checkEnum($0, fullName: prefix + $0.name, swiftName: $0.name) }
    model.services = file.services.map { checkService($0, fullName: prefix + $0.name, in: file) }
    return model
  }

  /// Finds a type the way protoc does: from the innermost scope outwards,
  /// or exactly when the name starts with `.`.
  private func resolve(_ name: String, scope: String) -> (String, Declaration)? {
    if name.hasPrefix(".") {
      let fullName = String(name.dropFirst())
      return declarations[fullName].map { (fullName, $0) }
    }
    var scope = Substring(scope)
    while true {
      let candidate = scope.isEmpty ? name : "\(scope).\(name)"
      if let declaration = declarations[candidate] { return (candidate, declaration) }
      guard !scope.isEmpty else { return nil }
      scope = scope.lastIndex(of: ".").map { scope[..<$0] } ?? ""
    }
  }

  /// Resolves a type name and checks that its file is visible from `file`.
  private mutating func resolveVisible(
    _ name: String, scope: String, in file: FileSyntax, at location: SourceLocation
  ) -> (String, Declaration)? {
    guard let (fullName, declaration) = resolve(name, scope: scope) else {
      fail(location, "unknown type \(name)")
      return nil
    }
    let visible =
      declaration.file == file.path || file.imports.contains { $0.path == declaration.file }
    guard visible else {
      fail(location, "\(fullName) is defined in \"\(declaration.file)\", which is not imported")
      return nil
    }
    return (fullName, declaration)
  }

  // MARK: Messages

  private mutating func checkMessage(
    _ message: MessageSyntax, scope fullName: String, in file: FileSyntax
  ) -> MessageModel {
    let swiftName = declarations[fullName]?.swiftName ?? message.name
    var model = MessageModel(
      name: message.name, fullName: fullName, swiftName: swiftName, comments: message.comments,
      fields: [], oneofs: [], messages: [], enums: [])

    var numbers: [Int: SourceLocation] = [:]
    var names: [String: SourceLocation] = [:]
    var memberNames: Set<String> = ["unknownFields"]
    for nested in message.messages { memberNames.insert(nested.name) }
    for nested in message.enums { memberNames.insert(nested.name) }

    for field in message.fields {
      checkNumber(field, message: message, numbers: &numbers)
      if let earlier = names[field.name] {
        fail(field.location, "field \(field.name) is already defined at \(earlier)")
      }
      names[field.name] = field.location
      if message.reservedNames.contains(field.name) {
        fail(field.location, "field name \(field.name) is reserved")
      }
      let swiftField = Names.lowerCamelCase(field.name)
      if field.oneofIndex == nil {
        if swiftField == "unknownFields" {
          fail(field.location, "field name \(field.name) clashes with the generated unknownFields")
        }
        memberNames.insert(swiftField)
      }
      guard let type = checkType(field, scope: fullName, in: file) else { continue }
      model.fields.append(
        FieldModel(
          name: field.name, jsonName: swiftField, swiftName: Names.escaped(swiftField),
          number: field.number, label: field.label, type: type, oneofIndex: field.oneofIndex,
          comments: field.comments))
    }

    for oneof in message.oneofs {
      let property = Names.lowerCamelCase(oneof.name)
      let typeName = Names.upperCamelCase(oneof.name)
      if memberNames.contains(property) || memberNames.contains(typeName) {
        fail(oneof.location, "oneof \(oneof.name) clashes with another member of \(message.name)")
      }
      memberNames.insert(property)
      memberNames.insert(typeName)
      model.oneofs.append(
        OneofModel(
          name: oneof.name, swiftName: Names.escaped(property), swiftTypeName: typeName,
          comments: oneof.comments))
    }

    model.messages = message.messages.map {
      checkMessage($0, scope: fullName + "." + $0.name, in: file)
    }
    model.enums = message.enums.map {
      checkEnum($0, fullName: fullName + "." + $0.name, swiftName: swiftName + "." + $0.name)
    }
    return model
  }

  private mutating func checkNumber(
    _ field: FieldSyntax, message: MessageSyntax, numbers: inout [Int: SourceLocation]
  ) {
    let number = field.number
    guard number >= 1 && number <= Parser.maximumFieldNumber else {
      fail(
        field.numberLocation,
        "field number \(number) is out of range (1 to \(Parser.maximumFieldNumber))")
      return
    }
    if Checker.implementationReserved.contains(number) {
      fail(
        field.numberLocation,
        "field number \(number) is reserved for the protobuf implementation (19000 to 19999)")
    }
    if let earlier = numbers[number] {
      fail(field.numberLocation, "field number \(number) is already used at \(earlier)")
    }
    numbers[number] = field.numberLocation
    if message.reservedRanges.contains(where: { $0.range.contains(number) }) {
      fail(field.numberLocation, "field number \(number) is reserved")
    }
  }

  private mutating func checkType(
    _ field: FieldSyntax, scope: String, in file: FileSyntax
  ) -> FieldType? {
    let valueType: FieldType
    switch field.type {
    case .scalar(let scalar):
      valueType = .scalar(scalar)
    case .named(let name):
      guard
        let (fullName, declaration) = resolveVisible(
          name, scope: scope, in: file, at: field.typeLocation)
      else { return nil }
      switch declaration.kind {
      case .message:
        valueType = .message(fullName: fullName, swiftName: declaration.swiftName)
      case .enumeration(let defaultCase):
        valueType = .enumeration(
          fullName: fullName, swiftName: declaration.swiftName, defaultCase: defaultCase)
      }
    }
    guard let key = field.mapKey else { return valueType }
    switch key {
    case .double, .float, .bytes:
      fail(field.typeLocation, "map keys cannot be \(key.rawValue)")
      return nil
    default:
      return .map(key: key, value: valueType)
    }
  }

  // MARK: Enums

  /// Swift case names: the values without the enum's conventional prefix
  /// (`LEAD_STATUS_NEW` → `new`) when every value carries it.
  private func enumCaseNames(_ enumeration: EnumSyntax) -> [String] {
    let prefix = Names.enumValuePrefix(enumeration.name)
    let stripsPrefix = enumeration.values.allSatisfy { value in
      value.name.hasPrefix(prefix) && value.name.count > prefix.count
        && !(value.name.dropFirst(prefix.count).first?.isNumber ?? true)
    }
    return enumeration.values.map { value in
      let base = stripsPrefix ? String(value.name.dropFirst(prefix.count)) : value.name
      return Names.escaped(Names.enumCase(base))
    }
  }

  private mutating func checkEnum(
    _ enumeration: EnumSyntax, fullName: String, swiftName: String
  ) -> EnumModel {
    var model = EnumModel(
      name: enumeration.name, fullName: fullName, swiftName: swiftName,
      comments: enumeration.comments, values: [])
    guard let first = enumeration.values.first else {
      fail(enumeration.location, "enum \(enumeration.name) has no values")
      return model
    }
    if first.number != 0 {
      fail(first.location, "the first value of a proto3 enum must be 0")
    }
    var numbers: [Int32: SourceLocation] = [:]
    var cases: [String: SourceLocation] = [:]
    for (value, caseName) in zip(enumeration.values, enumCaseNames(enumeration)) {
      if let earlier = numbers[value.number] {
        fail(value.location, "enum value number \(value.number) is already used at \(earlier)")
      }
      numbers[value.number] = value.location
      if enumeration.reservedRanges.contains(where: { $0.range.contains(Int(value.number)) })
        || enumeration.reservedNames.contains(value.name)
      {
        fail(value.location, "enum value \(value.name) is reserved")
      }
      if caseName == "unrecognized" {
        fail(value.location, "enum value \(value.name) clashes with the generated unrecognized")
      }
      if let earlier = cases[caseName] {
        fail(value.location, "enum value \(value.name) gives Swift case \(caseName) as \(earlier)")
      }
      cases[caseName] = value.location
      model.values.append(
        EnumValueModel(
          name: value.name, number: value.number, swiftName: caseName, comments: value.comments))
    }
    return model
  }

  // MARK: Services

  private mutating func checkService(
    _ service: ServiceSyntax, fullName: String, in file: FileSyntax
  ) -> ServiceModel {
    var model = ServiceModel(
      name: service.name, fullName: fullName, comments: service.comments, methods: [])
    var names: [String: SourceLocation] = [:]
    for method in service.methods {
      if let earlier = names[method.name] {
        fail(method.location, "method \(method.name) is already defined at \(earlier)")
      }
      names[method.name] = method.location
      let input = messageType(method.inputType, at: method.inputLocation, in: file)
      let output = messageType(method.outputType, at: method.outputLocation, in: file)
      guard let input, let output else { continue }
      model.methods.append(
        MethodModel(
          name: method.name, swiftName: Names.escaped(Names.method(method.name)), input: input,
          output: output, isClientStreaming: method.isClientStreaming,
          isServerStreaming: method.isServerStreaming, comments: method.comments))
    }
    return model
  }

  private mutating func messageType(
    _ name: String, at location: SourceLocation, in file: FileSyntax
  ) -> (fullName: String, swiftName: String)? {
    let scope = file.package
    guard let (fullName, declaration) = resolveVisible(name, scope: scope, in: file, at: location)
    else { return nil }
    guard case .message = declaration.kind else {
      fail(location, "\(fullName) is an enum; methods take and return messages")
      return nil
    }
    return (fullName, declaration.swiftName)
  }

  // MARK: Recursion

  /// Swift structs cannot contain themselves: a message may reach itself
  /// only through `repeated` or `map` fields, which store elements out of line.
  private mutating func checkRecursion(_ model: SchemaModel) {
    var messages: [String: MessageModel] = [:]
    func collect(_ message: MessageModel) {
      messages[message.fullName] = message
      message.messages.forEach(collect)
    }
    model.files.flatMap(\.messages).forEach(collect)

    for (fullName, _) in messages.sorted(by: { $0.key < $1.key }) {
      var stack = [fullName]
      var seen: Set<String> = []
      while let current = stack.popLast() {
        for field in messages[current]?.fields ?? [] where field.label != .repeated {
          guard case .message(let target, _) = field.type else { continue }
          if target == fullName {
            let location = declarations[fullName]!.location
            fail(
              location,
              "\(fullName) contains itself through singular fields; "
                + "make one of them repeated")
            stack.removeAll()
            break
          }
          if seen.insert(target).inserted { stack.append(target) }
        }
      }
    }
  }
}
