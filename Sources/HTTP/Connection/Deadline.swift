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

    mutating func update(_ phase: Phase, now: UInt64, configuration: ServerConfiguration) {
        guard phase != self.phase || at == .max && phase != .handling else { return }
        self.phase = phase
        at = Self.limit(phase, configuration).map { now &+ $0 } ?? .max
    }

    mutating func progressed(now: UInt64, configuration: ServerConfiguration) {
        phase = .writing
        at = now &+ configuration.writeTimeout.nanoseconds
    }

    private static func limit(_ phase: Phase, _ configuration: ServerConfiguration) -> UInt64? {
        switch phase {
        case .idle: configuration.idleTimeout.nanoseconds
        case .head: configuration.headerTimeout.nanoseconds
        case .body: configuration.bodyTimeout.nanoseconds
        case .handling: nil  // the handler's business; it always answers
        case .writing: configuration.writeTimeout.nanoseconds
        case .lingering: lingerNanoseconds
        }
    }
}
