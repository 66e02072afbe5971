extension Array where Element == UInt8 {
    /// Appends `maximum` bytes of room and runs `write` on it; `write` returns how many bytes it
    /// wrote from the start of the room, and only those stay.
    ///
    /// Goes through `append(addingCapacity:initializingWith:)`, which the compiler specialises for
    /// bytes. `init(unsafeUninitializedCapacity:)` allocates through the standard library's
    /// unspecialised path instead, which looks up the storage's generic metadata on every call
    /// (about 600 instructions, twice per request).
    package mutating func append(room maximum: Int, _ write: (UnsafeMutablePointer<UInt8>) -> Int) {
        append(addingCapacity: maximum) { span in
            span.withUnsafeMutableBufferPointer { room, initialized in
                let written = write(room.baseAddress!)
                precondition(written <= maximum, "wrote past the room reserved")
                initialized = written
            }
        }
    }
}
