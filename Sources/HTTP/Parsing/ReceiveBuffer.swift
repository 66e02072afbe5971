internal import Glibc

/// The received bytes not yet parsed. Parsed bytes are consumed from the front
/// by moving a start index; they are dropped once everything is consumed, or
/// when they outnumber the unread bytes (so moving the unread rest costs at
/// most what was consumed: appending stays amortised O(1) per byte).
struct ReceiveBuffer {
    private var storage: [UInt8] = []
    private var start = 0

    /// Capacity kept after the buffer empties; a larger one (after a big body) is released.
    private static let retainedCapacity = 64 * 1024

    /// Unread bytes.
    var count: Int { storage.count - start }

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard !bytes.isEmpty else { return }
        if start > 0 && start >= count {
            storage.removeSubrange(0..<start)
            start = 0
        }
        bytes.withMemoryRebound(to: UInt8.self) { storage.append(contentsOf: $0) }
    }

    /// Drops the first `length` unread bytes.
    mutating func consume(_ length: Int) {
        start += length
        if start >= storage.count {
            storage.removeAll(keepingCapacity: storage.capacity <= Self.retainedCapacity)
            start = 0
        }
    }

    /// Drops everything, releasing the memory.
    mutating func reset() {
        storage = []
        start = 0
    }

    /// The unread byte at `offset` (which must be below `count`).
    subscript(offset: Int) -> UInt8 { storage[start + offset] }

    /// The offset of the first `byte` at or after `offset`, among the unread bytes.
    func firstIndex(of byte: UInt8, from offset: Int) -> Int? {
        let length = count - offset
        guard length > 0 else { return nil }
        return storage.withUnsafeBytes { raw -> Int? in
            guard let base = raw.baseAddress else { return nil }
            let from = base + start + offset
            guard let found = memchr(from, Int32(byte), length) else { return nil }
            return offset + (UnsafeRawPointer(found) - from)
        }
    }

    /// Calls `body` with the unread bytes.
    func withUnreadBytes<Result, Failure: Error>(
        _ body: (UnsafeBufferPointer<UInt8>) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try storage.withUnsafeBufferPointer { (all) throws(Failure) -> Result in
            try body(UnsafeBufferPointer(rebasing: all[start...]))
        }
    }

    /// Appends the first `length` unread bytes to `target`.
    func copy(_ length: Int, into target: inout [UInt8]) {
        target.append(contentsOf: storage[start..<(start + length)])
    }
}
