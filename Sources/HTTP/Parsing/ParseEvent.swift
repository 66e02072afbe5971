/// What `RequestParser.next()` produced.
enum ParseEvent {
    /// The head asked for `Expect: 100-continue` and its body has not fully
    /// arrived: the caller sends `100 Continue` (RFC 9110 §10.1.1).
    case continueExpected
    /// A complete request, body included.
    case request(Request)
}
