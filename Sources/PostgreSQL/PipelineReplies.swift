/// What the connection still expects from libpq, in the order it was sent.
enum ExpectedReply {
    /// The internal Parse of a statement's first use (`PQsendPrepare`).
    case prepare(sql: String)
    /// A statement sent with `send` (`PQsendQueryPrepared`).
    case execute(sql: String)
    /// A sync point (`PQpipelineSync`).
    case sync
}

/// A reply read from libpq but not yet handed to the caller. Replies are read
/// ahead of the caller only to learn whether a statement's Parse succeeded.
enum ReadyReply {
    case rows(PostgresRows)
    case failure(PostgresError)
    case sync
}

/// The two queues of a pipeline and their counts.
struct PipelineReplies {
    private(set) var expected = FIFO<ExpectedReply>()
    private(set) var ready = FIFO<ReadyReply>()
    /// Sync points in `expected`: when there is none, the first expected reply
    /// belongs to the segment still being written.
    private(set) var expectedSyncs = 0
    /// Statement results and sync markers the caller has not read yet.
    private(set) var unreadResults = 0
    private(set) var unreadSyncs = 0

    var isIdle: Bool { expected.isEmpty && ready.isEmpty }

    mutating func expect(_ reply: ExpectedReply) {
        switch reply {
        case .prepare: break
        case .execute: unreadResults += 1
        case .sync:
            unreadSyncs += 1
            expectedSyncs += 1
        }
        expected.append(reply)
    }

    mutating func popExpected() -> ExpectedReply? {
        let reply = expected.popFirst()
        if case .sync? = reply { expectedSyncs -= 1 }
        return reply
    }

    mutating func makeReady(_ reply: ReadyReply) {
        ready.append(reply)
    }

    /// The next reply for the caller, counted as read.
    mutating func popReady() -> ReadyReply? {
        let reply = ready.popFirst()
        switch reply {
        case .rows?, .failure?: unreadResults -= 1
        case .sync?: unreadSyncs -= 1
        case nil: break
        }
        return reply
    }

    /// Forgets everything (the connection is closed).
    mutating func removeAll() {
        self = PipelineReplies()
    }
}

/// A first-in first-out queue with O(1) amortised push and pop that keeps its
/// storage between uses, so a steady pipeline allocates nothing.
struct FIFO<Element> {
    private var storage: [Element?] = []
    private var head = 0

    var isEmpty: Bool { head == storage.count }
    var count: Int { storage.count - head }
    var first: Element? { isEmpty ? nil : storage[head] }

    mutating func append(_ element: Element) {
        storage.append(element)
    }

    mutating func popFirst() -> Element? {
        guard !isEmpty else { return nil }
        let element = storage[head]
        storage[head] = nil
        head += 1
        if head == storage.count {
            storage.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= 1024 && head * 2 >= storage.count {
            storage.removeFirst(head)
            head = 0
        }
        return element
    }

    mutating func removeAll() {
        storage.removeAll()
        head = 0
    }
}
