import Testing

/// Every test that opens sockets lives in an extension of this suite, so that
/// they run one at a time: the descriptor-leak test counts the process's open
/// descriptors and needs no other test to open or close any meanwhile, and the
/// timeout tests stay accurate on a small, shared machine.
@Suite(.serialized) enum ServerSocketTests {}
