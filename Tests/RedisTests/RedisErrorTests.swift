import Redis
import Testing

/// Error values and their descriptions, no server needed.
struct RedisErrorTests {
    @Test func errorReply_CodesAreDistinguishable() {
        #expect(RedisErrorReply(message: "NOSCRIPT No matching script. Please use EVAL.").isNoScript)
        #expect(RedisErrorReply(message: "LOADING Redis is loading the dataset in memory").isLoading)
        #expect(RedisErrorReply(message: "READONLY You can't write against a read only replica.").isReadOnly)
        #expect(RedisErrorReply(message: "OOM command not allowed when used memory > 'maxmemory'.").isOutOfMemory)
        #expect(RedisErrorReply(message: "BUSY Redis is busy running a script.").isBusy)
        let plain = RedisErrorReply(message: "ERR syntax error")
        #expect(plain.code == "ERR")
        #expect(!plain.isNoScript && !plain.isLoading && !plain.isReadOnly && !plain.isOutOfMemory)
    }

    /// A server message may quote arguments; the description shows only a known code.
    @Test func serverError_DescriptionOmitsTheMessage() {
        let quoting = RedisErrorReply(message: "ERR unknown command 'x', with args beginning with: 'secret-key' 'secret-value'")
        #expect(RedisError.server(quoting).description == "Redis answered with an ERR error reply")
        let scripted = RedisErrorReply(message: "customer-42 owes money")
        #expect(!RedisError.server(scripted).description.contains("customer-42"))
        #expect(RedisReply.error(quoting).errorReply == quoting)
    }

    @Test func get_ThrowsServerErrorOnlyForErrorReplies() throws {
        let failure = RedisErrorReply(message: "WRONGTYPE Operation against a key holding the wrong kind of value")
        #expect(throws: RedisError.server(failure)) { try RedisReply.error(failure).get() }
        #expect(try RedisReply.integer(7).get() == .integer(7))
        #expect(try RedisReply.null.get() == .null)
    }

    @Test func breaksConnection_OnlyForTransportFailures() {
        #expect(RedisError.timedOut.breaksConnection)
        #expect(RedisError.connectionLost(reason: "x").breaksConnection)
        #expect(RedisError.protocol(reason: "x").breaksConnection)
        #expect(!RedisError.server(RedisErrorReply(message: "ERR x")).breaksConnection)
    }
}
