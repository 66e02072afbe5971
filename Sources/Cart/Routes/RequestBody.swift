import HTTP

/// Reading and validating JSON request bodies: every failure is a 400 `invalid_body`.
enum RequestBody {
    /// The body as a JSON object.
    static func object(_ request: Request) throws(CartError) -> [String: JSONValue] {
        let value: JSONValue
        do {
            value = try JSONParser.parse(request.body)
        } catch {
            throw .invalidBody("The body is not valid JSON: \(error).")
        }
        guard case .object(let members) = value else { throw .invalidBody("The body must be a JSON object.") }
        return members
    }

    /// A required `sku`: 1 to 64 characters of `A-Z a-z 0-9 . _ -`.
    static func sku(_ members: [String: JSONValue]) throws(CartError) -> String {
        guard case .string(let sku)? = members["sku"] else { throw .invalidBody("\"sku\" is required and must be a string.") }
        guard Identifier.isValid(sku) else { throw .invalidBody("\"sku\" must be 1 to 64 characters of A-Z a-z 0-9 . _ -.") }
        return sku
    }

    /// A required `quantity`: an integer from 1 to 1000 (`2.0` and `2e0` are the integer 2, as in JSON Schema).
    static func quantity(_ members: [String: JSONValue]) throws(CartError) -> Int {
        guard let quantity = members["quantity"]?.integerValue, LineItem.quantityRange.contains(Int(clamping: quantity)) else {
            throw .invalidBody("\"quantity\" is required and must be an integer from 1 to 1000.")
        }
        return Int(quantity)
    }

    /// A positive integer path segment (`{id}`); anything else names no resource.
    static func id(_ context: RequestContext) throws(CartError) -> Int64 {
        guard let text = context.parameters["id"], let id = Int64(text), id > 0, String(id) == text else { throw .notFound }
        return id
    }
}
