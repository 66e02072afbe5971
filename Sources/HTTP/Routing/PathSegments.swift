extension String {
    /// The `/`-separated segments of a path after its leading one (`"/cart/items"` gives
    /// `["cart", "items"]`, `"/"` gives `[""]`), split on UTF-8 bytes into one array sized up
    /// front: `split` on Characters runs grapheme breaking, and `utf8.split` plus a `map`
    /// builds and regrows two arrays.
    func pathSegments() -> ArraySlice<Substring> {
        let utf8 = self.utf8
        var count = 1
        for byte in utf8 where byte == UInt8(ascii: "/") { count += 1 }
        var segments: [Substring] = []
        segments.reserveCapacity(count)
        var start = utf8.startIndex
        var index = start
        while index != utf8.endIndex {
            if utf8[index] == UInt8(ascii: "/") {
                segments.append(Substring(utf8[start..<index]))
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        segments.append(Substring(utf8[start..<utf8.endIndex]))
        return segments.dropFirst()
    }
}
