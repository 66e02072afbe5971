import Testing

@testable import HTTP

/// Room appended to an array keeps exactly the bytes written into it, after what was there.
@Test(arguments: [0, 1, 7, 64, 4096])
func arrayRoom_KeepsOnlyTheBytesWritten(written: Int) {
    var bytes: [UInt8] = [9, 8, 7]
    bytes.append(room: 4096) { room in
        for index in 0..<written { room[index] = UInt8(truncatingIfNeeded: index) }
        return written
    }
    #expect(bytes.count == 3 + written)
    #expect(bytes.prefix(3) == [9, 8, 7])
    #expect(Array(bytes.dropFirst(3)) == (0..<written).map { UInt8(truncatingIfNeeded: $0) })
}
