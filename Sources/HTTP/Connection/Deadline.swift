/// When a connection's current phase times out. A phase restarts its clock
/// only when it begins, except writing, which restarts on every progress.
struct Deadline {
    enum Phase {
        case idle, head, body, handling, writing, lingering
    }

    private(set) var phase: Phase = .idle
    private(set) var at: UInt64 = .max

    /// How long a lingering close waits for the client's end of input.
    static let lingerNanoseconds: UInt64 = 2_000_000_000

    /// Each phase's limit in nanoseconds, read from the configuration once per server (converting
    /// a `Duration` per request cost more than the rest of the deadline's work).
    struct Limits: Sendable {
        let idle: UInt64
        let head: UInt64
        let body: UInt64
        let writing: UInt64

        init(_ configuration: ServerConfiguration) {
            idle = configuration.idleTimeout.nanoseconds
            head = configuration.headerTimeout.nanoseconds
            body = configuration.bodyTimeout.nanoseconds
            writing = configuration.writeTimeout.nanoseconds
        }

        func of(_ phase: Phase) -> UInt64? {
            switch phase {
            case .idle: idle
            case .head: head
            case .body: body
            case .handling: nil  // the handler's business; it always answers
            case .writing: writing
            case .lingering: Deadline.lingerNanoseconds
            }
        }
    }

    mutating func update(_ phase: Phase, now: UInt64, limits: Limits) {
        guard phase != self.phase || at == .max && phase != .handling else { return }
        self.phase = phase
        at = limits.of(phase).map { now &+ $0 } ?? .max
    }

    mutating func progressed(now: UInt64, limits: Limits) {
        phase = .writing
        at = now &+ limits.writing
    }
}
