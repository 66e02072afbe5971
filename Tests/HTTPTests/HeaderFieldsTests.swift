import Foundation
import Testing

@testable import HTTP

/// Names are looked up ignoring case, whichever way the name is spelt: lower-case (returned as it
/// is), mixed or upper case, and set in lower case; a non-ASCII name matches nothing.
@Test(arguments: ["x-user-id", "X-User-ID", "X-USER-ID", "x-uSer-id"])
func headerFields_FindNames_IgnoringCase(name: String) {
    var headers = HeaderFields()
    headers.addLowercased("connection", "Keep-Alive, Close")
    headers.addLowercased("x-user-id", "alice")
    headers.addLowercased("x-user-id", "bob")
    #expect(headers[name] == "alice")
    #expect(headers.values(name) == ["alice", "bob"])
    #expect(headers.contains(token: "close", in: name.replacingOccurrences(of: "x-user-id", with: "connection", options: .caseInsensitive)))
    headers[name] = "carol"
    #expect(headers.values("x-user-id") == ["carol"])
    #expect(headers.map(\.name) == ["connection", "x-user-id"])
    #expect(headers["x-üser-id"] == nil && headers.values("X-ÜSER-ID").isEmpty)
}
