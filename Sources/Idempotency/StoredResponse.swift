/// The outcome of an operation, as kept with its key and replayed byte for byte.
public struct StoredResponse: Sendable, Equatable {
    public var status: Int
    public var location: String?
    public var contentType: String
    public var body: [UInt8]

    public init(status: Int, location: String? = nil, contentType: String = "application/json", body: [UInt8]) {
        self.status = status
        self.location = location
        self.contentType = contentType
        self.body = body
    }
}
