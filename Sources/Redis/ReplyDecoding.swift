internal import CHiredis

extension RedisReply {
    /// Copies a hiredis reply tree into Swift values. The caller still owns `reply`
    /// and frees it (`freeReplyObject` on the top-level reply only: it frees the
    /// nested elements too).
    ///
    /// Recursion is bounded: the hiredis 0.14 reader refuses replies nested deeper
    /// than 7 levels with a protocol error, so deeper trees never get here.
    init(copying reply: UnsafePointer<redisReply>) throws(RedisError) {
        let node = reply.pointee
        switch node.type {
        case REDIS_REPLY_STRING:
            self = .bulk(RedisReply.copyBytes(node.str, node.len))
        case REDIS_REPLY_STATUS:
            self = .status(String(decoding: RedisReply.copyBytes(node.str, node.len), as: UTF8.self))
        case REDIS_REPLY_ERROR:
            let message = String(decoding: RedisReply.copyBytes(node.str, node.len), as: UTF8.self)
            self = .error(RedisErrorReply(message: message))
        case REDIS_REPLY_INTEGER:
            self = .integer(Int64(node.integer))
        case REDIS_REPLY_NIL:
            self = .null
        case REDIS_REPLY_ARRAY:
            var elements: [RedisReply] = []
            elements.reserveCapacity(node.elements)
            for index in 0..<node.elements {
                guard let element = node.element?[index] else {
                    throw .protocol(reason: "array reply with a missing element")
                }
                elements.append(try RedisReply(copying: element))
            }
            self = .array(elements)
        default:
            throw .protocol(reason: "unknown reply type \(node.type)")
        }
    }

    private static func copyBytes(_ start: UnsafeMutablePointer<CChar>?, _ count: Int) -> [UInt8] {
        guard let start, count > 0 else { return [] }
        return Array(UnsafeRawBufferPointer(start: start, count: count))
    }
}
