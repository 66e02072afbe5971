import HTTP
import Idempotency

/// `GET /idempotency-keys/{key}`: what the store holds for one of the caller's own keys, read on
/// the store's read path. Never the stored body; another caller's key is a 404 like an unknown one.
struct KeyRecordHandler<Store: CartStore>: Sendable {
    let store: Store

    func handle(_ request: Request, _ context: RequestContext, _ responder: Responder) {
        do {
            let owner = try UserID.of(request).rawValue
            let key = try Self.key(context.parameters["key"] ?? "")
            store.lookup(KeyScope(owner: owner, key: key.value)) { result in
                switch result {
                case .success(let lookup):
                    guard let record = lookup.record, !Self.isExpired(record, at: lookup.now) else {
                        return responder.fail(CartError.notFound)
                    }
                    responder.respond(.json(.ok, Self.json(key: key.value, record)))
                case .failure(let error):
                    responder.fail(error)
                }
            }
        } catch {
            responder.fail(error)
        }
    }

    /// The key in a path segment: percent-decoded, then 1 to 255 visible ASCII characters.
    static func key(_ segment: String) throws(IdempotencyError) -> IdempotencyKey {
        guard let decoded = PercentDecoding.decode(segment) else {
            throw .keyInvalid("The key in the path is not validly percent-encoded.")
        }
        return try IdempotencyKey(validating: decoded)
    }

    /// A completed record past its time to live counts as gone (a sweeper deletes it later).
    private static func isExpired(_ record: KeyRecord, at now: Double) -> Bool {
        if case .completed = record.state { return record.expiresAt <= now }
        return false
    }

    /// `{"key", "state", "method", "path", "created_at", "expires_at"}` and `status`/`location`
    /// (completed) or `lease_expires_at` (in progress).
    static func json(key: String, _ record: KeyRecord) -> [UInt8] {
        var writer = JSONWriter(capacity: 256)
        writer.beginObject()
        writer.key("key")
        writer.string(key)
        writer.key("state")
        switch record.state {
        case .completed: writer.string("completed")
        case .inProgress: writer.string("in_progress")
        }
        writer.key("method")
        writer.string(record.fingerprint.method)
        writer.key("path")
        writer.string(record.fingerprint.target)
        writer.key("created_at")
        writer.string(Timestamp.rfc3339(record.createdAt))
        writer.key("expires_at")
        writer.string(Timestamp.rfc3339(record.expiresAt))
        switch record.state {
        case .completed(let response):
            writer.key("status")
            writer.integer(response.status)
            if let location = response.location {
                writer.key("location")
                writer.string(location)
            }
        case .inProgress(_, let leaseUntil, _):
            writer.key("lease_expires_at")
            writer.string(Timestamp.rfc3339(leaseUntil))
        }
        writer.endObject()
        return writer.finished()
    }
}

/// RFC 3986 §2.1 percent-decoding of a path segment.
enum PercentDecoding {
    /// The decoded text, or nil for a `%` not followed by two hex digits or bytes that are not UTF-8.
    static func decode(_ text: String) -> String? {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return text }
        var bytes: [UInt8] = []
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hex), let low = iterator.next().flatMap(hex) else { return nil }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
