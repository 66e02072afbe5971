import PostgreSQL
import Testing

/// The SQLSTATE helpers test codes and classes, never messages.
struct SQLStateTests {
    @Test func conditions_MatchTheirCodesOnly() {
        #expect(SQLState(rawValue: "23505").isUniqueViolation)
        #expect(!SQLState(rawValue: "23503").isUniqueViolation)  // foreign_key_violation
        #expect(SQLState(rawValue: "55P03").isLockNotAvailable)
        #expect(SQLState(rawValue: "57014").isQueryCanceled)
        #expect(SQLState(rawValue: "40P01").isDeadlockDetected)
        #expect(SQLState(rawValue: "40001").isSerializationFailure)
        #expect(!SQLState(rawValue: "40P01").isSerializationFailure)
        #expect(SQLState(rawValue: "25006").isReadOnlyTransaction)
    }

    @Test func classes_MatchTheFirstTwoCharacters() {
        #expect(SQLState(rawValue: "08006").isConnectionException)
        #expect(SQLState(rawValue: "08P01").isConnectionException)
        #expect(SQLState(rawValue: "53300").isInsufficientResources)
        #expect(SQLState(rawValue: "57P01").isOperatorIntervention)
        #expect(SQLState(rawValue: "57P03").isOperatorIntervention)
        #expect(SQLState.adminShutdown.isOperatorIntervention && SQLState.cannotConnectNow.errorClass == "57")
        #expect(!SQLState(rawValue: "23505").isConnectionException)
        #expect(SQLState(rawValue: "40001").errorClass == "40")
    }

    @Test func errorDescriptions_SayWhatFailedAndWhere() {
        let server = PostgresError.server(.uniqueViolation, message: "duplicate key", sql: "INSERT INTO t VALUES ($1)")
        #expect(server.description == "PostgreSQL error 23505: duplicate key [SQL: INSERT INTO t VALUES ($1)]")
        #expect(server.sqlState == .uniqueViolation)
        #expect(PostgresError.skipped(sql: "SELECT 1").description.contains("[SQL: SELECT 1]"))
        #expect(PostgresError.timedOut(after: .seconds(5), sql: nil).description == "PostgreSQL did not answer within 5.0 seconds")
        #expect(PostgresError.invalidURL(reason: "x").sqlState == nil)
    }
}
