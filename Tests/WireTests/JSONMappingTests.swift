import OutreachAPI
import Testing
import Wire

@Suite("Proto3 JSON mapping")
struct JSONMappingTests {
  @Test("the spec's ValidateResponse example reads with original names and writes lowerCamelCase")
  func specExample() throws {
    let json = """
      {
        "allowed": true,
        "reason": "All checks passed",
        "legal_basis": "legitimate_interest",
        "daily_user_count": 23,
        "daily_user_limit": 100,
        "daily_domain_count": 5,
        "daily_domain_limit": 20,
        "region": "US"
      }
      """

    let response = try ValidateResponse(jsonString: json)

    #expect(response.legalBasis == "legitimate_interest")
    #expect(response.dailyDomainLimit == 20)
    #expect(
      response.jsonString()
        == #"{"allowed":true,"reason":"All checks passed","legalBasis":"legitimate_interest","#
        + #""dailyUserCount":23,"dailyUserLimit":100,"dailyDomainCount":5,"#
        + #""dailyDomainLimit":20,"region":"US"}"#)
  }

  @Test("every golden message survives a JSON round trip", arguments: GoldenCase.all)
  func roundTrip(_ golden: GoldenCase) throws {
    let json = golden.message.jsonString()

    let decoded = try type(of: golden.message).init(jsonString: json)
    let matches = isEqual(decoded, golden.message)

    #expect(matches, "\(json)")
  }

  @Test("64-bit integers are strings on output and accepted as numbers or strings on input")
  func sixtyFourBitIntegers() throws {
    let message = Scalars.with {
      $0.fInt64 = .min
      $0.fUint64 = .max
    }

    let json = message.jsonString()
    let fromNumbers = try Scalars(
      jsonString: #"{"fInt64": -9223372036854775808, "f_uint64": 18446744073709551615}"#)

    #expect(json == #"{"fInt64":"-9223372036854775808","fUint64":"18446744073709551615"}"#)
    #expect(fromNumbers == message)
  }

  @Test("enums are names on output; names and numbers are accepted")
  func enums() throws {
    let byName = try Scalars(jsonString: #"{"fEnum": "COLOR_BLUE"}"#)
    let byNumber = try Scalars(jsonString: #"{"fEnum": 2}"#)
    let unnamed = Scalars.with { $0.fEnum = .unrecognized(42) }

    #expect(byName.fEnum == .blue)
    #expect(byNumber.fEnum == .green)
    #expect(byName.jsonString() == #"{"fEnum":"COLOR_BLUE"}"#)
    #expect(unnamed.jsonString() == #"{"fEnum":42}"#)
  }

  @Test("bytes are base64; maps are objects; floats keep sign and special values")
  func bytesMapsAndFloats() throws {
    let message = Maps.with {
      $0.boolToBytes = [true: [0, 255]]
      $0.int64ToString = [-5: "five"]
      $0.fixed32ToDouble = [1: .infinity]
    }
    let scalars = Scalars.with {
      $0.fBytes = [0, 255, 97, 98]
      $0.fDouble = -0.0
      $0.fFloat = .nan
    }

    #expect(
      message.jsonString()
        == #"{"int64ToString":{"-5":"five"},"boolToBytes":{"true":"AP8="},"#
        + #""fixed32ToDouble":{"1":"Infinity"}}"#)
    #expect(scalars.jsonString() == #"{"fDouble":-0,"fFloat":"NaN","fBytes":"AP9hYg=="}"#)
    #expect(try Scalars(jsonString: #"{"fBytes": "AP9hYg"}"#).fBytes == [0, 255, 97, 98])
  }

  @Test("strings are escaped where JSON requires it and read back unchanged")
  func stringEscaping() throws {
    let message = Scalars.with { $0.fString = "a\"b\\c\n\u{01}\u{2028}é" }

    let json = message.jsonString()

    #expect(json == #"{"fString":"a\"b\\c\n\u0001\u2028é"}"#)
    #expect(try Scalars(jsonString: json) == message)
    #expect(try Scalars(jsonString: #"{"fString":"\ud83d\ude00\/"}"#).fString == "😀/")
  }

  @Test("oneof members and optional fields are written even at their defaults")
  func presence() {
    let choice = Choice.with { $0.value = .number(0) }
    let optionals = Optionals.with { $0.oInt32 = 0 }

    #expect(choice.jsonString() == #"{"number":0}"#)
    #expect(optionals.jsonString() == #"{"oInt32":0}"#)
    #expect(Optionals().jsonString() == "{}")
  }

  @Test(
    "bad JSON throws a WireError that says what and where",
    arguments: [
      (#"{"nope": 1}"#, WireError.Code.unknownJSONField),
      (#"{"fInt32": "x"}"#, .invalidJSONValue),
      (#"{"fInt32": 2147483648}"#, .invalidJSONValue),
      (#"{"fBool": 1}"#, .invalidJSONValue),
      (#"{"fEnum": "COLOR_PURPLE"}"#, .invalidJSONValue),
      (#"{"fBytes": "***"}"#, .invalidJSONValue),
      (#"{"fInt32": 1,}"#, .invalidJSON),
      (#"[1, 2]"#, .invalidJSONValue),
      (#"{"fString": "a"} x"#, .invalidJSON),
    ])
  func rejects(_ json: String, _ code: WireError.Code) {
    #expect {
      try Scalars(jsonString: json)
    } throws: { error in
      (error as? WireError)?.code == code
    }
  }

  @Test("a JSON syntax error reports its byte offset")
  func syntaxErrorOffset() {
    #expect {
      try Scalars(jsonString: #"{"fInt32": tru}"#)
    } throws: { error in
      (error as? WireError)?.offset == 14
    }
  }
}
