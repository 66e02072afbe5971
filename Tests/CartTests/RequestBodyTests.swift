import Testing

@testable import Cart

/// `quantity` is an integer in JSON Schema's sense, as `/openapi.json` declares it: any
/// spelling of an integral number from 1 to 1000 is accepted, nothing else.
@Suite struct RequestBodyTests {
    @Test(arguments: [
        (JSONValue.integer(2), 2), (.number(2.0), 2), (.number(1000.0), 1000), (.integer(1), 1),
    ])
    func quantity_Accepts_WhenIntegral(value: JSONValue, expected: Int) throws {
        #expect(try RequestBody.quantity(["quantity": value]) == expected)
    }

    @Test(arguments: [
        JSONValue.number(1.5), .number(0.0), .number(1001.0), .number(1e300), .number(-1.0), .integer(0), .integer(.max),
        .string("2"), .bool(true), .null,
    ])
    func quantity_Rejects_WhenNotAnIntegerFrom1To1000(value: JSONValue) {
        #expect(throws: CartError.self) { try RequestBody.quantity(["quantity": value]) }
    }

    /// `2.0` and `2e0` parse as numbers, and still name the integer 2.
    @Test func quantity_Accepts_FractionAndExponentSpellings() throws {
        for text in [#"{"quantity":2.0}"#, #"{"quantity":2e0}"#, #"{"quantity":0.2e1}"#] {
            guard case .object(let members) = try JSONParser.parse(Array(text.utf8)) else {
                Issue.record("\(text) is not an object")
                continue
            }
            #expect(try RequestBody.quantity(members) == 2, "\(text)")
        }
    }
}
