/// Random inputs and mutations of valid requests for the fuzz test.
struct Mutator {
    var random: SplitMix64

    /// Bytes and fragments that steer the parser into its interesting branches.
    static let interestingBytes: [UInt8] =
        Array("\r\n \t:;,=\"\\/?*#0123456789abcdefABCDEF-+".utf8) + [0x00, 0x7F, 0x80, 0xC3, 0xFF]
    static let fragments: [[UInt8]] = [
        "\r\n", "\r\n\r\n", "\n", "\r", " ", "\t", ":", "Host: a\r\n", "Content-Length: 5\r\n", "Content-Length: 0\r\n",
        "Content-Length: 99999999999\r\n", "Transfer-Encoding: chunked\r\n", "Transfer-Encoding: gzip\r\n",
        "Expect: 100-continue\r\n", "Connection: close\r\n", "0\r\n\r\n", "5\r\nhello\r\n", "fffffff\r\n", ";ext=1",
        "GET / HTTP/1.1\r\n", "POST / HTTP/1.1\r\n", "POST / HTTP/1.0\r\n", "HTTP/1.0", "HTTP/2.0", " /x?y=z ",
        "http://h/", "*",
    ].map { Array($0.utf8) }

    mutating func int(_ range: Range<Int>) -> Int { Int.random(in: range, using: &random) }
    mutating func chance(_ percent: Int) -> Bool { int(0..<100) < percent }

    mutating func byte() -> UInt8 {
        if chance(60) { return Self.interestingBytes.randomElement(using: &random) ?? 0 }
        return UInt8.random(in: 0...255, using: &random)
    }

    /// Up to `maxLength` bytes, mostly from fragments and interesting bytes,
    /// a quarter of them after a plausible request line.
    mutating func randomBytes(maxLength: Int) -> [UInt8] {
        var bytes: [UInt8] = chance(25) ? Array("POST /r HTTP/1.1\r\nHost: h\r\n".utf8) : []
        let length = int(0..<(maxLength + 1))
        while bytes.count < length {
            if chance(30) {
                bytes += Self.fragments.randomElement(using: &random) ?? []
            } else {
                bytes.append(byte())
            }
        }
        return bytes
    }

    /// `bytes` with one to three random edits.
    mutating func mutate(_ bytes: [UInt8]) -> [UInt8] {
        var result = bytes
        for _ in 0..<int(1..<4) {
            let position = int(0..<(result.count + 1))
            switch int(0..<8) {
            case 0 where !result.isEmpty:  // flip a byte
                result[min(position, result.count - 1)] = byte()
            case 1:  // insert bytes
                result.insert(
                    contentsOf: chance(50) ? [byte()] : (Self.fragments.randomElement(using: &random) ?? []),
                    at: position)
            case 2 where !result.isEmpty:  // delete a range
                let end = min(result.count, position + int(1..<8))
                result.removeSubrange(min(position, end)..<end)
            case 3:  // truncate
                result.removeSubrange(position...)
            case 4:  // duplicate a line, such as a header field
                result = duplicateLine(in: result, near: position)
            case 5:  // a random tail
                result += randomBytes(maxLength: 40)
            case 6:  // a long run of one byte, to reach the size limits
                result.insert(contentsOf: repeatElement(chance(50) ? 0x61 : byte(), count: int(40..<300)), at: position)
            default:  // toggle letter case
                if position < result.count, (0x41...0x5A).contains(result[position] & ~0x20) {
                    result[position] ^= 0x20
                }
            }
        }
        return result
    }

    /// `bytes` with the CRLF-terminated line starting after the first LF at or after `position` repeated.
    private func duplicateLine(in bytes: [UInt8], near position: Int) -> [UInt8] {
        guard let lf = bytes[min(position, bytes.count)...].firstIndex(of: 0x0A) else { return bytes }
        let start = lf + 1
        guard let end = bytes[start...].firstIndex(of: 0x0A) else { return bytes }
        var result = bytes
        result.insert(contentsOf: bytes[start...end], at: start)
        return result
    }

    /// Random append sizes for feeding `count` bytes.
    mutating func splits(_ count: Int) -> [Int] {
        var sizes: [Int] = []
        var total = 0
        while total < count {
            let size = chance(30) ? 1 : int(1..<(count + 1))
            sizes.append(size)
            total += size
        }
        return sizes
    }
}
