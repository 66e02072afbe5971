import Idempotency

/// The bytes a cached response is kept as in Redis: a version byte, then length-prefixed fields
/// (method, target, body digest, status, Location, content type, body). Anything that does not
/// decode exactly is a miss, never a guess.
enum CachedResponseCoding {
    private static let version: UInt8 = 1

    static func encode(_ cached: CachedResponse) -> [UInt8] {
        let response = cached.response
        var bytes: [UInt8] = [version]
        bytes.reserveCapacity(64 + cached.fingerprint.target.utf8.count + response.body.count)
        append(Array(cached.fingerprint.method.utf8), to: &bytes)
        append(Array(cached.fingerprint.target.utf8), to: &bytes)
        append(cached.fingerprint.bodyDigest, to: &bytes)
        append(UInt32(clamping: response.status), to: &bytes)
        bytes.append(response.location == nil ? 0 : 1)
        append(Array((response.location ?? "").utf8), to: &bytes)
        append(Array(response.contentType.utf8), to: &bytes)
        append(response.body, to: &bytes)
        return bytes
    }

    static func decode(_ bytes: [UInt8]) -> CachedResponse? {
        var reader = Reader(bytes: bytes)
        guard reader.byte() == version, let method = reader.field(), let target = reader.field(), let digest = reader.field(),
            let status = reader.number(), let hasLocation = reader.byte(), let location = reader.field(),
            let contentType = reader.field(), let body = reader.field(), reader.atEnd
        else { return nil }
        let fingerprint = Fingerprint(
            method: String(decoding: method, as: UTF8.self), target: String(decoding: target, as: UTF8.self), bodyDigest: digest)
        let response = StoredResponse(
            status: Int(status), location: hasLocation == 1 ? String(decoding: location, as: UTF8.self) : nil,
            contentType: String(decoding: contentType, as: UTF8.self), body: body)
        return CachedResponse(fingerprint: fingerprint, response: response)
    }

    private static func append(_ field: [UInt8], to bytes: inout [UInt8]) {
        append(UInt32(field.count), to: &bytes)
        bytes.append(contentsOf: field)
    }

    private static func append(_ number: UInt32, to bytes: inout [UInt8]) {
        bytes.append(contentsOf: [UInt8(number >> 24), UInt8(truncatingIfNeeded: number >> 16), UInt8(truncatingIfNeeded: number >> 8), UInt8(truncatingIfNeeded: number)])
    }

    private struct Reader {
        let bytes: [UInt8]
        var index = 0

        var atEnd: Bool { index == bytes.count }

        mutating func byte() -> UInt8? {
            guard index < bytes.count else { return nil }
            defer { index += 1 }
            return bytes[index]
        }

        mutating func number() -> UInt32? {
            guard bytes.count - index >= 4 else { return nil }
            defer { index += 4 }
            return bytes[index..<index + 4].reduce(0) { $0 << 8 | UInt32($1) }
        }

        mutating func field() -> [UInt8]? {
            guard let count = number().map(Int.init), bytes.count - index >= count else { return nil }
            defer { index += count }
            return Array(bytes[index..<index + count])
        }
    }
}
