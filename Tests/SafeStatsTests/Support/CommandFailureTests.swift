import Testing
@testable import SafeStats

/// How a command exits when the library fails: each documented kind of failure keeps its status,
/// and an error of no known kind is an internal error (70), never 1 ("verification failed").
@Suite struct CommandFailureTests {
    /// An error the command line does not know, whose description holds a value.
    struct Unexpected: Error, CustomStringConvertible {
        var description: String { "SYNTHETIC-NAME-CANARY" }
    }

    @Test func anUnknownErrorIsAnInternalErrorThatNamesItsKindOnly() {
        let failure = CommandFailure(Unexpected())
        #expect(failure.status == .internalError && failure.status.rawValue == 70)
        #expect(failure.message == "internal error (please report it): Unexpected")
        #expect(!failure.message.contains("CANARY"))
    }

    @Test func documentedFailuresKeepTheirStatus() {
        #expect(CommandFailure(ProtectedRelease.Failure.auditFailed(narrow: 1, smallPublished: 0)).status == .verificationFailed)
        #expect(CommandFailure(ExportFailure.protection(.keptSmall("greta/victims"))).status == .verificationFailed)
        #expect(CommandFailure(ExportFailure.keep("x is not a table")).status == .usage)
        #expect(CommandFailure(PseudonymisationError.invalidInput(problemCount: 3)).status == .dataError)
        #expect(CommandFailure(PseudonymisationError.invalidInput(problemCount: 3)).message == "the input is invalid (3 problems); nothing was written")
        #expect(CommandFailure(JobFailure.locked("the output is locked")).status == .ioError)
        #expect(CommandFailure(JobFailure.notProtected("narrow")).status == .verificationFailed)
        #expect(CommandFailure(PublishedRelease.Problem(message: "bad")).status == .dataError)
    }

    @Test func theSolverFailingIsAnInternalError() {
        let failure = CommandFailure(ExportFailure.protection(.suppression(.solver("GLPK returned GLP_EFAIL"))))
        #expect(failure.status == .internalError)
        #expect(failure.message.hasPrefix("internal error (please report it): the LP solver failed"))
    }
}
