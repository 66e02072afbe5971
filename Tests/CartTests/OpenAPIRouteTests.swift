import Foundation
import HTTP
import Testing

@testable import Cart

/// `/openapi.json` is kept true to the server: the routes `CartService` registers and the
/// operations the document describes must be the same set, in both directions.
@Suite struct OpenAPIRouteTests {
    /// Operations documented before their route exists. Each entry is owned by the change that
    /// adds the route; once it is routed the entry is harmless and may be removed.
    static let pending: Set<Operation> = []

    struct Operation: Hashable, CustomStringConvertible {
        let method: String
        let path: String
        var description: String { "\(method) \(path)" }
    }

    private static let methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    private static func document() throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(OpenAPIEndpoint.body))
        return try #require(object as? [String: Any], "the document is not a JSON object")
    }

    private static func documentedOperations() throws -> Set<Operation> {
        let paths = try #require(try document()["paths"] as? [String: [String: Any]], "the document has no paths")
        var operations: Set<Operation> = []
        for (path, item) in paths {
            for method in methods where item[method] != nil { operations.insert(Operation(method: method.uppercased(), path: path)) }
        }
        return operations
    }

    /// The service's real route table (the handler `CartService` serves is its `Router`).
    private static func routedOperations() throws -> Set<Operation> {
        let service = CartService(store: MemoryCartStore(clock: { Date().timeIntervalSince1970 }))
        let router = try #require(service.handler as? Router, "CartService no longer serves a Router: walk its routes another way")
        return Set(router.routeTable.map { Operation(method: $0.method.rawValue, path: $0.pattern) })
    }

    @Test func document_DescribesEveryRoute() throws {
        let undocumented = try Self.routedOperations().subtracting(Self.documentedOperations())
        #expect(undocumented.isEmpty, "routes missing from /openapi.json: \(undocumented.sorted { $0.description < $1.description })")
    }

    @Test func document_DescribesNoOperationWithoutRoute() throws {
        let unrouted = try Self.documentedOperations().subtracting(Self.routedOperations()).subtracting(Self.pending)
        #expect(unrouted.isEmpty, "documented operations with no route: \(unrouted.sorted { $0.description < $1.description })")
    }

    /// Every pending operation is at least documented, so the list cannot hide a typo.
    @Test func pending_AreDocumented() throws {
        let missing = try Self.pending.subtracting(Self.documentedOperations())
        #expect(missing.isEmpty, "pending operations not in the document: \(missing)")
    }

    /// Each `{name}` of a documented path is declared as a path parameter, and every operation has an id (the links use them).
    @Test func document_DeclaresPathParameters_AndOperationIds() throws {
        let document = try Self.document()
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let components = document["components"] as? [String: Any]
        let shared = components?["parameters"] as? [String: [String: Any]] ?? [:]
        func resolve(_ parameter: Any) -> [String: Any]? {
            guard let parameter = parameter as? [String: Any] else { return nil }
            guard let ref = parameter["$ref"] as? String else { return parameter }
            return shared[String(ref.split(separator: "/").last ?? "")]
        }
        var operationIds: [String] = []
        for (path, item) in paths {
            let names = path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) }
            for method in Self.methods {
                guard let operation = item[method] as? [String: Any] else { continue }
                let parameters = ((item["parameters"] as? [Any]) ?? []) + ((operation["parameters"] as? [Any]) ?? [])
                let declared = Set(parameters.compactMap(resolve).filter { $0["in"] as? String == "path" }.compactMap { $0["name"] as? String })
                #expect(declared == Set(names), "\(method.uppercased()) \(path): path parameters \(declared.sorted()) for \(names)")
                if let id = operation["operationId"] as? String { operationIds.append(id) } else { Issue.record("\(path) \(method): no operationId") }
            }
        }
        #expect(Set(operationIds).count == operationIds.count, "operationIds repeat: \(operationIds.sorted())")
    }

    /// Every response of every operation declares the `X-Request-ID` header the connection adds to all of them.
    @Test func document_DeclaresRequestIDHeader_OnEveryResponse() throws {
        let document = try Self.document()
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let components = try #require(document["components"] as? [String: Any])
        let shared = components["responses"] as? [String: [String: Any]] ?? [:]
        #expect((components["headers"] as? [String: Any])?["RequestID"] != nil)
        for (path, item) in paths {
            for method in Self.methods {
                guard let operation = item[method] as? [String: Any] else { continue }
                for (status, response) in try #require(operation["responses"] as? [String: [String: Any]]) {
                    let resolved = (response["$ref"] as? String).map { shared[String($0.split(separator: "/").last ?? "")] ?? [:] } ?? response
                    let header = (resolved["headers"] as? [String: Any])?["X-Request-ID"] as? [String: Any]
                    #expect(header?["$ref"] as? String == "#/components/headers/RequestID", "\(method.uppercased()) \(path) \(status)")
                }
            }
        }
    }

    /// `GET /openapi.json` answers 200 `application/json` with a JSON document that declares OpenAPI 3.1.x.
    @Test func endpoint_ServesJSON_DeclaringOpenAPI31() throws {
        let recorded = Locked<[Response]>([])
        OpenAPIEndpoint.handle(
            Request(method: .get, target: "/openapi.json"), RequestContext(), Responder { response in recorded.withLock { $0.append(response) } })
        let response = try #require(recorded.withLock { $0 }.first)
        #expect(response.status == .ok)
        #expect(response.headers["content-type"] == "application/json")
        let object = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
        let version = try #require(object?["openapi"] as? String)
        #expect(version.wholeMatch(of: /3\.1\.[0-9]+/) != nil, "openapi: \(version)")
        #expect((object?["info"] as? [String: Any])?["title"] as? String == "cartd")
    }
}
