/// The request-target forms a server accepts (RFC 9112 §3.2), reduced to origin-form.
enum RequestTarget {
    /// `target` as origin-form "/path?query", or "*". An absolute-form target
    /// ("http://host/path?query") loses its scheme and authority (§3.2.2); the
    /// authority-form only serves CONNECT, which is not supported.
    static func originForm(_ target: UnsafeBufferPointer<UInt8>, method: Method) throws(ParseError) -> String {
        // §3.2: no whitespace or controls; RFC 9110 §7.1: never a fragment.
        guard !target.isEmpty, target.allSatisfy({ ASCII.isVisible($0) && $0 != ASCII.hash }) else {
            throw .badRequest("The request target has a character outside the URI syntax.")
        }
        if target[0] == ASCII.slash {
            return String(decoding: target, as: UTF8.self)  // §3.2.1 origin-form
        }
        if target.count == 1 && target[0] == ASCII.asterisk {
            // §3.2.4 asterisk-form, only for a server-wide OPTIONS.
            guard method == .options else { throw .badRequest("The target \"*\" is only for OPTIONS.") }
            return "*"
        }
        return try pathOfAbsoluteForm(target)
    }

    /// The origin-form part of an http(s) absolute-form target (§3.2.2), "/" when its path is empty.
    private static func pathOfAbsoluteForm(_ target: UnsafeBufferPointer<UInt8>) throws(ParseError) -> String {
        let schemeLength: Int
        if target.count >= 7, ASCII.equalsIgnoringCase(UnsafeBufferPointer(rebasing: target[..<7]), "http://") {
            schemeLength = 7
        } else if target.count >= 8, ASCII.equalsIgnoringCase(UnsafeBufferPointer(rebasing: target[..<8]), "https://") {
            schemeLength = 8
        } else {
            throw .badRequest("The request target is neither origin-form nor an http(s) absolute URI.")
        }
        let rest = target[schemeLength...]
        let authorityEnd = rest.firstIndex { $0 == ASCII.slash || $0 == ASCII.question } ?? target.endIndex
        // RFC 9110 §4.2.1: an http(s) URI has a non-empty host.
        let authority = UnsafeBufferPointer(rebasing: target[schemeLength..<authorityEnd])
        guard let hostLength = HostSyntax.hostLength(authority), hostLength > 0 else {
            throw .badRequest("The request target's authority is not a valid host.")
        }
        let pathAndQuery = UnsafeBufferPointer(rebasing: target[authorityEnd...])
        if pathAndQuery.first == ASCII.slash {
            return String(decoding: pathAndQuery, as: UTF8.self)
        }
        return "/" + String(decoding: pathAndQuery, as: UTF8.self)
    }
}
