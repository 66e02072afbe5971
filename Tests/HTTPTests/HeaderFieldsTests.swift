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

/// A field is found by its whole name, not by a name of the same length, and `only` tells none,
/// one and several apart; `index(of:after:)` walks every field of a name in order.
@Test func headerFields_FindTheOneField_AmongNamesOfEqualLength() {
    var headers = HeaderFields()
    headers.addLowercased("x-user-ix", "not this")
    #expect(headers.only("x-user-id") == .none)
    headers.addLowercased("x-user-id", "alice")
    headers.addLowercased("x-request", "nor this")
    #expect(headers.only("x-user-id") == .one("alice"))
    headers.addLowercased("x-user-id", "bob")
    #expect(headers.only("x-user-id") == .several)
    var found: [String] = []
    var next = headers.index(of: "x-user-id")
    while let index = next {
        found.append(headers.value(at: index))
        next = headers.index(of: "x-user-id", after: index)
    }
    #expect(found == ["alice", "bob"])
    #expect(headers["x-user-ix"] == "not this" && headers["x-request"] == "nor this")
}
