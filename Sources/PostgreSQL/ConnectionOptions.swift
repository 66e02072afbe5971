extension PostgresConnection {
    /// How a connection is opened and how long it waits.
    public struct Options: Sendable {
        /// Bound on establishing the connection (TCP, authentication, startup).
        /// libpq's own `connect_timeout` does not apply to the non-blocking
        /// connect this module uses ("The connect_timeout connection parameter
        /// is ignored when using PQconnectPoll; it is the application's
        /// responsibility to decide whether an excessive amount of time has
        /// elapsed", https://www.postgresql.org/docs/15/libpq-connect.html).
        public var connectTimeout: Duration
        /// Bound on every later call that waits for the server (flushing,
        /// reading a result, a script): the clock starts when the call first has
        /// to wait, and once it has run out the call throws `.timedOut` at its
        /// next wait (input already arriving is still read) and the connection
        /// is broken. `query` and `executeScript` count their steps together.
        public var ioTimeout: Duration
        /// TCP keepalives (libpq's `keepalives_idle`, `keepalives_interval`,
        /// `keepalives_count`), so a dead peer is noticed even on an idle
        /// connection. A URL may override them with its own query parameters.
        public var keepaliveIdleSeconds: Int
        public var keepaliveIntervalSeconds: Int
        public var keepaliveCount: Int
        /// Shown in `pg_stat_activity.application_name`; a URL may override it.
        public var applicationName: String

        public init(
            connectTimeout: Duration = .seconds(5),
            ioTimeout: Duration = .seconds(5),
            keepaliveIdleSeconds: Int = 30,
            keepaliveIntervalSeconds: Int = 10,
            keepaliveCount: Int = 3,
            applicationName: String = "cartd"
        ) {
            self.connectTimeout = connectTimeout
            self.ioTimeout = ioTimeout
            self.keepaliveIdleSeconds = keepaliveIdleSeconds
            self.keepaliveIntervalSeconds = keepaliveIntervalSeconds
            self.keepaliveCount = keepaliveCount
            self.applicationName = applicationName
        }
    }
}
