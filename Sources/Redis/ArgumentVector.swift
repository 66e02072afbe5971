/// The C form of one command for `redisCommandArgv` / `redisAppendCommandArgv`:
/// `argc`, `argv` (pointers) and `argvlen` (lengths, so arguments are binary-safe).
///
/// All arguments are copied into one contiguous buffer and `argv` points into
/// it, so a command costs one copy and three allocations however many
/// arguments it has. The pointers are valid only inside `withArgv`; hiredis
/// copies the formatted command into its output buffer before returning.
struct ArgumentVector {
    private var storage: [UInt8] = []
    private var offsets: [Int] = []
    private var lengths: [Int] = []

    init(_ arguments: [RedisArgument]) {
        precondition(!arguments.isEmpty, "a Redis command needs at least its name")
        precondition(arguments.count <= Int(Int32.max), "too many arguments for one Redis command")
        storage.reserveCapacity(arguments.reduce(1) { $0 + $1.bytes.count })
        offsets.reserveCapacity(arguments.count)
        lengths.reserveCapacity(arguments.count)
        for argument in arguments {
            offsets.append(storage.count)
            lengths.append(argument.bytes.count)
            storage.append(contentsOf: argument.bytes)
        }
        // One spare byte: every argv pointer, even that of a trailing empty
        // argument, then points into the buffer, never at nil or past its end.
        storage.append(0)
    }

    var count: Int32 { Int32(offsets.count) }

    func withArgv<Result>(
        _ body: (Int32, UnsafeMutablePointer<UnsafePointer<CChar>?>, UnsafePointer<Int>) -> Result
    ) -> Result {
        storage.withUnsafeBytes { bytes in
            // Non-empty (the spare byte), so baseAddress is not nil.
            let base = bytes.baseAddress!.assumingMemoryBound(to: CChar.self)
            var pointers: [UnsafePointer<CChar>?] = offsets.map { base + $0 }
            return pointers.withUnsafeMutableBufferPointer { argv in
                lengths.withUnsafeBufferPointer { argvlen in
                    body(count, argv.baseAddress!, argvlen.baseAddress!)
                }
            }
        }
    }
}
