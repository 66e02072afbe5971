// Temporary stand-in until the real parser lands.
public struct ParserLimits: Sendable { public var maxBodyBytes = 65536; public var maxHeaderBytes = 16384; public init() {} }
public enum ParsePhase: Sendable { case idle, head, body }
enum ParseEvent { case continueExpected, request(Request) }
public enum ParseError: Error, ResponseError { case badRequest(String)
  public var status: Status { .badRequest }
  public var code: String { "bad_request" }
  public var detail: String { "x" }
}
struct RequestParser {
  init(limits: ParserLimits) {}
  var phase: ParsePhase { .idle }
  var bufferedByteCount: Int { 0 }
  mutating func append(_ bytes: UnsafeRawBufferPointer) {}
  mutating func next() throws(ParseError) -> ParseEvent? { nil }
}
