/// This build's version, printed by `cartd --version`.
enum Release {
    static let version = "0.3.0"

    /// `cartd 0.3.0`
    static var line: String { "cartd \(version)" }
}
