import HTTP

/// SHA-256 (FIPS 180-4 §6.2), incremental.
///
/// Whole 64-byte blocks are compressed straight from the caller's memory; only a
/// partial block is copied into `pending`, whose storage is allocated once.
struct SHA256 {
    /// The digest length in bytes.
    static let digestCount = 32

    private var state: [UInt32] = SHA256.initialState
    /// Bytes of an unfinished block, fewer than 64.
    private var pending: [UInt8]
    /// Message length so far, in bytes.
    private var length: UInt64 = 0

    init() {
        pending = []
        pending.reserveCapacity(64)
    }

    /// The digest of `bytes` in one call: whole blocks from `bytes`, the padded tail from a
    /// buffer on the stack, and no array but the digest's.
    static func hash(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBytes { message in
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 8 + 64) { words in
                let state = words.baseAddress!
                let schedule = UnsafeMutableBufferPointer(rebasing: words[8...])
                for index in 0..<8 { state[index] = initialState[index] }
                var offset = 0
                while message.count - offset >= 64 {
                    compress(state, message.baseAddress! + offset, schedule)
                    offset += 64
                }
                // The rest, 0x80, zeros, and the bit length: one block, or two when fewer than 9 bytes are left.
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 128) { tail in
                    let rest = message.count - offset
                    let blocks = rest < 56 ? 1 : 2
                    let padded = UnsafeMutableRawBufferPointer(start: tail.baseAddress!, count: 64 * blocks)
                    padded.initializeMemory(as: UInt8.self, repeating: 0)
                    if rest > 0 { padded.copyMemory(from: UnsafeRawBufferPointer(rebasing: message[offset...])) }
                    padded[rest] = 0x80
                    let bitLength = UInt64(message.count) &* 8
                    for index in 0..<8 {
                        padded[padded.count - 1 - index] = UInt8(truncatingIfNeeded: bitLength >> (8 * UInt64(index)))
                    }
                    for block in 0..<blocks { compress(state, UnsafeRawPointer(padded.baseAddress!) + 64 * block, schedule) }
                }
                var digest: [UInt8] = []
                digest.append(room: digestCount) { bytes in
                    for index in 0..<8 {
                        let word = state[index]
                        bytes[4 * index] = UInt8(truncatingIfNeeded: word >> 24)
                        bytes[4 * index + 1] = UInt8(truncatingIfNeeded: word >> 16)
                        bytes[4 * index + 2] = UInt8(truncatingIfNeeded: word >> 8)
                        bytes[4 * index + 3] = UInt8(truncatingIfNeeded: word)
                    }
                    return digestCount
                }
                return digest
            }
        }
    }

    mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard var next = bytes.baseAddress, !bytes.isEmpty else { return }
        var remaining = bytes.count
        length &+= UInt64(remaining)
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { schedule in
            if !pending.isEmpty {
                let taken = min(64 - pending.count, remaining)
                pending.append(contentsOf: UnsafeRawBufferPointer(start: next, count: taken))
                next += taken
                remaining -= taken
                guard pending.count == 64 else { return }
                pending.withUnsafeBytes { block in state.withUnsafeMutableBufferPointer { Self.compress($0.baseAddress!, block.baseAddress!, schedule) } }
                pending.removeAll(keepingCapacity: true)
            }
            while remaining >= 64 {
                state.withUnsafeMutableBufferPointer { Self.compress($0.baseAddress!, next, schedule) }
                next += 64
                remaining -= 64
            }
            if remaining > 0 {
                pending.append(contentsOf: UnsafeRawBufferPointer(start: next, count: remaining))
            }
        }
    }

    /// The 32-byte digest of everything passed to `update`. The hasher starts over afterwards.
    mutating func finalize() -> [UInt8] {
        let bitLength = length &* 8
        // 0x80, then zeros up to 56 bytes mod 64, then the bit length as a big-endian UInt64 (§5.1.1).
        let zeros = (55 &- pending.count) & 63
        var padding = [UInt8](repeating: 0, count: 1 + zeros + 8)
        padding[0] = 0x80
        for index in 0..<8 {
            padding[padding.count - 1 - index] = UInt8(truncatingIfNeeded: bitLength >> (8 * UInt64(index)))
        }
        update(padding)
        precondition(pending.isEmpty, "SHA-256 padding must end on a block boundary")

        var digest: [UInt8] = []
        digest.reserveCapacity(Self.digestCount)
        for word in state {
            digest.append(UInt8(truncatingIfNeeded: word >> 24))
            digest.append(UInt8(truncatingIfNeeded: word >> 16))
            digest.append(UInt8(truncatingIfNeeded: word >> 8))
            digest.append(UInt8(truncatingIfNeeded: word))
        }
        state = Self.initialState
        length = 0
        return digest
    }

    // MARK: - Compression

    /// Mixes one 64-byte block at `block` into `state`; `w` is scratch space for 64 words.
    private static func compress(
        _ state: UnsafeMutablePointer<UInt32>,
        _ block: UnsafeRawPointer,
        _ schedule: UnsafeMutableBufferPointer<UInt32>
    ) {
        let w = schedule.baseAddress!  // 64 words: unchecked indexing in the rounds
        for t in 0..<16 {
            w[t] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: t &* 4, as: UInt32.self))
        }
        for t in 16..<64 {
            let s0 = rotr(w[t &- 15], 7) ^ rotr(w[t &- 15], 18) ^ (w[t &- 15] &>> 3)
            let s1 = rotr(w[t &- 2], 17) ^ rotr(w[t &- 2], 19) ^ (w[t &- 2] &>> 10)
            w[t] = w[t &- 16] &+ s0 &+ w[t &- 7] &+ s1
        }

        var a = state[0], b = state[1], c = state[2], d = state[3]
        var e = state[4], f = state[5], g = state[6], h = state[7]
        roundConstants.withUnsafeBufferPointer { constants in
            let k = constants.baseAddress!
            for t in 0..<64 {
                let sum1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
                let choice = (e & f) ^ (~e & g)
                let t1 = h &+ sum1 &+ choice &+ k[t] &+ w[t]
                let sum0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
                let majority = (a & b) ^ (a & c) ^ (b & c)
                let t2 = sum0 &+ majority
                h = g
                g = f
                f = e
                e = d &+ t1
                d = c
                c = b
                b = a
                a = t1 &+ t2
            }
        }
        state[0] &+= a
        state[1] &+= b
        state[2] &+= c
        state[3] &+= d
        state[4] &+= e
        state[5] &+= f
        state[6] &+= g
        state[7] &+= h
    }

    @inline(__always)
    private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x &>> n) | (x &<< (32 &- n)) }

    /// H(0), §5.3.3.
    private static let initialState: [UInt32] = [
        0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19,
    ]

    /// K, §4.2.2.
    private static let roundConstants: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]
}
