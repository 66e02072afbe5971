/// A successful answer: the decoded value and what the wire said about it.
public struct Reply<Value: Sendable>: Sendable {
    public var value: Value
    /// 200 or 201 (204 for a removal).
    public var status: Int
    /// The server answered from the stored response of an earlier attempt with this key
    /// (`Idempotent-Replayed: true`): the operation had already happened, once.
    public var isReplay: Bool
    /// The idempotency key the operation was sent with; nil for calls that need none.
    public var key: String?
    /// The `Location` header, for the POSTs that create something.
    public var location: String?
    /// The body exactly as the server sent it (for a replay, byte for byte the original one).
    public var body: [UInt8]
}
